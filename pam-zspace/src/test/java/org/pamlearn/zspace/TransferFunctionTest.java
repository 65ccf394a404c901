// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;

/** Hand-checked cases of {@link TransferFunction}: factories, normalisation, algebra, analysis. */
class TransferFunctionTest {

    @Test
    void factoriesGiveTheirCoefficients() {
        assertArrayEquals(new double[] {2.5}, TransferFunction.gain(2.5).numerator(), 0.0, "gain num");
        assertArrayEquals(new double[] {1.0}, TransferFunction.gain(2.5).denominator(), 0.0, "gain den");
        assertArrayEquals(new double[] {0.0, 0.0, 0.0, 1.0}, TransferFunction.delay(3).numerator(), 0.0, "delay");
        assertArrayEquals(new double[] {1.0}, TransferFunction.delay(0).numerator(), 0.0, "delay 0");
        assertArrayEquals(new double[] {1.0, -1.0}, TransferFunction.integrator().denominator(), 0.0, "integrator");
        TransferFunction lp = TransferFunction.lowPass(0.25);
        assertArrayEquals(new double[] {0.25}, lp.numerator(), 0.0, "low-pass num");
        assertArrayEquals(new double[] {1.0, -0.75}, lp.denominator(), 0.0, "low-pass den");
        TransferFunction sos = TransferFunction.secondOrder(1, 2, 3, -0.5, 0.25);
        assertArrayEquals(new double[] {1, 2, 3}, sos.numerator(), 0.0, "biquad num");
        assertArrayEquals(new double[] {1, -0.5, 0.25}, sos.denominator(), 0.0, "biquad den");
    }

    @Test
    void normalisesTrimsAndCanonicalisesZero() {
        TransferFunction h = TransferFunction.of(new double[] {2.0, 4.0, 0.0}, new double[] {2.0, -1.0, 0.0, 0.0});
        assertArrayEquals(new double[] {1.0, 2.0}, h.numerator(), 0.0, "num / a0, trimmed");
        assertArrayEquals(new double[] {1.0, -0.5}, h.denominator(), 0.0, "den / a0, trimmed");
        TransferFunction zero = TransferFunction.of(new double[] {0.0, -0.0}, new double[] {1.0, 0.5});
        assertArrayEquals(new double[] {0.0}, zero.numerator(), 0.0, "zero num");
        assertArrayEquals(new double[] {1.0}, zero.denominator(), 0.0, "zero den");
        assertEquals(TransferFunction.gain(0.0), zero, "the zero function is 0/1");
        assertEquals(TransferFunction.gain(0.0), TransferFunction.gain(-0.0), "-0.0 is stored as 0.0");
        assertEquals(0, zero.zeros().length, "the zero function has no listed zeros");
    }

    @Test
    void accessorsReturnCopies() {
        double[] b = {1.0, 0.5};
        TransferFunction h = TransferFunction.of(b, new double[] {1.0, -0.5});
        b[0] = 99.0;
        h.numerator()[1] = 99.0;
        h.denominator()[1] = 99.0;
        assertArrayEquals(new double[] {1.0, 0.5}, h.numerator(), 0.0, "numerator unchanged");
        assertArrayEquals(new double[] {1.0, -0.5}, h.denominator(), 0.0, "denominator unchanged");
    }

    @Test
    void equalsAndHashCodeOnNormalisedCoefficients() {
        TransferFunction a = TransferFunction.of(new double[] {1.0, 2.0}, new double[] {1.0, -0.5});
        TransferFunction b = TransferFunction.of(new double[] {-2.0, -4.0}, new double[] {-2.0, 1.0});
        assertEquals(a, b, "same after normalisation");
        assertEquals(a.hashCode(), b.hashCode(), "hash");
        assertNotEquals(a, TransferFunction.of(new double[] {1.0, 2.0}, new double[] {1.0, -0.25}), "other den");
        assertNotEquals(a, a.times(TransferFunction.of(new double[] {1, -0.3}, new double[] {1, -0.3})),
                "a common factor is not cancelled by equals");
        assertNotEquals(a, "a string", "other type");
    }

