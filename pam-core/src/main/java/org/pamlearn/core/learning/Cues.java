// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Objects;
import org.pamlearn.core.internal.Checks;

/**
 * The standard cues (docs/ALGORITHMS.md &sect;3): the rectified error, the reflex-loop error-rate cue, the
 * look-ahead cue, a constant, and products of cues. All are immutable and allocation-free.
 */
public final class Cues {

    /** Default clamp of the error-rate cue's exponent (decision in docs/ALGORITHMS.md &sect;3). */
    public static final double DEFAULT_ERROR_RATE_CLAMP = 10.0;
    /** Default sample period {@code dt} of the error-rate cue, in samples. */
    public static final double DEFAULT_DT = 1.0;
    /**
     * Default limit {@code L} of the error that the sign rules' cues see: they read {@code E(n)} and {@code E(n-1)}
     * saturated to {@code [-L, L]} (docs/ALGORITHMS.md &sect;3), so that an outlier cannot make one step huge.
     * Errors within {@code [-1, 1]} are not changed by it.
     */
    public static final double DEFAULT_CUE_ERROR_LIMIT = 1.0;
    /** Default look-ahead centre {@code q_c}: {@code (12 + 1) / 2} for 12 columns. */
    public static final double DEFAULT_LOOKAHEAD_CENTRE = 6.5;
    /** Default geometric constant {@code kappa = h / v} of the look-ahead cue. */
    public static final double DEFAULT_LOOKAHEAD_KAPPA = 1.0;

    private static final Cue ABS_ERROR = new Cue() {
        @Override
        public double value(StepContext context) {
            return Math.abs(context.error());
        }

        @Override
        public String toString() {
            return "absError";
        }
    };

    private Cues() {
    }

    /**
     * The rectified error {@code |E(n)|}: the default relevance of Sign-and-Relevance.
     *
     * @return the cue
     */
    public static Cue absError() {
        return ABS_ERROR;
    }

    /**
     * The error-rate cue with the default clamp and {@code dt}.
     *
     * @return the cue
     * @see #errorRate(double, double)
     */
    public static Cue errorRate() {
        return errorRate(DEFAULT_ERROR_RATE_CLAMP, DEFAULT_DT);
    }

    /**
     * The reflex-loop cue {@code ERC(n) = exp(clamp(E(n) * (E(n) - E(n-1)) / dt, -c, +c))}: above 1 while
     * {@code |E|} grows, below 1 while it shrinks.
     *
     * @param clamp the clamp {@code c} of the exponent, finite and {@code > 0}
     * @param dt the sample period, finite and {@code > 0}
     * @return the cue
     * @throws IllegalArgumentException if {@code clamp} or {@code dt} is not finite and positive
     */
    public static Cue errorRate(double clamp, double dt) {
        Checks.requirePositive("clamp", clamp);
        Checks.requirePositive("dt", dt);
        return new ErrorRate(clamp, dt);
    }

    /**
     * The look-ahead cue with the default centre and {@code kappa}.
     *
     * @return the cue
     * @see #lookahead(double, double)
     */
    public static Cue lookahead() {
        return lookahead(DEFAULT_LOOKAHEAD_CENTRE, DEFAULT_LOOKAHEAD_KAPPA);
    }

    /**
     * The look-ahead cue {@code LC(n) = arctan(kappa * |q_c - q(n)|)}: large when the path far ahead bends
     * away from the centre. Reads {@link StepContext#lookahead()}.
     *
     * @param centre the centre column {@code q_c}, finite (e.g. {@code (columns + 1) / 2})
     * @param kappa the geometric constant {@code kappa = h / v}, finite and {@code > 0}
     * @return the cue; its {@code value} throws {@link IllegalArgumentException} when the context has no
     *     look-ahead position
     * @throws IllegalArgumentException if {@code centre} is not finite or {@code kappa} not finite and positive
     */
    public static Cue lookahead(double centre, double kappa) {
        if (!Double.isFinite(centre)) {
            throw new IllegalArgumentException("lookahead centre must be finite, got " + centre);
        }
        Checks.requirePositive("kappa", kappa);
        return new Lookahead(centre, kappa);
    }

    /**
     * A constant cue; {@code constant(1)} is Sign-and-Relevance's "relevance const".
     *
     * @param c the value, finite and {@code >= 0}
     * @return the cue
     * @throws IllegalArgumentException if {@code c} is negative or not finite
     */
    public static Cue constant(double c) {
        if (!(c >= 0) || c == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("constant cue must be finite and >= 0, got " + c);
        }
        return new Constant(c);
    }

    /**
     * The product of cues, evaluated in order; PaM's default modulation is
     * {@code product(errorRate(), lookahead())}.
     *
     * @param cues the factors, at least one. Not modified (copied).
     * @return the cue
     * @throws IllegalArgumentException if no cue is given
     * @throws NullPointerException if a cue is {@code null}
     */
    public static Cue product(Cue... cues) {
        Objects.requireNonNull(cues, "cues");
        if (cues.length == 0) {
            throw new IllegalArgumentException("product needs at least one cue");
        }
        Cue[] factors = cues.clone();
        for (int k = 0; k < factors.length; k++) {
            Objects.requireNonNull(factors[k], "cues[" + k + "]");
        }
        return new Product(factors);
    }

    private static final class ErrorRate implements Cue {
        private final double clamp;
        private final double dt;

        ErrorRate(double clamp, double dt) {
            this.clamp = clamp;
            this.dt = dt;
        }

        @Override
        public double value(StepContext context) {
            double e = context.error();
            double x = e * (e - context.previousError()) / dt;
            return Math.exp(Math.max(-clamp, Math.min(clamp, x)));
        }

        @Override
        public String toString() {
            return "errorRate(clamp " + clamp + ", dt " + dt + ")";
        }
    }

    private static final class Lookahead implements Cue {
        private final double centre;
        private final double kappa;

        Lookahead(double centre, double kappa) {
            this.centre = centre;
            this.kappa = kappa;
        }

        @Override
        public double value(StepContext context) {
            double q = context.lookahead();
            if (Double.isNaN(q)) {
                throw new IllegalArgumentException(
                        "the lookahead cue needs the look-ahead position q: call StepContext.setLookahead(q) first");
            }
            return Math.atan(kappa * Math.abs(centre - q));
        }

        @Override
        public String toString() {
            return "lookahead(centre " + centre + ", kappa " + kappa + ")";
        }
    }

    private static final class Constant implements Cue {
        private final double c;

        Constant(double c) {
            this.c = c;
        }

        @Override
        public double value(StepContext context) {
            return c;
        }

        @Override
        public String toString() {
            return "constant(" + c + ")";
        }
    }

    private static final class Product implements Cue {
        private final Cue[] factors;

        Product(Cue[] factors) {
            this.factors = factors;
        }

        @Override
        public double value(StepContext context) {
            double m = 1.0;
            for (Cue factor : factors) {
                m *= factor.value(context);
            }
            return m;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < factors.length; k++) {
                s.append(k == 0 ? "" : " * ").append(factors[k]);
            }
            return s.toString();
        }
    }
}
