// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pamlearn.bench.race.SummaryRows.NOT;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;

/**
 * The summary of hand-built rows whose numbers are worked out here by hand (eta_k = 1e-5 * 1.25^k: k = 20..23 are
 * 0.000867, 0.00108, 0.00136, 0.00169; W = 500; a run that did not converge has t_rel > 50000). With 3 seeds the
 * bootstrap's ends are the smallest and largest value: each has probability 7/27 of being a resample's median, far
 * above 2.5%.
 */
class CompareSummaryTest {

    private static final String BP = "bp";
    private static final String PAM = "pam";
    private static final String DEEP = "10x10";
    private static final String AUTHORS = "authors";

    private static CompareGrid grid(int seeds, int... ks) {
        return CompareGrid.of(List.of(LearningMode.BP, LearningMode.PAM),
                List.of(CompareGrid.Depth.of(4), CompareGrid.Depth.of(10, 10, 10, 10, 10, 10, 10, 10, 10, 10)),
                List.of(NetworkInit.AUTHORS), ks, seeds);
    }

    private static CompareSummary summary(CompareGrid grid, SummaryRows rows) {
        return CompareSummary.of(grid, SummaryRows.SETTING, rows.rows());
    }

    /**
     * BP: k=20 never converges (every run met FCL's criterion: 3 diverged), k=21 {3000, 9000, >}: 9000, k=22 {4000,
     * 6000, 2000}: 4000 (best), k=23 {5000, 1000, >} 5000 (all met FCL's criterion: 1 more diverged). PaM: k=20
     * {1000, 1500, 500}: 1000 (best, the grid's smallest eta), k=21 {2000, 2500, 3000}: 2500, k=22 {>, >, 100}, k=23
     * none converges.
     */
    private static SummaryRows handBuilt() {
        return new SummaryRows()
                .add(BP, DEEP, AUTHORS, 20, true, 1e-6, NOT, NOT, NOT)
                .add(BP, DEEP, AUTHORS, 21, false, 1e-6, 3000, NOT, 9000)
                .add(BP, DEEP, AUTHORS, 22, 4000, 6000, 2000)
                .add(BP, DEEP, AUTHORS, 23, true, 1e-6, 5000, 1000, NOT)
                .add(PAM, DEEP, AUTHORS, 20, true, 1e-3, 1000, 1500, 500)
                .add(PAM, DEEP, AUTHORS, 21, false, 9e-4, 2000, 2500, 3000)
                .add(PAM, DEEP, AUTHORS, 22, NOT, NOT, 100)
                .add(PAM, DEEP, AUTHORS, 23, NOT, NOT, NOT);
    }

    /** The part of a summary about the deep shape (the shallow one, first, has no rows). */
    private static String deep(String md) {
        return md.substring(md.indexOf("### 10x10 hidden"));
    }

    private static String line(String text, String start) {
        for (String l : text.split("\n")) {
            if (l.startsWith(start)) {
                return l;
            }
        }
        throw new AssertionError("no line starting with '" + start + "' in:\n" + text);
    }

