// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.complex.Complex;
import org.pamlearn.zspace.internal.Checks;
import org.pamlearn.zspace.internal.PoleZeroPairing;
import org.pamlearn.zspace.internal.PolynomialRoots;

/**
 * A discrete-time transfer function {@code H(z) = B(z^-1) / A(z^-1)}, a ratio of real polynomials in
 * {@code z^-1}:
 *
 * <pre>
 *          b_0 + b_1 z^-1 + ... + b_M z^-M
 *   H(z) = -------------------------------,   a_0 = 1
 *          a_0 + a_1 z^-1 + ... + a_N z^-N
 * </pre>
 *
 * <p>so that the output of the system to an input {@code x(n)} is the difference equation
 * {@code y(n) = sum_k b_k x(n-k) - sum_{k>=1} a_k y(n-k)}. Every such function is causal; it is realisable
 * (no output depends on itself in the same sample) by construction.
 *
 * <p>Stored normalised: the coefficients are divided by {@code a_0}, so {@code a_0 = 1}; trailing zero
 * coefficients are trimmed (at least one coefficient remains); {@code -0.0} is stored as {@code 0.0}. Nothing is
 * ever cancelled implicitly: the algebra keeps every factor (a zero numerator keeps its denominator, so the modes
 * of a loop stay visible) until {@link #cancelled(double)} is asked. {@link #equals} and {@link #hashCode} compare
 * the normalised coefficients exactly, so {@code H} and the same function with a common factor in numerator and
 * denominator are not equal.
 *
 * <p>Poles and zeros are those of the polynomials in {@code z}: with {@code d} the number of leading zero
 * coefficients of {@code B},
 * {@code H(z) = b_d z^-d prod_i (1 - z_i z^-1) / prod_j (1 - p_j z^-1)}, where {@link #zeros()} are the roots of
 * {@code b_d z^(M-d) + ... + b_M} and {@link #poles()} those of {@code a_0 z^N + ... + a_N}. Pure delays
 * ({@code z^-d}) and the poles or zeros at {@code z = 0} that they stand for are not listed.
 *
 * <p>This class is for design and analysis (it allocates, and uses Commons Math); the real-time filters in
 * {@code org.pamlearn.zspace.filter} are built from it. Immutable and thread-safe.
 */
public final class TransferFunction {

    /**
     * Relative tolerance for "a pole at {@code z = 1}": {@code |A(1)| <= 1e-12 * sum_k |a_k|}. Since
     * {@code A(1) = prod_j (1 - p_j)}, this means a pole within roughly {@code 1e-12} of {@code z = 1}; it is
     * far above the rounding error of {@code A(1)} ({@code ~ N * 1e-16 * sum_k |a_k|}), so an exact integrator
     * built by this class's algebra is always recognised.
     */
    public static final double POLE_AT_ONE_TOLERANCE = 1e-12;

    private static final TransferFunction ONE = new TransferFunction(new double[] {1.0}, new double[] {1.0});

    private final double[] num;
    private final double[] den;

    private TransferFunction(double[] num, double[] den) {
        this.num = num;
        this.den = den;
    }

    // ------------------------------------------------------------------------------------------ factories

    /**
     * A transfer function from its coefficients in {@code z^-1}.
     *
     * @param numerator {@code b_0, b_1, ..., b_M}, at least one, all finite. Not modified (copied).
     * @param denominator {@code a_0, a_1, ..., a_N}, at least one, all finite, {@code a_0 != 0}. Not modified
     *     (copied).
     * @return {@code B(z^-1) / A(z^-1)}, normalised to {@code a_0 = 1}
     * @throws NullPointerException if an array is {@code null}
     * @throws IllegalArgumentException if an array is empty, a coefficient is NaN or infinite, {@code a_0 == 0},
     *     or dividing by {@code a_0} overflows
     */
    public static TransferFunction of(double[] numerator, double[] denominator) {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        requireCoefficients("numerator", numerator);
        requireCoefficients("denominator", denominator);
        if (denominator[0] == 0.0) {
            throw new IllegalArgumentException("denominator[0] (a0) must be non-zero, got " + denominator[0]);
        }
        TransferFunction h = normalised(numerator, denominator);
        if (h == null) {
            throw new IllegalArgumentException("dividing the coefficients by denominator[0] = " + denominator[0]
                    + " overflows");
        }
        return h;
    }

