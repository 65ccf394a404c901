// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;

/** The grid order, the learning rates, the run seeds and the CSV row format. */
class CompareGridTest {

    @Test
    void theDefaultEtaGridIs52RatesFrom1eMinus5To1() {
        int[] ks = CompareGrid.etaIndices(1e-5, 1);
        assertEquals(52, ks.length, "k = 0..51");
        assertEquals(1e-5, CompareGrid.eta(ks[0]), 1e-20, "eta_0");
        assertEquals(0.87581, CompareGrid.eta(ks[51]), 1e-5, "eta_51 = 1e-5 * 1.25^51");
        assertArrayEquals(new int[] {20, 21}, CompareGrid.etaIndices(8e-4, 1.1e-3), "clipped");
        assertArrayEquals(new int[] {0}, CompareGrid.etaIndices(1e-5, 1e-5), "a bound on the grid is kept");
        assertEquals(0, CompareGrid.etaIndices(2, 3).length, "none above 1");
    }

    @Test
    void theOrderIsDepthInitRuleEtaSeedAndTheRunSeedDependsOnlyOnThePoint() {
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
        CompareGrid small = CompareGrid.of(List.of(LearningMode.PAM), List.of(CompareGrid.Depth.of(10, 10)),
                List.of(NetworkInit.SYMMETRIC), new int[] {7}, 2);
        assertEquals(last.runSeed(), small.runs().get(1).runSeed(), "same point, same seed in another grid");
        Set<Long> seeds = new HashSet<>();
        for (CompareGrid.Run run : grid.runs()) {
            seeds.add(run.runSeed());
        }
        assertEquals(32, seeds.size(), "distinct seeds");
        assertNotEquals(CompareGrid.runSeed(LearningMode.BP, "1x4", NetworkInit.AUTHORS, 3, 0),
                CompareGrid.runSeed(LearningMode.BP, "1x4", NetworkInit.AUTHORS, 0, 3),
                "k and seed are not interchangeable");
        assertEquals("13-12-11", CompareGrid.Depth.of(13, 12, 11).label(), "non-uniform label");
    }

    @Test
    void rowsRoundTripAndMalformedLinesAreNamed() {
        CompareRow row = new CompareRow("pam", "10x10", "authors", 21, 2, 1234, true, -5L, 200_000, 1.0, "builtin",
                "rows");
        assertEquals("pam,10x10,authors,0.00108420,2,1234,true,21,-5,200000,1.0,builtin,rows", row.toCsv(), "format");
        assertEquals(row, CompareRow.parse(row.toCsv()), "round trip");
        assertEquals(200_000, new CompareRow("bp", "1x4", "authors", 0, 0, 150, false, 1, 200_000, 2.5, "sharp",
                "camera").countedSteps(), "a failure counts as the budget");
        CompareRow fast = new CompareRow("sar", "1x4", "symmetric", 3, 1, 9, true, 7, 100, 2.5,
                "png:0123456789abcdef", "rows");
        assertEquals(fast, CompareRow.parse(fast.toCsv()), "round trip with speed 2.5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompareRow.parse("pam,10x10,authors,0.001,2,12"));
        assertTrue(e.getMessage().contains("expected 13 columns, got 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CompareRow.parse("pam,10x10,authors,0.001,2,1234,yes,21,-5,200000,1.0,builtin,rows"));
        assertTrue(e.getMessage().contains("success must be true or false, got 'yes'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CompareRow.parse("pam,10x10,authors,0.001,2,1234,true,21,-5,200000,NaN,builtin,rows"));
        assertTrue(e.getMessage().contains("speed must be finite and > 0, got 'NaN'"), e.getMessage());
    }
}