    @Test
    void handBuiltRowsGiveTheNumbersWorkedOutByHand() {
        CompareGrid grid = grid(3, 20, 21, 22, 23);
        List<CompareRow> rows = handBuilt().rows();
        CompareSummary s = CompareSummary.of(grid, SummaryRows.SETTING, rows);
        String md = s.markdown(true);
        assertEquals("| rule | best eta | median t_rel [95% CI] | converged at best eta | converged, all etas"
                + " | eta range, most seeds converge | FCL median steps at best eta | FCL met by step 50000, then"
                + " diverged |",
                line(deep(md), "| rule |"));
        // BP: best 0.00136, median 4000 [2000, 6000], 3/3; converged 0+2+3+2 = 7 of 12; majority at k = 21..23:
        // log10(1.25^2) = 0.19 decades; FCL 60000 at best (not met); diverged: 3 at k = 20 and 1 at k = 23.
        assertEquals("| bp | 0.00136 | 4000 [2000, 6000] | 3/3 | 7/12 (58%) | 0.00108 .. 0.00169 (0.2 decades; 3 of 3"
                + " etas) | 60000 | 4 (0 at best eta), eta 0.000867 .. 0.00169 |", line(deep(md), "| bp |"));
        // PaM: best 0.000867, 1000 [500, 1500], 3/3; converged 3+3+1+0 = 7 of 12; majority at k = 20..21: 0.1
        // decades; FCL met at 1001 at best; no run diverged after FCL (its FCL runs all converged).
        assertEquals("| pam | 0.000867 | 1000 [500, 1500] | 3/3 | 7/12 (58%) | 0.000867 .. 0.00108 (0.1 decades; 2 of 2"
                + " etas) | 1001 | 0 |", line(deep(md), "| pam |"));
        // Paired T = t_rel + 500: BP at k = 22 {4500, 6500, 2500}, PaM at k = 20 {1500, 2000, 1000}: ratios {3,
        // 3.25, 2.5}, median 3, interval [2.5, 3.25].
        assertTrue(md.contains("BP/PaM: paired BP/PaM ratio of T = t_rel + W at own best etas (bp 0.00136, pam"
                + " 0.000867): median 3.00 [2.50, 3.25] over 3 seeds (bounds: 0 where BP did not converge, 0 where PaM"
                + " did not; left out: 0 where neither converged)."), md);
        // Per eta: BP at k = 21 {3000, 9000, >50000}: 9000, interval [3000, > 50000]; PaM at k = 22 {>, >, 100}:
        // > 50000 with [100, > 50000]; at k = 21 BP/PaM of median T = 9500 / 3000 = 3.17, |dw| 9e-4 / 1e-6 = 900.
        assertEquals("| 0.00108 | 9000 [3000, > 50000] | 2/3 | 2500 [2000, 3000] | 3/3 | 3.17 | 900 |",
                line(deep(md), "| 0.00108 |"));
        assertEquals("| 0.00136 | 4000 [2000, 6000] | 3/3 | > 50000 [100, > 50000] | 1/3 | <= 0.0891 | 1.00 |",
                line(deep(md), "| 0.00136 |"));
        assertEquals("| 0.000867 | > 50000 [> 50000, > 50000] | 0/3 | 1000 [500, 1500] | 3/3 | >= 33.7 | 1.00e+03 |",
                line(deep(md), "| 0.000867 |"));
        // The grid's smallest eta is PaM's best: a warning; BP's best is inside the grid.
        assertEquals("warning: pam's best eta (0.000867) is the grid's smallest at 10x10/authors: widen --eta-min\n",
                s.warnings());
        String claims = s.claims();
        assertTrue(claims.startsWith("Claims at 10x10 hidden (the deepest shape here; the papers state them at 10"
                + " hidden layers):\n\n"), claims);
        assertTrue(line(claims, "- (a)").endsWith("median 3.00 [2.50, 3.25] over 3 seeds (bounds: 0 where BP did not"
                + " converge, 0 where PaM did not; left out: 0 where neither converged); at equal eta 0.00108 BP/PaM of"
                + " median T 3.17 next to PaM/BP mean first-layer |dw| per step 900: PaM ahead"), claims);
        assertEquals("- (b) PaM learns where BP's gradient vanishes, authors init: BP converges on most seeds at 3 of 4"
                + " etas, PaM at 2: both learn", line(claims, "- (b)"));
        assertEquals("- (c) PaM learns over a wider eta range, authors init: PaM 0.1 decades (0.000867 .. 0.00108), BP"
                + " 0.2 decades (0.00108 .. 0.00169): BP wider", line(claims, "- (c)"));
        // The shallow shape has no rows: its rules have no best eta.
        assertTrue(md.contains("### 1x4 hidden, authors init\n"), md);
        assertTrue(md.contains("### 1x4 hidden, authors init\n\n| rule |"), md);
        assertEquals("BP/PaM: no paired ratio: neither bp nor pam converges on most seeds at any eta.",
                line(md.substring(md.indexOf("### 1x4 hidden")), "BP/PaM:"));
        assertEquals(md, CompareSummary.of(grid, SummaryRows.SETTING, rows).markdown(true), "deterministic");
    }

