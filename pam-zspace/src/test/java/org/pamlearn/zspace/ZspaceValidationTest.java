// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Preconditions of {@link TransferFunction}, {@link FrequencyResponse} and {@link ClosedLoop}: type and message. */
class ZspaceValidationTest {

    private static final TransferFunction LP = TransferFunction.lowPass(0.5);

    private static void fails(Class<? extends Throwable> type, Executable call, String... fragments) {
        Throwable t = assertThrows(type, call, String.join(" / ", fragments));
        for (String f : fragments) {
            assertTrue(String.valueOf(t.getMessage()).contains(f),
                    "message \"" + t.getMessage() + "\" should contain \"" + f + "\"");
        }
    }

    @Test
    void coefficients() {
        fails(NullPointerException.class, () -> TransferFunction.of(null, new double[] {1}), "numerator");
        fails(NullPointerException.class, () -> TransferFunction.of(new double[] {1}, null), "denominator");
        fails(IllegalArgumentException.class, () -> TransferFunction.of(new double[0], new double[] {1}),
                "numerator must have at least one coefficient, got an empty array");
        fails(IllegalArgumentException.class, () -> TransferFunction.of(new double[] {1}, new double[0]),
                "denominator must have at least one coefficient");
        fails(IllegalArgumentException.class, () -> TransferFunction.of(new double[] {1, Double.NaN},
                new double[] {1}), "numerator[1] must be finite, got NaN");
        fails(IllegalArgumentException.class, () -> TransferFunction.of(new double[] {1},
                new double[] {1, 0, Double.NEGATIVE_INFINITY}), "denominator[2] must be finite, got -Infinity");
        fails(IllegalArgumentException.class, () -> TransferFunction.of(new double[] {1}, new double[] {0.0, 1}),
                "denominator[0] (a0) must be non-zero, got 0.0");
        fails(IllegalArgumentException.class, () -> TransferFunction.of(new double[] {1e300},
                new double[] {1e-300}), "overflows");
    }

    @Test
    void factories() {
        fails(IllegalArgumentException.class, () -> TransferFunction.gain(Double.NaN), "gain must be finite, got NaN");
        fails(IllegalArgumentException.class, () -> TransferFunction.delay(-1), "delay must be >= 0 samples, got -1");
        fails(IllegalArgumentException.class, () -> TransferFunction.lowPass(0.0), "alpha must be in (0, 1], got 0.0");
        fails(IllegalArgumentException.class, () -> TransferFunction.lowPass(1.5), "alpha", "got 1.5");
        fails(IllegalArgumentException.class, () -> TransferFunction.lowPass(Double.NaN), "alpha", "got NaN");
        fails(IllegalArgumentException.class, () -> TransferFunction.secondOrder(1, 0, 0, Double.NaN, 0),
                "denominator[1] must be finite, got NaN");
        Complex[] none = new Complex[0];
        fails(IllegalArgumentException.class, () -> TransferFunction.fromZerosPolesGain(none,
                new Complex[] {new Complex(0.5, 0.5), new Complex(0.5, 0.4)}, 1.0),
                "poles[0] = (0.5, 0.5) has no conjugate partner");
        fails(IllegalArgumentException.class, () -> TransferFunction.fromZerosPolesGain(
                new Complex[] {new Complex(Double.NaN, 0)}, none, 1.0), "zeros[0] must be finite");
        fails(NullPointerException.class, () -> TransferFunction.fromZerosPolesGain(new Complex[] {null}, none, 1.0),
                "zeros[0]");
        fails(NullPointerException.class, () -> TransferFunction.fromZerosPolesGain(none, null, 1.0), "poles");
        fails(IllegalArgumentException.class, () -> TransferFunction.fromZerosPolesGain(none, none,
                Double.POSITIVE_INFINITY), "gain must be finite, got Infinity");
    }

