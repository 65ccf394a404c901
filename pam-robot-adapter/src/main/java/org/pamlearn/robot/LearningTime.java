// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.Objects;
import java.util.OptionalLong;
import org.pamlearn.core.internal.Checks;

/**
 * How long a run over a fixed horizon took to learn, without the floor of FCL's criterion (docs/ALGORITHMS.md
 * &sect;5): with {@code R} the mean |E| of the reflex-only run of the same setting and seed, {@code t_rel} is the
 * smallest step {@code s} such that every window {@code [k, k+W)} with {@code s <= k <= N-W} has a mean |E| below
 * {@code fraction * R} and no step off the line (none when the last window fails); the run has converged when
 * {@code t_rel} exists and {@code t_rel <= N - hold}.
 *
 * @param horizon the steps run, {@code N}
 * @param reflexAbsE {@code R}
 * @param tRel {@code t_rel}, empty for none
 * @param converged whether {@code t_rel <= N - hold}
 * @param finalAbsE the mean |E| of the last {@link Criterion#finalWindow()} steps (of all {@code N} when fewer)
 */
public record LearningTime(long horizon, double reflexAbsE, OptionalLong tRel, boolean converged, double finalAbsE) {

    /**
     * Checks the values.
     *
     * @throws NullPointerException if {@code tRel} is null
     */
    public LearningTime {
        Objects.requireNonNull(tRel, "tRel");
    }

    /**
     * Formats {@code t_rel} as the result line and {@code compare.csv} do.
     *
     * @return the step, or {@code none}
     */
    public String tRelLabel() {
        return tRel.isPresent() ? Long.toString(tRel.getAsLong()) : "none";
    }

    /**
     * The fields the result line of a run over a horizon adds, with a leading space:
     * {@code  t_rel=<n|none> converged=<true|false> reflex_abs_e=<R> final_abs_e=<x>} (numbers as
     * {@link Double#toString(double)}, which reads back to the same double).
     *
     * @return the fields
     */
    public String resultFields() {
        return " t_rel=" + tRelLabel() + " converged=" + converged + " reflex_abs_e=" + reflexAbsE + " final_abs_e="
                + finalAbsE;
    }

    /**
     * The parameters of the measure.
     *
     * @param window {@code W}, the window of the mean, {@code >= 1}
     * @param fraction the fraction of {@code R} a window's mean must stay below, finite and {@code > 0}
     * @param hold the steps a run must stay learned before the horizon to count as converged, {@code >= 0}
     * @param finalWindow the last steps {@code final_abs_e} averages, {@code >= 1}
     */
    public record Criterion(int window, double fraction, long hold, int finalWindow) {

        /** Default {@code W}. */
        public static final int DEFAULT_WINDOW = 500;
        /** Default fraction of {@code R}. */
        public static final double DEFAULT_FRACTION = 0.1;
        /** Default hold. */
        public static final long DEFAULT_HOLD = 10_000;
        /** Default steps of {@code final_abs_e}. */
        public static final int DEFAULT_FINAL_WINDOW = 5_000;

        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if a value is out of range
         */
        public Criterion {
            if (window < 1) {
                throw new IllegalArgumentException("window must be >= 1, got " + window);
            }
            Checks.requirePositive("fraction", fraction);
            if (hold < 0) {
                throw new IllegalArgumentException("hold must be >= 0, got " + hold);
            }
            if (finalWindow < 1) {
                throw new IllegalArgumentException("finalWindow must be >= 1, got " + finalWindow);
            }
        }

        /**
         * The documented defaults: {@code W} = 500, 0.1, a hold of 10,000 steps, {@code final_abs_e} over 5,000.
         *
         * @return the default criterion
         */
        public static Criterion defaults() {
            return new Criterion(DEFAULT_WINDOW, DEFAULT_FRACTION, DEFAULT_HOLD, DEFAULT_FINAL_WINDOW);
        }

        /**
         * Measures a run. Each window's mean is its |E| summed in step order, divided by {@code W}; the means of
         * {@code R} and {@code final_abs_e} likewise.
         *
         * @param errors the run's error {@code E} of each step {@code 0..N-1}; at least {@code W} steps. Not
         *     modified.
         * @param onLine whether the robot was on the line at each step, same length. Not modified.
         * @param reflexAbsE {@code R}, finite and {@code >= 0}
         * @return the learning time
         * @throws IllegalArgumentException if the lengths differ, there are fewer than {@code W} steps, an error is
         *     not finite, or {@code R} is negative or not finite
         */
        public LearningTime measure(double[] errors, boolean[] onLine, double reflexAbsE) {
            int n = errors.length;
            if (onLine.length != n) {
                throw new IllegalArgumentException("onLine.length must be " + n + ", got " + onLine.length);
            }
            if (n < window) {
                throw new IllegalArgumentException("a horizon of " + n + " steps is shorter than the window " + window);
            }
            if (!(reflexAbsE >= 0 && reflexAbsE < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("reflexAbsE must be finite and >= 0, got " + reflexAbsE);
            }
            for (int k = 0; k < n; k++) {
                if (!Double.isFinite(errors[k])) {
                    throw new IllegalArgumentException("errors[" + k + "] must be finite, got " + errors[k]);
                }
            }
            // offBefore[k]: steps off the line among 0..k-1.
            int[] offBefore = new int[n + 1];
            for (int k = 0; k < n; k++) {
                offBefore[k + 1] = offBefore[k] + (onLine[k] ? 0 : 1);
            }
            double limit = fraction * reflexAbsE;
            long tRel = 0;
            boolean none = false;
            for (int k = n - window; k >= 0; k--) {
                boolean good = offBefore[k + window] == offBefore[k] && meanAbs(errors, k, window) < limit;
                if (!good) {
                    none = k == n - window;
                    tRel = k + 1L;
                    break;
                }
            }
            OptionalLong t = none ? OptionalLong.empty() : OptionalLong.of(tRel);
            boolean converged = !none && tRel <= n - hold;
            int last = Math.min(finalWindow, n);
            return new LearningTime(n, reflexAbsE, t, converged, meanAbs(errors, n - last, last));
        }
    }

    /**
     * The mean |E| of the steps {@code from..from+count-1}, summed in step order.
     *
     * @param errors the errors
     * @param from the first step
     * @param count the steps, {@code >= 1}
     * @return the mean
     */
    public static double meanAbs(double[] errors, int from, int count) {
        double sum = 0;
        for (int k = from; k < from + count; k++) {
            sum += Math.abs(errors[k]);
        }
        return sum / count;
    }
}
