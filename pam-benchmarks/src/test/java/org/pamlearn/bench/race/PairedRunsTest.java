// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.core.Network;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.LearningTime;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LineFollowerRun;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Tracks;

/**
 * The race is fair by construction: at one seed index every rule and learning rate starts from the same weights, meets
 * the same motor noise and shares the reflex-only run; and each row is reproduced by a run of its own, from its
 * {@code run_seed} alone.
 */
class PairedRunsTest {

    private static final long HORIZON = 3000;

    @Test
    void rowsArePairedAndEachIsReproducedFromItsRunSeed(@TempDir Path dir) throws IOException,
            InterruptedException {
        CompareGrid grid = CompareGrid.of(List.of(LearningMode.BP, LearningMode.SAR, LearningMode.PAM),
                List.of(CompareGrid.Depth.of(4, 4)), List.of(NetworkInit.AUTHORS, NetworkInit.GLOROT),
                new int[] {21, 40}, 2);
        CompareSweep.Setting setting = CompareSweep.Setting.of(Tracks.sharp(), "sharp", LookaheadSensors.ROWS, 2.0,
                HORIZON);
        List<CompareRow> rows = new CompareSweep(grid, setting, 2, 0, 1).run(dir.resolve("compare.csv"), null)
                .rows();
        assertEquals(grid.runs().size(), rows.size(), "every run");

        Map<String, CompareRow> firstOfPair = new HashMap<>();
        for (CompareRow row : rows) {
            String pair = row.depth() + ',' + row.init() + ',' + row.seed();
            CompareRow first = firstOfPair.putIfAbsent(pair, row);
            if (first != null) {
                assertEquals(first.runSeed(), row.runSeed(), "one seed per pair: " + row.key());
                assertEquals(first.reflexAbsE(), row.reflexAbsE(), "one reflex-only run per pair: " + row.key());
            }
            LineFollowerRun.Builder again = LineFollowerRun.builder().rule(LearningMode.valueOf(row.rule()
                    .toUpperCase(java.util.Locale.ROOT))).eta(row.eta()).hidden(4, 4).init(NetworkInit.valueOf(
                    row.init().toUpperCase(java.util.Locale.ROOT))).seed(row.runSeed()).track(Tracks.sharp())
                    .speed(2.0).horizon(HORIZON);
            LineFollowerRun.Result r = again.build().run();
            LearningTime t = r.learningTime();
            assertEquals(List.of(row.steps(), row.success(), row.tRel(), row.converged(), row.reflexAbsE(),
                    row.finalAbsE(), row.firstLayerDw()), List.of(r.steps(), r.success(), t.tRel(), t.converged(),
                    t.reflexAbsE(), t.finalAbsE(), r.firstLayerStep()), "reproduced from run_seed: " + row.key());
        }
        assertEquals(2 * 2, firstOfPair.size(), "pairs: 2 inits x 2 seeds");

        for (CompareRow row : firstOfPair.values()) {
            // R recomputed here from the reflex-only run's errors.
            LineFollowerRun.Result reflex = LineFollowerRun.builder().rule(LearningMode.NONE).seed(row.runSeed())
                    .track(Tracks.sharp()).speed(2.0).maxSteps(HORIZON).build().run();
            double sum = 0;
            for (double e : reflex.trace().error()) {
                sum += Math.abs(e);
            }
            assertEquals(HORIZON, reflex.trace().steps(), "the reflex-only run never succeeds or stops early");
            assertEquals(sum / HORIZON, row.reflexAbsE(), 0.0, "R of " + row.key());
            Network bp = start(LearningMode.BP, row);
            Network pam = start(LearningMode.PAM, row);
            for (int l = 0; l < bp.layerCount(); l++) {
                assertArrayEquals(flat(bp, l), flat(pam, l), "same initial weights for BP and PaM: " + row.key());
            }
        }
    }

    private static Network start(LearningMode rule, CompareRow row) {
        return LineFollowerRun.builder().rule(rule).hidden(4, 4).init(NetworkInit.valueOf(row.init().toUpperCase(
                java.util.Locale.ROOT))).seed(row.runSeed()).initialNetwork();
    }

    private static double[] flat(Network n, int layer) {
        double[] w = new double[n.layerSize(layer) * n.layerInputCount(layer)];
        n.copyWeightsInto(layer, w);
        return w;
    }
}
