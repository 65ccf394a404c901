// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link LearningTime.Criterion#measure}: t_rel, converged and final |E| on hand-built sequences whose answers are
 * worked out by hand, then on random sequences against the literal definition (docs/ALGORITHMS.md &sect;5: for every
 * {@code s} from 0, check every window from {@code s} on), written here independently of the code under test.
 * Hand-built cases use {@code W = 4}, fraction 0.5 and {@code R = 1}, so the limit is exactly 0.5.
 */
class LearningTimeTest {

    private static final int N = 20;
    private static final LearningTime.Criterion SMALL = new LearningTime.Criterion(4, 0.5, 6, 5);

    private static double[] filled(double value) {
        double[] e = new double[N];
        Arrays.fill(e, value);
        return e;
    }

    private static boolean[] allOnLine() {
        boolean[] on = new boolean[N];
        Arrays.fill(on, true);
        return on;
    }

    @Test
    void everyWindowGoodGivesZero() {
        LearningTime t = SMALL.measure(filled(0.25), allOnLine(), 1.0);
        assertEquals(OptionalLong.of(0), t.tRel());
        assertTrue(t.converged());
        assertEquals(N, t.horizon());
        assertEquals(1.0, t.reflexAbsE());
        assertEquals(" t_rel=0 converged=true reflex_abs_e=1.0 final_abs_e=0.25", t.resultFields());
    }

    @Test
    void aLastWindowTooFarFromTheLineGivesNone() {
        double[] e = filled(0.25);
        e[N - 1] = 2.0; // the last window's mean: (3 x 0.25 + 2) / 4 = 0.6875 >= 0.5
        LearningTime t = SMALL.measure(e, allOnLine(), 1.0);
        assertEquals(OptionalLong.empty(), t.tRel());
        assertEquals("none", t.tRelLabel());
        assertFalse(t.converged());
    }

    @ParameterizedTest(name = "off the line at step {0}")
    @ValueSource(ints = {N - 4, N - 2, N - 1})
    void oneStepOffTheLineInTheLastWindowGivesNone(int step) {
        boolean[] on = allOnLine();
        on[step] = false;
        LearningTime t = SMALL.measure(filled(0.0), on, 1.0);
        assertEquals(OptionalLong.empty(), t.tRel(), "every |E| is 0, but one step is off the line");
        assertFalse(t.converged());
    }

    @ParameterizedTest(name = "last bad window at {0}")
    @ValueSource(ints = {0, 1, 7, 15})
    void aLastBadWindowAtKGivesKPlusOne(int k) {
        // A spike at step k spoils the windows that start at k-3..k; the last of them starts at k.
        double[] e = filled(0.25);
        e[k] = -3.0;
        assertEquals(OptionalLong.of(k + 1L), SMALL.measure(e, allOnLine(), 1.0).tRel(), "by |E|, sign ignored");
        boolean[] on = allOnLine();
        on[k] = false;
        assertEquals(OptionalLong.of(k + 1L), SMALL.measure(filled(0.25), on, 1.0).tRel(), "by a step off the line");
    }

    @Test
    void aWindowMeanEqualToTheLimitIsNotBelowIt() {
        // 4 x 0.5 / 4 = 0.5 exactly: "below 0.1 R" is strict.
        assertEquals(OptionalLong.empty(), SMALL.measure(filled(0.5), allOnLine(), 1.0).tRel());
        double[] e = filled(0.25);
        Arrays.fill(e, 8, 12, 0.5);
        assertEquals(OptionalLong.of(9), SMALL.measure(e, allOnLine(), 1.0).tRel(), "the window [8, 12) fails");
    }

    @Test
    void convergedIffTRelIsAtMostTheHorizonMinusTheHold() {
        double[] e = filled(0.25);
        e[9] = 3.0; // t_rel = 10
        assertTrue(new LearningTime.Criterion(4, 0.5, N - 10, 5).measure(e, allOnLine(), 1.0).converged(),
                "t_rel == N - hold");
        assertFalse(new LearningTime.Criterion(4, 0.5, N - 9, 5).measure(e, allOnLine(), 1.0).converged(),
                "t_rel == N - hold + 1");
        assertTrue(new LearningTime.Criterion(4, 0.5, 0, 5).measure(e, allOnLine(), 1.0).converged(), "hold 0");
    }

    @Test
    void finalAbsEIsTheMeanOfTheLastStepsOrOfAll() {
        double[] e = new double[N];
        for (int k = 0; k < N; k++) {
            e[k] = k % 2 == 0 ? k : -k; // |E| = k
        }
        // The last 5: 15..19, mean 17; all 20: 0..19, mean 9.5.
        assertEquals(17.0, new LearningTime.Criterion(4, 0.5, 6, 5).measure(e, allOnLine(), 1.0).finalAbsE());
        assertEquals(9.5, new LearningTime.Criterion(4, 0.5, 6, 50).measure(e, allOnLine(), 1.0).finalAbsE());
        assertEquals(9.5, new LearningTime.Criterion(4, 0.5, 6, N).measure(e, allOnLine(), 1.0).finalAbsE());
    }

