// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import java.util.Arrays;

/**
 * Newton's method on a factorisation {@code c / c_0 = prod_j F_j} into pairwise coprime monic factors, all
 * factors' coefficients at once (the simultaneous Newton iteration for factorisation analysed by P. Kirrinnis,
 * "Partial fraction decomposition in C(z) and simultaneous Newton iteration for factorization in C[z]", Journal of
 * Complexity 14 (1998) 378-444). Part of the {@link ClusterRefinement}: one factor per cluster of roots, whose
 * coefficients are well-conditioned where the single roots are not.
 *
 * <p>With the residual {@code R = c / c_0 - prod_j F_j} and {@code P_j} the product of all factors but {@code F_j},
 * the step solves {@code sum_j dF_j P_j = R}, one factor at a time: modulo {@code F_j} every other term vanishes,
 * so {@code (dF_j P_j) mod F_j = R mod F_j}, an {@code m x m} system whose columns are {@code x^i P_j mod F_j}
 * (nonsingular when {@code F_j} and {@code P_j} have no common root). That is the partial fraction decomposition of
 * {@code R / prod_j F_j}, and the iteration converges quadratically. The residual is computed in double-double
 * arithmetic ({@link DoubleDouble}; see {@link #residual} for why).
 *
 * <p>Shapes: factor {@code j} is {@code (fr[j], fi[j])}, real and imaginary parts of its coefficients, highest power
 * first, {@code fr[j][0] = 1}; a complex factor ({@code !real[j]}) stands for {@code F_j conj(F_j)}, so that the
 * product is real like {@code c}. The factors are refined in place.
 */
final class FactorisationNewton {

    /** Newton steps at most; from the Aberth approximations it needs two or three. */
    static final int MAX_STEPS = 20;

    /** A step this small (relative to the size of each coefficient) is at the rounding level: stop. */
    static final double STEP_TOLERANCE = 2.0 * Math.ulp(1.0);

    private FactorisationNewton() {
    }

    /**
     * Newton's method on the factorisation {@code c / c_0 = prod_j F_j}, in place. Stops when a step, measured on
     * the scale {@code rho^k} of each coefficient ({@code rho} the size of the factor's roots), is at the rounding
     * level ({@link #STEP_TOLERANCE}) or no longer shrinks, or after {@link #MAX_STEPS}.
     *
     * @param c the coefficients of the polynomial, highest power first
     * @param fr the factors' real parts (see the class documentation), modified
     * @param fi the factors' imaginary parts, modified
     * @param real which factors are real
     * @param nf the number of factors (the first {@code nf} entries of the arrays)
     * @return whether it stayed finite and every system was nonsingular
     */
    static boolean refine(double[] c, double[][] fr, double[][] fi, boolean[] real, int nf) {
        int n = c.length - 1;
        double[] rr = new double[n + 1];
        double[][] dr = new double[nf][];
        double[][] di = new double[nf][];
        double previous = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < MAX_STEPS; iteration++) {
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
            if (step <= STEP_TOLERANCE) {
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
                        DoubleDouble.addProduct(nrh, nrl, i + k, rh[i], rl[i], f[k]);
                        DoubleDouble.addProduct(nrh, nrl, i + k, ih[i], il[i], -gk);
                        DoubleDouble.addProduct(nih, nil, i + k, rh[i], rl[i], gk);
                        DoubleDouble.addProduct(nih, nil, i + k, ih[i], il[i], f[k]);
                    }
                }
                for (int k = 0; k < len; k++) {
                    DoubleDouble.renormalise(nrh, nrl, k);
                    DoubleDouble.renormalise(nih, nil, k);
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
            r[k] = DoubleDouble.minusProduct(c[k], c0, rh[k], rl[k]) / c0;
        }
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
     * One factor's Newton step (see {@link #refine}): on entry {@code (wr, wi)} holds the residual {@code R}
     * (degree below that of the product), on exit its first {@code m} entries hold {@code dF}, the corrections of
     * {@code f_1 .. f_m}. {@code (qr, qi)} is the product of the other factors. Whether the system was nonsingular.
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
}
