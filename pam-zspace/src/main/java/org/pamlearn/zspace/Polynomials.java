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

    /**
     * The product of the factors {@code (1 - r x)} for the real roots and {@code (1 - 2 re x + |c|^2 x^2)} for
     * the conjugate pairs {@code re +- j im}; real coefficients by construction.
     *
     * @param real the real roots
     * @param nReal how many of {@code real} to use
     * @param pairRe the real parts of the pairs
     * @param pairIm the imaginary parts of the pairs
     * @param nPairs how many pairs to use
     */
    static double[] fromRoots(double[] real, int nReal, double[] pairRe, double[] pairIm, int nPairs) {
        double[] p = new double[1 + nReal + 2 * nPairs];
        p[0] = 1.0;
        int len = 1;
        for (int i = 0; i < nReal; i++) {
            double r = real[i];
            for (int k = len; k >= 1; k--) {
                p[k] -= r * p[k - 1];
            }
            len++;
        }
        for (int i = 0; i < nPairs; i++) {
            double c1 = -2.0 * pairRe[i];
            double c2 = pairRe[i] * pairRe[i] + pairIm[i] * pairIm[i];
            for (int k = len + 1; k >= 2; k--) {
                p[k] += c1 * p[k - 1] + c2 * p[k - 2];
            }
            p[1] += c1 * p[0];
            len += 2;
        }
        return p;
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
