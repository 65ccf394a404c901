// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;

/**
 * The four targets of the comparison (docs/ALGORITHMS.md &sect;5; spelled out in docs/RESULTS.md), checked by
 * {@link CompareSummary#targets()} on hand-made rows whose verdicts are known: the grid is bp and pam at 1x4 and 10x10,
 * both inits, k = 0..51, one seed, budget 100,000 (a failure is -1 below).
 */
class CompareSummaryTest {

    private static final long BUDGET = 100_000;

    private static final CompareGrid GRID = CompareGrid.of(List.of(LearningMode.BP, LearningMode.PAM),
            List.of(CompareGrid.Depth.of(4), CompareGrid.Depth.of(10, 10, 10, 10, 10, 10, 10, 10, 10, 10)),
            List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC), CompareGrid.etaIndices(1e-5, 1), 1);

    /** Returned by a row function for a run that is not in the file. */
    private static final long MISSING = Long.MIN_VALUE;

    /** One row per run; {@code steps} gives the steps to success of a run, -1 for a failure, or {@link #MISSING}. */
    private static List<CompareRow> rows(ToLongFunction<CompareGrid.Run> steps) {
        List<CompareRow> rows = new ArrayList<>();
        for (CompareGrid.Run run : GRID.runs()) {
            long s = steps.applyAsLong(run);
            if (s == MISSING) {
                continue;
            }
            rows.add(new CompareRow(run.rule().label(), run.depth().label(), run.init().label(), run.etaIndex(),
                    run.seed(), s < 0 ? BUDGET : s, s >= 0, run.runSeed(), BUDGET, 1.0, "builtin", "rows"));
        }
        return rows;
    }

    private static String line(String targets, String start) {
        for (String l : targets.split("\n")) {
            if (l.startsWith(start)) {
                return l;
            }
        }
        throw new AssertionError("no line starting with '" + start + "' in:\n" + targets);
    }

    @Test
    void theHeadlineShapeMeetsEveryTarget() {
        // BP: fails with the symmetric init; with the authors' it succeeds only for k >= 36 (eta >= 0.0308, 1.5
        // decades) in 20,000 steps. PaM: 1500 steps for every k <= 45 (eta <= 0.23, 4.4 decades), fails above.
        String t = CompareSummary.of(GRID, rows(run -> {
            if (run.rule() == LearningMode.BP) {
                return run.init() == NetworkInit.SYMMETRIC || run.etaIndex() < 36 ? -1 : 20_000;
            }
            return run.etaIndex() <= 45 ? 1500 : -1;
        })).targets();
        assertTrue(t.startsWith("Targets at 10x10 hidden (the deepest shape here; the targets are stated at 10 hidden"
                + " layers):\n\n"), t);
        assertTrue(line(t, "- (i) symmetric").endsWith("4.4 decades (target >= 3); BP fails or needs >= 10x PaM's"
                + " steps at 52 of 52 etas: met"), t);
        assertTrue(line(t, "- (ii) authors").contains("BP/PaM >= 10 at 21 of 21 etas <= 1e-3"), t);
        assertTrue(line(t, "- (ii) authors").endsWith(": met"), t);
        assertTrue(line(t, "- (iii) authors").endsWith("PaM's range 4.4 decades, BP's 1.5 decades: met"), t);
        assertTrue(line(t, "- (iii) symmetric").endsWith("BP's none: met"), t);
        assertTrue(line(t, "- (iv) authors").endsWith("PaM 1500 steps, BP 20000 steps: met, PaM ahead"), t);
        assertTrue(line(t, "- (iv) symmetric").endsWith("PaM 1500 steps, BP never succeeds: met, PaM ahead"), t);
    }

    @Test
    void aFlooredPamAndABroadBpMissTargetsAndSayWhy() {
        // Both rules succeed everywhere; BP needs 5000 steps at k = 20 (eta 8.7e-4) and 1001 for k >= 21, 50,000
        // below; PaM sits on the floor (1001) everywhere.
        String t = CompareSummary.of(GRID, rows(run -> {
            if (run.rule() == LearningMode.PAM) {
                return 1001;
            }
            return run.etaIndex() < 20 ? 50_000 : run.etaIndex() == 20 ? 5000 : 1001;
        })).targets();
        assertTrue(line(t, "- (i) symmetric").endsWith("at 20 of 52 etas: NOT met"), t);
        assertEquals("- (ii) authors init: BP/PaM >= 10 at 20 of 21 etas <= 1e-3 (smallest 5.00 at eta 0.000867, BP"
                + " 5000 vs PaM 1001 steps); PaM is on the floor at 21 of them, where the ratio cannot exceed BP's"
                + " steps / 1001: NOT met", line(t, "- (ii) authors"));
        assertTrue(line(t, "- (iii) authors").endsWith("NOT met (needs 1 decade more than BP's)"), t);
        assertTrue(line(t, "- (iv) authors").endsWith("PaM 1001 steps (floor), BP 1001 steps (floor): met, a tie"
                + " (both on the floor)"), t);
    }

    @Test
    void aNarrowPamRangeMissingRunsAndFloorsInEitherOrderAreJudgedAsTheyShould() {
        // PaM succeeds only for k = 30..45 (1.5 decades) and has no run at k = 0..9; BP fails everywhere with the
        // symmetric init; with the authors' init BP is on the floor (1001) and PaM at 1090, also on the floor.
        String t = CompareSummary.of(GRID, rows(run -> {
            if (run.rule() == LearningMode.PAM) {
                return run.etaIndex() < 10 ? MISSING : run.init() == NetworkInit.AUTHORS ? 1090
                        : run.etaIndex() >= 30 && run.etaIndex() <= 45 ? 5000 : -1;
            }
            return run.init() == NetworkInit.SYMMETRIC ? -1 : 1001;
        })).targets();
        assertTrue(line(t, "- (i) symmetric").endsWith("PaM succeeds over 1.5 decades (target >= 3); BP fails or needs"
                + " >= 10x PaM's steps at 42 of 42 etas: NOT met"), t);
        assertTrue(line(t, "- (iv) authors").endsWith("PaM 1090 steps (floor), BP 1001 steps (floor): met, a tie"
                + " (both on the floor)"), t);
        assertTrue(line(t, "- (iv) symmetric").endsWith("PaM 5000 steps, BP never succeeds: met, PaM ahead"), t);
    }

    @Test
    void withoutBpOrPamThereIsNothingToCheck() {
        CompareGrid pamOnly = CompareGrid.of(List.of(LearningMode.PAM), List.of(CompareGrid.Depth.of(4)),
                List.of(NetworkInit.AUTHORS), new int[] {0}, 1);
        assertEquals("Targets: need both bp and pam in --rules.\n", CompareSummary.of(pamOnly, List.of()).targets());
    }
}
