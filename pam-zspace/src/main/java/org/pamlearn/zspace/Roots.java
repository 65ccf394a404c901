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
 * <p>Frozen one at a time, the roots are each backward stable but not together: the members of a multiple root
 * freeze anywhere within about {@code eps^(1/m)} of it, independently, so the factors built from them (sections,
 * cancelled functions) would be off by as much. So the roots are then refined together: grouped into clusters by
 * overlapping inclusion disks, one factor per cluster, the factorisation {@code p / c_0 = prod_j F_j} refined by
 * Newton's method on the factors' coefficients (which are well-conditioned, unlike single roots of a cluster), and
 * each factor's roots solved around its centre. Afterwards {@code prod (z - z_i)} matches {@code p / c_0} to
 * rounding: individual roots of multiplicity {@code m} are still only accurate to about {@code eps^(1/m)}, but their
 * errors are those of the roots of one polynomial within rounding of {@code p}.
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
    /** Newton steps on the factorisation into clusters; from the Aberth approximations it needs two or three. */
    private static final int MAX_FACTOR_STEPS = 20;
    /**
     * A refined root must satisfy {@code |p(z)| <= TRUST * 16 n eps sum_k |c_k| |z|^(n-k)}: it is a root of a
     * polynomial within rounding of {@code p}, so it is at the rounding level of {@code p}, as a frozen root is.
     */
    private static final double TRUST = 100.0;

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
        return refinedTogether(c, symmetrise(re, im));
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
        return refinedTogether(c, symmetrise(re, im));
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
        double[] horner = new double[HORNER];
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean all = true;
            for (int i = 0; i < n; i++) {
                if (done[i]) {
                    continue;
                }
                if (newtonRatio(c, re[i], im[i], horner, newton)) {
                    done[i] = true;
                    continue;
                }
                all = false;
                aberthCorrection(re, im, i, newton[0], newton[1], newton);
                double wr = newton[0];
                double wi = newton[1];
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

    /** Length of {@link #horner}'s accumulator: value (re, im), derivative (re, im), rounding bound. */
    private static final int HORNER = 5;

    /**
     * Horner's scheme with the derivative at {@code x}: over {@code c[0], c[1], ..., c[n]} ({@code reversed}: from
     * {@code c[n]} down to {@code c[0]}), {@code p <- p x + c_k}, {@code p' <- p' x + p} and {@code bound <- bound |x|
     * + |c_k|}; the result into {@code acc = {p_re, p_im, p'_re, p'_im, bound}}.
     */
    private static void horner(double[] c, boolean reversed, double xr, double xi, double xmod, double[] acc) {
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
     * The Newton correction {@code p(z) / p'(z)} into {@code out}, or {@code true} if {@code |p(z)|} is already at
     * the rounding level of its evaluation ({@code 16 n eps sum_k |c_k| |z|^(n-k)}). For {@code |z| > 1} it uses
     * {@code p(z) = z^n R(1/z)}, {@code R(w) = sum_k c_k w^k}, and {@code p/p' = z / (n - w R'(w) / R(w))}.
     * {@code acc} is {@link #horner}'s scratch.
     */
    private static boolean newtonRatio(double[] c, double zr, double zi, double[] acc, double[] out) {
        int n = c.length - 1;
        double tol = 16.0 * n * Math.ulp(1.0);
        double mod = Math.hypot(zr, zi);
        if (mod <= 1.0) {
            horner(c, false, zr, zi, mod, acc);
            double pr = acc[0];
            double pi = acc[1];
            double dr = acc[2];
            double di = acc[3];
            if (Math.hypot(pr, pi) <= tol * acc[4]) {
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
        horner(c, true, wr, wi, 1.0 / mod, acc);
        double rr = acc[0];
        double ri = acc[1];
        double dr = acc[2];
        double di = acc[3];
        if (Math.hypot(rr, ri) <= tol * acc[4]) {
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

    // ------------------------------------------------------------------------------------------ refinement

    /**
     * The roots refined together, so that they multiply back to {@code c} (see the class documentation).
     *
     * <p>Why: the Aberth iteration freezes each root on its own, as soon as {@code |p(z)|} is below
     * {@code 16 n eps sum_j |c_j| |z|^(n-j)}. That makes each root backward stable by itself, but not the roots
     * together, and where a root is ill-conditioned its error is the rounding level divided by the small
     * {@code |p'(z)|}, independently of its neighbours' errors. The members of an {@code m}-fold root freeze
     * anywhere within about {@code eps^(1/m)} of it, so the sum and products of the members, the coefficients of the
     * factor they form, are off by about as much (3.5e-8 in the linear coefficient of {@code (z - 0.5)^2} for a
     * double pole at 0.5), and so is any product of factors built from the roots: second-order sections,
     * cancelled functions. Close simple roots and roots near a cluster do the same on a smaller scale (products off
     * by up to 7e-7 were measured for random denominators of degree up to 12 with poles in radius 1.2).
     *
     * <p>The coefficients of a factor that holds a whole cluster are well-conditioned, though. So the roots are
     * grouped into clusters (below); each cluster, or each pair of conjugate clusters, gives a monic factor
     * {@code F_j} (real for a cluster symmetric about the real axis, complex otherwise, its conjugate implied; a
     * simple root is a cluster of one), and the factorisation {@code c / c_0 = prod_j F_j} is refined by Newton's
     * method on all the factors' coefficients at once ({@link #refineFactors}). Since the factors are pairwise
     * coprime, the step is the partial fraction decomposition of the residual and converges quadratically; since
     * every factor is corrected from the same residual, computed in double-double arithmetic, the product of the
     * factors ends within rounding of {@code c}, however ill-conditioned single roots are. Last, the roots of each
     * factor are solved in coordinates centred and scaled to it ({@link #factorRoots}): a factor of degree 2 by the
     * cancellation-free formula, which keeps its sum and product, larger ones by an Aberth iteration on roots that
     * are well-separated there. Measured: for double and triple real roots, double conjugate pairs, quadruple
     * roots and tight groups of simple roots mixed with simple roots, and for random polynomials up to degree 60,
     * {@code prod (z - z_i)} (in exact arithmetic) matches {@code c / c_0} to about 2e-15 relative to its largest
     * coefficient, where the frozen roots were off by up to 3e-2; Wilkinson's polynomial of degree 20 to 4e-13,
     * against 2e-2.
     *
     * <p>Why here and not when building second-order sections (e.g. Bairstow's iteration on each section's
     * quadratic against the whole polynomial): a section cannot always hold a whole cluster (a triple root or a
     * double conjugate pair is always split over two sections), and Bairstow's Jacobian is singular for a quadratic
     * that holds only part of a cluster; factors refined one by one would also keep uncorrelated errors. Here every
     * user of the roots (sections, {@code cancelled}, {@code fromZerosPolesGain} round trips) gets roots that
     * multiply back, whatever way they are grouped.
     *
     * <p>A cluster is a connected set of overlapping inclusion disks (as in MPSolve): disk {@code k} is centred at
     * {@code z_k} with radius {@code n |W_k|}, {@code W_k = e_k / (c_0 prod_{j != k} (z_k - z_j))} the Weierstrass
     * correction with {@code |p(z_k)|} replaced by {@code e_k = |p(z_k)| + 16 n eps sum_j |c_j| |z_k|^(n-j)}, its
     * value plus the rounding level; a connected union of such disks that meets no other disk holds exactly as
     * many roots as centres. The disk of a simple, well-separated root is about its rounding-level uncertainty
     * (times {@code n}), so it stays alone; the members of a multiple root have disks about {@code n} times their
     * spread and join.
     *
     * <p>The refined roots are used only if each lies within twice the disks of its cluster and is still at the
     * rounding level of {@code p} (see {@link #TRUST}), and only if the Newton systems stayed nonsingular and
     * finite; otherwise (seen only for some random polynomials of degree 100 and more) the roots are returned as
     * the iteration left them.
     *
     * @param c the coefficients, degree {@code >= 3}
     * @param roots as from {@link #symmetrise}
     * @return the roots, conjugate pairs exact and adjacent
     */
    private static Complex[] refinedTogether(double[] c, Complex[] roots) {
        int n = roots.length;
        double[] zr = new double[n];
        double[] zi = new double[n];
        for (int k = 0; k < n; k++) {
            zr[k] = roots[k].getReal();
            zi[k] = roots[k].getImaginary();
        }
        // symmetrise puts the member with positive imaginary part first, its conjugate next.
        int[] partner = new int[n];
        for (int k = 0; k < n; k++) {
            partner[k] = zi[k] > 0.0 ? k + 1 : zi[k] < 0.0 ? k - 1 : k;
        }
        // A conjugate takes its partner's radius, so that the clusters are closed under conjugation exactly.
        double[] radius = new double[n];
        for (int k = 0; k < n; k++) {
            radius[k] = zi[k] < 0.0 ? radius[k - 1] : inclusionRadius(c, zr, zi, k);
        }
        int[] label = new int[n];
        for (int k = 0; k < n; k++) {
            label[k] = k;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.hypot(zr[i] - zr[j], zi[i] - zi[j]) <= radius[i] + radius[j]) {
                    int a = find(label, i);
                    int b = find(label, j);
                    label[Math.max(a, b)] = Math.min(a, b);
                }
            }
        }
        // One factor per cluster symmetric about the real axis, one per pair of conjugate clusters.
        int[][] sets = new int[n][];
        boolean[] real = new boolean[n];
        double[][] fr = new double[n][];
        double[][] fi = new double[n][];
        int nf = 0;
        boolean[] done = new boolean[n];
        int[] members = new int[n];
        for (int k = 0; k < n; k++) {
            if (done[k]) {
                continue;
            }
            int cluster = find(label, k);
            int m = 0;
            boolean symmetric = true;
            for (int j = k; j < n; j++) {
                if (find(label, j) == cluster) {
                    members[m++] = j;
                    done[j] = true;
                    symmetric &= find(label, partner[j]) == cluster;
                }
            }
            if (!symmetric) {
                for (int i = 0; i < m; i++) {
                    done[partner[members[i]]] = true;
                }
            }
            sets[nf] = Arrays.copyOf(members, m);
            real[nf] = symmetric;
            fr[nf] = new double[m + 1];
            fi[nf] = new double[m + 1];
            fr[nf][0] = 1.0;
            for (int i = 0; i < m; i++) {
                // F <- F (x - z)
                double xr = zr[members[i]];
                double xi = zi[members[i]];
                for (int t = i + 1; t >= 1; t--) {
                    double r = fr[nf][t] - (xr * fr[nf][t - 1] - xi * fi[nf][t - 1]);
                    fi[nf][t] -= xr * fi[nf][t - 1] + xi * fr[nf][t - 1];
                    fr[nf][t] = r;
                }
            }
            if (symmetric) {
                Arrays.fill(fi[nf], 0.0);
            }
            nf++;
        }
        if (!refineFactors(c, fr, fi, real, nf)) {
            return roots;
        }
        double tol = 16.0 * (c.length - 1) * Math.ulp(1.0);
        double[] v = new double[3];
        double[] rr = new double[n];
        double[] ri = new double[n];
        for (int f = 0; f < nf; f++) {
            double[][] x = factorRoots(fr[f], fi[f], real[f]);
            if (x == null) {
                return roots;
            }
            for (int i = 0; i < sets[f].length; i++) {
                double xr = x[0][i];
                double xi = x[1][i];
                evaluate(c, xr, xi, v);
                if (!insideDisks(zr, zi, radius, sets[f], xr, xi)
                        || !(Math.hypot(v[0], v[1]) <= TRUST * tol * v[2])) {
                    return roots;
                }
                int j = sets[f][i];
                rr[j] = xr;
                ri[j] = xi;
                if (!real[f]) {
                    rr[partner[j]] = xr;
                    ri[partner[j]] = -xi;
                }
            }
        }
        return symmetrise(rr, ri);
    }

    private static int find(int[] parent, int k) {
        int r = k;
        while (parent[r] != r) {
            r = parent[r];
        }
        return r;
    }

    /**
     * The radius {@code n |W_k|} of the inclusion disk of root {@code k} (see {@link #refinedTogether});
     * infinite if another root coincides with it. In logarithms, so that roots of very different sizes neither
     * overflow nor underflow; for {@code |z_k| > 1} through the reversed polynomial,
     * {@code W_k = z_k R(1/z_k) / (c_0 prod_{j != k} (1 - z_j / z_k))}.
     */
    private static double inclusionRadius(double[] c, double[] zr, double[] zi, int k) {
        int n = c.length - 1;
        double[] v = new double[3];
        evaluate(c, zr[k], zi[k], v);
        double error = Math.hypot(v[0], v[1]) + 16.0 * n * Math.ulp(1.0) * v[2];
        double mod = Math.hypot(zr[k], zi[k]);
        double logMod = mod > 1.0 ? Math.log(mod) : 0.0;
        double logW = Math.log(error) - Math.log(Math.abs(c[0])) + logMod;
        for (int j = 0; j < n; j++) {
            if (j != k) {
                double d = Math.hypot(zr[k] - zr[j], zi[k] - zi[j]);
                if (d == 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
                logW -= Math.log(d) - logMod;
            }
        }
        return n * Math.exp(logW);
    }

    /**
     * Into {@code out}: {@code p(z)} (real, imaginary part) and the rounding scale {@code sum_k |c_k| |z|^(n-k)}
     * of its evaluation by Horner's rule for {@code |z| <= 1}; for {@code |z| > 1} the same for
     * {@code R(1/z) = p(z) / z^n}.
     */
    private static void evaluate(double[] c, double zr, double zi, double[] out) {
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

    /** Whether {@code (xr, xi)} lies within twice the inclusion radius of a member of {@code set}. */
    private static boolean insideDisks(double[] zr, double[] zi, double[] radius, int[] set, double xr,
            double xi) {
        for (int j : set) {
            double slack = 2.0 * radius[j] + 8.0 * Math.ulp(1.0) * Math.hypot(zr[j], zi[j]);
            if (Math.hypot(xr - zr[j], xi - zi[j]) <= slack) {
                return true;
            }
        }
        return false;
    }

    /**
     * Newton's method on the factorisation {@code c / c_0 = prod_j F_j}, in place; a complex factor
     * ({@code !real[j]}) stands for {@code F_j conj(F_j)}. With the residual {@code R = c / c_0 - prod_j F_j} and
     * {@code P_j} the product of all factors but {@code F_j}, the step solves {@code sum_j dF_j P_j = R}, one
     * factor at a time: modulo {@code F_j} every other term vanishes, so {@code (dF_j P_j) mod F_j = R mod F_j}, an
     * {@code m x m} system whose columns are {@code x^i P_j mod F_j} (nonsingular when {@code F_j} and {@code P_j}
     * have no common root). The residual is real ({@code c} is, the factors are closed under conjugation).
     * Stops when a step, measured on the scale {@code rho^k} of each coefficient ({@code rho} the size of the
     * factor's roots), is at the rounding level or no longer shrinks.
     *
     * @return whether it stayed finite and every system was nonsingular
     */
    private static boolean refineFactors(double[] c, double[][] fr, double[][] fi, boolean[] real, int nf) {
        int n = c.length - 1;
        double[] rr = new double[n + 1];
        double[][] dr = new double[nf][];
        double[][] di = new double[nf][];
        double previous = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < MAX_FACTOR_STEPS; iteration++) {
            residual(c, fr, fi, real, nf, rr);
            double step = 0.0;
            for (int j = 0; j < nf; j++) {
                int m = fr[j].length - 1;
                double[][] others = product(fr, fi, real, nf, j);
                dr[j] = rr.clone();
                di[j] = new double[n + 1];
                if (!newtonStep(fr[j], fi[j], others[0], others[1], dr[j], di[j])) {
                    return false;
                }
                // Scaled to the size rho of the factor's roots: coefficient k is about rho^k.
                double rho = 0.0;
                for (int k = 1; k <= m; k++) {
                    rho = Math.max(rho, Math.pow(Math.hypot(fr[j][k], fi[j][k]), 1.0 / k));
                }
                for (int k = 1; k <= m; k++) {
                    if (real[j]) {
                        di[j][k - 1] = 0.0;
                    }
                    step = Math.max(step, Math.hypot(dr[j][k - 1], di[j][k - 1]) / Math.pow(rho, k));
                }
            }
            if (!(step < previous)) {
                return Double.isFinite(step) || Double.isFinite(previous);
            }
            for (int j = 0; j < nf; j++) {
                for (int k = 1; k < fr[j].length; k++) {
                    fr[j][k] += dr[j][k - 1];
                    fi[j][k] += di[j][k - 1];
                }
            }
            previous = step;
            if (step <= 2.0 * Math.ulp(1.0)) {
                return true;
            }
        }
        return true;
    }

    /**
     * Into {@code r}: {@code (c - c_0 prod_j F_j) / c_0}, the product and the difference in double-double
     * arithmetic (Dekker's exact products by {@link Math#fma}, Knuth's exact sums), then rounded. In plain
     * arithmetic the residual would carry rounding errors of order {@code eps} times the coefficients of
     * {@code prod_j |F_j|}, which for roots near the unit circle exceed {@code eps} times those of {@code c} by
     * up to the binomial coefficients (about 1e5 at degree 20); Newton's method would then move the roots by more
     * than their own rounding-level uncertainty. Exact to about {@code eps} relative to the residual itself.
     */
    private static void residual(double[] c, double[][] fr, double[][] fi, boolean[] real, int nf, double[] r) {
        double[] rh = {1.0};
        double[] rl = {0.0};
        double[] ih = {0.0};
        double[] il = {0.0};
        for (int j = 0; j < nf; j++) {
            for (int pass = real[j] ? 1 : 0; pass < 2; pass++) {
                // pass 0: the conjugate of a complex factor; pass 1: the factor
                double s = pass == 0 ? -1.0 : 1.0;
                double[] f = fr[j];
                double[] g = fi[j];
                int len = rh.length + f.length - 1;
                double[] nrh = new double[len];
                double[] nrl = new double[len];
                double[] nih = new double[len];
                double[] nil = new double[len];
                for (int i = 0; i < rh.length; i++) {
                    for (int k = 0; k < f.length; k++) {
                        double gk = s * g[k];
                        // (a + b i)(f + g i) = (a f - b g) + (a g + b f) i
                        addProduct(nrh, nrl, i + k, rh[i], rl[i], f[k]);
                        addProduct(nrh, nrl, i + k, ih[i], il[i], -gk);
                        addProduct(nih, nil, i + k, rh[i], rl[i], gk);
                        addProduct(nih, nil, i + k, ih[i], il[i], f[k]);
                    }
                }
                for (int k = 0; k < len; k++) {
                    double t = nrh[k] + nrl[k];
                    nrl[k] -= t - nrh[k];
                    nrh[k] = t;
                    t = nih[k] + nil[k];
                    nil[k] -= t - nih[k];
                    nih[k] = t;
                }
                rh = nrh;
                rl = nrl;
                ih = nih;
                il = nil;
            }
        }
        double c0 = c[0];
        for (int k = 0; k < c.length; k++) {
            // c_k - c_0 (rh + rl): the product exactly as p + e, then the difference
            double p = c0 * rh[k];
            double e = Math.fma(c0, rh[k], -p) + c0 * rl[k];
            double d = c[k] - p;
            double z = d - c[k];
            double t = (c[k] - (d - z)) + (-p - z);
            r[k] = (d + (t - e)) / c0;
        }
    }

    /** {@code (hi[k], lo[k]) += (aHi + aLo) b} in double-double, not renormalised. */
    private static void addProduct(double[] hi, double[] lo, int k, double aHi, double aLo, double b) {
        double p = aHi * b;
        double e = Math.fma(aHi, b, -p);
        double s = hi[k] + p;
        double z = s - hi[k];
        double t = (hi[k] - (s - z)) + (p - z);
        hi[k] = s;
        lo[k] += t + e + aLo * b;
    }

    /**
     * The product of the factors but {@code skip} ({@code -1}: all), a complex factor with its conjugate (for
     * {@code skip} itself only the conjugate), highest power first; {@code {re[], im[]}}.
     */
    private static double[][] product(double[][] fr, double[][] fi, boolean[] real, int nf, int skip) {
        double[] pr = {1.0};
        double[] pi = {0.0};
        for (int j = 0; j < nf; j++) {
            if (j != skip) {
                double[][] q = multiply(pr, pi, fr[j], fi[j], false);
                pr = q[0];
                pi = q[1];
            }
            if (!real[j]) {
                double[][] q = multiply(pr, pi, fr[j], fi[j], true);
                pr = q[0];
                pi = q[1];
            }
        }
        return new double[][] {pr, pi};
    }

    /** {@code a b}, or {@code a conj(b)}, complex, highest power first. */
    private static double[][] multiply(double[] ar, double[] ai, double[] br, double[] bi, boolean conjugate) {
        double[] pr = new double[ar.length + br.length - 1];
        double[] pi = new double[pr.length];
        double s = conjugate ? -1.0 : 1.0;
        for (int i = 0; i < ar.length; i++) {
            for (int k = 0; k < br.length; k++) {
                pr[i + k] += ar[i] * br[k] - ai[i] * (s * bi[k]);
                pi[i + k] += ar[i] * (s * bi[k]) + ai[i] * br[k];
            }
        }
        return new double[][] {pr, pi};
    }

    /**
     * One factor's Newton step (see {@link #refineFactors}): on entry {@code (wr, wi)} holds the residual
     * {@code R} (degree below that of the product), on exit its first {@code m} entries hold {@code dF}, the
     * corrections of {@code f_1 .. f_m}. {@code (qr, qi)} is the product of the other factors. Whether the
     * system was nonsingular.
     */
    private static boolean newtonStep(double[] fr, double[] fi, double[] qr, double[] qi, double[] wr, double[] wi) {
        int m = fr.length - 1;
        int len = wr.length;
        // R mod F: the last m entries after the division.
        divide(wr, wi, len, fr, fi);
        double[] br = Arrays.copyOfRange(wr, len - m, len);
        double[] bi = Arrays.copyOfRange(wi, len - m, len);
        // Column m - 1 (the unknown f_m, of x^0) is P_j mod F; column i - 1 is x times column i, mod F.
        int size = Math.max(qr.length, m);
        double[] tr = new double[size];
        double[] ti = new double[size];
        System.arraycopy(qr, 0, tr, size - qr.length, qr.length);
        System.arraycopy(qi, 0, ti, size - qi.length, qi.length);
        divide(tr, ti, size, fr, fi);
        double[][] ar = new double[m][m];
        double[][] ai = new double[m][m];
        for (int row = 0; row < m; row++) {
            ar[row][m - 1] = tr[size - m + row];
            ai[row][m - 1] = ti[size - m + row];
        }
        for (int col = m - 1; col >= 1; col--) {
            // x T = t_0 x^m + t_1 x^(m-1) + ... + t_(m-1) x, minus t_0 F
            double t0r = ar[0][col];
            double t0i = ai[0][col];
            for (int row = 0; row < m; row++) {
                double nr = row + 1 < m ? ar[row + 1][col] : 0.0;
                double ni = row + 1 < m ? ai[row + 1][col] : 0.0;
                ar[row][col - 1] = nr - (t0r * fr[row + 1] - t0i * fi[row + 1]);
                ai[row][col - 1] = ni - (t0r * fi[row + 1] + t0i * fr[row + 1]);
            }
        }
        if (!solve(ar, ai, br, bi)) {
            return false;
        }
        System.arraycopy(br, 0, wr, 0, m);
        System.arraycopy(bi, 0, wi, 0, m);
        return true;
    }

    /**
     * Long division of the first {@code len} entries of {@code w} (highest power first) by the monic {@code f}, in
     * place: the quotient in the first {@code len - m} entries, the remainder in the last {@code m}.
     */
    private static void divide(double[] wr, double[] wi, int len, double[] fr, double[] fi) {
        int m = fr.length - 1;
        for (int i = 0; i + m < len; i++) {
            double qr = wr[i];
            double qi = wi[i];
            for (int k = 1; k <= m; k++) {
                wr[i + k] -= qr * fr[k] - qi * fi[k];
                wi[i + k] -= qr * fi[k] + qi * fr[k];
            }
        }
    }

    /**
     * Solves {@code a x = b} (complex, {@code m x m}) by Gaussian elimination with partial pivoting; {@code a} is
     * destroyed, {@code x} replaces {@code b}. Whether {@code a} was nonsingular.
     */
    private static boolean solve(double[][] ar, double[][] ai, double[] br, double[] bi) {
        int m = br.length;
        for (int col = 0; col < m; col++) {
            int pivot = col;
            for (int row = col + 1; row < m; row++) {
                if (Math.hypot(ar[row][col], ai[row][col]) > Math.hypot(ar[pivot][col], ai[pivot][col])) {
                    pivot = row;
                }
            }
            if (!(Math.hypot(ar[pivot][col], ai[pivot][col]) > 0.0)) {
                return false;
            }
            double[] t = ar[col];
            ar[col] = ar[pivot];
            ar[pivot] = t;
            t = ai[col];
            ai[col] = ai[pivot];
            ai[pivot] = t;
            double s = br[col];
            br[col] = br[pivot];
            br[pivot] = s;
            s = bi[col];
            bi[col] = bi[pivot];
            bi[pivot] = s;
            double dr = ar[col][col];
            double di = ai[col][col];
            double d2 = dr * dr + di * di;
            for (int row = col + 1; row < m; row++) {
                // l = a[row][col] / a[col][col]
                double lr = (ar[row][col] * dr + ai[row][col] * di) / d2;
                double li = (ai[row][col] * dr - ar[row][col] * di) / d2;
                for (int k = col; k < m; k++) {
                    ar[row][k] -= lr * ar[col][k] - li * ai[col][k];
                    ai[row][k] -= lr * ai[col][k] + li * ar[col][k];
                }
                br[row] -= lr * br[col] - li * bi[col];
                bi[row] -= lr * bi[col] + li * br[col];
            }
        }
        for (int row = m - 1; row >= 0; row--) {
            double sr = br[row];
            double si = bi[row];
            for (int k = row + 1; k < m; k++) {
                sr -= ar[row][k] * br[k] - ai[row][k] * bi[k];
                si -= ar[row][k] * bi[k] + ai[row][k] * br[k];
            }
            double dr = ar[row][row];
            double di = ai[row][row];
            double d2 = dr * dr + di * di;
            br[row] = (sr * dr + si * di) / d2;
            bi[row] = (si * dr - sr * di) / d2;
        }
        return true;
    }

    /**
     * The roots {@code {re[], im[]}} of the monic {@code f} of degree {@code m} whose roots form one cluster:
     * {@code x = g + s t}, {@code g = -f_1 / m} the centre, {@code s} a power of 2 at least
     * {@code max_k |h_k|^(1/k)} for the coefficients {@code h_k} of {@code f(g + y)}, so that the polynomial in
     * {@code t} has coefficients at most 1 and its roots, of size about 1, are well-separated unless the cluster
     * has a cluster of its own. {@code null} if the iteration fails.
     */
    private static double[][] factorRoots(double[] fr, double[] fi, boolean real) {
        int m = fr.length - 1;
        if (m == 1) {
            return new double[][] {{-fr[1]}, {real ? 0.0 : -fi[1]}};
        }
        double gr = -fr[1] / m;
        double gi = real ? 0.0 : -fi[1] / m;
        // Taylor shift h(y) = f(g + y) by repeated synthetic division, highest power first.
        double[] hr = fr.clone();
        double[] hi = fi.clone();
        for (int i = 0; i < m; i++) {
            for (int k = 1; k <= m - i; k++) {
                double nr = hr[k] + (gr * hr[k - 1] - gi * hi[k - 1]);
                hi[k] = hi[k] + (gr * hi[k - 1] + gi * hr[k - 1]);
                hr[k] = nr;
            }
        }
        double size = 0.0;
        for (int k = 1; k <= m; k++) {
            double a = Math.hypot(hr[k], hi[k]);
            if (a > 0.0) {
                size = Math.max(size, Math.exp(Math.log(a) / k));
            }
        }
        double[] xr = new double[m];
        double[] xi = new double[m];
        if (size == 0.0) {
            Arrays.fill(xr, gr);
            Arrays.fill(xi, gi);
            return new double[][] {xr, xi};
        }
        if (!Double.isFinite(size)) {
            return null;
        }
        int e = Math.getExponent(size) + 1;
        for (int k = 1; k <= m; k++) {
            hr[k] = Math.scalb(hr[k], -k * e);
            hi[k] = Math.scalb(hi[k], -k * e);
        }
        double[] tr = new double[m];
        double[] ti = new double[m];
        if (m == 2) {
            quadraticRoots(hr[1], hi[1], hr[2], hi[2], real, tr, ti);
        } else if (!localAberth(hr, hi, tr, ti)) {
            return null;
        }
        for (int i = 0; i < m; i++) {
            xr[i] = gr + Math.scalb(tr[i], e);
            xi[i] = gi + Math.scalb(ti[i], e);
        }
        return new double[][] {xr, xi};
    }

    /** The roots of {@code t^2 + b t + c} (complex {@code b}, {@code c}) into {@code tr}, {@code ti}. */
    private static void quadraticRoots(double br, double bi, double cr, double ci, boolean real, double[] tr,
            double[] ti) {
        if (real) {
            double disc = br * br - 4.0 * cr;
            if (disc < 0.0) {
                double im = 0.5 * Math.sqrt(-disc);
                tr[0] = -0.5 * br;
                ti[0] = im;
                tr[1] = -0.5 * br;
                ti[1] = -im;
                return;
            }
            // q = -(b + sign(b) sqrt(disc)) / 2 has no cancellation; the roots are q and c / q.
            double q = -0.5 * (br + Math.copySign(Math.sqrt(disc), br));
            tr[0] = q;
            tr[1] = q == 0.0 ? 0.0 : cr / q;
            return;
        }
        Complex b = new Complex(br, bi);
        Complex c = new Complex(cr, ci);
        Complex root = b.multiply(b).subtract(c.multiply(4.0)).sqrt();
        if (b.conjugate().multiply(root).getReal() < 0.0) {
            root = root.negate();
        }
        Complex q = b.add(root).multiply(-0.5);
        Complex other = q.equals(Complex.ZERO) ? Complex.ZERO : c.divide(q);
        tr[0] = q.getReal();
        ti[0] = q.getImaginary();
        tr[1] = other.getReal();
        ti[1] = other.getImaginary();
    }

    /**
     * The Aberth-Ehrlich correction of approximation {@code i}: {@code w = N / (1 - N S)}, where {@code N} is its
     * Newton correction {@code p / p'} and {@code S = sum_{j != i} 1 / (z_i - z_j)} over all approximations
     * {@code (re, im)}; written into {@code out[0]} (real part) and {@code out[1]}.
     */
    private static void aberthCorrection(double[] re, double[] im, int i, double nr, double ni, double[] out) {
        double sr = 0.0;
        double si = 0.0;
        for (int j = 0; j < re.length; j++) {
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
        double qr = 1.0 - (nr * sr - ni * si);
        double qi = -(nr * si + ni * sr);
        double q2 = qr * qr + qi * qi;
        out[0] = q2 > 0.0 ? (nr * qr + ni * qi) / q2 : nr;
        out[1] = q2 > 0.0 ? (ni * qr - nr * qi) / q2 : ni;
    }

    /**
     * The Aberth iteration for the monic complex {@code h} (coefficients at most 1, so roots at most 2 in modulus)
     * from a circle of radius 1, without freezing: sweeps until two in a row move no root by more than
     * {@code 1e-13}, which for well-separated roots (cubic convergence) leaves them at the rounding level; a root
     * of a nested cluster converges only linearly and is left where the sweep budget ends. Whether all stayed
     * finite.
     */
    private static boolean localAberth(double[] hr, double[] hi, double[] tr, double[] ti) {
        int m = hr.length - 1;
        for (int k = 0; k < m; k++) {
            double angle = 2.0 * Math.PI * k / m + START_ANGLE;
            tr[k] = Math.cos(angle);
            ti[k] = Math.sin(angle);
        }
        double[] correction = new double[2];
        int quiet = 0;
        for (int sweep = 0; sweep < MAX_SWEEPS && quiet < 2; sweep++) {
            double largest = 0.0;
            for (int i = 0; i < m; i++) {
                double pr = hr[0];
                double pi = hi[0];
                double dr = 0.0;
                double di = 0.0;
                for (int k = 1; k <= m; k++) {
                    double ndr = dr * tr[i] - di * ti[i] + pr;
                    di = dr * ti[i] + di * tr[i] + pi;
                    dr = ndr;
                    double npr = pr * tr[i] - pi * ti[i] + hr[k];
                    pi = pr * ti[i] + pi * tr[i] + hi[k];
                    pr = npr;
                }
                double d2 = dr * dr + di * di;
                if (pr == 0.0 && pi == 0.0 || d2 == 0.0) {
                    continue;
                }
                aberthCorrection(tr, ti, i, (pr * dr + pi * di) / d2, (pi * dr - pr * di) / d2, correction);
                double wr = correction[0];
                double wi = correction[1];
                if (!Double.isFinite(wr) || !Double.isFinite(wi)) {
                    return false;
                }
                tr[i] -= wr;
                ti[i] -= wi;
                largest = Math.max(largest, Math.hypot(wr, wi));
            }
            quiet = largest <= 1e-13 ? quiet + 1 : 0;
        }
        return true;
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
