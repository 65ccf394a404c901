// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.analysis.solvers.LaguerreSolver;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Roots of a real polynomial {@code c[0] z^n + c[1] z^(n-1) + ... + c[n]} with {@code c[0] != 0} and
 * {@code c[n] != 0} (so no root is 0).
 *
 * <p>Degrees 1 and 2 are solved in closed form (the quadratic in its cancellation-free form). From degree 3,
 * Laguerre's method with deflation (Commons Math {@link LaguerreSolver#solveAllComplex(double[], double, int)},
 * started at 0 so the small roots are deflated first, the stable order), then each root is polished by Newton
 * steps on the original, undeflated polynomial, which removes the error deflation accumulates. A polishing step
 * is kept only while it lowers {@code |p(z)|} and the root stays closer to its start than to any other root, so
 * two approximations of close roots cannot collapse onto one. Should Laguerre not converge within its budget, the
 * eigenvalues of the companion matrix are used instead (Commons Math {@link EigenDecomposition}).
 *
 * <p>The result is made exactly conjugate-symmetric, as the roots of a real polynomial are: each root with
 * a non-zero imaginary part is paired with the root closest to its conjugate and both are replaced by the
 * mean pair; a root whose conjugate partner is farther away than its own distance to the real axis is real,
 * with imaginary part exactly 0. Output order: by real part, then imaginary part; each conjugate pair adjacent,
 * the member with positive imaginary part first.
 */
final class Roots {

    /** Evaluation budget of Laguerre's method per root; it converges in a handful of steps when it converges. */
    private static final int LAGUERRE_EVALUATIONS_PER_ROOT = 500;
    /** Newton polishing steps per root, at most. */
    private static final int POLISH_STEPS = 8;

    private Roots() {
    }

    /**
     * The {@code n} roots, with multiplicity.
     *
     * @param c the coefficients, highest power first; {@code c[0] != 0}, {@code c[n] != 0}, all finite
     * @return the roots, conjugate pairs exact and adjacent
     * @throws ArithmeticException if neither method finds finite roots
     */
    static Complex[] of(double[] c) {
        int n = c.length - 1;
        if (n == 0) {
            return new Complex[0];
        }
        if (n == 1) {
            return new Complex[] {new Complex(-c[1] / c[0], 0.0)};
        }
        if (n == 2) {
            return quadratic(c[0], c[1], c[2]);
        }
        double[] re = new double[n];
        double[] im = new double[n];
        if (!laguerre(c, re, im)) {
            companion(c, re, im);
        }
        polish(c, re, im);
        return symmetrise(re, im);
    }

    private static Complex[] quadratic(double a, double b, double c) {
        // Scale to avoid overflow in b^2 and 4ac; roots are unchanged.
        double s = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
        a /= s;
        b /= s;
        c /= s;
        double disc = b * b - 4.0 * a * c;
        if (disc >= 0.0) {
            // q = -(b + sign(b) sqrt(disc)) / 2 has no cancellation; the roots are q / a and c / q.
            double q = -0.5 * (b + Math.copySign(Math.sqrt(disc), b));
            double r1 = q / a;
            double r2 = c / q;
            return r1 <= r2
                    ? new Complex[] {new Complex(r1, 0.0), new Complex(r2, 0.0)}
                    : new Complex[] {new Complex(r2, 0.0), new Complex(r1, 0.0)};
        }
        double re = -b / (2.0 * a);
        double im = Math.sqrt(-disc) / (2.0 * Math.abs(a));
        return new Complex[] {new Complex(re, im), new Complex(re, -im)};
    }

