// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

/**
 * The exact Euclidean distance transform of a raster with its arg-min (Felzenszwalb &amp; Huttenlocher,
 * "Distance Transforms of Sampled Functions", Theory of Computing 8, 2012): for every pixel, the index of the
 * nearest site pixel (by pixel-centre distance). Build time only.
 */
final class DistanceTransform {

    private DistanceTransform() {
    }

    /**
     * The nearest site of every pixel.
     *
     * @param width pixels along x
     * @param height pixels along y
     * @param siteX per pixel, NaN where there is no site; at least one pixel has a site
     * @return per pixel, the index {@code iy * width + ix} of the nearest site pixel
     */
    static int[] nearestSites(int width, int height, double[] siteX) {
        // Pass 1, per column: the nearest site row in that column (-1 if the column has none).
        final int[] columnRow = new int[width * height];
        for (int ix = 0; ix < width; ix++) {
            int last = -1;
            for (int iy = 0; iy < height; iy++) {
                if (!Double.isNaN(siteX[iy * width + ix])) {
                    last = iy;
                }
                columnRow[iy * width + ix] = last;
            }
            last = -1;
            for (int iy = height - 1; iy >= 0; iy--) {
                final int p = iy * width + ix;
                if (!Double.isNaN(siteX[p])) {
                    last = iy;
                }
                if (last >= 0 && (columnRow[p] < 0 || last - iy < iy - columnRow[p])) {
                    columnRow[p] = last;
                }
            }
        }
        // Pass 2, per row: lower envelope of the parabolas (ix - q)^2 + f(q), f(q) the column distance squared.
        final int[] nearest = new int[width * height];
        final int[] v = new int[width];
        final double[] z = new double[width + 1];
        final double[] f = new double[width];
        for (int iy = 0; iy < height; iy++) {
            final int row = iy * width;
            int k = -1;
            for (int q = 0; q < width; q++) {
                final int r = columnRow[row + q];
                if (r < 0) {
                    continue;
                }
                f[q] = (double) (r - iy) * (r - iy);
                if (k < 0) {
                    k = 0;
                    v[0] = q;
                    z[0] = Double.NEGATIVE_INFINITY;
                    z[1] = Double.POSITIVE_INFINITY;
                    continue;
                }
                double s = intersection(f, v[k], q);
                while (s <= z[k]) {
                    k--;
                    s = intersection(f, v[k], q);
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            k = 0;
            for (int q = 0; q < width; q++) {
                while (z[k + 1] < q) {
                    k++;
                }
                final int column = v[k];
                nearest[row + q] = columnRow[row + column] * width + column;
            }
        }
        return nearest;
    }

    private static double intersection(double[] f, int p, int q) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