    @Test
    void toStringIsAFormula() {
        assertEquals("(0.5 + 0.25 z^-1)/(1 - 0.5 z^-1)",
                TransferFunction.of(new double[] {0.5, 0.25}, new double[] {1.0, -0.5}).toString(), "first order");
        assertEquals("2 z^-3", TransferFunction.delay(3).times(TransferFunction.gain(2)).toString(), "polynomial");
        assertEquals("(1)/(1 - 1 z^-1)", TransferFunction.integrator().toString(), "integrator");
        assertEquals("0", TransferFunction.gain(0).toString(), "zero");
        assertEquals("-1.5 + 1 z^-2", TransferFunction.of(new double[] {-1.5, 0, 1}, new double[] {1}).toString(),
                "negative first coefficient, zero skipped");
    }

    @Test
    void seriesParallelAndFeedbackByHand() {
        TransferFunction g = TransferFunction.of(new double[] {0.0, 1.0}, new double[] {1.0, -0.5});
        TransferFunction h = TransferFunction.gain(2.0);
        // z^-1/(1 - 0.5 z^-1) * 2
        assertEquals(TransferFunction.of(new double[] {0, 2}, new double[] {1, -0.5}), g.times(h), "series");
        // z^-1/(1 - 0.5 z^-1) + 2 = (2 - z^-1 + z^-1)/(1 - 0.5 z^-1) = 2/(1 - 0.5 z^-1)
        assertEquals(TransferFunction.of(new double[] {2}, new double[] {1, -0.5}), g.plus(h), "parallel");
        // G/(1 + 2G) = z^-1/(1 - 0.5 z^-1 + 2 z^-1)
        assertEquals(TransferFunction.of(new double[] {0, 1}, new double[] {1, 1.5}), g.feedback(h), "feedback");
        // G/(1 - 2G) = z^-1/(1 - 2.5 z^-1)
        assertEquals(TransferFunction.of(new double[] {0, 1}, new double[] {1, -2.5}), g.positiveFeedback(h),
                "positive feedback");
        assertEquals(TransferFunction.of(new double[] {0, -1}, new double[] {1, -0.5}), g.negate(), "negate");
        // Equal denominators are kept once: G + G = 2G.
        assertEquals(g.times(TransferFunction.gain(2)), g.plus(g), "G + G");
    }

    @Test
    void polesAndZerosOfKnownFactors() {
        // (1 - 0.5 z^-1)(1 + 0.25 z^-1) / ((1 - 0.9 z^-1)(1 - (0.3 + 0.4j) z^-1)(1 - (0.3 - 0.4j) z^-1))
        TransferFunction h = TransferFunction.fromZerosPolesGain(
                new Complex[] {new Complex(0.5), new Complex(-0.25)},
                new Complex[] {new Complex(0.3, -0.4), new Complex(0.9), new Complex(0.3, 0.4)}, 3.0);
        Complex[] z = h.zeros();
        assertEquals(2, z.length, "two zeros");
        assertEquals(-0.25, z[0].getReal(), 1e-15, "zero sorted by real part");
        assertEquals(0.0, z[0].getImaginary(), 0.0, "real zero exactly real");
        assertEquals(0.5, z[1].getReal(), 1e-15, "second zero");
        Complex[] p = h.poles();
        assertEquals(3, p.length, "three poles");
        assertEquals(0.3, p[0].getReal(), 1e-14, "pair re");
        assertEquals(0.4, p[0].getImaginary(), 1e-14, "pair im, positive first");
        assertEquals(p[0].conjugate(), p[1], "exact conjugate adjacent");
        assertEquals(0.9, p[2].getReal(), 1e-14, "real pole");
        assertEquals(3.0, h.numerator()[0], 0.0, "gain is b0");
        // A delay is not a zero: z^-2 (1 - 0.5 z^-1) has the single zero 0.5.
        Complex[] dz = TransferFunction.of(new double[] {0, 0, 2, -1}, new double[] {1}).zeros();
        assertEquals(1, dz.length, "delay not listed");
        assertEquals(0.5, dz[0].getReal(), 1e-15, "zero of the delayed numerator");
    }

