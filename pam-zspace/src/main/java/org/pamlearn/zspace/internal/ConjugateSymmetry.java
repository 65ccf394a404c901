// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import java.util.Arrays;
import java.util.Comparator;
import org.apache.commons.math3.complex.Complex;

/**
 * Makes computed roots of a real polynomial exactly conjugate-symmetric, as the true roots are, and puts them in
 * the root finder's output order.
 *
 * <p>Why: the iteration leaves the two members of a conjugate pair a few rounding errors from each other's
 * conjugate, and a real root with a tiny imaginary part; factors built from such roots (second-order sections,
 * cancelled functions) would have complex coefficients. Each root with a non-zero imaginary part, largest
 * {@code |Im|} first, is paired with the unused root closest to its conjugate and both are replaced by the mean
 * pair; a root whose conjugate partner is farther away than its own distance to the real axis is real, with
 * imaginary part exactly 0.
 *
 * <p>Output order: by real part, then imaginary part; each conjugate pair adjacent, the member with positive
 * imaginary part first.
 */
final class ConjugateSymmetry {

    private ConjugateSymmetry() {
    }

    /**
     * The roots {@code (re[k], im[k])}, {@code n} of them, as exact conjugate pairs and real roots.
     *
     * @param re the real parts. Not modified.
     * @param im the imaginary parts. Not modified.
     * @return {@code n} roots, conjugate pairs exact and adjacent, sorted
     */
    static Complex[] symmetrise(double[] re, double[] im) {
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
