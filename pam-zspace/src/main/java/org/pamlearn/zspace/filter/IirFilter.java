// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import java.util.Arrays;
import java.util.Objects;
import org.pamlearn.zspace.TransferFunction;
import org.pamlearn.zspace.internal.Checks;

/**
 * A real-time IIR filter: a cascade of second-order sections, each
 * {@code H_k(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)}, run in transposed direct form II
 * (two state values per section). The coefficients are immutable and stored flat, five per section; the
 * state is preallocated, so {@link #filter(double)} allocates nothing.
 *
 * <p>Built from explicit sections ({@link #ofSections(double[]...)}) or from any transfer function
 * ({@link #of(org.pamlearn.zspace.TransferFunction)}), which it factors into sections. An unstable filter
 * is allowed; its output then grows without bound.
 *
 * <p>Not thread-safe: one thread filters one signal through one instance.
 */
public final class IirFilter implements Filter {

    /** Coefficients per section: {@code b0, b1, b2, a1, a2}. */
    static final int STRIDE = 5;

    /**
     * Section denominators with {@code |1 + a1 + a2|} at most this, relative to {@code 1 + |a1| + |a2|}, have a
     * pole at {@code z = 1}: their DC gain is taken as infinite (the tolerance of {@link TransferFunction#dcGain()}).
     */
    private static final double DC_POLE_TOLERANCE = TransferFunction.POLE_AT_ONE_TOLERANCE;

    private final int nSections;
    private final double[] coefficients;
    private final double[] state;
    private double last;

    /** Takes ownership of {@code coefficients} (validated by the caller, length a multiple of 5). */
    IirFilter(double[] coefficients) {
        this.nSections = coefficients.length / STRIDE;
        this.coefficients = coefficients;
        this.state = new double[2 * nSections];
    }

    /**
     * A filter from explicit second-order sections, run in the order given.
     *
     * @param sections at least one section, each {@code {b0, b1, b2, a1, a2}} (the denominator's leading 1
     *     is implied), all finite. Not modified (copied).
     * @return the filter, its state zero
     * @throws IllegalArgumentException if no section is given, a section does not have 5 coefficients, or a
     *     coefficient is not finite
     * @throws NullPointerException if {@code sections} or one of them is {@code null}
     */
    public static IirFilter ofSections(double[]... sections) {
        Objects.requireNonNull(sections, "sections");
        if (sections.length == 0) {
            throw new IllegalArgumentException("sections must hold at least one section, got 0");
        }
        double[] flat = new double[STRIDE * sections.length];
        for (int k = 0; k < sections.length; k++) {
            double[] section = Objects.requireNonNull(sections[k], "sections[" + k + "]");
            if (section.length != STRIDE) {
                throw new IllegalArgumentException("sections[" + k + "].length must be 5 ({b0, b1, b2, a1, a2}), got "
                        + section.length);
            }
            for (int i = 0; i < STRIDE; i++) {
                Checks.requireFinite("sections[" + k + "][" + i + "] (" + coefficientName(i) + ")", section[i]);
            }
            System.arraycopy(section, 0, flat, STRIDE * k, STRIDE);
        }
        return new IirFilter(flat);
    }

    /**
     * A filter realising a transfer function, factored into second-order sections from its zeros, poles,
     * leading numerator coefficient and delay, {@code H(z) = b_d z^-d prod(1 - z_i z^-1) / prod(1 - p_i z^-1)}:
     * complex conjugate roots are paired into real quadratics, real roots two by two; a lone real zero takes one
     * sample of the delay, the rest of the delay becomes sections {@code z^-2} and {@code z^-1}. The sections
     * are ordered by their poles' radius, those nearest the unit circle last, and each pole pair gets the unused
     * zero pair nearest it (as SciPy's {@code zpk2sos} does); the gain {@code b_d} goes to the first section.
     * The number of sections is {@code max(1, ceil(M / 2), ceil(N / 2))} for numerator degree {@code M} and
     * denominator degree {@code N} in {@code z^-1}. The zero function gives one section that outputs 0.
     *
     * <p>The sections are as accurate as the roots multiply back to the coefficients: the product of the
     * sections matches {@code B} and {@code A} to about {@code 1e-15} relative to their largest coefficient, multiple
     * roots included (a root of multiplicity {@code m} is found only to about {@code 1e-16^(1/m)}, but the roots are
     * refined together, see {@link TransferFunction#zeros()}), even where a section splits such a cluster; the
     * impulse response then matches {@link TransferFunction#impulseResponse(int)} to about {@code 1e-12}.
     *
     * @param tf the transfer function, stable or not
     * @return the filter, its state zero
     * @throws NullPointerException if {@code tf} is {@code null}
     * @throws ArithmeticException if root finding fails (see {@link TransferFunction#poles()})
     */
    public static IirFilter of(TransferFunction tf) {
        Objects.requireNonNull(tf, "tf");
        double[] b = tf.numerator();
        int delay = 0;
        while (delay < b.length && b[delay] == 0.0) {
            delay++;
        }
        if (delay == b.length) {
            return new IirFilter(new double[STRIDE]);
        }
        return new IirFilter(Sections.of(tf.zeros(), tf.poles(), b[delay], delay));
    }

