// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import java.util.Arrays;
import java.util.Objects;
import org.pamlearn.zspace.internal.Checks;

/**
 * The authors' resonator bank (docs/ALGORITHMS.md &sect;4): {@code n} {@link Resonator}s filtering one signal
 * into {@code n} outputs per sample, resonator {@code m} at output {@code m}. Run as one flat loop over
 * preallocated coefficients ({@code 1 / norm, d1, d2} per resonator) and state (the last two outputs per
 * resonator): {@link #filter(double, double[], int)} allocates nothing.
 *
 * <p>Frequencies are spread evenly between the periods {@code maxT} and {@code minT} (in samples):
 * {@code f_m = f_min + m (f_max - f_min) / (n - 1)}, {@code f_min = 1 / maxT}, {@code f_max = 1 / minT};
 * a bank of one resonator (decision) has {@code f_0 = f_min}, the slowest.
 *
 * <p>Not thread-safe: one thread filters one signal through one instance.
 */
public final class ResonatorBank implements FilterBank {

    private static final int STRIDE = 3;

    private final Resonator[] resonators;
    /** Per resonator: {@code 1 / norm, d1, d2}. */
    private final double[] coefficients;
    /** Per resonator: {@code y[n-1], y[n-2]}. */
    private final double[] state;

    /**
     * The authors' bank of {@code n} resonators between the periods {@code minT} and {@code maxT}.
     *
     * @param n the number of resonators, {@code >= 1}
     * @param minT the shortest period in samples, finite and {@code > 2} (the highest frequency {@code 1 / minT}
     *     must lie below the Nyquist frequency 0.5)
     * @param maxT the longest period in samples, finite and {@code >= minT}; its resonator's decay time
     *     {@code q maxT / pi} must not exceed {@link Resonator#MAX_DECAY_TIME}
     * @param q the quality factor of every resonator, finite and {@code > 0.5} (the authors use
     *     {@link Resonator#DEFAULT_Q})
     * @throws IllegalArgumentException if a parameter is out of range, NaN or infinite
     */
    public ResonatorBank(int n, double minT, double maxT, double q) {
        this(design(n, minT, maxT, q));
    }

    /**
     * A bank of the given resonators, output {@code m} from {@code resonators[m]}.
     *
     * @param resonators at least one resonator. Not modified (copied).
     * @throws IllegalArgumentException if no resonator is given
     * @throws NullPointerException if {@code resonators} or one of them is {@code null}
     */
    public ResonatorBank(Resonator... resonators) {
        Objects.requireNonNull(resonators, "resonators");
        if (resonators.length == 0) {
            throw new IllegalArgumentException("resonators must hold at least one resonator, got 0");
        }
        this.resonators = resonators.clone();
        this.coefficients = new double[STRIDE * resonators.length];
        this.state = new double[2 * resonators.length];
        for (int m = 0; m < resonators.length; m++) {
            Resonator r = Objects.requireNonNull(this.resonators[m], "resonators[" + m + "]");
            coefficients[STRIDE * m] = 1 / r.norm();
            coefficients[STRIDE * m + 1] = r.d1();
            coefficients[STRIDE * m + 2] = r.d2();
        }
    }

    private static Resonator[] design(int n, double minT, double maxT, double q) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 resonator, got " + n);
        }
        Checks.requireAbove("minT", minT, 2, "2 samples (a period of 2 samples or less is at or above the Nyquist "
                + "frequency 0.5)");
        Checks.requireAtLeast("maxT", maxT, minT, "minT = " + minT);
        Checks.requireAbove("q", q, 0.5, "0.5 (oscillatory poles)");
        if (!(q * maxT / Math.PI <= Resonator.MAX_DECAY_TIME)) {
            throw new IllegalArgumentException("maxT must be <= pi * " + Resonator.MAX_DECAY_TIME + " / q = "
                    + (Math.PI * Resonator.MAX_DECAY_TIME / q) + " samples (the slowest resonator's decay time q * "
                    + "maxT / pi must be <= " + Resonator.MAX_DECAY_TIME + " samples), got " + maxT);
        }
        final double fMin = 1 / maxT;
        final double fMax = 1 / minT;
        Resonator[] resonators = new Resonator[n];
        for (int m = 0; m < n; m++) {
            double f = n == 1 ? fMin : fMin + m * (fMax - fMin) / (n - 1);
            resonators[m] = Resonator.of(f, q);
        }
        return resonators;
    }

    /**
     * One resonator of the bank.
     *
     * @param m the output index, {@code 0 <= m < size()}
     * @return the resonator at output {@code m}
     * @throws IndexOutOfBoundsException if {@code m} is out of range
     */
    public Resonator resonator(int m) {
        return resonators[Objects.checkIndex(m, resonators.length)];
    }

    @Override
    public int size() {
        return resonators.length;
    }

    @Override
    public void filter(double x, double[] dst, int offset) {
        Checks.requireFinite("x", x);
        Checks.requireRoom(dst, offset, resonators.length);
        final double[] c = coefficients;
        final double[] s = state;
        final int n = resonators.length;
        for (int m = 0, ci = 0, si = 0; m < n; m++, ci += STRIDE, si += 2) {
            final double y = c[ci] * x - c[ci + 1] * s[si] - c[ci + 2] * s[si + 1];
            s[si + 1] = s[si];
            s[si] = y;
            dst[offset + m] = y;
        }
    }

    @Override
    public void reset() {
        Arrays.fill(state, 0.0);
    }

    @Override
    public void reset(double steadyInput) {
        Checks.requireFinite("steadyInput", steadyInput);
        for (int m = 0, ci = 0; m < resonators.length; m++, ci += STRIDE) {
            final double y = coefficients[ci] * steadyInput / (1 + coefficients[ci + 1] + coefficients[ci + 2]);
            state[2 * m] = y;
            state[2 * m + 1] = y;
        }
    }

    @Override
    public String toString() {
        return "ResonatorBank" + Arrays.toString(resonators);
    }
}
