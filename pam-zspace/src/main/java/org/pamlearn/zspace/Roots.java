// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Roots of a real polynomial {@code c[0] z^n + c[1] z^(n-1) + ... + c[n]} with {@code c[0] != 0} and
 * {@code c[n] != 0} (so no root is 0).
 *
 * <p>Degrees 1 and 2 are solved in closed form (the quadratic in its cancellation-free form). From degree 3, by the
 * Aberth-Ehrlich iteration (as in MPSolve: D. A. Bini, "Numerical computation of polynomial zeros by means of
 * Aberth's method", Numerical Algorithms 13, 1996): all roots are refined together by Newton steps corrected by the
 * repulsion of the other approximations, started on circles whose radii come from the Newton polygon of
 * {@code log |c_k|}, so roots of very different sizes are found alike. A root is frozen once {@code |p(z)|} is at
 * the level of the rounding error of evaluating {@code p} there, i.e. once it is an exact root of a polynomial
 * whose coefficients differ from {@code c} by a few units in the last place (backward stable). Outside the unit
 * circle {@code p} is evaluated through the reversed polynomial, so nothing overflows.
 *
 * <p>Should the iteration not converge within its budget (not seen in tests), it is restarted from the eigenvalues
 * of the companion matrix (scaled by a power of 2 and balanced; Commons Math {@link EigenDecomposition}, the method
 * of NumPy's {@code roots}). The companion matrix alone is not the primary method because Commons Math's
 * eigen solver loses the small roots of polynomials whose roots span more than about 8 orders of magnitude, and
 * Commons Math's {@code LaguerreSolver} is not either, because it may deflate a large root first, which ruins the
 * remaining roots.
 *
 * <p>The result is made exactly conjugate-symmetric, as the roots of a real polynomial are: each root with
 * a non-zero imaginary part is paired with the root closest to its conjugate and both are replaced by the
 * mean pair; a root whose conjugate partner is farther away than its own distance to the real axis is real,
 * with imaginary part exactly 0. Output order: by real part, then imaginary part; each conjugate pair adjacent,
 * the member with positive imaginary part first.
 */
final class Roots {

    /** Sweeps of the Aberth iteration before restarting; it needs a few dozen even for clustered roots. */
    private static final int MAX_SWEEPS = 500;
    /** Offset of the starting angles (Bini 1996), so that no start lies on the real axis. */
    private static final double START_ANGLE = 0.7;

    private Roots() {
    }

    /**
     * The {@code n} roots, with multiplicity.
     *
     * @param c the coefficients, highest power first; {@code c[0] != 0}, {@code c[n] != 0}, all finite
     * @return the roots, conjugate pairs exact and adjacent
     * @throws ArithmeticException if no method converges (not seen for finite coefficients)
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
        newtonPolygonStart(c, re, im);
        if (!aberth(c, re, im)) {
            return fromCompanionStart(c);
        }
        return symmetrise(re, im);
    }

    /**
     * The fallback of {@link #of} for degree {@code >= 3}: the Aberth iteration started from the companion
     * matrix's eigenvalues.
     *
     * @param c the coefficients, as for {@link #of}
     * @return the roots, conjugate pairs exact and adjacent
     * @throws ArithmeticException if the eigen solver or the iteration fails
     */
    static Complex[] fromCompanionStart(double[] c) {
        int n = c.length - 1;
        double[] re = new double[n];
        double[] im = new double[n];
        companion(c, re, im);
        if (!aberth(c, re, im)) {
            throw new ArithmeticException("root finding did not converge for a polynomial of degree " + n);
        }
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

    /**
     * Eigenvalues of the companion matrix into {@code re}, {@code im}: of {@code p(2^e w)} with {@code 2^e} near the
     * geometric mean {@code |c[n] / c[0]|^(1/n)} of the root moduli (Commons Math's eigen solver refuses matrices
     * of norm below 1e-12), balanced.
     */
    private static void companion(double[] c, double[] re, double[] im) {
        int n = c.length - 1;
        int e = (int) Math.round((Math.log(Math.abs(c[n])) - Math.log(Math.abs(c[0]))) / (n * Math.log(2.0)));
        double[][] m = new double[n][n];
        for (int k = 0; k < n; k++) {
            m[0][k] = -Math.scalb(c[k + 1], -(k + 1) * e) / c[0];
        }
        for (int k = 1; k < n; k++) {
            m[k][k - 1] = 1.0;
        }
        balance(m);
        double[] r;
        double[] i;
        try {
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
            r = eig.getRealEigenvalues();
            i = eig.getImagEigenvalues();
        } catch (MathIllegalStateException | MathArithmeticException ex) {
            throw new ArithmeticException("root finding failed for a polynomial of degree " + n + ": "
                    + ex.getMessage());
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(r[k]) || !Double.isFinite(i[k])) {
                throw new ArithmeticException("root finding gave a non-finite root for a polynomial of degree " + n);
            }
            re[k] = Math.scalb(r[k], e);
            im[k] = Math.scalb(i[k], e);
        }
    }

    /**
     * Balancing (Parlett and Reinsch, as LAPACK's {@code gebal} without permutations): a similarity by powers of
     * 2 that makes each row and its column about equally large, which keeps the QR iteration accurate for
     * polynomials whose coefficients differ by orders of magnitude. Exact (no rounding); in place.
     */
    private static void balance(double[][] m) {
        int n = m.length;
        boolean converged = false;
        while (!converged) {
            converged = true;
            for (int i = 0; i < n; i++) {
                double col = 0.0;
                double row = 0.0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        col += Math.abs(m[j][i]);
                        row += Math.abs(m[i][j]);
                    }
                }
                if (col == 0.0 || row == 0.0) {
                    continue;
                }
                double f = 1.0;
                double s = col + row;
                double g = row / 2.0;
                while (col < g) {
                    f *= 2.0;
                    col *= 4.0;
                }
                g = row * 2.0;
                while (col > g) {
                    f /= 2.0;
                    col /= 4.0;
                }
                if ((col + row) / f < 0.95 * s) {
                    converged = false;
                    for (int j = 0; j < n; j++) {
                        m[i][j] /= f;
                        m[j][i] *= f;
                    }
                }
            }
        }
    }

    /**
     * Starting points on circles from the Newton polygon (Bini 1996): the upper convex hull of the points
     * {@code (k, log |a_k|)}, {@code a_k = c[n-k]} the coefficient of {@code z^k}; an edge from {@code k} to
     * {@code k'} stands for {@code k' - k} roots of modulus about {@code |a_k / a_k'|^(1/(k' - k))}.
     */
    private static void newtonPolygonStart(double[] c, double[] re, double[] im) {
        int n = c.length - 1;
        int[] hull = new int[n + 1];
        double[] logA = new double[n + 1];
        int h = 0;
        for (int k = 0; k <= n; k++) {
            double a = Math.abs(c[n - k]);
            logA[k] = a == 0.0 ? Double.NEGATIVE_INFINITY : Math.log(a);
            if (a == 0.0) {
                continue;
            }
            // Pop the last vertex while it lies on or below the segment from the one before it to k.
            while (h >= 2) {
                int o = hull[h - 2];
                int m = hull[h - 1];
                double cross = (m - o) * (logA[k] - logA[o]) - (logA[m] - logA[o]) * (k - o);
                if (cross >= 0.0) {
                    h--;
                } else {
                    break;
                }
            }
            hull[h++] = k;
        }
        int root = 0;
        for (int j = 0; j + 1 < h; j++) {
            int k0 = hull[j];
            int k1 = hull[j + 1];
            int m = k1 - k0;
            double radius = Math.exp((logA[k0] - logA[k1]) / m);
            for (int l = 0; l < m; l++) {
                double angle = 2.0 * Math.PI * l / m + 2.0 * Math.PI * k0 / n + START_ANGLE;
                re[root] = radius * Math.cos(angle);
                im[root] = radius * Math.sin(angle);
                root++;
            }
        }
    }

    /**
     * Gauss-Seidel Aberth-Ehrlich sweeps from the approximations in {@code re}, {@code im} (modified in place);
     * {@code true} once every root is frozen at the rounding level.
     */
    private static boolean aberth(double[] c, double[] re, double[] im) {
        int n = re.length;
        boolean[] done = new boolean[n];
        double[] newton = new double[2];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean all = true;
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    continue;
                }
                if (newtonRatio(c, re[i], im[i], newton)) {
                    done[i] = true;
                    continue;
                }
                all = false;
                // S = sum_{j != i} 1 / (z_i - z_j)
                double sr = 0.0;
                double si = 0.0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        double dr = re[i] - re[j];
                        double di = im[i] - im[j];
                        double d2 = dr * dr + di * di;
                        if (d2 > 0.0) {
                            sr += dr / d2;
                            si -= di / d2;
                        }
                    }
                }
                // w = N / (1 - N S)
                double nr = newton[0];
                double ni = newton[1];
                double qr = 1.0 - (nr * sr - ni * si);
                double qi = -(nr * si + ni * sr);
                double q2 = qr * qr + qi * qi;
                double wr = q2 > 0.0 ? (nr * qr + ni * qi) / q2 : nr;
                double wi = q2 > 0.0 ? (ni * qr - nr * qi) / q2 : ni;
                if (!Double.isFinite(wr) || !Double.isFinite(wi)) {
                    return false;
                }
                re[i] -= wr;
                im[i] -= wi;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Newton correction {@code p(z) / p'(z)} into {@code out}, or {@code true} if {@code |p(z)|} is already at
     * the rounding level of its evaluation ({@code 16 n eps sum_k |c_k| |z|^(n-k)}). For {@code |z| > 1} it uses
     * {@code p(z) = z^n R(1/z)}, {@code R(w) = sum_k c_k w^k}, and {@code p/p' = z / (n - w R'(w) / R(w))}.
     */
    private static boolean newtonRatio(double[] c, double zr, double zi, double[] out) {
        int n = c.length - 1;
        double tol = 16.0 * n * Math.ulp(1.0);
        double mod = Math.hypot(zr, zi);
        if (mod <= 1.0) {
            // Horner in z: p <- p z + c_k, p' <- p' z + p, bound <- bound |z| + |c_k|
            double pr = c[0];
            double pi = 0.0;
            double dr = 0.0;
            double di = 0.0;
            double bound = Math.abs(c[0]);
            for (int k = 1; k <= n; k++) {
                double ndr = dr * zr - di * zi + pr;
                double ndi = dr * zi + di * zr + pi;
                dr = ndr;
                di = ndi;
                double npr = pr * zr - pi * zi + c[k];
                double npi = pr * zi + pi * zr;
                pr = npr;
                pi = npi;
                bound = bound * mod + Math.abs(c[k]);
            }
            if (Math.hypot(pr, pi) <= tol * bound) {
                return true;
            }
            double d2 = dr * dr + di * di;
            if (d2 == 0.0) {
                // A critical point: push off it by a small step.
                out[0] = 1e-3 * (1.0 + mod);
                out[1] = 1e-3 * (1.0 + mod);
                return false;
            }
            out[0] = (pr * dr + pi * di) / d2;
            out[1] = (pi * dr - pr * di) / d2;
            return false;
        }
        // w = 1 / z; Horner in w from c[n]: R <- R w + c_k, R' <- R' w + R
        double wr = zr / (mod * mod);
        double wi = -zi / (mod * mod);
        double wmod = 1.0 / mod;
        double rr = c[n];
        double ri = 0.0;
        double dr = 0.0;
        double di = 0.0;
        double bound = Math.abs(c[n]);
        for (int k = n - 1; k >= 0; k--) {
            double ndr = dr * wr - di * wi + rr;
            double ndi = dr * wi + di * wr + ri;
            dr = ndr;
            di = ndi;
            double nrr = rr * wr - ri * wi + c[k];
            double nri = rr * wi + ri * wr;
            rr = nrr;
            ri = nri;
            bound = bound * wmod + Math.abs(c[k]);
        }
        if (Math.hypot(rr, ri) <= tol * bound) {
            return true;
        }
        // t = w R' / R, then p / p' = z / (n - t)
        double r2 = rr * rr + ri * ri;
        double gr = (dr * rr + di * ri) / r2;
        double gi = (di * rr - dr * ri) / r2;
        double tr = wr * gr - wi * gi;
        double ti = wr * gi + wi * gr;
        double er = n - tr;
        double ei = -ti;
        double e2 = er * er + ei * ei;
        if (e2 == 0.0) {
            out[0] = 1e-3 * mod;
            out[1] = 1e-3 * mod;
            return false;
        }
        out[0] = (zr * er + zi * ei) / e2;
        out[1] = (zi * er - zr * ei) / e2;
        return false;
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
