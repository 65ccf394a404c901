// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import java.util.Arrays;

/**
 * The roots of one refined factor of the {@link ClusterRefinement}, a monic polynomial whose roots form one
 * cluster, solved in coordinates centred and scaled to the cluster.
 *
 * <p>Why: in the original coordinates the members of a cluster are ill-conditioned; around the cluster's centre
 * and scaled to its spread, they are roots of size about 1 and well-separated (unless the cluster has a cluster of
 * its own), so a factor of degree 2 is solved by the cancellation-free formula ({@link QuadraticRoots#monic}),
 * which keeps its sum and product, and a larger one by the Aberth iteration ({@link AberthEhrlich#unfrozen}).
 *
 * <p>The coordinates: {@code x = g + s t}, {@code g = -f_1 / m} the centre (the mean of the roots), {@code s} a
 * power of 2 (so scaling is exact) at least {@code max_k |h_k|^(1/k)} for the coefficients {@code h_k} of the
 * Taylor shift {@code f(g + y)}, so that the polynomial in {@code t} has coefficients at most 1.
 */
final class ClusterFactorRoots {

    private ClusterFactorRoots() {
    }

    /**
     * The roots {@code {re[], im[]}} of the monic {@code f} of degree {@code m} whose roots form one cluster.
     *
     * @param fr the real parts of the coefficients, highest power first, {@code fr[0] = 1}. Not modified.
     * @param fi their imaginary parts (ignored if {@code real}). Not modified.
     * @param real whether {@code f} is real
     * @return the {@code m} roots as {@code {re[], im[]}}; {@code null} if the iteration fails
     */
    static double[][] of(double[] fr, double[] fi, boolean real) {
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
            QuadraticRoots.monic(hr[1], hi[1], hr[2], hi[2], real, tr, ti);
        } else if (!AberthEhrlich.unfrozen(hr, hi, tr, ti)) {
            return null;
        }
        for (int i = 0; i < m; i++) {
            xr[i] = gr + Math.scalb(tr[i], e);
            xi[i] = gi + Math.scalb(ti[i], e);
        }
        return new double[][] {xr, xi};
    }
}
