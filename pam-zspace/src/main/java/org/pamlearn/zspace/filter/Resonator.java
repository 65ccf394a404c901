// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import org.pamlearn.zspace.TransferFunction;
import org.pamlearn.zspace.internal.Checks;

/**
 * The design of one resonator of the authors' resonator bank (docs/ALGORITHMS.md &sect;4, after Daryanavard
 * &amp; Porr): a second-order all-pole filter
 * {@code H(z) = (1 / norm) / (1 + d1 z^-1 + d2 z^-2)} whose poles are those of the damped oscillator
 * {@code s = -e +- j w}, {@code e = 2 pi f / (2 Q)}, {@code w = sqrt((2 pi f)^2 - e^2)}, sampled at one sample
 * ({@code z = exp(s)}): {@code d1 = -2 exp(-e) cos(w)}, {@code d2 = exp(-2 e)}. {@code norm} is the peak of
 * the step response of {@code 1 / (1 + d1 z^-1 + d2 z^-2)}, so that the resonator's step response peaks at
 * exactly 1.
 *
 * <p>Immutable. {@link #newFilter()} gives a filter with its own state; {@link ResonatorBank} runs many
 * resonators in one flat loop.
 */
public final class Resonator {

    /** The authors' damping, {@code Q = 0.51}: poles barely oscillatory. */
    public static final double DEFAULT_Q = 0.51;

    /**
     * The longest decay time {@code 1 / e = Q / (pi f)} accepted, in samples. Designing the normalisation
     * simulates the step response until it has settled, which takes a few tens of decay times.
     */
    public static final double MAX_DECAY_TIME = 1e6;

    /** Stop the step simulation once the transient can no longer move the peak by this, relative. */
    private static final double SETTLED = 1e-17;

    private final double frequency;
    private final double q;
    private final double d1;
    private final double d2;
    private final double norm;

    private Resonator(double frequency, double q, double d1, double d2, double norm) {
        this.frequency = frequency;
        this.q = q;
        this.d1 = d1;
        this.d2 = d2;
        this.norm = norm;
    }

    /**
     * Designs a resonator.
     *
     * @param frequency the resonance frequency {@code f} in cycles per sample, {@code 0 < f < 0.5} (a period
     *     {@code 1 / f} of more than 2 samples)
     * @param q the quality factor, finite and {@code > 0.5} (below, the poles are real and nothing resonates)
     * @return the resonator
     * @throws IllegalArgumentException if {@code frequency} or {@code q} is out of range or not finite, or
     *     the decay time {@code q / (pi frequency)} exceeds {@link #MAX_DECAY_TIME} samples
     */
    public static Resonator of(double frequency, double q) {
        if (!(frequency > 0 && frequency < 0.5)) {
            throw new IllegalArgumentException("frequency must be > 0 and < 0.5 cycles/sample (a period of more than "
                    + "2 samples), got " + frequency);
        }
        Checks.requireAbove("q", q, 0.5, "0.5 (oscillatory poles)");
        final double decayTime = q / (Math.PI * frequency);
        if (!(decayTime <= MAX_DECAY_TIME)) {
            throw new IllegalArgumentException("the decay time q / (pi * frequency) must be <= " + MAX_DECAY_TIME
                    + " samples, got " + decayTime + " (frequency " + frequency + ", q " + q + ")");
        }
        final double omega = 2 * Math.PI * frequency;
        final double e = omega / (2 * q);
        final double w = Math.sqrt(omega * omega - e * e);
        if (!(w > 0)) {
            throw new IllegalArgumentException("q must be > 0.5 by more than rounding (oscillatory poles), got " + q);
        }
        final double r = Math.exp(-e);
        final double d1 = -2 * r * Math.cos(w);
        final double d2 = Math.exp(-2 * e);
        return new Resonator(frequency, q, d1, d2, stepPeak(d1, d2, r, w));
    }

    /**
     * The peak of the step response of {@code 1 / (1 + d1 z^-1 + d2 z^-2)}, poles {@code r exp(+-j w)},
     * {@code 0 < r < 1}, {@code 0 < w < pi}.
     *
     * <p>The response is {@code y[n] = yInf + t[n]}, {@code yInf = 1 / (1 + d1 + d2)} its final value and
     * {@code t[n] = Re(c p^n)} the transient, which obeys the homogeneous recursion from
     * {@code t[-1] = t[-2] = -yInf}. The transient is simulated (not {@code y}: it keeps its relative
     * precision as it decays) until its envelope {@code |c p^n|}, computed exactly from {@code t[n]} and
     * {@code t[n-1]}, is no larger than the largest transient seen, so no later sample can exceed the peak
     * found; or until the envelope is below {@code 1e-17 * yInf}, invisible in the sum. Both happen: the
     * envelope decays as {@code r^n}. With heavy damping (Q near 0.5) this takes up to about {@code 40 / e}
     * samples, with light damping about one and a half periods.
     */
    static double stepPeak(double d1, double d2, double r, double w) {
        final double yInf = 1 / (1 + d1 + d2);
        final double cos = Math.cos(w);
        final double sin = Math.sin(w);
        double t2 = -yInf;
        double t1 = -yInf;
        double maxTransient = Double.NEGATIVE_INFINITY;
        while (true) {
            final double t = -d1 * t1 - d2 * t2;
            maxTransient = Math.max(maxTransient, t);
            // t = Re(q), t1 = Re(q / p) = (Re q cos w + Im q sin w) / r, q = c p^n.
            final double envelope = Math.hypot(t, (r * t1 - t * cos) / sin);
            t2 = t1;
            t1 = t;
            if (envelope <= maxTransient || envelope <= SETTLED * yInf) {
                return yInf + Math.max(maxTransient, 0.0);
            }
        }
    }

    /**
     * The resonance frequency.
     *
     * @return {@code f} in cycles per sample
     */
    public double frequency() {
        return frequency;
    }

    /**
     * The quality factor.
     *
     * @return {@code Q}
     */
    public double q() {
        return q;
    }

    /**
     * The first denominator coefficient.
     *
     * @return {@code d1 = -2 exp(-e) cos(w)}
     */
    public double d1() {
        return d1;
    }

    /**
     * The second denominator coefficient.
     *
     * @return {@code d2 = exp(-2 e)}
     */
    public double d2() {
        return d2;
    }

    /**
     * The step normalisation: the peak of the step response of {@code 1 / (1 + d1 z^-1 + d2 z^-2)}.
     *
     * @return {@code norm}, {@code > 0}
     */
    public double norm() {
        return norm;
    }

    /**
     * The resonator as one second-order section.
     *
     * @return a new array {@code {1 / norm, 0, 0, d1, d2}}, as {@link IirFilter#ofSections(double[]...)} takes
     */
    public double[] section() {
        return new double[] {1 / norm, 0.0, 0.0, d1, d2};
    }

    /**
     * A filter running this resonator, its state zero.
     *
     * @return a new filter
     */
    public IirFilter newFilter() {
        return IirFilter.ofSections(section());
    }

    /**
     * The resonator's transfer function (for analysis).
     *
     * @return {@code (1 / norm) / (1 + d1 z^-1 + d2 z^-2)}
     */
    public TransferFunction transferFunction() {
        return TransferFunction.secondOrder(1 / norm, 0.0, 0.0, d1, d2);
    }

    @Override
    public String toString() {
        return "Resonator[f=" + frequency + ", q=" + q + ", d1=" + d1 + ", d2=" + d2 + ", norm=" + norm + "]";
    }
}
