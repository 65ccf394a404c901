// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The contract of every {@link FilterBank}: outputs land exactly at {@code dst[offset .. offset + size - 1]},
 * reset restores a fresh bank, the steady-state reset gives the DC outputs from the first sample, bad input
 * is rejected and changes nothing. Each bank's test implements this interface.
 */
interface FilterBankContract {

    /**
     * A new bank, its state zero.
     *
     * @return the bank
     */
    FilterBank newBank();

    /**
     * The DC gain of each output of {@link #newBank()}'s banks.
     *
     * @return the gains, length {@code size()}
     */
    double[] dcGains();

    /** Filters {@code x} through {@code bank} into a fresh array. */
    static double[] step(FilterBank bank, double x) {
        double[] out = new double[bank.size()];
        bank.filter(x, out, 0);
        return out;
    }

    @Test
    default void writesOnlyItsRangeOfTheCallersArray() {
        FilterBank bank = newBank();
        FilterBank twin = newBank();
        int n = bank.size();
        assertEquals(n, dcGains().length, "dcGains().length");
        assertTrue(n >= 1, "size " + n);
        double[] x = FilterContract.inputs(6, 40);
        for (int i = 0; i < x.length; i++) {
            int offset = i % 4;
            double[] dst = new double[offset + n + 3];
            Arrays.fill(dst, -7.0);
            bank.filter(x[i], dst, offset);
            double[] expected = step(twin, x[i]);
            assertArrayEquals(expected, Arrays.copyOfRange(dst, offset, offset + n), 0.0, "sample " + i);
            for (int j = 0; j < dst.length; j++) {
                if (j < offset || j >= offset + n) {
                    assertEquals(-7.0, dst[j], 0.0, "sample " + i + ": dst[" + j + "] outside the range");
                }
            }
        }
        bank.filter(1.0, new double[n], 0); // an exactly sized array is enough
    }

    @Test
    default void resetRestoresAFreshBank() {
        FilterBank used = newBank();
        FilterBank fresh = newBank();
        for (double x : FilterContract.inputs(7, 50)) {
            step(used, x);
        }
        used.reset();
        for (double x : FilterContract.inputs(8, 50)) {
            assertArrayEquals(step(fresh, x), step(used, x), 0.0, "after reset() as fresh");
        }
    }

    @Test
    default void steadyResetGivesTheDcOutputsFromTheFirstSample() {
        FilterBank bank = newBank();
        double[] gains = dcGains();
        for (double x : FilterContract.inputs(9, 20)) {
            step(bank, x);
        }
        for (double steady : new double[] {1.0, -2.5, 0.0, 1e3}) {
            bank.reset(steady);
            for (int n = 0; n < 100; n++) {
                double[] out = step(bank, steady);
                for (int k = 0; k < out.length; k++) {
                    double expected = gains[k] * steady;
                    assertEquals(expected, out[k], 1e-12 * Math.max(1.0, Math.abs(expected)),
                            "reset(" + steady + "), sample " + n + ", output " + k);
                }
            }
        }
    }

    @Test
    default void badCallsAreRejectedAndChangeNothing() {
        FilterBank bank = newBank();
        FilterBank twin = newBank();
        int n = bank.size();
        for (double x : FilterContract.inputs(10, 10)) {
            step(bank, x);
            step(twin, x);
        }
        double[] dst = new double[n + 2];
        Arrays.fill(dst, 3.0);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bank.filter(bad, dst, 1));
            assertEquals("x must be finite, got " + bad, e.getMessage());
            IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> bank.reset(bad));
            assertEquals("steadyInput must be finite, got " + bad, r.getMessage());
        }
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> bank.filter(0.5, dst, -1));
        assertEquals("offset must be >= 0, got -1", negative.getMessage());
        IllegalArgumentException shortDst = assertThrows(IllegalArgumentException.class,
                () -> bank.filter(0.5, dst, 3));
        assertEquals("dst.length must be >= offset + " + n + " = " + (n + 3) + ", got " + (n + 2),
                shortDst.getMessage());
        assertThrows(IllegalArgumentException.class, () -> bank.filter(0.5, new double[n - 1], 0));
        assertThrows(NullPointerException.class, () -> bank.filter(0.5, null, 0));
        for (double v : dst) {
            assertEquals(3.0, v, 0.0, "dst unchanged by rejected calls");
        }
        for (double x : FilterContract.inputs(11, 30)) {
            assertArrayEquals(step(twin, x), step(bank, x), 0.0, "state unchanged by rejected calls");
        }
    }
}
