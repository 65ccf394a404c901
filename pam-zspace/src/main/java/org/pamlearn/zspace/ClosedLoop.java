// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import java.util.Objects;
import org.apache.commons.math3.complex.Complex;
import org.pamlearn.zspace.internal.Checks;

/**
 * The closed loop of docs/ALGORITHMS.md &sect;2 in z-space: the environment {@code R(z)} (motor command to
 * near-sensor signal), the reflex {@code H(z)}, the network gain {@code G_N} and the look-ahead {@code T}.
 *
 * <h2>Derivation</h2>
 *
 * <p>The near sensors see the environment's response to the motor command {@code U} and to the disturbance
 * {@code D}, which reaches the plant {@code T} samples after the look-ahead sensors saw it; the motor command is
 * the reflex plus the network output:
 *
 * <pre>
 *   E = SP - R (z^-T D + U),    U = H E + G_N Y
 *   =&gt;  (1 + R H) E = SP - R z^-T D - R G_N Y
 *   =&gt;  E = [SP - R z^-T D - R G_N Y] / (1 + R H)
 * </pre>
 *
 * <p>By superposition, with {@code SP = 0}:
 *
 * <pre>
 *   E / D  = -R z^-T / (1 + R H)            reflex only (Y = 0): {@link #reflexOnlyErrorResponse()}
 *   G_YE   = dE/dY = -R G_N / (1 + R H)     network output to error: {@link #networkToError()}
 *   K_cl   = -G_YE(1) = R(1) G_N / (1 + R(1) H(1))                     {@link #closedLoopGain()}
 * </pre>
 *
 * <p>With {@code R = B_R / A_R} and {@code H = B_H / A_H}, all of them share the characteristic polynomial
 * {@code A_R A_H + B_R B_H}: {@code 1/(1 + R H) = A_R A_H / (A_R A_H + B_R B_H)} and
 * {@code R/(1 + R H) = B_R A_H / (A_R A_H + B_R B_H)}. Its roots are {@link #poles()}; no factor is cancelled,
 * so a mode hidden by a pole/zero cancellation inside {@code R} or {@code H} still counts for
 * {@link #isReflexStable()}. The loop can be run sample by sample only if {@code E(n)} does not depend on itself:
 * {@code R(inf) H(inf) = b_R0 b_H0 = 0}, at least one sample of delay around the loop; otherwise
 * {@link #of} rejects it. For an integrating plant {@code A_R(1) = 0}, and the second form gives the limit
 * {@code K_cl = B_R(1) G_N / (B_R(1) B_H(1)) = G_N / H(1)} without dividing by zero.
 *
 * <p>Example: a proportional reflex {@code H = G_R} around an integrating plant with one sample of delay,
 * {@code R = K z^-1 / (1 - z^-1)}, gives {@code G_YE = -K G_N z^-1 / (1 - (1 - K G_R) z^-1)}: one pole at
 * {@code 1 - K G_R}, stable for {@code 0 < K G_R < 2}, and {@code K_cl = G_N / G_R}.
 *
 * <p>Immutable and thread-safe; every result is computed once, on construction, except poles and values at a
 * frequency.
 */
public final class ClosedLoop {

    private final TransferFunction environment;
    private final TransferFunction reflex;
    private final double networkGain;
    private final int lookahead;
    /** {@code 1 / (1 + R H)}. */
    private final TransferFunction sensitivity;
    /** {@code R / (1 + R H)}. */
    private final TransferFunction plantLoop;
    private final TransferFunction reflexOnlyError;
    private final TransferFunction networkToError;

    private ClosedLoop(TransferFunction environment, TransferFunction reflex, double networkGain, int lookahead) {
        this.environment = environment;
        this.reflex = reflex;
        this.networkGain = networkGain;
        this.lookahead = lookahead;
        this.sensitivity = TransferFunction.gain(1.0).feedback(environment.times(reflex));
        this.plantLoop = environment.feedback(reflex);
        this.reflexOnlyError = plantLoop.times(TransferFunction.delay(lookahead)).negate();
        this.networkToError = plantLoop.times(TransferFunction.gain(-networkGain));
    }

