// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.Arrays;
import java.util.Objects;

/** The standard {@link ReflexError}s: the authors' line-follower error and a weighted sum. */
public final class ReflexErrors {

    private static final ReflexError AUTHORS = new ReflexError() {
        @Override
        public double error(double[] sample, int offset) {
            final double l2 = sample[offset];
            final double l1 = sample[offset + 1];
            final double r1 = sample[offset + 2];
            final double r2 = sample[offset + 3];
            return (l1 + 2.0 * l2) - (r1 + 2.0 * r2);
        }

        @Override
        public String toString() {
            return "authors(L2, L1, R1, R2)";
        }
    };

    private ReflexErrors() {
    }

    /**
     * The authors' line-follower error (docs/ALGORITHMS.md &sect;5) from four ground sensors ordered
     * {@code L2, L1, R1, R2} (outer left, inner left, inner right, outer right):
     * {@code E = (L1 + 2 L2) - (R1 + 2 R2)}. On a dark line (low values) to the left, {@code E < 0}, which slows the
     * left wheel and turns the robot towards the line.
     *
     * @return the error function; it reads 4 values
     */
    public static ReflexError authors() {
        return AUTHORS;
    }

    /**
     * A weighted sum {@code E = sum_k w_k * s[offset + k]}; {@code weighted(2, 1, -1, -2)} is the authors' error up
     * to rounding.
     *
     * @param weights the weights, at least one, all finite. Not modified (copied).
     * @return the error function; it reads {@code weights.length} values
     * @throws IllegalArgumentException if no weight is given or a weight is not finite
     * @throws NullPointerException if {@code weights} is {@code null}
     */
    public static ReflexError weighted(double... weights) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("weighted reflex error needs at least one weight");
        }
        final double[] w = weights.clone();
        for (int k = 0; k < w.length; k++) {
            if (!Double.isFinite(w[k])) {
                throw new IllegalArgumentException("weights[" + k + "] must be finite, got " + w[k]);
            }
        }
        return new ReflexError() {
            @Override
            public double error(double[] sample, int offset) {
                double e = 0.0;
                for (int k = 0; k < w.length; k++) {
                    e += w[k] * sample[offset + k];
                }
                return e;
            }

            @Override
            public String toString() {
                return "weighted" + Arrays.toString(w);
            }
        };
    }
}
