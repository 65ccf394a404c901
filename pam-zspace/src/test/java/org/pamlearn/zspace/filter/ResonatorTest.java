// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The resonator design of docs/ALGORITHMS.md &sect;4: its coefficient table, and the step normalisation. */
class ResonatorTest implements FilterContract {

    /**
     * minT 3, maxT 10, Q 0.51: f, d1, d2 as in the table of docs/ALGORITHMS.md &sect;4 (d1, d2 to 6 decimals), and
     * norm as the earlier table gave it (5 digits), not the true peak that the doc's table and note give.
     */
    private static final double[][] TABLE = {
        {0.1, -1.071933, 0.291709, 4.5499},
        {0.158333, -0.739690, 0.142180, 2.4844},
        {0.216667, -0.507662, 0.069299, 1.7804},
        {0.275, -0.346466, 0.033776, 1.4549},
        {0.333333, -0.235068, 0.016463, 1.2791},
    };

    /**
     * The true peaks of the unnormalised step responses of the table's resonators, f = 1/10 + m (1/3 - 1/10) / 4:
     * the maximum of y[n] = 1 - d1 y[n-1] - d2 y[n-2] over 3000 samples, by Python 3 with mpmath at 40 digits
     * (the peaks lie at n = 24, 15, 10, 8, 6). Tolerance 1e-13 relative.
     */
    private static final double[] TRUE_PEAKS = {
        4.550088834309972508, 2.4845357161326158419, 1.78051063714738714, 1.4549465074546877739,
        1.2797629429832415253,
    };

    /**
     * The samples n at which the unnormalised step response y[n] rounds to the table's norm (found with the
     * same script): the table's norms are the response after a short simulation that stopped before the peak.
     */
    private static final int[] TABLE_NORM_SAMPLES = {17, 10, 7, 5, 3};

    @Override
    public Filter newFilter() {
        return Resonator.of(0.2, 0.8).newFilter();
    }

    @Override
    public double dcGain() {
        Resonator r = Resonator.of(0.2, 0.8);
        return 1 / (r.norm() * (1 + r.d1() + r.d2()));
    }