    @Test
    void valueAtAgainstClosedForm() {
        // H = 1/(1 - a z^-1) at z = e^{jw}: 1 / (1 - a cos w + j a sin w)
        double a = 0.6;
        TransferFunction h = TransferFunction.of(new double[] {1}, new double[] {1, -a});
        for (double w : new double[] {0.0, 0.3, 1.0, Math.PI / 2, 3.0, Math.PI}) {
            Complex expected = Complex.ONE.divide(new Complex(1 - a * Math.cos(w), a * Math.sin(w)));
            Complex v = h.valueAt(w);
            assertEquals(expected.getReal(), v.getReal(), 1e-15, "re at " + w);
            assertEquals(expected.getImaginary(), v.getImaginary(), 1e-15, "im at " + w);
            assertEquals(expected.abs(), h.magnitudeAt(w), 1e-15, "magnitude at " + w);
            assertEquals(expected.getArgument(), h.phaseAt(w), 1e-15, "phase at " + w);
        }
        // A delay z^-3 has unit gain and phase -3w (wrapped).
        assertEquals(1.0, TransferFunction.delay(3).magnitudeAt(0.4), 1e-15, "delay gain");
        assertEquals(-1.2, TransferFunction.delay(3).phaseAt(0.4), 1e-15, "delay phase");
        assertEquals(2.5, TransferFunction.of(new double[] {1}, new double[] {1, -a}).dcGain(), 1e-15, "DC");
    }

