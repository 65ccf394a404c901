// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import java.util.Objects;

/** Argument checks shared by the filters; messages name the argument and the value. */
final class Checks {

    private Checks() {
    }

    /**
     * Rejects NaN and infinity.
     *
     * @param name the argument's name, for the message
     * @param x the value
     * @throws IllegalArgumentException if {@code x} is not finite
     */
    static void requireFinite(String name, double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be finite, got " + x);
        }
    }

    /**
     * Rejects zero, negative, NaN and infinite values.
     *
     * @param name the argument's name, for the message
     * @param x the value
     * @throws IllegalArgumentException if {@code x} is not finite and {@code > 0}
     */
    static void requirePositive(String name, double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + x);
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
    static void requireRoom(double[] dst, int offset, int size) {
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