    private static String coefficientName(int i) {
        switch (i) {
            case 0:
                return "b0";
            case 1:
                return "b1";
            case 2:
                return "b2";
            case 3:
                return "a1";
            default:
                return "a2";
        }
    }

    /**
     * The number of second-order sections.
     *
     * @return the number of sections, {@code >= 1}
     */
    public int sectionCount() {
        return nSections;
    }

    /**
     * The sections, in the order they run.
     *
     * @return a new array of {@link #sectionCount()} arrays {@code {b0, b1, b2, a1, a2}}
     */
    public double[][] sections() {
        double[][] sections = new double[nSections][STRIDE];
        for (int k = 0; k < nSections; k++) {
            System.arraycopy(coefficients, STRIDE * k, sections[k], 0, STRIDE);
        }
        return sections;
    }

    /**
     * The transfer function this filter realises: the product of its sections (for analysis).
     *
     * @return {@code prod_k (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2)}
     */
    public TransferFunction transferFunction() {
        TransferFunction h = TransferFunction.gain(1.0);
        for (int c = 0; c < coefficients.length; c += STRIDE) {
            h = h.times(TransferFunction.secondOrder(coefficients[c], coefficients[c + 1], coefficients[c + 2],
                    coefficients[c + 3], coefficients[c + 4]));
        }
        return h;
    }

    /**
     * The DC gain {@code H(1)}: the product of the sections' {@code (b0 + b1 + b2) / (1 + a1 + a2)}.
     *
     * @return the DC gain
     * @throws IllegalArgumentException if a section has a pole at {@code z = 1} (to rounding)
     */
    public double dcGain() {
        double gain = 1.0;
        for (int k = 0; k < nSections; k++) {
            gain *= sectionDcGain(k);
        }
        return gain;
    }

    private double sectionDcGain(int k) {
        final int c = STRIDE * k;
        final double a1 = coefficients[c + 3];
        final double a2 = coefficients[c + 4];
        final double den = 1.0 + a1 + a2;
        if (Math.abs(den) <= DC_POLE_TOLERANCE * (1.0 + Math.abs(a1) + Math.abs(a2))) {
            throw new IllegalArgumentException("the DC gain is infinite: section " + k + " has a pole at z = 1 "
                    + "(1 + a1 + a2 = " + den + ")");
        }
        return (coefficients[c] + coefficients[c + 1] + coefficients[c + 2]) / den;
    }

    @Override
    public double filter(double x) {
        Checks.requireFinite("x", x);
        final double[] c = coefficients;
        final double[] s = state;
        double v = x;
        for (int k = 0, ci = 0, si = 0; k < nSections; k++, ci += STRIDE, si += 2) {
            final double y = c[ci] * v + s[si];
            s[si] = c[ci + 1] * v - c[ci + 3] * y + s[si + 1];
            s[si + 1] = c[ci + 2] * v - c[ci + 4] * y;
            v = y;
        }
        last = v;
        return v;
    }

    @Override
    public double lastValue() {
        return last;
    }

    @Override
    public void reset() {
        Arrays.fill(state, 0.0);
        last = 0.0;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each section is put at its equilibrium for its own steady input. For a stable filter the output then
     * stays at {@code dcGain() * steadyInput}; an unstable one drifts away from it with rounding.
     *
     * @throws IllegalArgumentException if {@code steadyInput} is not finite, or a section has a pole at
     *     {@code z = 1} (see {@link #dcGain()}); the state is then unchanged
     */
    @Override
    public void reset(double steadyInput) {
        Checks.requireFinite("steadyInput", steadyInput);
        dcGain(); // throws before any state changes
        double v = steadyInput;
        for (int k = 0; k < nSections; k++) {
            final int c = STRIDE * k;
            final double y = sectionDcGain(k) * v;
            final double s2 = coefficients[c + 2] * v - coefficients[c + 4] * y;
            state[2 * k] = coefficients[c + 1] * v - coefficients[c + 3] * y + s2;
            state[2 * k + 1] = s2;
            v = y;
        }
        last = v;
    }

    @Override
    public String toString() {
        return "IirFilter[" + nSections + (nSections == 1 ? " section]" : " sections]");
    }
}