    /** The unnormalised step response y[0 .. n-1] of 1 / (1 + d1 z^-1 + d2 z^-2), simulated directly. */
    private static double[] unnormalisedStep(Resonator r, int n) {
        double[] y = new double[n];
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < n; i++) {
            y[i] = 1 - r.d1() * y1 - r.d2() * y2;
            y2 = y1;
            y1 = y[i];
        }
        return y;
    }

    @Test
    void coefficientTableOfTheAuthorsBank() {
        ResonatorBank bank = new ResonatorBank(5, 3, 10, Resonator.DEFAULT_Q);
        for (int m = 0; m < TABLE.length; m++) {
            Resonator r = bank.resonator(m);
            String what = "resonator " + m + " (f = " + TABLE[m][0] + ")";
            assertEquals(TABLE[m][0], r.frequency(), 1e-6, what + ": f");
            assertEquals(TABLE[m][1], r.d1(), 1e-6, what + ": d1");
            assertEquals(TABLE[m][2], r.d2(), 1e-6, what + ": d2");
            assertEquals(Resonator.DEFAULT_Q, r.q(), 0.0, what + ": q");
            assertEquals(TRUE_PEAKS[m], r.norm(), 1e-13 * TRUE_PEAKS[m], what + ": norm, the true step peak");
            // The table's norm (5 significant digits) is below the true peak by up to 5.2e-4 relative (f = 1/3:
            // 1.2791 against 1.27976); it is the unnormalised step response at a short, unsettled sample.
            assertEquals(TABLE[m][3], r.norm(), 6e-4 * TABLE[m][3], what + ": norm against the table");
            double early = unnormalisedStep(r, TABLE_NORM_SAMPLES[m] + 1)[TABLE_NORM_SAMPLES[m]];
            assertEquals(TABLE[m][3], early, 5e-5, what + ": the table's norm is y[" + TABLE_NORM_SAMPLES[m] + "]");
        }
    }

    @Test
    void normalisedStepResponsesOfTheTablePeakAtOne() {
        ResonatorBank bank = new ResonatorBank(5, 3, 10, Resonator.DEFAULT_Q);
        for (int m = 0; m < bank.size(); m++) {
            IirFilter filter = bank.resonator(m).newFilter();
            double peak = Double.NEGATIVE_INFINITY;
            for (int n = 0; n < 3000; n++) {
                peak = Math.max(peak, filter.filter(1.0));
            }
            assertEquals(1.0, peak, 1e-9, "resonator " + m + ": peak of the normalised step response");
        }
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /**
     * For seeded random designs, from heavy damping (Q just above 0.5) to light (Q up to 50), and frequencies
     * from period 1000 to just above 2 samples: the normalised step response, simulated directly for long
     * after it has settled, peaks at 1 within 1e-9 (the design's norm is exact to rounding, 1e-12).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void normalisedStepResponsePeaksAtOne(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double frequency = Math.exp(random.nextDouble(Math.log(1e-3), Math.log(0.499)));
        double q = 0.5 + Math.exp(random.nextDouble(Math.log(1e-6), Math.log(50)));
        Resonator r = Resonator.of(frequency, q);
        String what = "seed " + seed + ": " + r;
        double e = Math.PI * frequency / q;
        // 60 decay times (e^-60 ~ 1e-26) or 5 periods, whichever is longer.
        int n = (int) Math.ceil(Math.max(60 / e, 5 / frequency));
        double[] y = unnormalisedStep(r, n);
        double peak = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            peak = Math.max(peak, v);
        }
        assertEquals(peak, r.norm(), 1e-12 * peak, what + ": norm against the simulated peak");
        assertTrue(r.norm() >= 1 / (1 + r.d1() + r.d2()) * (1 - 1e-15), what + ": the peak is at least the DC gain");
        IirFilter filter = r.newFilter();
        double normalisedPeak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            normalisedPeak = Math.max(normalisedPeak, filter.filter(1.0));
        }
        assertEquals(1.0, normalisedPeak, 1e-9, what + ": normalised peak");
    }

    @Test
    void extremeButValidDesignsSettle() {
        double[][] designs = {{1e-6 * 4, 0.5 + 1e-12}, {0.4999999, 0.5000001}, {0.4999999, 1e3}, {1e-3, 3.0},
            {0.3, Math.nextUp(0.5) + 1e-15}};
        for (double[] d : designs) {
            Resonator r = Resonator.of(d[0], d[1]);
            assertTrue(r.norm() > 0 && Double.isFinite(r.norm()), r.toString());
            assertTrue(r.norm() >= 1 / (1 + r.d1() + r.d2()) * (1 - 1e-15), r + ": the peak is at least the DC gain");
        }
    }

    @Test
    void sectionAndFilterCarryTheDesign() {
        Resonator r = Resonator.of(0.1, 0.51);
        double[] section = r.section();
        assertEquals(5, section.length);
        assertEquals(1 / r.norm(), section[0], 0.0, "b0");
        assertEquals(0.0, section[1], 0.0, "b1");
        assertEquals(0.0, section[2], 0.0, "b2");
        assertEquals(r.d1(), section[3], 0.0, "a1");
        assertEquals(r.d2(), section[4], 0.0, "a2");
        section[0] = 99;
        assertEquals(1 / r.norm(), r.section()[0], 0.0, "section() is a copy");
        IirFilter filter = r.newFilter();
        // y[0] = 1/norm, y[1] = 1/norm - d1 y[0] for an impulse.
        assertEquals(1 / r.norm(), filter.filter(1.0), 0.0, "impulse response, sample 0");
        assertEquals(-r.d1() / r.norm(), filter.filter(0.0), 1e-16, "impulse response, sample 1");
    }

    @Test
    void impossibleDesignsAreRejected() {
        assertMessage("frequency must be > 0 and < 0.5 cycles/sample (a period of more than 2 samples), got 0.5",
                () -> Resonator.of(0.5, 0.51));
        assertMessage("frequency must be > 0 and < 0.5 cycles/sample (a period of more than 2 samples), got 0.7",
                () -> Resonator.of(0.7, 0.51));
        assertMessage("frequency must be > 0 and < 0.5 cycles/sample (a period of more than 2 samples), got 0.0",
                () -> Resonator.of(0.0, 0.51));
        assertMessage("frequency must be > 0 and < 0.5 cycles/sample (a period of more than 2 samples), got -0.1",
                () -> Resonator.of(-0.1, 0.51));
        assertMessage("frequency must be > 0 and < 0.5 cycles/sample (a period of more than 2 samples), got NaN",
                () -> Resonator.of(Double.NaN, 0.51));
        assertMessage("q must be finite and > 0.5 (oscillatory poles), got 0.5", () -> Resonator.of(0.1, 0.5));
        assertMessage("q must be finite and > 0.5 (oscillatory poles), got 0.3", () -> Resonator.of(0.1, 0.3));
        assertMessage("q must be finite and > 0.5 (oscillatory poles), got -1.0", () -> Resonator.of(0.1, -1));
        assertMessage("q must be finite and > 0.5 (oscillatory poles), got NaN", () -> Resonator.of(0.1, Double.NaN));
        assertMessage("q must be finite and > 0.5 (oscillatory poles), got Infinity",
                () -> Resonator.of(0.1, Double.POSITIVE_INFINITY));
        String decay = "the decay time q / (pi * frequency) must be <= 1000000.0 samples, got ";
        assertMessage(decay + (1.0 / (Math.PI * 1e-7)) + " (frequency 1.0E-7, q 1.0)", () -> Resonator.of(1e-7, 1.0));
        assertMessage(decay + (1e7 / (Math.PI * 0.1)) + " (frequency 0.1, q 1.0E7)", () -> Resonator.of(0.1, 1e7));
    }

    static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
