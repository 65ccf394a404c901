// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import org.pamlearn.zspace.TransferFunction;
import org.pamlearn.zspace.internal.Checks;

/**
 * A first-order low-pass for sensor smoothing, {@code y[n] = y[n-1] + alpha (x[n] - y[n-1])}, i.e.
 * {@code H(z) = alpha / (1 - (1 - alpha) z^-1)}, DC gain 1. Immutable {@code alpha}, one state value:
 * {@link #filter(double)} allocates nothing.
 *
 * <p>Not thread-safe: one thread filters one signal through one instance.
 */
public final class LowPass implements Filter {

    private final double alpha;
    private double last;

    private LowPass(double alpha) {
        this.alpha = alpha;
    }

    /**
     * A low-pass with the given smoothing factor.
     *
     * @param alpha the weight of the new sample, {@code 0 < alpha <= 1} ({@code 1} passes the signal through)
     * @return the filter, its state zero
     * @throws IllegalArgumentException if {@code alpha} is not in {@code (0, 1]}
     */
    public static LowPass ofAlpha(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be > 0 and <= 1, got " + alpha);
        }
        return new LowPass(alpha);
    }

    /**
     * A low-pass from its cutoff and the sample period: {@code alpha = 1 - exp(-dt * cutoff)}, the exact
     * discretisation of the continuous {@code dy/dt = cutoff (x - y)} with {@code x} held over each sample.
     *
     * @param cutoff the cutoff {@code f_c} in 1/s: the inverse time constant {@code 1 / tau}, an angular
     *     frequency (the -3 dB point lies at {@code cutoff / (2 pi)} Hz while {@code dt * cutoff << 1});
     *     finite and {@code > 0}
     * @param dt the sample period {@code Delta t} in seconds, finite and {@code > 0} (any time unit works if
     *     {@code cutoff} uses its inverse)
     * @return the filter, its state zero
     * @throws IllegalArgumentException if {@code cutoff} or {@code dt} is not finite and positive, or their
     *     product is so small that {@code alpha} rounds to 0
     */
    public static LowPass ofCutoff(double cutoff, double dt) {
        Checks.requirePositive("cutoff", cutoff);
        Checks.requirePositive("dt", dt);
        double alpha = -Math.expm1(-dt * cutoff);
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("dt * cutoff must not underflow, got dt " + dt + " and cutoff "
                    + cutoff + " (alpha = 1 - exp(-dt * cutoff) rounds to " + alpha + ")");
        }
        return new LowPass(alpha);
    }

    /**
     * The smoothing factor.
     *
     * @return {@code alpha}, in {@code (0, 1]}
     */
    public double alpha() {
        return alpha;
    }

    /**
     * The filter's transfer function (for analysis).
     *
     * @return {@code alpha / (1 - (1 - alpha) z^-1)}
     */
    public TransferFunction transferFunction() {
        return TransferFunction.lowPass(alpha);
    }

    @Override
    public double filter(double x) {
        Checks.requireFinite("x", x);
        // The increment form keeps a constant input exactly; alpha = 1 is an exact pass-through.
        last = alpha == 1.0 ? x : last + alpha * (x - last);
        return last;
    }

    @Override
    public double lastValue() {
        return last;
    }

    @Override
    public void reset() {
        last = 0.0;
    }

    @Override
    public void reset(double steadyInput) {
        Checks.requireFinite("steadyInput", steadyInput);
        last = steadyInput;
    }

    @Override
    public String toString() {
        return "LowPass[alpha=" + alpha + "]";
    }
}