    @Test
    void mediansOfCensoredRunsAreBoundsExactlyWhenMostSeedsDidNotConverge() {
        // 4 seeds: {1000, 2000, >, >}: the middle two are 2000 and > 50000, so the median is > (2000 + 50000) / 2;
        // {1000, 2000, 3000, >}: 2500; {>, >, >, >}: > 50000.
        CompareGrid grid = grid(4, 20, 21, 22);
        String md = summary(grid, new SummaryRows().add(BP, DEEP, AUTHORS, 20, 1000, 2000, NOT, NOT)
                .add(BP, DEEP, AUTHORS, 21, 1000, 2000, 3000, NOT).add(BP, DEEP, AUTHORS, 22, NOT, NOT, NOT, NOT))
                .markdown(true);
        assertTrue(line(deep(md), "| 0.000867 |").startsWith("| 0.000867 | > 26000 ["), md);
        assertTrue(line(deep(md), "| 0.00108 |").startsWith("| 0.00108 | 2500 ["), md);
        assertTrue(line(deep(md), "| 0.00136 |").startsWith("| 0.00136 | > 50000 [> 50000, > 50000] | 0/4 |"), md);
        // Only k = 21 has a majority: the best eta, at neither edge (no warning), a range of 0 decades.
        assertTrue(line(deep(md), "| bp |").startsWith("| bp | 0.00108 | 2500 ["), md);
        assertTrue(line(deep(md), "| bp |").contains("| 0.00108 .. 0.00108 (0.0 decades; 1 of 1 etas) |"), md);
        assertEquals("", summary(grid, new SummaryRows().add(BP, DEEP, AUTHORS, 21, 1000, 2000, 3000, NOT))
                .warnings());
    }

    @Test
    void aRuleThatNeverConvergesHasNoBestEtaAndTheClaimsSaySo() {
        CompareGrid grid = grid(3, 20, 21);
        CompareSummary s = summary(grid, new SummaryRows().add(BP, DEEP, AUTHORS, 20, NOT, NOT, NOT)
                .add(BP, DEEP, AUTHORS, 21, NOT, NOT, 700).add(PAM, DEEP, AUTHORS, 20, 100, 200, 300)
                .add(PAM, DEEP, AUTHORS, 21, 100, 200, 300));
        String md = s.markdown(false);
        assertEquals("| bp | none | - | - | 1/6 (17%) | none | - | 0 |", line(deep(md), "| bp |"));
        assertFalse(md.contains("| eta |"), "no per-eta table on request");
        String claims = s.claims();
        assertTrue(line(claims, "- (a)").startsWith("- (a) PaM learns faster than BP, authors init: no paired ratio:"
                + " bp converges on most seeds at no eta;"), claims);
        assertTrue(line(claims, "- (a)").endsWith(": PaM ahead"), claims);
        assertTrue(line(claims, "- (b)").endsWith("BP converges on most seeds at 0 of 2 etas, PaM at 2: PaM learns, BP"
                + " does not"), claims);
        assertTrue(line(claims, "- (c)").endsWith("PaM 0.1 decades (0.000867 .. 0.00108), BP none: PaM wider"),
                claims);
        // PaM's medians tie (200 at both etas, 3/3 each): the smaller eta is its best, the grid's smallest.
        assertEquals("warning: pam's best eta (0.000867) is the grid's smallest at 10x10/authors: widen --eta-min\n",
                s.warnings());
    }

    /**
     * A grid of three rates from k = first: the best at its first or last rate gets a warning, which says to widen
     * the option when the grid was clipped by it, and that the grid can go no further at k = 0 and k = 82 (eta 1e-5
     * and 884, the ends of every grid).
     */
    @ParameterizedTest(name = "k = {0}..")
    @ValueSource(ints = {0, 20, 80})
    void theEdgeWarningAppearsIffTheBestEtaIsTheFirstOrLastOfTheGrid(int first) {
        CompareGrid grid = grid(1, first, first + 1, first + 2);
        for (int best = first; best <= first + 2; best++) {
            SummaryRows rows = new SummaryRows();
            for (int k = first; k <= first + 2; k++) {
                rows.add(BP, DEEP, AUTHORS, k, k == best ? 1000 : 2000);
            }
            String w = summary(grid, rows).warnings();
            String eta = String.format(Locale.ROOT, "%.3g", 1e-5 * Math.pow(1.25, best));
            String expected = "warning: bp's best eta (" + eta + ") is ";
            if (best == 0) {
                expected += "the smallest the grid has (its limit) at 10x10/authors: the best may lie below it\n";
            } else if (best == first) {
                expected += "the grid's smallest at 10x10/authors: widen --eta-min\n";
            } else if (best == 82) {
                expected += "the largest the grid has (its limit) at 10x10/authors: the best may lie above it\n";
            } else if (best == first + 2) {
                expected += "the grid's largest at 10x10/authors: widen --eta-max\n";
            } else {
                expected = "";
            }
            assertEquals(expected, w, "best at k = " + best);
        }
    }

