// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

/**
 * Horner's rule at a complex point, with the derivative and the running bound of its rounding error, shared by the
 * {@link AberthEhrlich} iteration and the {@link ClusterRefinement}.
 *
 * <p>The rounding level: Horner's rule computes {@code p(z)} with an error of at most about
 * {@code 2 n eps sum_k |c_k| |z|^(n-k)} in real arithmetic (N. J. Higham, "Accuracy and Stability of Numerical
 * Algorithms", 2nd ed., SIAM 2002, &sect;5.1), a small constant times that in complex arithmetic;
 * {@link #roundingLevel} is {@code 16 n eps}, a safe multiple, and a value below
 * {@code roundingLevel(n)} times the bound computed here is treated as zero ({@code z} is then an exact root of a
 * polynomial within a few units in the last place of {@code c}). Outside the unit circle {@code p} is evaluated
 * through the reversed polynomial {@code R(w) = z^-n p(z)}, {@code w = 1/z}, so that nothing overflows.
 *
 * <p>Shapes: coefficients highest power first; results are written into caller-supplied arrays, so the iteration
 * allocates nothing per step.
 */
final class Horner {

    /** Length of {@link #withDerivative}'s accumulator: value (re, im), derivative (re, im), rounding bound. */
    static final int LENGTH = 5;

    /** The multiple of {@code n eps} below which a value is at the rounding level (see the class documentation). */
    static final double ROUNDING_FACTOR = 16.0;

    private Horner() {
    }

    /** {@code 16 n eps}: times {@code sum_k |c_k| |z|^(n-k)}, the rounding level of {@code p(z)} for degree n. */
    static double roundingLevel(int n) {
        return ROUNDING_FACTOR * n * Math.ulp(1.0);
    }

    /**
     * Horner's scheme with the derivative at {@code x}: over {@code c[0], c[1], ..., c[n]} ({@code reversed}: from
     * {@code c[n]} down to {@code c[0]}), {@code p <- p x + c_k}, {@code p' <- p' x + p} and {@code bound <- bound |x|
     * + |c_k|}; the result into {@code acc = {p_re, p_im, p'_re, p'_im, bound}} (length {@link #LENGTH}).
     */
    static void withDerivative(double[] c, boolean reversed, double xr, double xi, double xmod, double[] acc) {
        int n = c.length - 1;
        double first = c[reversed ? n : 0];
        double pr = first;
        double pi = 0.0;
        double dr = 0.0;
        double di = 0.0;
        double bound = Math.abs(first);
        for (int k = 1; k <= n; k++) {
            double ck = c[reversed ? n - k : k];
            double ndr = dr * xr - di * xi + pr;
            double ndi = dr * xi + di * xr + pi;
            dr = ndr;
            di = ndi;
            double npr = pr * xr - pi * xi + ck;
            double npi = pr * xi + pi * xr;
            pr = npr;
            pi = npi;
            bound = bound * xmod + Math.abs(ck);
        }
        acc[0] = pr;
        acc[1] = pi;
        acc[2] = dr;
        acc[3] = di;
        acc[4] = bound;
    }

    /**
     * Into {@code out} (length 3): {@code p(z)} (real, imaginary part) and the rounding scale
     * {@code sum_k |c_k| |z|^(n-k)} of its evaluation by Horner's rule for {@code |z| <= 1}; for {@code |z| > 1} the
     * same for {@code R(1/z) = p(z) / z^n}.
     */
    static void valueAndBound(double[] c, double zr, double zi, double[] out) {
        int n = c.length - 1;
        double mod = Math.hypot(zr, zi);
        boolean outside = mod > 1.0;
        double wr = outside ? zr / (mod * mod) : zr;
        double wi = outside ? -zi / (mod * mod) : zi;
        double wmod = outside ? 1.0 / mod : mod;
        double pr = outside ? c[n] : c[0];
        double pi = 0.0;
        double bound = Math.abs(pr);
        for (int k = 1; k <= n; k++) {
            double ck = outside ? c[n - k] : c[k];
            double npr = pr * wr - pi * wi + ck;
            pi = pr * wi + pi * wr;
            pr = npr;
            bound = bound * wmod + Math.abs(ck);
        }
        out[0] = pr;
        out[1] = pi;
        out[2] = bound;
    }

    /**
     * Horner's scheme with the derivative for complex coefficients {@code (hr, hi)} at {@code x}, no bound and no
     * reversal (for the scaled factors of {@link ClusterFactorRoots}, whose roots are at most 2 in modulus); into
     * {@code acc = {p_re, p_im, p'_re, p'_im}}.
     */
    static void complexWithDerivative(double[] hr, double[] hi, double xr, double xi, double[] acc) {
        int m = hr.length - 1;
        double pr = hr[0];
        double pi = hi[0];
        double dr = 0.0;
        double di = 0.0;
        for (int k = 1; k <= m; k++) {
            double ndr = dr * xr - di * xi + pr;
            di = dr * xi + di * xr + pi;
            dr = ndr;
            double npr = pr * xr - pi * xi + hr[k];
            pi = pr * xi + pi * xr + hi[k];
            pr = npr;
        }
        acc[0] = pr;
        acc[1] = pi;
        acc[2] = dr;
        acc[3] = di;
    }
}