    @Test
    void dcGainAndThePoleAtOne() {
        assertEquals(1.0, TransferFunction.lowPass(0.1).dcGain(), 1e-15, "low-pass DC gain");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TransferFunction.integrator().dcGain(), "integrator");
        assertTrue(e.getMessage().contains("pole at z = 1"), e.getMessage());
        assertTrue(e.getMessage().contains("cancelled("), e.getMessage());
        // (1 - z^-1) / ((1 - z^-1)(1 - 0.5 z^-1)): the numerator vanishes too, the message says so.
        TransferFunction common = TransferFunction.of(new double[] {1, -1}, new double[] {1, -1.5, 0.5});
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class, common::dcGain, "common");
        assertTrue(c.getMessage().contains("numerator vanishes there too"), c.getMessage());
        assertEquals(2.0, common.cancelled(1e-9).dcGain(), 1e-12, "after cancellation 1/(1 - 0.5)");
        assertEquals(2.0, common.dcLimit(), 1e-15, "exact DC limit by synthetic division");
    }

    @Test
    void stabilityWithTolerance() {
        TransferFunction h = TransferFunction.of(new double[] {1}, new double[] {1, -0.95});
        assertTrue(h.isStable(), "pole 0.95");
        assertTrue(h.isStable(0.04), "0.95 < 0.96");
        assertFalse(h.isStable(0.06), "0.95 > 0.94");
        assertFalse(TransferFunction.integrator().isStable(), "pole on the circle");
        assertFalse(TransferFunction.integrator().times(TransferFunction.integrator()).isStable(), "double pole at 1");
        assertFalse(TransferFunction.of(new double[] {1}, new double[] {1, 0, 1}).isStable(), "poles +-j");
        assertTrue(TransferFunction.delay(4).isStable(), "FIR");
        assertFalse(TransferFunction.of(new double[] {1}, new double[] {1, -1.01}).isStable(), "pole 1.01");
        // (0.5 +- 0.8j), |p| = 0.943
        TransferFunction pair = TransferFunction.of(new double[] {1}, new double[] {1, -1.0, 0.89});
        assertTrue(pair.isStable(0.05), "0.943 < 0.95");
        assertFalse(pair.isStable(0.06), "0.943 > 0.94");
    }

    @Test
    void cancelledRemovesAConstructedCommonFactor() {
        TransferFunction base = TransferFunction.of(new double[] {0.5, 0.2}, new double[] {1, -0.4, 0.3});
        // Common factors: a real root 0.7 and a pair 0.2 +- 0.6j.
        TransferFunction common = TransferFunction.fromZerosPolesGain(
                new Complex[] {new Complex(0.7), new Complex(0.2, 0.6), new Complex(0.2, -0.6)},
                new Complex[] {new Complex(0.7), new Complex(0.2, -0.6), new Complex(0.2, 0.6)}, 1.0);
        TransferFunction both = base.times(common);
        assertEquals(6, both.denominator().length, "degree 5 before");
        TransferFunction reduced = both.cancelled(1e-8);
        assertArrayEquals(base.numerator(), reduced.numerator(), 1e-12, "numerator back");
        assertArrayEquals(base.denominator(), reduced.denominator(), 1e-12, "denominator back");
        assertSame(base, base.cancelled(1e-8), "nothing to cancel: the same object");
    }

    @Test
    void cancelledTreatsANumericalDoubleRootAsTwoRealRoots() {
        // (1 - z^-1)^2 / ((1 - z^-1)^2 (1 - 0.5 z^-1)): the double roots may come out as a pair 1 +- eps j.
        TransferFunction d = TransferFunction.of(new double[] {1, -2, 1},
                new double[] {1, -2.5, 2.0, -0.5});
        TransferFunction reduced = d.cancelled(1e-6);
        assertArrayEquals(new double[] {1.0}, reduced.numerator(), 1e-7, "numerator 1");
        assertArrayEquals(new double[] {1.0, -0.5}, reduced.denominator(), 1e-7, "denominator 1 - 0.5 z^-1");
    }

    @Test
    void stepResponseIsTheRunningSumOfTheImpulseResponse() {
        TransferFunction h = TransferFunction.of(new double[] {0.3, -0.2, 0.1}, new double[] {1, -1.1, 0.5});
        double[] imp = h.impulseResponse(40);
        double[] step = h.stepResponse(40);
        double sum = 0.0;
        for (int k = 0; k < 40; k++) {
            sum += imp[k];
            assertEquals(sum, step[k], 1e-13, "step[" + k + "]");
        }
        assertEquals(0, h.impulseResponse(0).length, "n = 0");
        // Integrator: the step response is 1, 2, 3, ...
        assertArrayEquals(new double[] {1, 2, 3, 4}, TransferFunction.integrator().stepResponse(4), 0.0, "ramp");
    }

    @Test
    void frequencyResponseMatchesPointwiseValues() {
        TransferFunction h = TransferFunction.secondOrder(0.2, 0.1, 0.05, -0.6, 0.3);
        double[] w = {0.0, 0.5, 1.5, Math.PI};
        FrequencyResponse r = h.frequencyResponse(w);
        assertEquals(4, r.size(), "size");
        for (int k = 0; k < w.length; k++) {
            assertEquals(h.magnitudeAt(w[k]), r.magnitude()[k], 0.0, "magnitude " + k);
            assertEquals(h.phaseAt(w[k]), r.phase()[k], 0.0, "phase " + k);
        }
        w[1] = 99.0;
        assertEquals(0.5, r.omegas()[1], 0.0, "the record copied the grid");
        r.magnitude()[0] = -1.0;
        assertEquals(h.magnitudeAt(0.0), r.magnitude()[0], 0.0, "accessors return copies");
        assertEquals(r, h.frequencyResponse(new double[] {0.0, 0.5, 1.5, Math.PI}), "equal contents");
    }
}
