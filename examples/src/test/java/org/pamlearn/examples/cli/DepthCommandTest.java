// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.bench.depth.DepthStudy;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.NetworkInit;

/**
 * {@code pamlearn depth}: a tiny run's CSV and PNG, the sign rules' invariant {@code |dw|/|A| = eta * M}, BP's
 * vanishing delta with the symmetric initialisation, and one-line usage errors.
 */
class DepthCommandTest {

    @TempDir
    Path dir;

    @Test
    void aTinyRunWritesTheCsvAndThePlot() throws IOException {
        CliRun run = CliRun.of("depth", "--depths", "1,3", "--samples", "5", "--session-steps", "300", "--out",
                dir.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> lines = Files.readAllLines(dir.resolve("depth.csv"), StandardCharsets.UTF_8);
        assertEquals("source,init,depth,layer,rule,meanAbsDelta,meanAbsDwPerInput,measuredAbsDwPerInput",
                lines.get(0));
        // 2 sources x 2 inits x 3 rules x ((1 + 1) + (3 + 1)) layers
        assertEquals(2 * 2 * 3 * 6, lines.size() - 1, "rows");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(8, f.length, line);
            assertEquals(f[4].equals("bp"), !f[5].isEmpty(), "meanAbsDelta only for bp: " + line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("session,symmetric,3,3,pam,")), "session rows");
        byte[] png = Files.readAllBytes(dir.resolve("depth.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "PNG magic");
        assertTrue(run.out().contains("symmetric init, BP first-layer mean |delta|"), run.out());
    }

    /** A long grid ran for minutes in silence: the command now says up front what it writes and counts its progress. */
    @Test
    void saysWhatItWritesAndShowsItsProgress() {
        CliRun run = CliRun.of("depth", "--depths", "1,3", "--samples", "5", "--session-steps", "300", "--out",
                dir.toString());
        assertEquals(0, run.exit(), run.err());
        List<String> err = run.err().lines().toList();
        assertEquals("depth: 8 network shapes (2 depths x 2 inits x 2 sources); writing " + dir.resolve("depth.csv")
                + " as it goes, " + dir.resolve("depth.png") + " at the end", err.get(0));
        for (int k = 1; k <= 8; k++) {
            assertTrue(err.get(k).startsWith("networks " + k + "/8  networks/s "), err.get(k));
        }
        assertEquals("wrote " + dir.resolve("depth.csv") + ", " + dir.resolve("depth.png"), err.get(9));
        assertEquals(10, err.size(), run.err());
    }

    /** Sign rules: |dw|/|A| is eta * |E| at every layer and depth, and the weight differences agree. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void signRulesStepEtaTimesMPerUnitInput(long seed) {
        DepthStudy.Samples samples = DepthStudy.randomSamples(4, DepthStudy.RANDOM_INPUTS, 0.1, seed);
        List<DepthStudy.Row> rows = DepthStudy.measure(DepthStudy.Source.RANDOM, samples,
                List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC), new int[] {1, 3, 20}, seed);
        double expected = DepthStudy.ETA * 0.1;
        for (DepthStudy.Row r : rows) {
            if (Double.isNaN(r.meanAbsDwPerInput())) {
                // Every input of the layer is exactly 0: with the symmetric init the forward signal shrinks ~20-fold
                // per layer and the centred sigmoid 1/(1+e^-v) - 0.5 rounds |v| < ~1e-16 to 0 (depth 20, layer >= 13).
                assertTrue(r.init() == NetworkInit.SYMMETRIC && r.layer() >= 8, "seed " + seed + ": " + r);
                continue;
            }
            if (r.rule() != LearningRules.Name.BP) {
                assertEquals(expected, r.meanAbsDwPerInput(), 1e-12 * expected, "seed " + seed + ": " + r);
            }
            if (r.depth() <= 3) {
                // Shallow: the steps are far above the weights' ulp, so weight differences show the same step.
                assertEquals(r.meanAbsDwPerInput(), r.measuredAbsDwPerInput(), 1e-4 * r.meanAbsDwPerInput(),
                        "seed " + seed + ": measured " + r);
            }
        }
    }

    @Test
    void bpFirstLayerDeltaVanishesWithDepthUnderTheSymmetricInit() {
        long seed = 7;
        DepthStudy.Samples samples = DepthStudy.randomSamples(20, DepthStudy.RANDOM_INPUTS, 0.1, seed);
        List<DepthStudy.Row> rows = DepthStudy.measure(DepthStudy.Source.RANDOM, samples,
                List.of(NetworkInit.SYMMETRIC), new int[] {1, 10}, seed);
        double d1 = Double.NaN;
        double d10 = Double.NaN;
        for (DepthStudy.Row r : rows) {
            if (r.rule() == LearningRules.Name.BP && r.layer() == 0) {
                if (r.depth() == 1) {
                    d1 = r.meanAbsDelta();
                } else {
                    d10 = r.meanAbsDelta();
                }
            }
        }
        assertTrue(d10 < 1e-6 * d1, "seed " + seed + ": depth 10 " + d10 + " vs depth 1 " + d1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--depths=0", "--depths=3-1", "--depths=x", "--depths=1-201", "--samples=0",
        "--session-steps=-1"})
    void badOptionsAreOneLineUsageErrors(String option) {
        CliRun run = CliRun.of("depth", option, "--out", dir.toString());
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, option);
        assertTrue(run.err().startsWith("pamlearn depth: "), run.err());
    }

    @Test
    void outIsRequired() {
        CliRun.of("depth").assertOneLineError(PamlearnCommand.EXIT_USAGE, "no --out");
    }
}
