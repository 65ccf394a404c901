// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

/**
 * Argument checks of this module, with one wording for each kind of failure: {@code "<name> must be finite and
 * > 0, got <value>"}. Written {@code !(x > 0)} so that NaN fails too. Not API: may change without notice.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Requires a finite value {@code > 0}.
     *
     * @param name the argument's name, as the message shows it
     * @param x the value
     * @return {@code x}
     * @throws IllegalArgumentException if {@code x} is NaN, infinite or {@code <= 0}
     */
    public static double requirePositive(String name, double x) {
        if (!(x > 0) || x == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + x);
        }
        return x;
    }

    /**
     * Requires a finite value.
     *
     * @param name the argument's name, as the message shows it
     * @param x the value
     * @return {@code x}
     * @throws IllegalArgumentException if {@code x} is NaN or infinite
     */
    public static double requireFinite(String name, double x) {
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException(name + " must be finite, got " + x);
        }
        return x;
    }
}
