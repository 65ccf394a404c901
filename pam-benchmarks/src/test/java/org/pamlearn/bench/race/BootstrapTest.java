// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The median of censored values and its percentile bootstrap interval, against enumeration and by hand. */
class BootstrapTest {

    /** Values with some censored from above ({@code > 50000}), drawn from a seed. */
    private static List<Censored> values(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(9);
        List<Censored> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(r.nextInt(4) == 0 ? Censored.above(50_000) : Censored.exact(r.nextInt(50_000)));
        }
        return v;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void theIntervalIsDeterministicAndContainsTheMedian(long seed) {
        List<Censored> v = values(seed);
        Censored median = Bootstrap.median(v);
        Censored[] interval = Bootstrap.interval(v, "key");
        assertArrayEquals(interval, Bootstrap.interval(v, "key"), "seed " + seed);
        assertTrue(interval[0].lo() <= median.lo() && interval[0].hi() <= median.hi(), "seed " + seed + ": " + v);
        assertTrue(median.lo() <= interval[1].lo() && median.hi() <= interval[1].hi(), "seed " + seed + ": " + v);
    }

    @Test
    void equalValuesGiveThatValueAndCensoredOnesStayCensored() {
        List<Censored> same = List.of(Censored.exact(1234), Censored.exact(1234), Censored.exact(1234),
                Censored.exact(1234));
        assertArrayEquals(new Censored[] {Censored.exact(1234), Censored.exact(1234)}, Bootstrap.interval(same, "k"));
        List<Censored> none = List.of(Censored.above(50_000), Censored.above(50_000), Censored.above(50_000));
        assertEquals("> 50000", Bootstrap.median(none).steps());
        for (Censored end : Bootstrap.interval(none, "k")) {
            assertEquals("> 50000", end.steps());
        }
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwoOnBothEnds() {
        assertEquals(Censored.exact(2500), Bootstrap.median(List.of(Censored.exact(3000), Censored.exact(1000),
                Censored.exact(2000), Censored.above(50_000))));
        assertEquals(Censored.above(26_000), Bootstrap.median(List.of(Censored.above(50_000), Censored.exact(1000),
                Censored.exact(2000), Censored.above(50_000))));
    }

    /**
     * A median of ratios that are bounds can equal its bound: of {@code (0, 10)}, 5 and {@code (0, 3)} the median
     * is 5 when the first is 7, so it is at most 5, not below it; of {@code (2, inf)}, 2 and {@code (1, inf)} it is
     * 2 when the last is 1.5. A learning time that did not converge exceeds {@code N - hold}, and so does a median
     * of such times where most did not converge; nothing is known of {@code [0, inf]}.
     */
    @Test
    void boundsSayWhetherTheyCanBeReached() {
        assertEquals(5.0, median(7, 5, 1), "a median at the upper bound");
        assertEquals("<= 5.00", Bootstrap.median(List.of(new Censored(0, 10), Censored.exact(5),
                new Censored(0, 3))).ratio());
        assertEquals(2.0, median(1e9, 2, 1.5), "a median at the lower bound");
        assertEquals(">= 2.00", Bootstrap.median(List.of(Censored.above(2), Censored.exact(2), Censored.above(1)))
                .ratio());
        assertEquals("<= 0.0198", Censored.exact(1000).over(Censored.above(50_500)).ratio());
        assertEquals("> 50000", Bootstrap.median(List.of(Censored.above(50_000), Censored.exact(50_000),
                Censored.above(50_000))).steps());
        assertEquals("undefined", Censored.above(50_500).over(Censored.above(50_500)).ratio());
        assertEquals("undefined", new Censored(0, Double.POSITIVE_INFINITY).steps());
    }

    private static double median(double... x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * For n = 3 the 27 equally likely resamples give the exact distribution of the resampled median (7/27, 13/27,
     * 7/27 for distinct values): the bootstrap's frequencies agree within 4 standard errors, and its 2.5th and 97.5th
     * percentiles are the exact ones.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 17, 2024})
    void threeValuesMatchTheEnumeratedDistribution(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = {r.nextInt(100), r.nextInt(100), 100 + r.nextInt(100)};
        List<Censored> v = List.of(Censored.exact(x[0]), Censored.exact(x[1]), Censored.exact(x[2]));
        List<Double> exact = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 3; c++) {
                    double[] s = {x[a], x[b], x[c]};
                    Arrays.sort(s);
                    exact.add(s[1]);
                }
            }
        }
        exact.sort(null);
        Censored[] boot = Bootstrap.resampledMedians(v, new SplittableRandom(seed), Bootstrap.RESAMPLES);
        for (double value : new TreeSet<>(exact)) {
            double p = exact.stream().filter(e -> e == value).count() / 27.0;
            double f = Arrays.stream(boot).filter(m -> m.lo() == value).count()
                    / (double) Bootstrap.RESAMPLES;
            double se = Math.sqrt(p * (1 - p) / Bootstrap.RESAMPLES);
            assertTrue(Math.abs(f - p) < 4 * se, "seed " + seed + ": P(median = " + value + ") " + f + " vs " + p);
        }
        // The exact percentiles: the smallest value whose cumulative probability reaches 2.5% (97.5%).
        double low = exact.get((int) Math.ceil(0.025 * 27) - 1);
        double high = exact.get((int) Math.ceil(0.975 * 27) - 1);
        Censored[] interval = Bootstrap.interval(v, "seed " + seed);
        assertEquals(Censored.exact(low), interval[0], "seed " + seed);
        assertEquals(Censored.exact(high), interval[1], "seed " + seed);
    }
}
