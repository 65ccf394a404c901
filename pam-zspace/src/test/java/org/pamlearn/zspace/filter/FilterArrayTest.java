// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pamlearn.zspace.filter.ResonatorTest.assertMessage;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The filter array: the order u[N p + k], by hand and against independent banks; its preconditions. */
class FilterArrayTest {

    @Test
    void delayTapOrderByHand() {
        FilterArray array = FilterArray.delayTaps(3, 2);
        assertEquals(3, array.predictorCount());
        assertEquals(2, array.filtersPerPredictor());
        assertEquals(6, array.outputCount());
        double[] u = new double[6];
        array.filter(new double[] {1, 10, 100}, u, 0);
        // u[2 p + d] = p_p(n - d): predictor 0's taps, then predictor 1's, then predictor 2's.
        assertArrayEquals(new double[] {1, 0, 10, 0, 100, 0}, u, 0.0, "n = 0");
        array.filter(new double[] {2, 20, 200}, u, 0);
        assertArrayEquals(new double[] {2, 1, 20, 10, 200, 100}, u, 0.0, "n = 1");
        array.filter(new double[] {3, 30, 300}, u, 0);
        assertArrayEquals(new double[] {3, 2, 30, 20, 300, 200}, u, 0.0, "n = 2");
        double[] shifted = new double[9];
        Arrays.fill(shifted, -1.0);
        array.filter(new double[] {4, 40, 400}, shifted, 2);
        assertArrayEquals(new double[] {-1, -1, 4, 3, 40, 30, 400, 300, -1}, shifted, 0.0, "n = 3, offset 2");
        array.reset();
        array.filter(new double[] {5, 50, 500}, u, 0);
        assertArrayEquals(new double[] {5, 0, 50, 0, 500, 0}, u, 0.0, "after reset()");
        array.reset(new double[] {-1, -2, -3});
        array.filter(new double[] {6, 60, 600}, u, 0);
        assertArrayEquals(new double[] {6, -1, 60, -2, 600, -3}, u, 0.0, "after reset({-1, -2, -3})");
    }

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    /** A resonator array gives, at u[N p + k], resonator k of an independent bank fed predictor p alone. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void resonatorOrderAgainstIndependentBanks(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int nPredictors = 1 + random.nextInt(6);
        int n = 1 + random.nextInt(6);
        double minT = 2.5 + random.nextDouble(10);
        double maxT = minT + random.nextDouble(50);
        double q = 0.51 + random.nextDouble(3);
        FilterArray array = FilterArray.resonators(nPredictors, n, minT, maxT, q);
        ResonatorBank[] banks = new ResonatorBank[nPredictors];
        for (int p = 0; p < nPredictors; p++) {
            banks[p] = new ResonatorBank(n, minT, maxT, q);
        }
        int offset = random.nextInt(3);
        double[] u = new double[offset + nPredictors * n];
        double[] predictors = new double[nPredictors];
        double[] out = new double[n];
        for (int i = 0; i < 100; i++) {
            for (int p = 0; p < nPredictors; p++) {
                predictors[p] = random.nextDouble(-1, 1);
            }
            array.filter(predictors, u, offset);
            for (int p = 0; p < nPredictors; p++) {
                banks[p].filter(predictors[p], out, 0);
                for (int k = 0; k < n; k++) {
                    assertEquals(out[k], u[offset + n * p + k], 0.0,
                            "seed " + seed + ", sample " + i + ": u[" + n + " * " + p + " + " + k + "]");
                }
            }
        }
    }

    @Test
    void factoryBanksMustBeDistinctAndOfOneSize() {
        DelayTaps shared = new DelayTaps(2);
        assertMessage("factory returned the same bank for predictors 0 and 1: each predictor needs a bank of its own",
                () -> FilterArray.of(3, () -> shared));
        int[] calls = {0};
        assertMessage("factory returned a bank of size 3 for predictor 2, but of size 2 for predictor 0: every "
                + "predictor needs the same number of filters",
                () -> FilterArray.of(3, () -> new DelayTaps(calls[0]++ < 2 ? 2 : 3)));
        assertMessage("factory returned a bank of size 0 for predictor 0: a bank needs at least 1 output",
                () -> FilterArray.of(2, () -> new EmptyBank()));
        NullPointerException e = assertThrows(NullPointerException.class, () -> FilterArray.of(2, () -> null));
        assertEquals("factory returned null for predictor 0", e.getMessage());
        assertThrows(NullPointerException.class, () -> FilterArray.of(2, null));
        assertMessage("nPredictors must be >= 1, got 0", () -> FilterArray.of(0, () -> new DelayTaps(2)));
        assertMessage("nPredictors must be >= 1, got -1", () -> FilterArray.delayTaps(-1, 2));
        assertMessage("taps must be >= 1, got 0", () -> FilterArray.delayTaps(2, 0));
        assertMessage("n must be >= 1 resonator, got 0", () -> FilterArray.resonators(2, 0, 3, 10, 0.51));
        assertMessage("nPredictors must be >= 1, got 0", () -> FilterArray.resonators(0, 5, 3, 10, 0.51));
        assertMessage("nPredictors * bank size must be <= 2147483647, got 3 * 1000000000 = 3000000000",
                () -> FilterArray.of(3, () -> new HugeBank()));
    }

    @Test
    void badCallsAreRejectedAndChangeNothing() {
        FilterArray array = FilterArray.resonators(3, 2, 3, 10, 0.51);
        FilterArray twin = FilterArray.resonators(3, 2, 3, 10, 0.51);
        double[] u = new double[6];
        double[] v = new double[6];
        array.filter(new double[] {0.5, -0.25, 1}, u, 0);
        twin.filter(new double[] {0.5, -0.25, 1}, v, 0);
        double[] dst = new double[8];
        Arrays.fill(dst, 4.0);
        assertMessage("predictors[2] must be finite, got NaN",
                () -> array.filter(new double[] {1, 2, Double.NaN}, dst, 0));
        assertMessage("predictors[1] must be finite, got -Infinity",
                () -> array.filter(new double[] {1, Double.NEGATIVE_INFINITY, 3}, dst, 0));
        assertMessage("predictors.length must be 3, got 2", () -> array.filter(new double[] {1, 2}, dst, 0));
        assertMessage("dst.length must be >= offset + 6 = 9, got 8",
                () -> array.filter(new double[] {1, 2, 3}, dst, 3));
        assertMessage("offset must be >= 0, got -1", () -> array.filter(new double[] {1, 2, 3}, dst, -1));
        assertMessage("steadyPredictors.length must be 3, got 4", () -> array.reset(new double[] {1, 2, 3, 4}));
        assertMessage("steadyPredictors[0] must be finite, got NaN",
                () -> array.reset(new double[] {Double.NaN, 2, 3}));
        assertThrows(NullPointerException.class, () -> array.filter(null, dst, 0));
        assertThrows(NullPointerException.class, () -> array.filter(new double[3], null, 0));
        assertThrows(NullPointerException.class, () -> array.reset(null));
        for (double x : dst) {
            assertEquals(4.0, x, 0.0, "dst unchanged by rejected calls");
        }
        for (int i = 0; i < 20; i++) {
            double[] p = {Math.sin(i), Math.cos(i), 0.1 * i};
            array.filter(p, u, 0);
            twin.filter(p, v, 0);
            assertArrayEquals(v, u, 0.0, "state unchanged by rejected calls, sample " + i);
        }
    }

    @Test
    void steadyResetGivesEachPredictorsDcOutputs() {
        FilterArray array = FilterArray.resonators(2, 3, 3, 10, 0.51);
        ResonatorBank bank = new ResonatorBank(3, 3, 10, 0.51);
        double[] steady = {2.0, -0.5};
        array.reset(steady);
        double[] u = new double[6];
        for (int n = 0; n < 20; n++) {
            array.filter(steady, u, 0);
            for (int p = 0; p < 2; p++) {
                for (int k = 0; k < 3; k++) {
                    Resonator r = bank.resonator(k);
                    double expected = steady[p] / (r.norm() * (1 + r.d1() + r.d2()));
                    assertEquals(expected, u[3 * p + k], 1e-12, "n = " + n + ", u[3 * " + p + " + " + k + "]");
                }
            }
        }
    }

    /** A bank with no outputs, to test the factory check. */
    private static final class EmptyBank implements FilterBank {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public void filter(double x, double[] dst, int offset) {
        }

        @Override
        public void reset() {
        }

        @Override
        public void reset(double steadyInput) {
        }
    }

    /** A bank claiming 10^9 outputs (never filtered), to test the size overflow check. */
    private static final class HugeBank implements FilterBank {
        @Override
        public int size() {
            return 1_000_000_000;
        }

        @Override
        public void filter(double x, double[] dst, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void reset() {
        }

        @Override
        public void reset(double steadyInput) {
        }
    }
}
