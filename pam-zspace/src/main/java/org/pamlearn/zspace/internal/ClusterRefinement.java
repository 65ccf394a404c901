// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import java.util.Arrays;
import org.apache.commons.math3.complex.Complex;

/**
 * The roots refined together, so that they multiply back to the coefficients: clusters found by overlapping
 * inclusion disks (as in MPSolve: D. A. Bini, Numerical Algorithms 13, 1996; D. A. Bini and G. Fiorentino,
 * "Design, analysis, and implementation of a multiprecision polynomial rootfinder", Numerical Algorithms 23,
 * 2000), one factor per cluster, the factorisation refined by Newton's method ({@link FactorisationNewton}), each
 * factor's roots solved in coordinates centred and scaled to it ({@link ClusterFactorRoots}).
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
 * method on all the factors' coefficients at once ({@link FactorisationNewton}). Since the factors are pairwise
 * coprime, the step is the partial fraction decomposition of the residual and converges quadratically; since
 * every factor is corrected from the same residual, computed in double-double arithmetic, the product of the
 * factors ends within rounding of {@code c}, however ill-conditioned single roots are. Last, the roots of each
 * factor are solved in coordinates centred and scaled to it ({@link ClusterFactorRoots}): a factor of degree 2 by
 * the cancellation-free formula, which keeps its sum and product, larger ones by an Aberth iteration on roots that
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
 */
final class ClusterRefinement {

    /**
     * A refined root must satisfy {@code |p(z)| <= TRUST * 16 n eps sum_k |c_k| |z|^(n-k)}: it is a root of a
     * polynomial within rounding of {@code p}, so it is at the rounding level of {@code p}, as a frozen root is.
     */
    static final double TRUST = 100.0;

    /** A refined root must lie within this many inclusion radii of a member of its cluster. */
    static final double DISK_SLACK = 2.0;

    /** ... plus this much ({@code 8 eps}) times the member's modulus, so that a zero radius admits rounding. */
    static final double CENTRE_SLACK = 8.0 * Math.ulp(1.0);

    private ClusterRefinement() {
    }

    /**
     * The roots refined together, so that they multiply back to {@code c} (see the class documentation).
     *
     * @param c the coefficients, highest power first, degree {@code >= 3}
     * @param roots as from {@link ConjugateSymmetry#symmetrise}: conjugate pairs exact and adjacent, positive
     *     imaginary part first. Not modified.
     * @return the refined roots in the same form, or {@code roots} itself if the refinement was not trusted
     */
    static Complex[] refine(double[] c, Complex[] roots) {
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
        if (!FactorisationNewton.refine(c, fr, fi, real, nf)) {
            return roots;
        }
        double tol = Horner.roundingLevel(c.length - 1);
        double[] v = new double[3];
        double[] rr = new double[n];
        double[] ri = new double[n];
        for (int f = 0; f < nf; f++) {
            double[][] x = ClusterFactorRoots.of(fr[f], fi[f], real[f]);
            if (x == null) {
                return roots;
            }
            for (int i = 0; i < sets[f].length; i++) {
                double xr = x[0][i];
                double xi = x[1][i];
                Horner.valueAndBound(c, xr, xi, v);
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
        return ConjugateSymmetry.symmetrise(rr, ri);
    }

    /** The root of {@code k}'s tree in the union-find forest {@code parent}. */
    private static int find(int[] parent, int k) {
        int r = k;
        while (parent[r] != r) {
            r = parent[r];
        }
        return r;
    }

    /**
     * The radius {@code n |W_k|} of the inclusion disk of root {@code k} (see the class documentation); infinite
     * if another root coincides with it. In logarithms, so that roots of very different sizes neither overflow nor
     * underflow; for {@code |z_k| > 1} through the reversed polynomial,
     * {@code W_k = z_k R(1/z_k) / (c_0 prod_{j != k} (1 - z_j / z_k))}.
     */
    private static double inclusionRadius(double[] c, double[] zr, double[] zi, int k) {
        int n = c.length - 1;
        double[] v = new double[3];
        Horner.valueAndBound(c, zr[k], zi[k], v);
        double error = Math.hypot(v[0], v[1]) + Horner.roundingLevel(n) * v[2];
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

    /** Whether {@code (xr, xi)} lies within twice the inclusion radius of a member of {@code set}. */
    private static boolean insideDisks(double[] zr, double[] zi, double[] radius, int[] set, double xr,
            double xi) {
        for (int j : set) {
            double slack = DISK_SLACK * radius[j] + CENTRE_SLACK * Math.hypot(zr[j], zi[j]);
            if (Math.hypot(xr - zr[j], xi - zi[j]) <= slack) {
                return true;
            }
        }
        return false;
    }
}
