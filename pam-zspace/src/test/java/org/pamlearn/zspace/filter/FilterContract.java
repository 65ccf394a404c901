// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link Filter}: reset restores a fresh filter, the steady-state reset gives the DC
 * output from the first sample, bad input is rejected and changes nothing. Each filter's test implements
 * this interface.
 */
interface FilterContract {

    /**
     * A new filter, its state zero, with a finite DC gain.
     *
     * @return the filter
     */
    Filter newFilter();

    /**
     * The DC gain of {@link #newFilter()}'s filters.
     *
     * @return {@code H(1)}
     */
    double dcGain();

    /** Seeded inputs in [-1, 1). */
    static double[] inputs(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextDouble(-1.0, 1.0);
        }
        return x;
    }

    @Test
    default void resetRestoresAFreshFilter() {
        Filter used = newFilter();
        Filter fresh = newFilter();
        assertEquals(0.0, fresh.lastValue(), 0.0, "a fresh filter's last value");
        for (double x : inputs(1, 50)) {
            used.filter(x);
        }
        used.reset();
        assertEquals(0.0, used.lastValue(), 0.0, "lastValue after reset()");
        for (double x : inputs(2, 50)) {
            assertEquals(fresh.filter(x), used.filter(x), 0.0, "after reset() as fresh");
            assertEquals(fresh.lastValue(), used.lastValue(), 0.0, "lastValue");
        }
    }

    @Test
    default void steadyResetGivesTheDcOutputFromTheFirstSample() {
        Filter filter = newFilter();
        for (double x : inputs(3, 20)) {
            filter.filter(x);
        }
        for (double steady : new double[] {1.0, -2.5, 0.0, 1e3}) {
            filter.reset(steady);
            double expected = dcGain() * steady;
            double tolerance = 1e-12 * Math.max(1.0, Math.abs(expected));
            assertEquals(expected, filter.lastValue(), tolerance, "lastValue after reset(" + steady + ")");
            for (int n = 0; n < 100; n++) {
                assertEquals(expected, filter.filter(steady), tolerance, "reset(" + steady + "), sample " + n);
            }
        }
    }

    @Test
    default void nonFiniteInputIsRejectedAndChangesNothing() {
        Filter filter = newFilter();
        Filter twin = newFilter();
        for (double x : inputs(4, 10)) {
            filter.filter(x);
            twin.filter(x);
        }
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> filter.filter(bad));
            assertEquals("x must be finite, got " + bad, e.getMessage());
            IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> filter.reset(bad));
            assertEquals("steadyInput must be finite, got " + bad, r.getMessage());
        }
        assertEquals(twin.lastValue(), filter.lastValue(), 0.0, "lastValue after rejected calls");
        for (double x : inputs(5, 30)) {
            assertEquals(twin.filter(x), filter.filter(x), 0.0, "state unchanged by rejected calls");
        }
    }
}