    /**
     * FCL then diverged counts only runs that met FCL's criterion by step N - hold = 50,000 (so they had the hold to
     * prove themselves) and did not converge. BP: k=20 {>, >, >} met FCL at 55,000 (too late to converge: none
     * counted), k=21 {1000, 2000, 3000} met it at 1001 (best, 2000 [1000, 3000]), k=22 {>, 5000, 6000} met it at
     * 50,000 exactly (the seed that did not converge counts).
     */
    @Test
    void fclThenDivergedCountsOnlyRunsThatMetFclWithTheHoldLeft() {
        CompareGrid grid = grid(3, 20, 21, 22);
        String md = summary(grid, new SummaryRows().addFclMetAt(BP, DEEP, AUTHORS, 20, 55_000, NOT, NOT, NOT)
                .addFclMetAt(BP, DEEP, AUTHORS, 21, 1001, 1000, 2000, 3000)
                .addFclMetAt(BP, DEEP, AUTHORS, 22, 50_000, NOT, 5000, 6000)).markdown(false);
        assertEquals("| bp | 0.00108 | 2000 [1000, 3000] | 3/3 | 5/9 (56%) | 0.00108 .. 0.00136 (0.1 decades; 2 of 2"
                + " etas) | 1001 | 1 (0 at best eta), eta 0.00136 |", line(deep(md), "| bp |"));
    }

    @Test
    void whenNeitherRuleConvergesTheRatioAndTheClaimsNameBoth() {
        CompareGrid grid = grid(3, 20, 21);
        CompareSummary s = summary(grid, new SummaryRows().add(BP, DEEP, AUTHORS, 20, NOT, NOT, 700)
                .add(BP, DEEP, AUTHORS, 21, NOT, NOT, NOT).add(PAM, DEEP, AUTHORS, 20, NOT, 100, NOT)
                .add(PAM, DEEP, AUTHORS, 21, NOT, NOT, NOT));
        assertEquals("BP/PaM: no paired ratio: neither bp nor pam converges on most seeds at any eta.",
                line(deep(s.markdown(false)), "BP/PaM:"));
        String claims = s.claims();
        assertTrue(line(claims, "- (a)").startsWith("- (a) PaM learns faster than BP, authors init: no paired ratio:"
                + " neither bp nor pam converges on most seeds at any eta;"), claims);
        assertTrue(line(claims, "- (a)").endsWith(": neither converges"), claims);
        assertEquals("- (b) PaM learns where BP's gradient vanishes, authors init: BP converges on most seeds at 0 of 2"
                + " etas, PaM at 0: neither learns", line(claims, "- (b)"));
        assertEquals("- (c) PaM learns over a wider eta range, authors init: neither converges on most seeds at any"
                + " eta: no range to compare", line(claims, "- (c)"));
    }