    /**
     * The constant gain {@code H(z) = k}.
     *
     * @param k the gain, finite
     * @return {@code k / 1}
     * @throws IllegalArgumentException if {@code k} is NaN or infinite
     */
    public static TransferFunction gain(double k) {
        Checks.requireFinite("gain", k);
        return new TransferFunction(new double[] {k + 0.0}, new double[] {1.0});
    }

    /**
     * The pure delay {@code H(z) = z^-k} of {@code k} samples.
     *
     * @param k the delay in samples, {@code >= 0}
     * @return {@code z^-k}
     * @throws IllegalArgumentException if {@code k < 0}
     */
    public static TransferFunction delay(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("delay must be >= 0 samples, got " + k);
        }
        if (k == 0) {
            return ONE;
        }
        double[] b = new double[k + 1];
        b[k] = 1.0;
        return new TransferFunction(b, new double[] {1.0});
    }

    /**
     * The discrete integrator (running sum) {@code H(z) = 1 / (1 - z^-1)}: {@code y(n) = y(n-1) + x(n)}. Its
     * pole is at {@code z = 1}, so it is not stable and has no finite DC gain.
     *
     * @return {@code 1 / (1 - z^-1)}
     */
    public static TransferFunction integrator() {
        return new TransferFunction(new double[] {1.0}, new double[] {1.0, -1.0});
    }

    /**
     * The first-order low-pass (exponential smoothing) {@code H(z) = alpha / (1 - (1 - alpha) z^-1)}:
     * {@code y(n) = y(n-1) + alpha (x(n) - y(n-1))}, DC gain 1, pole at {@code 1 - alpha}. {@code alpha = 1}
     * passes the input through.
     *
     * @param alpha the smoothing factor, {@code 0 < alpha <= 1}
     * @return the low-pass
     * @throws IllegalArgumentException if {@code alpha} is not in {@code (0, 1]} (NaN included)
     */
    public static TransferFunction lowPass(double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        return of(new double[] {alpha}, new double[] {1.0, -(1.0 - alpha)});
    }

    /**
     * A second-order section (biquad) {@code (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)}.
     *
     * @param b0 numerator coefficient of {@code z^0}, finite
     * @param b1 numerator coefficient of {@code z^-1}, finite
     * @param b2 numerator coefficient of {@code z^-2}, finite
     * @param a1 denominator coefficient of {@code z^-1}, finite
     * @param a2 denominator coefficient of {@code z^-2}, finite
     * @return the section
     * @throws IllegalArgumentException if a coefficient is NaN or infinite
     */
    public static TransferFunction secondOrder(double b0, double b1, double b2, double a1, double a2) {
        return of(new double[] {b0, b1, b2}, new double[] {1.0, a1, a2});
    }

    /**
     * A transfer function from its zeros, poles and gain:
     * {@code H(z) = gain * prod_i (1 - z_i z^-1) / prod_j (1 - p_j z^-1)}. Complex zeros (and poles) must come
     * in conjugate pairs, so that the coefficients are real: a root with non-zero imaginary part needs a partner
     * within {@code 1e-9 * max(1, |z_i|)} of its conjugate; each pair is multiplied out as the real quadratic
     * of the pair's mean. A root at {@code z = 0} contributes the factor 1 (and is not listed by {@link #zeros()}
     * or {@link #poles()}); use {@link #delay(int)} for delays.
     *
     * @param zeros the zeros, finite, conjugate pairs complete. Not modified.
     * @param poles the poles, finite, conjugate pairs complete. Not modified.
     * @param gain the gain, finite
     * @return the transfer function
     * @throws NullPointerException if an array or element is {@code null}
     * @throws IllegalArgumentException if a root is not finite, a complex root has no conjugate partner, the
     *     gain is not finite, or the coefficients overflow
     */
    public static TransferFunction fromZerosPolesGain(Complex[] zeros, Complex[] poles, double gain) {
        Objects.requireNonNull(zeros, "zeros");
        Objects.requireNonNull(poles, "poles");
        Checks.requireFinite("gain", gain);
        double[] b = Polynomials.scale(PoleZeroPairing.realFactors("zeros", zeros), gain);
        double[] a = PoleZeroPairing.realFactors("poles", poles);
        TransferFunction h = normalised(b, a);
        if (h == null) {
            throw new IllegalArgumentException("the coefficients of the zeros, poles and gain " + gain
                    + " overflow");
        }
        return h;
    }

    // ------------------------------------------------------------------------------------------ coefficients

    /**
     * The numerator coefficients {@code b_0 .. b_M} of {@code z^0 .. z^-M}, normalised ({@code a_0 = 1}),
     * trailing zeros trimmed (at least one coefficient; a zero numerator gives {@code {0}}).
     *
     * @return a copy
     */
    public double[] numerator() {
        return num.clone();
    }

    /**
     * The denominator coefficients {@code a_0 = 1, a_1 .. a_N} of {@code z^0 .. z^-N}, trailing zeros trimmed.
     *
     * @return a copy
     */
    public double[] denominator() {
        return den.clone();
    }

    /**
     * The finite non-zero zeros in the {@code z}-plane: the roots of {@code b_d z^(M-d) + ... + b_M}, {@code d}
     * the number of leading zero coefficients of the numerator, with multiplicity. The zero function has none.
     * Complex zeros come in exact conjugate pairs, adjacent, positive imaginary part first; real zeros have
     * imaginary part exactly 0; sorted by real part. Computed on each call (Aberth-Ehrlich iteration from
     * Newton-polygon starts; see the package documentation): the roots are exact for coefficients perturbed by a
     * few units in the last place, so a simple, well-separated root is accurate to about {@code 1e-15} relative,
     * while a root of multiplicity {@code m} is only accurate to about {@code (n 1e-15)^(1/m)} (e.g. {@code 1e-7}
     * for a double root, {@code 1e-5} for a triple one). As a set, though, the roots are refined together to be
     * those of one polynomial within rounding of the coefficients: {@code b_d prod (1 - z_i z^-1)} reproduces the
     * numerator to about {@code 1e-15} relative, multiple roots included, and so do factors built from groups of
     * them (filter sections, {@link #cancelled(double)}).
     *
     * @return the zeros, a new array
     * @throws ArithmeticException if root finding fails (not seen for finite coefficients)
     */
    public Complex[] zeros() {
        int d = leadingZeros(num);
        if (d == num.length) {
            return new Complex[0];
        }
        return PolynomialRoots.of(Arrays.copyOfRange(num, d, num.length));
    }

    /**
     * The poles: the roots of {@code a_0 z^N + ... + a_N}, with multiplicity; ordered and paired as
     * {@link #zeros()}. Common pole/zero pairs are included unless removed by {@link #cancelled(double)}.
     *
     * @return the poles, a new array
     * @throws ArithmeticException if root finding fails (not seen for finite coefficients)
     */
    public Complex[] poles() {
        return PolynomialRoots.of(den);
    }

    // ------------------------------------------------------------------------------------------ algebra

    /**
     * The series connection {@code this * other} (one block after the other).
     *
     * @param other the other block
     * @return {@code B1 B2 / (A1 A2)}, without cancellation
     * @throws NullPointerException if {@code other} is {@code null}
     * @throws ArithmeticException if a coefficient overflows
     */
    public TransferFunction times(TransferFunction other) {
        Objects.requireNonNull(other, "other");
        return combined(Polynomials.multiply(num, other.num), Polynomials.multiply(den, other.den), "times");
    }

    /**
     * The parallel connection {@code this + other} (outputs added). When the denominators are equal the result
     * keeps that one denominator; otherwise it is their product, without cancellation.
     *
     * @param other the other block
     * @return {@code (B1 A2 + B2 A1) / (A1 A2)}
     * @throws NullPointerException if {@code other} is {@code null}
     * @throws ArithmeticException if a coefficient overflows
     */
    public TransferFunction plus(TransferFunction other) {
        Objects.requireNonNull(other, "other");
        if (Arrays.equals(den, other.den)) {
            return combined(Polynomials.addScaled(num, 1.0, other.num), den, "plus");
        }
        double[] b = Polynomials.addScaled(Polynomials.multiply(num, other.den), 1.0,
                Polynomials.multiply(other.num, den));
        return combined(b, Polynomials.multiply(den, other.den), "plus");
    }

    /**
     * Negative feedback: {@code this} ({@code G}) in the forward path, {@code h} in the feedback path, the fed
     * back signal subtracted: {@code G / (1 + G H) = B_G A_H / (A_G A_H + B_G B_H)}.
     *
     * <p>The loop is realisable in the time domain only if {@code G(inf) H(inf) = b_G0 b_H0 = 0}, i.e. the loop
     * has at least one sample of delay; this method computes the algebraic result whenever it exists and
     * rejects only {@code 1 + G(inf) H(inf) = 0}.
     *
     * @param h the feedback path
     * @return the closed loop from the reference input to the output of {@code G}
     * @throws NullPointerException if {@code h} is {@code null}
     * @throws IllegalArgumentException if {@code 1 + G(inf) H(inf) = 0} (the closed loop does not exist)
     * @throws ArithmeticException if a coefficient overflows
     */
    public TransferFunction feedback(TransferFunction h) {
        Objects.requireNonNull(h, "h");
        return loop(h, 1.0, "feedback");
    }

    /**
     * Positive feedback: {@code G / (1 - G H) = B_G A_H / (A_G A_H - B_G B_H)}; see {@link #feedback}.
     *
     * @param h the feedback path
     * @return the closed loop
     * @throws NullPointerException if {@code h} is {@code null}
     * @throws IllegalArgumentException if {@code 1 - G(inf) H(inf) = 0} (the closed loop does not exist)
     * @throws ArithmeticException if a coefficient overflows
     */
    public TransferFunction positiveFeedback(TransferFunction h) {
        Objects.requireNonNull(h, "h");
        return loop(h, -1.0, "positiveFeedback");
    }

    /**
     * The negative {@code -H(z)}.
     *
     * @return {@code -B / A}
     */
    public TransferFunction negate() {
        return combined(Polynomials.scale(num, -1.0), den, "negate");
    }

    /**
     * This function with common pole/zero pairs removed: a zero and a pole closer than {@code tolerance} in the
     * {@code z}-plane cancel, closest pairs first. Conjugate pairs cancel as wholes, against a conjugate pair or,
     * when the pair lies within {@code tolerance} of the real axis, against two real roots; so the result keeps
     * real coefficients. The remaining factors are multiplied out again with the gain {@code b_d} and delay
     * {@code z^-d} of this function. If nothing cancels, returns {@code this}. The zero function reduces to
     * {@code 0 / 1}. Since the roots multiply back to the coefficients to rounding (see {@link #zeros()}), the
     * result is as accurate as the remaining roots are conditioned once a multiple root has cancelled whole.
     *
     * <p>Cancelling hides a mode: an unstable pole cancelled in {@code G} is still there inside a loop built from
     * the uncancelled parts. Use it to simplify results, not to "stabilise" a plant.
     *
     * @param tolerance the largest distance between a cancelling zero and pole, finite and {@code >= 0}; roots
     *     of multiplicity {@code m} are only accurate to about {@code (n 1e-15)^(1/m)} (see {@link #zeros()}), so
     *     e.g. {@code 1e-9} suits simple roots, {@code 1e-6} double roots, {@code 1e-4} triple roots
     * @return the reduced function
     * @throws IllegalArgumentException if {@code tolerance} is negative, NaN or infinite
     */
    public TransferFunction cancelled(double tolerance) {
        Checks.requireAtLeast("tolerance", tolerance, 0.0, "0");
        int d = leadingZeros(num);
        if (d == num.length) {
            // The zero function: every pole cancels.
            return den.length == 1 ? this : new TransferFunction(new double[] {0.0}, new double[] {1.0});
        }
        if (den.length == 1) {
            return this;
        }
        PoleZeroPairing.Remaining remaining = PoleZeroPairing.cancel(zeros(), poles(), tolerance);
        if (remaining == null) {
            return this;
        }
        double[] zf = remaining.zeros();
        double[] b = new double[d + zf.length];
        for (int k = 0; k < zf.length; k++) {
            b[d + k] = num[d] * zf[k];
        }
        return combined(b, remaining.poles(), "cancelled");
    }

    // ------------------------------------------------------------------------------------------ analysis

    /**
     * The value {@code H(e^{j omega})} on the unit circle, the frequency response at {@code omega}.
     *
     * @param omega the angular frequency in rad/sample (the Nyquist frequency is {@code pi}), finite
     * @return the complex value; huge or not finite when a pole lies on the unit circle at {@code omega}
     * @throws IllegalArgumentException if {@code omega} is NaN or infinite
     */
    public Complex valueAt(double omega) {
        Checks.requireFinite("omega", omega);
        // z^-1 = e^{-j omega}
        return ratio(Math.cos(omega), -Math.sin(omega));
    }

    /**
     * Whether {@code A(e^{j omega})} is zero relative to the coefficients, {@code |A| <= 1e-12 sum_k |a_k|} (as
     * {@link #POLE_AT_ONE_TOLERANCE}): a pole on the unit circle at {@code omega}, where {@link #valueAt(double)}
     * is huge or not finite.
     */
    boolean hasPoleOnCircleAt(double omega) {
        double[] av = horner(den, Math.cos(omega), -Math.sin(omega));
        return Math.hypot(av[0], av[1]) <= POLE_AT_ONE_TOLERANCE * Polynomials.sumAbs(den);
    }

    /**
     * The value {@code H(z)} at any non-zero point of the {@code z}-plane.
     *
     * @param z the point, finite and non-zero
     * @return the complex value; not finite at a pole
     * @throws NullPointerException if {@code z} is {@code null}
     * @throws IllegalArgumentException if {@code z} is zero, NaN or infinite
     */
    public Complex valueAt(Complex z) {
        Objects.requireNonNull(z, "z");
        Checks.requireFiniteNonZero("z", z);
        Complex x = z.reciprocal();
        return ratio(x.getReal(), x.getImaginary());
    }

    /**
     * The gain {@code |H(e^{j omega})|}.
     *
     * @param omega the angular frequency in rad/sample, finite
     * @return the magnitude (not in dB)
     * @throws IllegalArgumentException if {@code omega} is NaN or infinite
     */
    public double magnitudeAt(double omega) {
        return valueAt(omega).abs();
    }

    /**
     * The phase {@code arg H(e^{j omega})} in radians, wrapped to {@code [-pi, pi]} (not unwrapped).
     *
     * @param omega the angular frequency in rad/sample, finite
     * @return the phase in radians
     * @throws IllegalArgumentException if {@code omega} is NaN or infinite
     */
    public double phaseAt(double omega) {
        return valueAt(omega).getArgument();
    }

    /**
     * The frequency response over a grid of frequencies.
     *
     * @param omegas the angular frequencies in rad/sample, each finite. Not modified (copied).
     * @return magnitudes and wrapped phases at {@code omegas}
     * @throws NullPointerException if {@code omegas} is {@code null}
     * @throws IllegalArgumentException if a frequency is NaN or infinite
     */
    public FrequencyResponse frequencyResponse(double[] omegas) {
        Objects.requireNonNull(omegas, "omegas");
        Checks.requireFinite("omegas", omegas);
        double[] magnitude = new double[omegas.length];
        double[] phase = new double[omegas.length];
        for (int k = 0; k < omegas.length; k++) {
            Complex v = valueAt(omegas[k]);
            magnitude[k] = v.abs();
            phase[k] = v.getArgument();
        }
        return new FrequencyResponse(omegas, magnitude, phase);
    }

    /**
     * Whether all poles lie strictly inside the unit circle ({@link #isStable(double) isStable(0)}).
     *
     * @return {@code true} if bounded-input bounded-output stable
     */
    public boolean isStable() {
        return isStable(0.0);
    }

    /**
     * Whether all poles satisfy {@code |p| < 1 - tolerance}. Decided from the coefficients by the Schur-Cohn
     * (Jury) step-down recursion on {@code A(rho z)}, {@code rho = 1 - tolerance}, not from computed roots: a
     * pole exactly on the circle (an integrator, a double integrator) is recognised exactly, whatever the
     * accuracy of {@link #poles()} for multiple roots. Poles cancelled by zeros count (see
     * {@link #cancelled(double)}).
     *
     * @param tolerance the stability margin, {@code 0 <= tolerance < 1}
     * @return {@code true} if every pole lies inside the circle of radius {@code 1 - tolerance}
     * @throws IllegalArgumentException if {@code tolerance} is not in {@code [0, 1)} (NaN included)
     */
    public boolean isStable(double tolerance) {
        if (!(tolerance >= 0.0 && tolerance < 1.0)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), got " + tolerance);
        }
        double rho = 1.0 - tolerance;
        int n = den.length - 1;
        double[] p = new double[n + 1];
        double scale = 1.0;
        for (int k = 0; k <= n; k++) {
            // Roots of sum a_k (rho w)^(N-k) = 0 are w = p_j / rho: coefficients a_k / rho^k.
            p[k] = den[k] * scale;
            scale /= rho;
        }
        for (int m = n; m >= 1; m--) {
            double k = p[m] / p[0];
            if (!(Math.abs(k) < 1.0)) {
                return false;
            }
            double d = 1.0 - k * k;
            double[] q = new double[m];
            for (int i = 0; i < m; i++) {
                q[i] = (p[i] - k * p[m - i]) / d;
            }
            p = q;
        }
        return true;
    }

    /**
     * The DC gain {@code H(1) = B(1) / A(1)}, the steady-state output for a unit step input (if stable).
     *
     * @return {@code H(1)}
     * @throws IllegalArgumentException if a pole lies at {@code z = 1} (within {@link #POLE_AT_ONE_TOLERANCE});
     *     the message says whether the numerator vanishes there too, in which case {@link #cancelled(double)}
     *     removes the common factor first
     */
    public double dcGain() {
        if (Polynomials.vanishesAtOne(den, POLE_AT_ONE_TOLERANCE)) {
            String hint = Polynomials.vanishesAtOne(num, POLE_AT_ONE_TOLERANCE)
                    ? "; the numerator vanishes there too, so a zero may cancel it: call cancelled(tolerance) first"
                    : "; if a zero cancels it, call cancelled(tolerance) first";
            throw new IllegalArgumentException("no finite DC gain: " + this + " has a pole at z = 1 (A(1) = "
                    + Polynomials.valueAtOne(den) + ")" + hint);
        }
        return Polynomials.valueAtOne(num) / Polynomials.valueAtOne(den);
    }

    /**
     * The limit of {@code H(z)} as {@code z -> 1}: factors {@code (1 - z^-1)} common to numerator and
     * denominator (as found at {@code z = 1} within {@link #POLE_AT_ONE_TOLERANCE}) are divided out exactly by
     * synthetic division, then {@code H(1)} is evaluated. Needs no root finding.
     *
     * @return the DC limit
     * @throws IllegalArgumentException if a pole at {@code z = 1} remains
     */
    double dcLimit() {
        double[] b = num;
        double[] a = den;
        while (a.length > 1 && Polynomials.vanishesAtOne(a, POLE_AT_ONE_TOLERANCE)
                && Polynomials.vanishesAtOne(b, POLE_AT_ONE_TOLERANCE)) {
            a = Polynomials.divideByOneMinusX(a);
            b = Polynomials.divideByOneMinusX(b);
        }
        if (Polynomials.vanishesAtOne(a, POLE_AT_ONE_TOLERANCE)) {
            throw new IllegalArgumentException("no finite DC limit: " + this + " has a pole at z = 1 that no zero"
                    + " cancels");
        }
        return Polynomials.valueAtOne(b) / Polynomials.valueAtOne(a);
    }

    /**
     * The first {@code n} samples of the impulse response {@code h(0), h(1), ...}: the output for
     * {@code x = 1, 0, 0, ...} from zero state, i.e. the power series of {@code B / A} in {@code z^-1}.
     *
     * @param n the number of samples, {@code >= 0}
     * @return a new array of length {@code n}
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public double[] impulseResponse(int n) {
        requireCount(n);
        double[] x = new double[n];
        if (n > 0) {
            x[0] = 1.0;
        }
        return filterFromRest(x);
    }

    /**
     * The first {@code n} samples of the step response: the output for {@code x = 1, 1, 1, ...} from zero state,
     * the running sum of the impulse response.
     *
     * @param n the number of samples, {@code >= 0}
     * @return a new array of length {@code n}
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public double[] stepResponse(int n) {
        requireCount(n);
        double[] x = new double[n];
        Arrays.fill(x, 1.0);
        return filterFromRest(x);
    }

    /**
     * The output for a finite input sequence from zero state, by the difference equation
     * {@code y(n) = sum_k b_k x(n-k) - sum_{k>=1} a_k y(n-k)} (a design-time simulation; the real-time filters
     * are in {@code org.pamlearn.zspace.filter}).
     *
     * @param input {@code x(0) .. x(L-1)}, all finite. Not modified.
     * @return {@code y(0) .. y(L-1)}, a new array
     * @throws NullPointerException if {@code input} is {@code null}
     * @throws IllegalArgumentException if an input sample is NaN or infinite
     */
    public double[] response(double[] input) {
        Objects.requireNonNull(input, "input");
        Checks.requireFinite("input", input);
        return filterFromRest(input);
    }

    // ------------------------------------------------------------------------------------------ object

    /**
     * Equal when the normalised coefficients are equal exactly (no cancellation, no tolerance).
     *
     * @param o the other object
     * @return whether {@code o} is a transfer function with the same coefficients
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof TransferFunction)) {
            return false;
        }
        TransferFunction t = (TransferFunction) o;
        return Arrays.equals(num, t.num) && Arrays.equals(den, t.den);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(num) + Arrays.hashCode(den);
    }

    /**
     * The function as a formula in {@code z^-1}, e.g. {@code (0.5 + 0.25 z^-1)/(1 - 0.5 z^-1)}; a polynomial
     * (denominator 1) prints without parentheses, e.g. {@code 2 z^-3}.
     *
     * @return the formula
     */
    @Override
    public String toString() {
        String b = polynomialString(num);
        if (den.length == 1) {
            return b;
        }
        return "(" + b + ")/(" + polynomialString(den) + ")";
    }

    // ------------------------------------------------------------------------------------------ internals

    private TransferFunction loop(TransferFunction h, double sign, String op) {
        double[] b = Polynomials.multiply(num, h.den);
        double[] a = Polynomials.addScaled(Polynomials.multiply(den, h.den), sign,
                Polynomials.multiply(num, h.num));
        if (a[0] == 0.0) {
            throw new IllegalArgumentException(op + ": 1 " + (sign > 0 ? "+" : "-") + " G(inf) H(inf) = 0 (G(inf) = "
                    + num[0] + ", H(inf) = " + h.num[0] + "): the closed loop does not exist");
        }
        return combined(b, a, op);
    }

    private Complex ratio(double xr, double xi) {
        double[] bv = horner(num, xr, xi);
        double[] av = horner(den, xr, xi);
        return new Complex(bv[0], bv[1]).divide(new Complex(av[0], av[1]));
    }

    /** {@code p(x)} for complex {@code x}, as {@code {re, im}}. */
    private static double[] horner(double[] p, double xr, double xi) {
        double re = p[p.length - 1];
        double im = 0.0;
        for (int k = p.length - 2; k >= 0; k--) {
            double nr = re * xr - im * xi + p[k];
            double ni = re * xi + im * xr;
            re = nr;
            im = ni;
        }
        return new double[] {re, im};
    }

    private double[] filterFromRest(double[] x) {
        int n = x.length;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            double acc = 0.0;
            int mb = Math.min(t, num.length - 1);
            for (int k = 0; k <= mb; k++) {
                acc += num[k] * x[t - k];
            }
            int ma = Math.min(t, den.length - 1);
            for (int k = 1; k <= ma; k++) {
                acc -= den[k] * y[t - k];
            }
            y[t] = acc;
        }
        return y;
    }

    /** Normalises arbitrary finite coefficients with {@code a[0] != 0}; {@code null} if that overflows. */
    private static TransferFunction normalised(double[] b, double[] a) {
        double a0 = a[0];
        double[] nb = trimmed(b, a0);
        double[] na = trimmed(a, a0);
        if (nb == null || na == null) {
            return null;
        }
        na[0] = 1.0;
        return new TransferFunction(nb, na);
    }

    /** {@code p / a0} with trailing zeros removed and {@code -0.0} as {@code 0.0}; {@code null} if not finite. */
    private static double[] trimmed(double[] p, double a0) {
        int len = p.length;
        while (len > 1 && p[len - 1] == 0.0) {
            len--;
        }
        double[] r = new double[len];
        for (int k = 0; k < len; k++) {
            r[k] = p[k] / a0 + 0.0;
            if (!Double.isFinite(r[k])) {
                return null;
            }
        }
        // Division can underflow a tiny last coefficient to zero.
        int trim = len;
        while (trim > 1 && r[trim - 1] == 0.0) {
            trim--;
        }
        return trim == len ? r : Arrays.copyOf(r, trim);
    }

    private static TransferFunction combined(double[] b, double[] a, String op) {
        TransferFunction h = Polynomials.allFinite(b) && Polynomials.allFinite(a) ? normalised(b, a) : null;
        if (h == null) {
            throw new ArithmeticException(op + ": the coefficients overflow");
        }
        return h;
    }

    private static int leadingZeros(double[] p) {
        int d = 0;
        while (d < p.length && p[d] == 0.0) {
            d++;
        }
        return d;
    }

    private static void requireCoefficients(String name, double[] p) {
        if (p.length == 0) {
            throw new IllegalArgumentException(name + " must have at least one coefficient, got an empty array");
        }
        Checks.requireFinite(name, p);
    }

    private static void requireCount(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0 samples, got " + n);
        }
    }

    private static String polynomialString(double[] p) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < p.length; k++) {
            double c = p[k];
            if (c == 0.0 && p.length > 1) {
                continue;
            }
            if (s.length() == 0) {
                s.append(number(c));
            } else {
                s.append(c < 0 ? " - " : " + ").append(number(Math.abs(c)));
            }
            if (k > 0) {
                s.append(" z^-").append(k);
            }
        }
        return s.toString();
    }

    private static String number(double c) {
        if (c == Math.rint(c) && Math.abs(c) < 1e15) {
            return Long.toString((long) c);
        }
        return Double.toString(c);
    }
}