    /**
     * The closed loop of an environment, a reflex, a network gain and a look-ahead.
     *
     * @param environment {@code R(z)}, from motor command to near-sensor error (gains, integrators, sensor
     *     filters, delays)
     * @param reflex {@code H(z)}, from error to motor command (for a proportional reflex
     *     {@code TransferFunction.gain(G_R)})
     * @param networkGain {@code G_N}, the gain from network output to motor command, finite (any sign, 0 allowed)
     * @param lookahead {@code T}, how many samples earlier the look-ahead sensors see the disturbance, {@code >= 0}
     * @return the closed loop
     * @throws NullPointerException if {@code environment} or {@code reflex} is {@code null}
     * @throws IllegalArgumentException if {@code networkGain} is NaN or infinite, {@code lookahead < 0}, or the
     *     loop has no delay ({@code R(inf) H(inf) != 0}: an algebraic loop cannot be realised)
     * @throws ArithmeticException if a coefficient of the closed loop overflows
     */
    public static ClosedLoop of(TransferFunction environment, TransferFunction reflex, double networkGain,
            int lookahead) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(reflex, "reflex");
        Checks.requireFinite("networkGain", networkGain);
        if (lookahead < 0) {
            throw new IllegalArgumentException("lookahead must be >= 0 samples, got " + lookahead);
        }
        double direct = environment.numerator()[0] * reflex.numerator()[0];
        if (direct != 0.0) {
            throw new IllegalArgumentException("the loop R*H has no delay (R(inf)*H(inf) = " + direct
                    + ", must be 0): an algebraic loop cannot be realised; give the environment R at least one"
                    + " sample of delay, e.g. R.times(TransferFunction.delay(1))");
        }
        return new ClosedLoop(environment, reflex, networkGain, lookahead);
    }

    /**
     * The environment.
     *
     * @return {@code R(z)}
     */
    public TransferFunction environment() {
        return environment;
    }

    /**
     * The reflex.
     *
     * @return {@code H(z)}
     */
    public TransferFunction reflex() {
        return reflex;
    }

    /**
     * The network gain.
     *
     * @return {@code G_N}
     */
    public double networkGain() {
        return networkGain;
    }

    /**
     * The look-ahead.
     *
     * @return {@code T} in samples
     */
    public int lookahead() {
        return lookahead;
    }

    /**
     * The error's response to the disturbance with the reflex alone ({@code Y = 0}):
     * {@code E/D = -R z^-T / (1 + R H)}. Its impulse response is the error the reflex leaves after a unit
     * disturbance seen by the look-ahead sensors at {@code n = 0}.
     *
     * @return {@code -R z^-T / (1 + R H)}, denominator the characteristic polynomial
     */
    public TransferFunction reflexOnlyErrorResponse() {
        return reflexOnlyError;
    }

    /**
     * The transfer function from network output to error, {@code G_YE = dE/dY = -R G_N / (1 + R H)}: the filter
     * through which the exact gradient sees the network's sensitivity.
     *
     * @return {@code G_YE}, denominator the characteristic polynomial (numerator 0 when {@code G_N = 0})
     */
    public TransferFunction networkToError() {
        return networkToError;
    }

    /**
     * The sensitivity {@code 1 / (1 + R H)} of the reflex loop, whose poles are {@link #poles()}.
     *
     * @return {@code A_R A_H / (A_R A_H + B_R B_H)}
     */
    public TransferFunction sensitivity() {
        return sensitivity;
    }

    /**
     * The closed-loop gain at DC, {@code K_cl = R(1) G_N / (1 + R(1) H(1)) = -G_YE(1)}: the constant that the
     * learning rules use in place of the filter {@code G_YE}. Evaluated as the limit {@code z -> 1} of
     * {@code G_N B_R A_H / (A_R A_H + B_R B_H)}, with common factors {@code (1 - z^-1)} divided out exactly, so
     * an integrating plant gives {@code G_N / H(1)}.
     *
     * @return {@code K_cl}; 0 when {@code G_N = 0}
     * @throws IllegalArgumentException if the limit is infinite: the closed loop has a pole at {@code z = 1}
     *     (e.g. an integrating plant with {@code H(1) = 0}); the message says so
     */
    public double closedLoopGain() {
        if (networkGain == 0.0) {
            return 0.0;
        }
        try {
            return networkGain * plantLoop.dcLimit();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("K_cl is infinite: R/(1 + R H) = " + plantLoop
                    + " has a pole at z = 1 (the reflex does not hold the loop at DC, e.g. H(1) = 0 with an"
                    + " integrating environment)", e);
        }
    }

    /**
     * The closed-loop gain at the angular frequency {@code omega}: the real part of
     * {@code K(e^{j omega}) = -G_YE(e^{j omega}) = G_N R / (1 + R H)}.
     *
     * <p>Why the real part: for a signal at {@code omega} the learning update is a time average of the product of
     * the network's sensitivity and the error it causes through {@code K}, which is proportional to
     * {@code |K| cos(arg K) = Re K}. Its sign says whether the update descends at that frequency, and its size how
     * fast; near a phase of {@code +-90} degrees the update hardly descends, which the real part reports and the
     * magnitude would hide. At {@code omega = 0} it is {@link #closedLoopGain()}.
     *
     * @param omega the angular frequency in rad/sample, finite
     * @return {@code Re K(e^{j omega})}; 0 when {@code G_N = 0}
     * @throws IllegalArgumentException if {@code omega} is NaN or infinite, or a closed-loop pole lies on the
     *     unit circle at {@code omega} (the characteristic polynomial vanishes there within
     *     {@link TransferFunction#POLE_AT_ONE_TOLERANCE} relative to its coefficients)
     */
    public double closedLoopGain(double omega) {
        Checks.requireFinite("omega", omega);
        if (omega == 0.0) {
            return closedLoopGain();
        }
        if (networkGain == 0.0) {
            return 0.0;
        }
        Complex v = plantLoop.valueAt(omega);
        if (plantLoop.hasPoleOnCircleAt(omega) || !Double.isFinite(v.getReal())
                || !Double.isFinite(v.getImaginary())) {
            throw new IllegalArgumentException("K(e^{j omega}) is not finite at omega = " + omega
                    + ": a closed-loop pole lies on the unit circle there");
        }
        return networkGain * v.getReal();
    }

    /**
     * The priming sign: the sign of {@link #closedLoopGain()}. A positive sign means the rules' update (with
     * {@code E} as "desired minus actual") descends; a negative sign means the network's output must be
     * subtracted (or {@code G_N} negated).
     *
     * @return -1, 0 or 1
     * @throws IllegalArgumentException if {@code K_cl} is infinite (see {@link #closedLoopGain()})
     */
    public int primingSign() {
        return (int) Math.signum(closedLoopGain());
    }

    /**
     * Whether the reflex loop alone is stable: all roots of the characteristic polynomial
     * {@code A_R A_H + B_R B_H} strictly inside the unit circle (decided by the Schur-Cohn test, see
     * {@link TransferFunction#isStable(double)}).
     *
     * @return {@code true} if the poles of {@code 1 / (1 + R H)} are all strictly inside the unit circle
     */
    public boolean isReflexStable() {
        return sensitivity.isStable();
    }

    /**
     * The poles of the reflex loop: the roots of {@code A_R A_H + B_R B_H}, the poles of {@code 1 / (1 + R H)},
     * with multiplicity, as {@link TransferFunction#poles()}.
     *
     * @return the poles, a new array
     */
    public Complex[] poles() {
        return sensitivity.poles();
    }

    @Override
    public String toString() {
        return "ClosedLoop[R = " + environment + ", H = " + reflex + ", G_N = " + networkGain + ", T = " + lookahead
                + "]";
    }
}
