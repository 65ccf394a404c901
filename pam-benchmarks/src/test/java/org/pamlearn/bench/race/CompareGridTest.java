// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Tracks;

/** The grid order, the learning rates, the run seeds and the CSV row format. */
class CompareGridTest {

    @Test
    void theDefaultEtaGridIs83RatesFrom1eMinus5To884() {
        int[] ks = CompareGrid.etaIndices(1e-5, 1e3);
        assertEquals(83, ks.length, "k = 0..82");
        assertEquals(1e-5, CompareGrid.eta(ks[0]), 1e-20, "eta_0");
        assertEquals(884.34, CompareGrid.eta(ks[82]), 0.01, "eta_82 = 1e-5 * 1.25^82");
        assertTrue(CompareGrid.eta(83) > 1e3, "eta_83 lies above 1e3");
        assertArrayEquals(new int[] {20, 21}, CompareGrid.etaIndices(8e-4, 1.1e-3), "clipped");
        assertArrayEquals(new int[] {0}, CompareGrid.etaIndices(1e-5, 1e-5), "a bound on the grid is kept");
        assertEquals(0, CompareGrid.etaIndices(2e3, 3e3).length, "none above 1e3");
    }

    @Test
    void theOrderIsDepthInitRuleEtaSeed() {
        List<CompareGrid.Depth> depths = List.of(CompareGrid.Depth.of(4), CompareGrid.Depth.of(10, 10));
        CompareGrid grid = CompareGrid.of(List.of(LearningMode.BP, LearningMode.PAM), depths,
                List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC), new int[] {3, 7}, 2);
        assertEquals(2 * 2 * 2 * 2 * 2, grid.runs().size(), "size");
        CompareGrid.Run r = grid.runs().get(1);
        assertEquals(List.of(LearningMode.BP, "1x4", NetworkInit.AUTHORS, 3, 1),
                List.of(r.rule(), r.depth().label(), r.init(), r.etaIndex(), r.seed()), "second run");
        CompareGrid.Run last = grid.runs().get(31);
        assertEquals(List.of(LearningMode.PAM, "2x10", NetworkInit.SYMMETRIC, 7, 1),
                List.of(last.rule(), last.depth().label(), last.init(), last.etaIndex(), last.seed()), "last run");
        assertEquals("13-12-11", CompareGrid.Depth.of(13, 12, 11).label(), "non-uniform label");
    }

    @Test
    void seedsArePairedAcrossRulesAndEtasAndDistinctOtherwise() {
        List<CompareGrid.Depth> depths = List.of(CompareGrid.Depth.of(4), CompareGrid.Depth.of(10, 10));
        List<NetworkInit> inits = List.of(NetworkInit.values());
        CompareGrid grid = CompareGrid.of(List.of(LearningMode.values()), depths, inits, new int[] {0, 3, 7, 82}, 5);
        CompareSweep.Setting builtin = CompareSweep.Setting.of(Tracks.builtin(), "builtin", LookaheadSensors.ROWS,
                1.0, 1000);
        Map<String, Set<Long>> byPair = new HashMap<>();
        for (CompareGrid.Run run : grid.runs()) {
            byPair.computeIfAbsent(run.depth().label() + ',' + run.init() + ',' + run.seed(), x -> new HashSet<>())
                    .add(builtin.runSeed(run));
        }
        assertEquals(2 * inits.size() * 5, byPair.size(), "pairs");
        Set<Long> distinct = new HashSet<>();
        for (Map.Entry<String, Set<Long>> e : byPair.entrySet()) {
            assertEquals(1, e.getValue().size(), "one seed for every rule and eta at " + e.getKey());
            distinct.addAll(e.getValue());
        }
        assertEquals(byPair.size(), distinct.size(), "distinct seeds for distinct (depth, init, seed index)");

        CompareGrid.Run first = grid.runs().get(0);
        CompareSweep.Setting longer = CompareSweep.Setting.of(Tracks.builtin(), "builtin", LookaheadSensors.ROWS,
                1.0, 5000);
        assertEquals(builtin.runSeed(first), longer.runSeed(first), "the horizon does not change the seed");
        for (CompareSweep.Setting other : List.of(
                CompareSweep.Setting.of(Tracks.sharp(), "sharp", LookaheadSensors.ROWS, 1.0, 1000),
                CompareSweep.Setting.of(Tracks.builtin(), "builtin", LookaheadSensors.ROWS, 2.0, 1000),
                CompareSweep.Setting.of(Tracks.builtin(), "builtin", LookaheadSensors.CAMERA, 1.0, 1000))) {
            assertNotEquals(builtin.runSeed(first), other.runSeed(first), "another setting: " + other.seedKey());
        }
        assertNotEquals(CompareGrid.runSeed("s", "1x4", NetworkInit.AUTHORS, 0),
                CompareGrid.runSeed("s", "1x4", NetworkInit.SYMMETRIC, 0), "init");
    }

    @Test
    void rowsRoundTripAndMalformedLinesAreNamed() {
        CompareRow row = new CompareRow("pam", "10x10", "authors", 21, 2, 1234, true, -5L, 60_000, 1.0, "builtin",
                "rows", 60_000, OptionalLong.of(1500), true, 0.0096, 1.0 / 3, 1e-7, 500, 0.1, 10_000);
        assertEquals("pam,10x10,authors,0.0010842021724855044,2,1234,true,21,-5,60000,1.0,builtin,rows,60000,1500,true,"
                + "0.0096,0.3333333333333333,1.0E-7,500,0.1,10000", row.toCsv(), "format");
        assertEquals(row, CompareRow.parse(row.toCsv()), "round trip");
        assertEquals(1500, row.countedTRel(), "t_rel of a converged run");
        CompareRow diverged = new CompareRow("pam", "10x10", "authors", 60, 0, 1001, true, 7, 60_000, 2.5,
                "png:0123456789abcdef", "camera-4x6", 60_000, OptionalLong.of(55_000), false, 0.01, 0.02, 1e-3, 500,
                0.1, 10_000);
        assertEquals(diverged, CompareRow.parse(diverged.toCsv()), "round trip with speed 2.5");
        assertEquals(Long.MAX_VALUE, diverged.countedTRel(), "not converged: censored");
        assertTrue(diverged.fclThenDiverged(), "FCL's criterion met, not converged");
        // FCL then diverged needs FCL's success early enough to leave the hold (10,000 of 60,000 steps) after it.
        for (long fclSteps : new long[] {49_999, 50_000, 50_001, 55_000, 60_000}) {
            CompareRow met = new CompareRow("pam", "10x10", "authors", 60, 0, fclSteps, true, 7, 60_000, 1.0,
                    "builtin", "rows", 60_000, OptionalLong.empty(), false, 0.01, 0.02, 1e-3, 500, 0.1, 10_000);
            assertEquals(60_000 - fclSteps >= 10_000, met.fclThenDiverged(), "FCL met at " + fclSteps);
        }
        CompareRow none = new CompareRow("bp", "1x4", "symmetric", 0, 0, 60_000, false, 1, 60_000, 1.0, "builtin",
                "rows", 60_000, OptionalLong.empty(), false, 0.01, 0.01, 0.0, 500, 0.1, 10_000);
        assertTrue(none.toCsv().contains(",none,false,"), none.toCsv());
        assertEquals(none, CompareRow.parse(none.toCsv()), "round trip of t_rel none");
        assertEquals(60_000, none.countedSteps(), "FCL's steps: a failure counts as the steps run");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompareRow.parse("pam,10x10,authors,0.001,2,12"));
        assertTrue(e.getMessage().contains("expected 22 columns, got 6"), e.getMessage());
        String good = row.toCsv();
        e = assertThrows(IllegalArgumentException.class, () -> CompareRow.parse(good.replace(",true,21,", ",yes,21,")));
        assertTrue(e.getMessage().contains("success must be true or false, got 'yes'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CompareRow.parse(good.replace(",1.0,builtin,",
                ",NaN,builtin,")));
        assertTrue(e.getMessage().contains("speed must be finite and > 0, got 'NaN'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CompareRow.parse(none.toCsv().replace(",none,false,",
                ",none,true,")));
        assertTrue(e.getMessage().contains("converged=true needs a t_rel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CompareRow.parse(good.replace(",1500,true,",
                ",1500,false,")));
        assertTrue(e.getMessage().contains("converged=false contradicts t_rel 1500, horizon 60000 and hold 10000"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CompareRow.parse(good.replace(",1500,true,",
                ",15x00,true,")));
        assertTrue(e.getMessage().contains("bad number"), e.getMessage());
    }
}
