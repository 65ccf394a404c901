// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import java.util.Objects;
import org.apache.commons.math3.complex.Complex;

/**
 * Argument checks shared by pam-zspace; messages name the argument and the value, e.g.
 * {@code "dt must be finite and > 0, got -0.01"}. Not API (see the package documentation).
 *
 * <p>The messages are part of the module's observable behaviour (tests assert them), so each check keeps the exact
 * wording its callers had. Element checks build their message only on failure, so the real-time filters can call
 * them per sample without allocating.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Rejects NaN and infinity.
     *
     * @param name the argument's name, for the message
     * @param x the value
     * @throws IllegalArgumentException if {@code x} is not finite
     */
    public static void requireFinite(String name, double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be finite, got " + x);
        }
    }

    /**
     * Rejects a NaN or infinite element; the message names it {@code name[k]}.
     *
     * @param name the array's name, for the message
     * @param values the values, each finite
     * @throws IllegalArgumentException at the first element that is not finite
     */
    public static void requireFinite(String name, double[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] must be finite, got " + values[k]);
            }
        }
    }

    /**
     * Rejects a complex element with a NaN or infinite part; the message names it {@code name[index]}.
     *
     * @param name the array's name, for the message
     * @param index the element's index, for the message
     * @param z the element, not {@code null}
     * @throws IllegalArgumentException if a part of {@code z} is not finite
     */
    public static void requireFinite(String name, int index, Complex z) {
        if (!Double.isFinite(z.getReal()) || !Double.isFinite(z.getImaginary())) {
            throw new IllegalArgumentException(name + "[" + index + "] must be finite, got " + z);
        }
    }

    /**
     * Rejects zero and non-finite complex values.
     *
     * @param name the argument's name, for the message
     * @param z the value, not {@code null}
     * @throws IllegalArgumentException if a part of {@code z} is not finite, or {@code z} is zero
     */
    public static void requireFiniteNonZero(String name, Complex z) {
        if (!Double.isFinite(z.getReal()) || !Double.isFinite(z.getImaginary()) || z.abs() == 0.0) {
            throw new IllegalArgumentException(name + " must be finite and non-zero, got " + z);
        }
    }

    /**
     * Rejects zero, negative, NaN and infinite values.
     *
     * @param name the argument's name, for the message
     * @param x the value
     * @throws IllegalArgumentException if {@code x} is not finite and {@code > 0}
     */
    public static void requirePositive(String name, double x) {
        requireAbove(name, x, 0.0, "0");
    }

    /**
     * Rejects values at or below {@code bound}, NaN and infinity: {@code "name must be finite and > bound, got x"}.
     *
     * @param name the argument's name, for the message
     * @param x the value
     * @param bound the exclusive lower bound
     * @param boundText the bound as the message states it, e.g. {@code "0.5 (oscillatory poles)"}; given by the
     *     caller so that the bound keeps its unit, reason and number format
     * @throws IllegalArgumentException if {@code x} is not finite and {@code > bound}
     */
    public static void requireAbove(String name, double x, double bound, String boundText) {
        if (!(x > bound) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > " + boundText + ", got " + x);
        }
    }

    /**
     * Rejects values below {@code bound}, NaN and infinity: {@code "name must be finite and >= bound, got x"}.
     *
     * @param name the argument's name, for the message
     * @param x the value
     * @param bound the inclusive lower bound
     * @param boundText the bound as the message states it, e.g. {@code "minT = 3.0"}
     * @throws IllegalArgumentException if {@code x} is not finite and {@code >= bound}
     */
    public static void requireAtLeast(String name, double x, double bound, String boundText) {
        if (!(x >= bound) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and >= " + boundText + ", got " + x);
        }
    }

    /**
     * Checks that {@code dst[offset .. offset + size - 1]} exists.
     *
     * @param dst the caller's array
     * @param offset the first index written, {@code >= 0}
     * @param size the number of values written
     * @throws IllegalArgumentException if {@code offset < 0} or {@code dst} is too short
     * @throws NullPointerException if {@code dst} is {@code null}
     */
    public static void requireRoom(double[] dst, int offset, int size) {
        Objects.requireNonNull(dst, "dst");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offset);
        }
        if (offset > dst.length - size) {
            throw new IllegalArgumentException("dst.length must be >= offset + " + size + " = "
                    + ((long) offset + size) + ", got " + dst.length);
        }
    }
}
