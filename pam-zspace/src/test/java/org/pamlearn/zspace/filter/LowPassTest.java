// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pamlearn.zspace.filter.ResonatorTest.assertMessage;

import org.junit.jupiter.api.Test;

/** The first-order low-pass, by hand. */
class LowPassTest implements FilterContract {

    @Override
    public Filter newFilter() {
        return LowPass.ofAlpha(0.3);
    }

    @Override
    public double dcGain() {
        return 1.0;
    }

    @Test
    void smoothsByHand() {
        LowPass lp = LowPass.ofAlpha(0.25);
        assertEquals(0.25, lp.alpha(), 0.0);
        // y[n] = y[n-1] + 0.25 (x[n] - y[n-1]); every value is exact in binary.
        assertEquals(0.25, lp.filter(1.0), 0.0);
        assertEquals(0.4375, lp.filter(1.0), 0.0);
        assertEquals(0.578125, lp.filter(1.0), 0.0);
        assertEquals(0.578125, lp.lastValue(), 0.0);
        assertEquals(-0.06640625, lp.filter(-2.0), 0.0, "0.578125 + 0.25 (-2 - 0.578125)");
        lp.reset(3.0);
        assertEquals(3.0, lp.lastValue(), 0.0);
        assertEquals(3.0, lp.filter(3.0), 0.0, "steady");
        lp.reset();
        assertEquals(0.0, lp.lastValue(), 0.0);
        assertEquals(2.0, lp.filter(8.0), 0.0);
    }

    @Test
    void alphaOneIsAnExactPassThrough() {
        LowPass lp = LowPass.ofAlpha(1.0);
        assertEquals(1e20, lp.filter(1e20), 0.0);
        assertEquals(1.0, lp.filter(1.0), 0.0, "1e20 + (1 - 1e20) would round to 0");
    }

    @Test
    void alphaFromCutoffAndSamplePeriod() {
        // 1 - exp(-0.01 s * 10 /s) = 1 - exp(-0.1), by Python 3's math.expm1 (repr). Tolerance 1e-16.
        assertEquals(0.09516258196404043, LowPass.ofCutoff(10.0, 0.01).alpha(), 1e-16);
        // 1 - exp(-0.03 * 2 pi * 5): a 5 Hz corner at 30 ms; Python 3: -math.expm1(-0.03 * 2 * math.pi * 5).
        assertEquals(0.6103388626246532, LowPass.ofCutoff(2 * Math.PI * 5, 0.03).alpha(), 1e-15);
        assertEquals(1.0, LowPass.ofCutoff(1e3, 1.0).alpha(), 0.0, "a very fast cutoff passes the signal through");
        LowPass lp = LowPass.ofCutoff(10.0, 0.01);
        assertEquals(0.09516258196404043 * 2.0, lp.filter(2.0), 1e-15);
    }

    @Test
    void impossibleParametersAreRejected() {
        assertMessage("alpha must be > 0 and <= 1, got 0.0", () -> LowPass.ofAlpha(0.0));
        assertMessage("alpha must be > 0 and <= 1, got 1.5", () -> LowPass.ofAlpha(1.5));
        assertMessage("alpha must be > 0 and <= 1, got -0.2", () -> LowPass.ofAlpha(-0.2));
        assertMessage("alpha must be > 0 and <= 1, got NaN", () -> LowPass.ofAlpha(Double.NaN));
        assertMessage("cutoff must be finite and > 0, got 0.0", () -> LowPass.ofCutoff(0.0, 0.01));
        assertMessage("cutoff must be finite and > 0, got -1.0", () -> LowPass.ofCutoff(-1.0, 0.01));
        assertMessage("cutoff must be finite and > 0, got NaN", () -> LowPass.ofCutoff(Double.NaN, 0.01));
        assertMessage("cutoff must be finite and > 0, got Infinity",
                () -> LowPass.ofCutoff(Double.POSITIVE_INFINITY, 0.01));
        assertMessage("dt must be finite and > 0, got 0.0", () -> LowPass.ofCutoff(10.0, 0.0));
        assertMessage("dt must be finite and > 0, got -0.01", () -> LowPass.ofCutoff(10.0, -0.01));
        assertMessage("dt must be finite and > 0, got NaN", () -> LowPass.ofCutoff(10.0, Double.NaN));
        assertMessage("dt * cutoff must not underflow, got dt 1.0E-200 and cutoff 1.0E-200 (alpha = 1 - exp(-dt * "
                + "cutoff) rounds to 0.0)", () -> LowPass.ofCutoff(1e-200, 1e-200));
    }
}