    @Test
    void badInputsAreRefusedWithOneLineAndTheArraysUntouched() {
        double[] e = filled(0.25);
        e[3] = Double.NaN;
        boolean[] on = allOnLine();
        double[] copy = e.clone();
        assertMessage("errors[3] must be finite, got NaN", () -> SMALL.measure(e, on, 1.0));
        assertArrayEquals(copy, e, "errors not modified");
        assertMessage("onLine.length must be 20, got 19", () -> SMALL.measure(filled(0), new boolean[N - 1], 1.0));
        assertMessage("a horizon of 3 steps is shorter than the window 4",
                () -> SMALL.measure(new double[3], new boolean[3], 1.0));
        assertMessage("reflexAbsE must be finite and >= 0, got -1.0", () -> SMALL.measure(filled(0), on, -1.0));
        assertMessage("reflexAbsE must be finite and >= 0, got NaN", () -> SMALL.measure(filled(0), on, Double.NaN));
        assertMessage("reflexAbsE must be finite and >= 0, got Infinity",
                () -> SMALL.measure(filled(0), on, Double.POSITIVE_INFINITY));
        errorsMustBeFinite(Double.POSITIVE_INFINITY);
        assertMessage("window must be >= 1, got 0", () -> new LearningTime.Criterion(0, 0.1, 0, 1));
        assertMessage("fraction must be finite and > 0, got NaN",
                () -> new LearningTime.Criterion(1, Double.NaN, 0, 1));
        assertMessage("fraction must be finite and > 0, got 0.0", () -> new LearningTime.Criterion(1, 0, 0, 1));
        assertMessage("hold must be >= 0, got -1", () -> new LearningTime.Criterion(1, 0.1, -1, 1));
        assertMessage("finalWindow must be >= 1, got 0", () -> new LearningTime.Criterion(1, 0.1, 0, 0));
    }

    private static void errorsMustBeFinite(double bad) {
        double[] e = filled(0);
        e[N - 1] = bad;
        assertMessage("errors[19] must be finite, got " + bad, () -> SMALL.measure(e, allOnLine(), 1.0));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /**
     * A random run: |E| drifts down from about the reflex's level with noisy spikes, now and then a step off the
     * line, so that windows fall on both sides of the limit and t_rel lands anywhere (including none and 0).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void measureAgreesWithTheLiteralDefinition(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(300);
        int window = 1 + random.nextInt(Math.min(n, 40));
        double fraction = 0.05 + random.nextDouble();
        long hold = random.nextInt(n + 10);
        int finalWindow = 1 + random.nextInt(n + 20);
        double reflex = random.nextDouble() * 2;
        double[] errors = new double[n];
        boolean[] onLine = new boolean[n];
        double level = reflex * (0.5 + random.nextDouble());
        double decay = Math.pow(0.001 + random.nextDouble() * 0.2, 1.0 / n);
        double spikes = random.nextDouble() * 0.05;
        double offLine = random.nextDouble() < 0.5 ? 0 : random.nextDouble() * 0.02;
        for (int k = 0; k < n; k++) {
            level *= decay;
            double e = level * random.nextDouble() * 2;
            if (random.nextDouble() < spikes) {
                e = reflex * 3 * random.nextDouble();
            }
            errors[k] = random.nextBoolean() ? e : -e;
            onLine[k] = random.nextDouble() >= offLine;
        }
        LearningTime.Criterion criterion = new LearningTime.Criterion(window, fraction, hold, finalWindow);
        LearningTime actual = criterion.measure(errors, onLine, reflex);

        OptionalLong tRel = literalTRel(errors, onLine, window, fraction * reflex);
        String what = "seed " + seed + ": n " + n + ", W " + window + ", hold " + hold;
        assertEquals(tRel, actual.tRel(), what);
        assertEquals(tRel.isPresent() && tRel.getAsLong() <= n - hold, actual.converged(), what + ": converged");
        int last = Math.min(finalWindow, n);
        assertEquals(mean(errors, n - last, last), actual.finalAbsE(), what + ": final |E|");
        assertEquals(reflex, actual.reflexAbsE(), what);
        assertEquals(n, actual.horizon(), what);
    }

    /** For s = 0, 1, ..., N-W: is every window [k, k+W) with s <= k <= N-W below the limit and on the line? */
    private static OptionalLong literalTRel(double[] errors, boolean[] onLine, int window, double limit) {
        int n = errors.length;
        for (int s = 0; s <= n - window; s++) {
            boolean all = true;
            for (int k = s; k <= n - window && all; k++) {
                boolean on = true;
                for (int i = k; i < k + window; i++) {
                    on &= onLine[i];
                }
                all = on && mean(errors, k, window) < limit;
            }
            if (all) {
                return OptionalLong.of(s);
            }
        }
        return OptionalLong.empty();
    }

    /** |E| summed in step order, divided by the count. */
    private static double mean(double[] errors, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += Math.abs(errors[i]);
        }
        return sum / count;
    }
}
