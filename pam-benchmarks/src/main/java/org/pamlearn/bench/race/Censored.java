// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.Locale;

/**
 * A value known only to lie in {@code [lo, hi]}: a measured one ({@code lo == hi}), one censored from above (a run
 * that did not converge: its learning time is more than the horizon allows, {@code hi} infinite) or from below (a
 * ratio whose denominator is censored: {@code lo} 0). Medians and ratios of such values are taken on both ends, which
 * is exact because both are monotone in each argument: the true result lies between the result of the ends.
 *
 * @param lo the lower end, {@code >= 0}
 * @param hi the upper end, {@code >= lo}, possibly infinite
 */
record Censored(double lo, double hi) {

    /**
     * A measured value.
     *
     * @param value the value
     * @return {@code [value, value]}
     */
    static Censored exact(double value) {
        return new Censored(value, value);
    }

    /**
     * A value known to exceed a bound.
     *
     * @param bound the bound
     * @return {@code [bound, infinity]}
     */
    static Censored above(double bound) {
        return new Censored(bound, Double.POSITIVE_INFINITY);
    }

    /**
     * Whether the value is known.
     *
     * @return {@code lo == hi}
     */
    boolean isExact() {
        return lo == hi;
    }

    /**
     * Whether nothing is known: {@code [0, infinity]}.
     *
     * @return whether the value is undefined
     */
    boolean isUndefined() {
        return lo == 0 && hi == Double.POSITIVE_INFINITY;
    }

    /**
     * The ratio of two such values ({@code other} above 0).
     *
     * @param other the denominator
     * @return {@code [lo / other.hi, hi / other.lo]}
     */
    Censored over(Censored other) {
        return new Censored(lo / other.hi, hi / other.lo);
    }

    /**
     * Formats the value as steps: a whole number, or with one decimal (the mean of two middle values). A lower bound
     * is strict: learning times censored from above all exceed one bound, {@code N - hold}, which no measured one
     * exceeds, so a median of them with an infinite upper end exceeds its lower end.
     *
     * @return e.g. {@code 1200}, {@code > 50000}
     */
    String steps() {
        return format("%.1f", true, "> ");
    }

    /**
     * Formats the value as a ratio with 3 significant digits. A one-sided bound may be reached: a median of ratios
     * some of which are bounds can equal its bound (of {@code (0, 10)}, 5 and {@code (0, 3)} the median is 5 when the
     * first is 7), hence {@code >=} and {@code <=}.
     *
     * @return e.g. {@code 1.23}, {@code >= 4.56}, {@code <= 0.5}, {@code 0.8..1.2}, or {@code undefined}
     */
    String ratio() {
        return format("%.3g", false, ">= ");
    }

    private String format(String pattern, boolean integral, String above) {
        if (isExact()) {
            return number(lo, pattern, integral);
        }
        if (isUndefined()) {
            return "undefined";
        }
        if (hi == Double.POSITIVE_INFINITY) {
            return above + number(lo, pattern, integral);
        }
        if (lo == 0) {
            return "<= " + number(hi, pattern, integral);
        }
        return number(lo, pattern, integral) + ".." + number(hi, pattern, integral);
    }

    private static String number(double v, String pattern, boolean integral) {
        if (integral && v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, pattern, v);
    }
}