    private static boolean laguerre(double[] c, double[] re, double[] im) {
        int n = c.length - 1;
        double[] ascending = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            ascending[k] = c[n - k];
        }
        Complex[] roots;
        try {
            roots = new LaguerreSolver().solveAllComplex(ascending, 0.0, LAGUERRE_EVALUATIONS_PER_ROOT * n);
        } catch (MathIllegalStateException | MathArithmeticException e) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            re[k] = roots[k].getReal();
            im[k] = roots[k].getImaginary();
            if (!Double.isFinite(re[k]) || !Double.isFinite(im[k])) {
                return false;
            }
        }
        return true;
    }

    private static void companion(double[] c, double[] re, double[] im) {
        int n = c.length - 1;
        double[][] m = new double[n][n];
        for (int k = 0; k < n; k++) {
            m[0][k] = -c[k + 1] / c[0];
        }
        for (int k = 1; k < n; k++) {
            m[k][k - 1] = 1.0;
        }
        double[] r;
        double[] i;
        try {
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
            r = eig.getRealEigenvalues();
            i = eig.getImagEigenvalues();
        } catch (MathIllegalStateException | MathArithmeticException e) {
            throw new ArithmeticException("root finding failed for a polynomial of degree " + n + ": "
                    + e.getMessage());
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(r[k]) || !Double.isFinite(i[k])) {
                throw new ArithmeticException("root finding gave a non-finite root for a polynomial of degree " + n);
            }
            re[k] = r[k];
            im[k] = i[k];
        }
    }

    /** Newton steps on the original polynomial; {@code re}, {@code im} modified in place. */
    private static void polish(double[] c, double[] re, double[] im) {
        int n = re.length;
        double[] startRe = re.clone();
        double[] startIm = im.clone();
        double[] value = new double[4];
        for (int k = 0; k < n; k++) {
            // Stay closer to the start than half the distance to any other start, so no two roots merge.
            double reach = Double.POSITIVE_INFINITY;
            for (int m = 0; m < n; m++) {
                if (m != k) {
                    reach = Math.min(reach, 0.5 * Math.hypot(startRe[m] - startRe[k], startIm[m] - startIm[k]));
                }
            }
            double zr = re[k];
            double zi = im[k];
            evaluate(c, zr, zi, value);
            double size = Math.hypot(value[0], value[1]);
            for (int step = 0; step < POLISH_STEPS && size > 0.0; step++) {
                double dr = value[2];
                double di = value[3];
                double d2 = dr * dr + di * di;
                if (d2 == 0.0) {
                    break;
                }
                // (p / p') = p * conj(p') / |p'|^2
                double sr = (value[0] * dr + value[1] * di) / d2;
                double si = (value[1] * dr - value[0] * di) / d2;
                double nr = zr - sr;
                double ni = zi - si;
                if (!(Math.hypot(nr - startRe[k], ni - startIm[k]) < reach)) {
                    break;
                }
                evaluate(c, nr, ni, value);
                double newSize = Math.hypot(value[0], value[1]);
                if (!(newSize < size)) {
                    break;
                }
                zr = nr;
                zi = ni;
                size = newSize;
            }
            re[k] = zr;
            im[k] = zi;
        }
    }

    /** {@code out = {Re p, Im p, Re p', Im p'}} at {@code z = zr + j zi}, by Horner's scheme. */
    private static void evaluate(double[] c, double zr, double zi, double[] out) {
        double pr = c[0];
        double pi = 0.0;
        double dr = 0.0;
        double di = 0.0;
        for (int k = 1; k < c.length; k++) {
            // p' <- p' z + p, then p <- p z + c_k
            double ndr = dr * zr - di * zi + pr;
            double ndi = dr * zi + di * zr + pi;
            dr = ndr;
            di = ndi;
            double npr = pr * zr - pi * zi + c[k];
            double npi = pr * zi + pi * zr;
            pr = npr;
            pi = npi;
        }
        out[0] = pr;
        out[1] = pi;
        out[2] = dr;
        out[3] = di;
    }

    private static Complex[] symmetrise(double[] re, double[] im) {
        int n = re.length;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -Math.abs(im[k])));
        boolean[] used = new boolean[n];
        double[][] units = new double[n][];
        int nUnits = 0;
        for (int idx = 0; idx < n; idx++) {
            int k = order[idx];
            if (used[k]) {
                continue;
            }
            used[k] = true;
            int partner = -1;
            double best = Double.POSITIVE_INFINITY;
            if (im[k] != 0.0) {
                for (int m = 0; m < n; m++) {
                    if (!used[m]) {
                        double d = Math.hypot(re[m] - re[k], im[m] + im[k]);
                        if (d < best) {
                            best = d;
                            partner = m;
                        }
                    }
                }
            }
            if (partner >= 0 && best < Math.abs(im[k])) {
                used[partner] = true;
                double mr = 0.5 * (re[k] + re[partner]);
                double mi = 0.5 * (Math.abs(im[k]) + Math.abs(im[partner]));
                units[nUnits++] = new double[] {mr, mi};
            } else {
                units[nUnits++] = new double[] {re[k], 0.0};
            }
        }
        double[][] sorted = Arrays.copyOf(units, nUnits);
        Arrays.sort(sorted, Comparator.comparingDouble((double[] u) -> u[0]).thenComparingDouble(u -> u[1]));
        Complex[] out = new Complex[n];
        int j = 0;
        for (double[] u : sorted) {
            out[j++] = new Complex(u[0], u[1]);
            if (u[1] != 0.0) {
                out[j++] = new Complex(u[0], -u[1]);
            }
        }
        return out;
    }
}