    @Test
    void algebra() {
        fails(NullPointerException.class, () -> LP.times(null), "other");
        fails(NullPointerException.class, () -> LP.plus(null), "other");
        fails(NullPointerException.class, () -> LP.feedback(null), "h");
        fails(NullPointerException.class, () -> LP.positiveFeedback(null), "h");
        fails(IllegalArgumentException.class, () -> TransferFunction.gain(1).feedback(TransferFunction.gain(-1)),
                "feedback: 1 + G(inf) H(inf) = 0", "does not exist");
        fails(IllegalArgumentException.class,
                () -> TransferFunction.gain(2).positiveFeedback(TransferFunction.gain(0.5)),
                "positiveFeedback: 1 - G(inf) H(inf) = 0");
        fails(ArithmeticException.class, () -> TransferFunction.gain(1e200).times(TransferFunction.gain(1e200)),
                "times: the coefficients overflow");
        fails(IllegalArgumentException.class, () -> LP.cancelled(-1e-9), "tolerance must be finite and >= 0");
        fails(IllegalArgumentException.class, () -> LP.cancelled(Double.NaN), "tolerance", "got NaN");
    }

    @Test
    void analysis() {
        fails(IllegalArgumentException.class, () -> LP.valueAt(Double.NaN), "omega must be finite, got NaN");
        fails(IllegalArgumentException.class, () -> LP.magnitudeAt(Double.POSITIVE_INFINITY), "omega");
        fails(IllegalArgumentException.class, () -> LP.valueAt(Complex.ZERO), "z must be finite and non-zero");
        fails(NullPointerException.class, () -> LP.valueAt((Complex) null), "z");
        fails(IllegalArgumentException.class, () -> LP.isStable(-0.1), "tolerance must be in [0, 1), got -0.1");
        fails(IllegalArgumentException.class, () -> LP.isStable(1.0), "tolerance must be in [0, 1), got 1.0");
        fails(IllegalArgumentException.class, () -> LP.isStable(Double.NaN), "got NaN");
        fails(IllegalArgumentException.class, () -> LP.impulseResponse(-1), "n must be >= 0 samples, got -1");
        fails(IllegalArgumentException.class, () -> LP.stepResponse(-2), "n must be >= 0 samples, got -2");
        fails(NullPointerException.class, () -> LP.response(null), "input");
        fails(IllegalArgumentException.class, () -> LP.response(new double[] {0, Double.NaN}),
                "input[1] must be finite, got NaN");
        fails(NullPointerException.class, () -> LP.frequencyResponse(null), "omegas");
        fails(IllegalArgumentException.class, () -> LP.frequencyResponse(new double[] {0.1, Double.NaN}),
                "omegas[1] must be finite, got NaN");
        fails(IllegalArgumentException.class, () -> TransferFunction.integrator().dcGain(),
                "no finite DC gain", "pole at z = 1", "cancelled(tolerance)");
    }

    @Test
    void frequencyResponseRecord() {
        fails(NullPointerException.class, () -> new FrequencyResponse(null, new double[0], new double[0]), "omegas");
        fails(IllegalArgumentException.class, () -> new FrequencyResponse(new double[2], new double[2],
                new double[1]), "must be omegas.length = 2, got 2 and 1");
    }

    @Test
    void closedLoop() {
        TransferFunction r = TransferFunction.of(new double[] {0, 1}, new double[] {1, -1});
        TransferFunction h = TransferFunction.gain(0.5);
        fails(NullPointerException.class, () -> ClosedLoop.of(null, h, 1, 0), "environment");
        fails(NullPointerException.class, () -> ClosedLoop.of(r, null, 1, 0), "reflex");
        fails(IllegalArgumentException.class, () -> ClosedLoop.of(r, h, Double.NaN, 0),
                "networkGain must be finite, got NaN");
        fails(IllegalArgumentException.class, () -> ClosedLoop.of(r, h, 1, -1),
                "lookahead must be >= 0 samples, got -1");
        fails(IllegalArgumentException.class, () -> ClosedLoop.of(TransferFunction.gain(2), h, 1, 0),
                "no delay", "R(inf)*H(inf) = 1.0", "algebraic loop cannot be realised");
        fails(IllegalArgumentException.class, () -> ClosedLoop.of(r, h, 1, 0).closedLoopGain(Double.NaN),
                "omega must be finite, got NaN");
        // 1 + R H with R = z^-1/(1 - z^-1), H = 2: pole 1 - 2 = -1 on the circle at omega = pi.
        fails(IllegalArgumentException.class, () -> ClosedLoop.of(r, TransferFunction.gain(2), 1, 0)
                .closedLoopGain(Math.PI), "not finite at omega", "pole lies on the unit circle");
    }
}
