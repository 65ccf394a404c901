// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

/**
 * Real polynomials as coefficient arrays {@code p[k]} of {@code x^k} (for a transfer function {@code x = z^-1}).
 * Design-time helpers of {@link TransferFunction}; callers pass non-empty arrays.
 */
final class Polynomials {

    private Polynomials() {
    }

    /** The product {@code p * q} (convolution of the coefficients). Inputs not modified. */
    static double[] multiply(double[] p, double[] q) {
        double[] r = new double[p.length + q.length - 1];
        for (int i = 0; i < p.length; i++) {
            double pi = p[i];
            if (pi == 0.0) {
                continue;
            }
            for (int k = 0; k < q.length; k++) {
                r[i + k] += pi * q[k];
            }
        }
        return r;
    }

    /** The sum {@code p + s * q}. Inputs not modified. */
    static double[] addScaled(double[] p, double s, double[] q) {
        double[] r = new double[Math.max(p.length, q.length)];
        System.arraycopy(p, 0, r, 0, p.length);
        for (int k = 0; k < q.length; k++) {
            r[k] += s * q[k];
        }
        return r;
    }

    /** {@code s * p}. Input not modified. */
    static double[] scale(double[] p, double s) {
        double[] r = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            r[k] = s * p[k];
        }
        return r;
    }

    /** The value at {@code x = 1}: the sum of the coefficients. */
    static double valueAtOne(double[] p) {
        double s = 0.0;
        for (double c : p) {
            s += c;
        }
        return s;
    }

    /** The sum of the absolute values of the coefficients: the scale against which a value at 1 is "zero". */
    static double sumAbs(double[] p) {
        double s = 0.0;
        for (double c : p) {
            s += Math.abs(c);
        }
        return s;
    }

    /**
     * Whether {@code p(1)} is zero relative to the size of the coefficients: {@code |p(1)| <= tol * sum |p_k|}.
     * A polynomial {@code prod (1 - r_i x)} vanishes at {@code x = 1} exactly when a root {@code r_i} is 1.
     */
    static boolean vanishesAtOne(double[] p, double tol) {
        return Math.abs(valueAtOne(p)) <= tol * sumAbs(p);
    }

    /**
     * The quotient of {@code p} by {@code (1 - x)}, dropping the remainder {@code p(1)} (synthetic division by
     * the root {@code x = 1}); for {@code p} of length 1 the quotient is {@code {0}}.
     */
    static double[] divideByOneMinusX(double[] p) {
        if (p.length == 1) {
            return new double[] {0.0};
        }
        // p(x) = (1 - x) q(x) + r: p_0 = q_0, p_k = q_k - q_{k-1}, so q_k = p_k + q_{k-1}.
        double[] q = new double[p.length - 1];
        double acc = 0.0;
        for (int k = 0; k < q.length; k++) {
            acc += p[k];
            q[k] = acc;
        }
        return q;
    }

    /** Whether all coefficients are finite. */
    static boolean allFinite(double[] p) {
        for (double c : p) {
            if (!Double.isFinite(c)) {
                return false;
            }
        }
        return true;
    }
}