    /**
     * Two shapes of 10 hidden layers, 10x10 and 13-12-...-4: the claims are judged at both, each line naming its
     * shape. At 10x10 BP converges at k = 20 only, PaM at k = 20 and 21; at 13-12-...-4 the other way round.
     */
    @Test
    void everyShapeWithTheMostLayersGetsItsClaims() {
        CompareGrid.Depth tapered = CompareGrid.Depth.of(13, 12, 11, 10, 9, 8, 7, 6, 5, 4);
        CompareGrid grid = CompareGrid.of(List.of(LearningMode.BP, LearningMode.PAM), List.of(CompareGrid.Depth.of(4),
                CompareGrid.Depth.of(10, 10, 10, 10, 10, 10, 10, 10, 10, 10), tapered), List.of(NetworkInit.AUTHORS),
                new int[] {20, 21}, 1);
        String t = tapered.label();
        CompareSummary s = summary(grid, new SummaryRows().add(BP, DEEP, AUTHORS, 20, 1000)
                .add(BP, DEEP, AUTHORS, 21, NOT).add(PAM, DEEP, AUTHORS, 20, 1000).add(PAM, DEEP, AUTHORS, 21, 1000)
                .add(BP, t, AUTHORS, 20, 1000).add(BP, t, AUTHORS, 21, 1000).add(PAM, t, AUTHORS, 20, 1000)
                .add(PAM, t, AUTHORS, 21, NOT));
        String claims = s.claims();
        assertTrue(claims.startsWith("Claims at 10x10 and 13-12-11-10-9-8-7-6-5-4 hidden (the deepest shapes here, 10"
                + " hidden layers each; the papers state them at 10 hidden layers):\n\n"), claims);
        List<String> b = claims.lines().filter(l -> l.startsWith("- (b)")).toList();
        assertEquals(List.of("- (b) PaM learns where BP's gradient vanishes, 10x10 hidden, authors init: BP converges"
                + " on most seeds at 1 of 2 etas, PaM at 2: both learn", "- (b) PaM learns where BP's gradient"
                + " vanishes, 13-12-11-10-9-8-7-6-5-4 hidden, authors init: BP converges on most seeds at 2 of 2 etas,"
                + " PaM at 1: both learn"), b);
        assertEquals(List.of("- (a) PaM learns faster than BP, 10x10 hidden, authors init: ", "- (a) PaM learns faster"
                + " than BP, " + t + " hidden, authors init: "), claims.lines().filter(l -> l.startsWith("- (a)"))
                .map(l -> l.substring(0, l.indexOf("init: ") + 6)).toList(), claims);
        assertTrue(claims.contains("- (c) PaM learns over a wider eta range, 10x10 hidden, authors init: PaM 0.1"
                + " decades (0.000867 .. 0.00108), BP 0.0 decades (0.000867 .. 0.000867): PaM wider\n"), claims);
        assertTrue(claims.contains("- (c) PaM learns over a wider eta range, 13-12-11-10-9-8-7-6-5-4 hidden, authors"
                + " init: PaM 0.0 decades (0.000867 .. 0.000867), BP 0.1 decades (0.000867 .. 0.00108): BP wider\n"),
                claims);
    }

    @Test
    void theRatioIsPairedBySeedIndex() {
        // T = t_rel + 500. BP {1000, 2000, 8000}, PaM {4000, 500, 2000}: paired ratios {0.25, 4, 4}, median 4;
        // unpaired, the ratio of medians is 2000 / 2000 = 1 and sorted pairs give {2, 1, 2}, median 2.
        CompareGrid grid = grid(3, 20, 21, 22);
        String md = summary(grid, new SummaryRows().add(BP, DEEP, AUTHORS, 21, 500, 1500, 7500)
                .add(PAM, DEEP, AUTHORS, 21, 3500, 0, 1500)).markdown(false);
        assertTrue(md.contains("(bp 0.00108, pam 0.00108): median 4.00 [0.250, 4.00] over 3 seeds"), md);
    }

    @Test
    void censoredRunsMakeThePairedRatiosBoundsOrUndefined() {
        // T: BP {1000, 2000, >50500, 3000, >50500}, PaM {1000, 1000, 1000, >50500, >50500}. Ratios: 1, 2,
        // [50.5, inf), (0, 0.0594], undefined (left out). Median of 4 on both ends: lower ends {0, 1, 2, 50.5} ->
        // 1.5, upper ends {0.0594, 1, 2, inf} -> 1.5: exactly 1.5.
        CompareGrid grid = grid(5, 20, 21, 22);
        String md = summary(grid, new SummaryRows().add(BP, DEEP, AUTHORS, 21, 500, 1500, NOT, 2500, NOT)
                .add(PAM, DEEP, AUTHORS, 21, 500, 500, 500, NOT, NOT)).markdown(false);
        assertTrue(md.contains("median 1.50 ["), md);
        assertTrue(md.contains("over 4 seeds (bounds: 1 where BP did not converge, 1 where PaM did not; left out: 1"
                + " where neither converged)."), md);
    }

    @Test
    void withoutPamTheClaimsSayItIsMissing() {
        CompareGrid bpOnly = CompareGrid.of(List.of(LearningMode.BP), List.of(CompareGrid.Depth.of(4)),
                List.of(NetworkInit.AUTHORS), new int[] {20}, 1);
        String claims = CompareSummary.of(bpOnly, SummaryRows.SETTING, List.of()).claims();
        assertEquals("- (a) PaM learns faster than BP: pam is missing from the grid (needs bp and pam in --rules)",
                line(claims, "- (a)"));
        assertTrue(CompareSummary.of(bpOnly, SummaryRows.SETTING, List.of()).markdown(true)
                .contains("BP/PaM: needs both bp and pam in --rules."));
    }
}
