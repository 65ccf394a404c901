// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

/**
 * Starting points for the {@link AberthEhrlich} iteration on circles whose radii come from the Newton polygon, as
 * in D. A. Bini, "Numerical computation of polynomial zeros by means of Aberth's method", Numerical Algorithms 13
 * (1996) 179-200, and MPSolve.
 *
 * <p>The Newton polygon is the upper convex hull of the points {@code (k, log |a_k|)}, {@code a_k = c[n-k]} the
 * coefficient of {@code z^k}; an edge from {@code k} to {@code k'} stands for {@code k' - k} roots of modulus about
 * {@code |a_k / a_k'|^(1/(k' - k))}. Why: each root starts at about its own size, so roots of very different sizes
 * are found alike, where a single circle would start the small ones orders of magnitude too far out.
 *
 * <p>Shapes: {@code c} has {@code n + 1} entries, highest power first, {@code c[0] != 0} and {@code c[n] != 0};
 * the {@code n} starting points go into {@code re} and {@code im}, edge by edge from the smallest radius up.
 */
final class NewtonPolygonStart {

    /**
     * Offset of the starting angles (Bini 1996), so that no start lies on the real axis. Also used by the local
     * iteration of {@link AberthEhrlich#unfrozen}, which starts on the unit circle.
     */
    static final double ANGLE_OFFSET = 0.7;

    private NewtonPolygonStart() {
    }

    /** The starting points of {@code c} (degree {@code n >= 1}) into {@code re}, {@code im} (length {@code n}). */
    static void fill(double[] c, double[] re, double[] im) {
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
                double angle = 2.0 * Math.PI * l / m + 2.0 * Math.PI * k0 / n + ANGLE_OFFSET;
                re[root] = radius * Math.cos(angle);
                im[root] = radius * Math.sin(angle);
                root++;
            }
        }
    }
}
