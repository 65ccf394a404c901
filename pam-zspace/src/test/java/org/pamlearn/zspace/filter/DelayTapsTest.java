// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pamlearn.zspace.filter.FilterBankContract.step;
import static org.pamlearn.zspace.filter.ResonatorTest.assertMessage;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Delay taps: u[d] = p(n - d) with zero history, by hand. */
class DelayTapsTest implements FilterBankContract {

    @Override
    public FilterBank newBank() {
        return new DelayTaps(3);
    }

    @Override
    public double[] dcGains() {
        return new double[] {1, 1, 1};
    }

    @Test
    void tapsAreTheLastInputsNewestFirst() {
        DelayTaps taps = new DelayTaps(3);
        assertEquals(3, taps.size());
        assertArrayEquals(new double[] {1, 0, 0}, step(taps, 1), 0.0, "n = 0: zero history");
        assertArrayEquals(new double[] {2, 1, 0}, step(taps, 2), 0.0, "n = 1");
        assertArrayEquals(new double[] {3, 2, 1}, step(taps, 3), 0.0, "n = 2");
        assertArrayEquals(new double[] {4, 3, 2}, step(taps, 4), 0.0, "n = 3: the ring buffer wraps");
        assertArrayEquals(new double[] {5, 4, 3}, step(taps, 5), 0.0, "n = 4");
        assertArrayEquals(new double[] {6, 5, 4}, step(taps, 6), 0.0, "n = 5");
        assertArrayEquals(new double[] {7, 6, 5}, step(taps, 7), 0.0, "n = 6");
        taps.reset();
        assertArrayEquals(new double[] {8, 0, 0}, step(taps, 8), 0.0, "after reset()");
        taps.reset(-2);
        assertArrayEquals(new double[] {9, -2, -2}, step(taps, 9), 0.0, "after reset(-2)");
        assertArrayEquals(new double[] {10, 9, -2}, step(taps, 10), 0.0, "after reset(-2), n = 1");
    }

    @Test
    void longRunAgainstAnExplicitHistory() {
        int d = 7;
        DelayTaps taps = new DelayTaps(d);
        double[] x = FilterContract.inputs(12, 100);
        double[] out = new double[d + 5];
        for (int n = 0; n < x.length; n++) {
            taps.filter(x[n], out, 5);
            for (int k = 0; k < d; k++) {
                assertEquals(n - k >= 0 ? x[n - k] : 0.0, out[5 + k], 0.0, "n = " + n + ", tap " + k);
            }
        }
    }

    @Test
    void oneTapPassesTheSignalThrough() {
        DelayTaps taps = new DelayTaps(1);
        double[] out = new double[1];
        for (double x : new double[] {0.5, -3, 7}) {
            taps.filter(x, out, 0);
            assertArrayEquals(new double[] {x}, out, 0.0);
        }
        assertEquals("DelayTaps[1]", taps.toString());
        assertEquals("[0.0]", Arrays.toString(step(new DelayTaps(1), 0.0)));
    }

    @Test
    void noTapsIsRejected() {
        assertMessage("taps must be >= 1, got 0", () -> new DelayTaps(0));
        assertMessage("taps must be >= 1, got -4", () -> new DelayTaps(-4));
    }
}
