// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Engine;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.checkpoint.Checkpoints;

/**
 * {@code pamlearn replay --engine}: a generated model and log replayed on the ND4J engine give the plain engine's
 * weights and biases within {@value #TOLERANCE} of each layer's scale ({@code |a - b| <= 1e-12 * s}, {@code s} the
 * largest {@code |value|} of the layer in either network: the engines sum in another order). The default is the
 * plain engine, bit for bit; a bad engine name is a one-line usage error.
 */
class ReplayEngineTest {

    private static final double TOLERANCE = 1e-12;
    private static final int INPUTS = 12;
    private static final int OUTPUTS = 3;
    private static final int ROWS = 20;

    @TempDir
    Path dir;
    private Path model;
    private Path log;

    /**
     * A 12-24-9-3 network (tanh with bias, centred sigmoid, linear with bias: layers wider than the plain engine's
     * four-row blocks, with remainders) and a log of 20 rows with per-output errors, q and mod.
     */
    @BeforeAll
    static void oneNativeThread() {
        // Small matrices: one thread gives the same results and spares the busy waiting of ND4J's OpenMP threads.
        Engine.setNd4jThreads(1);
    }

    @BeforeEach
    void writeModelAndLog() throws IOException {
        Network network = Network.builder(INPUTS).init(WeightInits.symmetric(0.3)).seed(12)
                .layer(LayerSpec.of(24).withActivation(Activation.TANH).withBias(true))
                .layer(LayerSpec.of(9).withActivation(Activation.CENTERED_SIGMOID))
                .layer(LayerSpec.of(OUTPUTS).withActivation(Activation.LINEAR).withBias(true)).build();
        model = dir.resolve("model.json");
        Checkpoints.save(network, model);
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < INPUTS; i++) {
            s.append("in").append(i).append('\t');
        }
        s.append("err0\terr1\terr2\tq\tmod\n");
        for (int row = 0; row < ROWS; row++) {
            for (int i = 0; i < INPUTS + OUTPUTS; i++) {
                s.append(cell(random.nextDouble(-1.0, 1.0))).append('\t');
            }
            s.append(cell(random.nextDouble(0.0, 13.0))).append('\t').append(cell(random.nextDouble(0.0, 2.0)))
                    .append('\n');
        }
        log = Files.writeString(dir.resolve("log.tsv"), s.toString(), StandardCharsets.UTF_8);
    }

    private static String cell(double x) {
        return String.format(Locale.ROOT, "%.6f", x);
    }

    private CliRun replay(List<String> options, String... more) {
        List<String> args = new ArrayList<>(List.of("replay", "--model", model.toString(), "--log", log.toString()));
        args.addAll(options);
        args.addAll(Arrays.asList(more));
        return CliRun.of(args);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("bp", List.of("--rule", "bp", "--eta", "0.05")),
                Arguments.of("sar (mod column)", List.of("--rule", "sar", "--eta", "0.01")),
                Arguments.of("sar sign-only", List.of("--rule", "sar", "--eta", "0.01", "--sign-propagation",
                        "sign-only")),
                Arguments.of("pam (mod column)", List.of("--rule", "pam", "--eta", "0.01")),
                Arguments.of("pam error-rate and look-ahead cues",
                        List.of("--rule", "pam", "--eta", "0.01", "--cues", "error-rate,lookahead")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void nd4jReplaysToThePlainEnginesWeights(String name, List<String> options) throws IOException {
        List<String> rule = new ArrayList<>(options);
        if (name.equals("pam error-rate and look-ahead cues")) {
            // The same log without its mod column, so that the cues act.
            Files.writeString(log, Files.readString(log).replaceAll("\t[^\t\n]*\n", "\n"), StandardCharsets.UTF_8);
        }
        CliRun byDefault = replay(rule);
        CliRun plain = replay(rule, "--engine", "plain");
        CliRun nd4j = replay(rule, "--engine", "nd4j");
        CliRun nd4jDouble = replay(rule, "--engine", "nd4j-double");

        for (CliRun run : List.of(byDefault, plain, nd4j, nd4jDouble)) {
            assertEquals(0, run.exit(), name + ": exit code; stderr " + run.err());
        }
        assertEquals(byDefault.out(), plain.out(), name + ": the default is the plain engine, bit for bit");
        assertEquals(nd4j.out(), nd4jDouble.out(), name + ": nd4j is nd4j-double");
        assertTrue(nd4j.err().contains("(eta " + rule.get(3) + ") on the nd4j-double engine: weight distance"),
                name + ": summary " + nd4j.err());
        assertFalse(plain.err().contains("engine"), name + ": summary " + plain.err());
        Network initial = Checkpoints.load(model);
        Network onPlain = Checkpoints.fromJson(plain.out());
        Network onNd4j = Checkpoints.fromJson(nd4j.out());
        for (int l = 0; l < initial.layerCount(); l++) {
            double[] expected = parameters(onPlain, l);
            assertFalse(Arrays.equals(parameters(initial, l), expected), name + ": layer " + l + " learned");
            assertCloseToScale(expected, parameters(onNd4j, l), name + ", layer " + l);
        }
    }

    @Test
    void nd4jFloatReplaysInSinglePrecision() {
        List<String> bp = List.of("--rule", "bp", "--eta", "0.05");
        Network onPlain = Checkpoints.fromJson(replay(bp).out());
        CliRun run = replay(bp, "--engine", "nd4j-float");
        assertEquals(0, run.exit(), "exit code; stderr " + run.err());
        assertTrue(run.err().contains(" on the nd4j-float engine: "), run.err());
        Network onFloat = Checkpoints.fromJson(run.out());
        // Float rounding, not the same result: close to 1e-5 of the layer's scale, but not within 1e-12.
        boolean differs = false;
        for (int l = 0; l < onPlain.layerCount(); l++) {
            double[] expected = parameters(onPlain, l);
            double[] actual = parameters(onFloat, l);
            double scale = scale(expected, actual);
            for (int k = 0; k < expected.length; k++) {
                assertEquals(expected[k], actual[k], 1e-5 * scale, "layer " + l + " parameter " + k);
                differs |= Math.abs(expected[k] - actual[k]) > TOLERANCE * scale;
            }
        }
        assertTrue(differs, "float arithmetic shows");
    }

    @Test
    void aBadEngineIsAOneLineUsageError() {
        CliRun run = replay(List.of("--rule", "bp", "--eta", "0.1"), "--engine", "gpu");
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, "bad engine");
        assertEquals("pamlearn replay: invalid value for --engine: 'gpu'; expected one of plain, nd4j, nd4j-double,"
                + " nd4j-float", run.err().strip());
    }

    @Test
    void helpNamesTheEnginesAndThePlainDefault() {
        CliRun run = CliRun.of("replay", "--help");
        assertEquals(0, run.exit(), "exit code");
        assertTrue(run.out().contains("--engine=plain|nd4j|nd4j-double|nd4j-float"), run.out());
        assertTrue(run.out().contains("Default: plain"), run.out());
        assertTrue(run.out().contains("--engine nd4j without ND4J"), "exit code 1: " + run.out());
    }

    /** A layer's weights, row-major, then its biases. */
    private static double[] parameters(Network network, int l) {
        double[] bias = network.bias(l);
        double[] p = new double[network.layerSize(l) * network.layerInputCount(l) + bias.length];
        double[][] w = network.weights(l);
        for (int j = 0; j < w.length; j++) {
            System.arraycopy(w[j], 0, p, j * w[j].length, w[j].length);
        }
        System.arraycopy(bias, 0, p, p.length - bias.length, bias.length);
        return p;
    }

    private static double scale(double[] a, double[] b) {
        double max = 0.0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.max(Math.abs(a[k]), Math.abs(b[k])));
        }
        return max;
    }

    private static void assertCloseToScale(double[] expected, double[] actual, String what) {
        double scale = scale(expected, actual);
        for (int k = 0; k < expected.length; k++) {
            if (!(Math.abs(expected[k] - actual[k]) <= TOLERANCE * scale)) {
                fail(what + ", parameter " + k + ": plain " + expected[k] + ", nd4j " + actual[k] + " (scale " + scale
                        + ")");
            }
        }
    }
}
