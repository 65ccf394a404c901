// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import java.util.Objects;
import org.apache.commons.math3.complex.Complex;

/**
 * The root pairing behind {@code TransferFunction}: conjugate roots paired into real quadratic factors
 * ({@link #realFactors}, for {@code fromZerosPolesGain}), and zeros matched against poles to cancel common pairs
 * ({@link #cancel}, for {@code cancelled}). Not API (see the package documentation).
 *
 * <p>Why in units: the coefficients of a transfer function are real, so its roots cancel and multiply out as
 * units that keep them real: a real root, or a conjugate pair as a whole. A pair is held by its member with
 * positive imaginary part and multiplied out as the real quadratic {@code 1 - 2 Re(r) x + |r|^2 x^2}.
 *
 * <p>Shapes: roots are points of the {@code z}-plane; the polynomials returned are {@code prod (1 - r x)} in
 * {@code x = z^-1}, coefficients of {@code x^0, x^1, ...}, {@code x^0} coefficient 1.
 */
public final class PoleZeroPairing {

    /**
     * A complex root's conjugate partner must lie within this times {@code max(1, |root|)} of its conjugate, in
     * {@link #realFactors}.
     */
    private static final double CONJUGATE_TOLERANCE = 1e-9;

    private PoleZeroPairing() {
    }

    /**
     * What remains of a transfer function's roots after {@link #cancel}: the products of the remaining zeros' and
     * poles' factors.
     *
     * @param zeros {@code prod (1 - z_i x)} over the remaining zeros
     * @param poles {@code prod (1 - p_j x)} over the remaining poles
     */
    public record Remaining(double[] zeros, double[] poles) {
    }

    /**
     * The product of {@code (1 - r x)} over the roots, conjugate pairs multiplied out as real quadratics: a root
     * with non-zero imaginary part needs an unused partner within {@code 1e-9 * max(1, |r|)} of its conjugate
     * (the nearest is taken), and each pair is multiplied out as the real quadratic of the pair's mean.
     *
     * @param name the array's name, for messages ({@code "zeros"}, {@code "poles"})
     * @param roots the roots, finite, conjugate pairs complete. Not modified.
     * @return the real coefficients, {@code roots.length + 1} of them
     * @throws NullPointerException if a root is {@code null}
     * @throws IllegalArgumentException if a root is not finite or a complex root has no conjugate partner
     */
    public static double[] realFactors(String name, Complex[] roots) {
        int n = roots.length;
        for (int i = 0; i < n; i++) {
            final int index = i;
            Complex r = Objects.requireNonNull(roots[i], () -> name + "[" + index + "]");
            Checks.requireFinite(name, i, r);
        }
        double[] real = new double[n];
        double[] pairRe = new double[n];
        double[] pairIm = new double[n];
        int nReal = 0;
        int nPairs = 0;
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (used[i]) {
                continue;
            }
            used[i] = true;
            Complex r = roots[i];
            if (r.getImaginary() == 0.0) {
                real[nReal++] = r.getReal();
                continue;
            }
            double tol = CONJUGATE_TOLERANCE * Math.max(1.0, r.abs());
            int partner = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int m = i + 1; m < n; m++) {
                if (!used[m]) {
                    double d = Math.hypot(roots[m].getReal() - r.getReal(),
                            roots[m].getImaginary() + r.getImaginary());
                    if (d < best) {
                        best = d;
                        partner = m;
                    }
                }
            }
            if (partner < 0 || !(best <= tol)) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + r + " has no conjugate partner in "
                        + name + " (complex roots must come in conjugate pairs so that the coefficients are real)");
            }
            used[partner] = true;
            pairRe[nPairs] = 0.5 * (r.getReal() + roots[partner].getReal());
            pairIm[nPairs] = 0.5 * (Math.abs(r.getImaginary()) + Math.abs(roots[partner].getImaginary()));
            nPairs++;
        }
        return fromRoots(real, nReal, pairRe, pairIm, nPairs);
    }

    /**
     * Cancels common pole/zero pairs: a zero and a pole closer than {@code tolerance} in the {@code z}-plane
     * cancel, closest pairs first, until none is within {@code tolerance}. Like cancels like (a real root against
     * a real root, a conjugate pair against a conjugate pair, at the distance of their positive-imaginary
     * members); a pair within {@code tolerance} of the real axis also cancels against the two nearest real roots
     * of the other set, at the larger of the two distances, so the result keeps real coefficients.
     *
     * @param zeros the zeros, as from the root finder: conjugate pairs exact. Not modified.
     * @param poles the poles, likewise. Not modified.
     * @param tolerance the largest distance between a cancelling zero and pole, {@code >= 0}
     * @return the products of the remaining factors, or {@code null} if nothing cancels
     */
    public static Remaining cancel(Complex[] zeros, Complex[] poles, double tolerance) {
        RootSet z = new RootSet(zeros);
        RootSet p = new RootSet(poles);
        boolean any = false;
        while (cancelClosest(z, p, tolerance)) {
            any = true;
        }
        return any ? new Remaining(z.factors(), p.factors()) : null;
    }

    /**
     * Roots as cancellable units: a real root, or a conjugate pair held by its member with positive imaginary
     * part.
     */
    private static final class RootSet {
        final double[] re;
        final double[] im;
        final boolean[] alive;

        RootSet(Complex[] roots) {
            int n = 0;
            for (Complex r : roots) {
                if (r.getImaginary() >= 0.0) {
                    n++;
                }
            }
            re = new double[n];
            im = new double[n];
            alive = new boolean[n];
            int k = 0;
            for (Complex r : roots) {
                if (r.getImaginary() >= 0.0) {
                    re[k] = r.getReal();
                    im[k] = r.getImaginary();
                    alive[k] = true;
                    k++;
                }
            }
        }

        double distance(int i, RootSet other, int j) {
            return Math.hypot(re[i] - other.re[j], im[i] - other.im[j]);
        }

        /** The product of the factors of the remaining roots. */
        double[] factors() {
            int n = re.length;
            double[] real = new double[n];
            double[] pr = new double[n];
            double[] pi = new double[n];
            int nReal = 0;
            int nPairs = 0;
            for (int k = 0; k < n; k++) {
                if (!alive[k]) {
                    continue;
                }
                if (im[k] == 0.0) {
                    real[nReal++] = re[k];
                } else {
                    pr[nPairs] = re[k];
                    pi[nPairs] = im[k];
                    nPairs++;
                }
            }
            return fromRoots(real, nReal, pr, pi, nPairs);
        }
    }

    /** Removes the closest cancelling units of {@code z} and {@code p}; whether any were within tolerance. */
    private static boolean cancelClosest(RootSet z, RootSet p, double tol) {
        double best = Double.POSITIVE_INFINITY;
        int bz = -1;
        int bp = -1;
        // Like with like: real against real, pair against pair.
        for (int i = 0; i < z.re.length; i++) {
            if (!z.alive[i]) {
                continue;
            }
            for (int j = 0; j < p.re.length; j++) {
                if (p.alive[j] && (z.im[i] == 0.0) == (p.im[j] == 0.0)) {
                    double d = z.distance(i, p, j);
                    if (d < best) {
                        best = d;
                        bz = i;
                        bp = j;
                    }
                }
            }
        }
        // A pair near the real axis against two real roots of the other set.
        int[] mixed = new int[3];
        double mixedZ = pairAgainstReals(z, p, tol, mixed);
        int[] mixedP = new int[3];
        double mixedPole = pairAgainstReals(p, z, tol, mixedP);
        double bestMixed = Math.min(mixedZ, mixedPole);
        if (best <= tol && best <= bestMixed) {
            z.alive[bz] = false;
            p.alive[bp] = false;
            return true;
        }
        if (bestMixed <= tol) {
            if (mixedZ <= mixedPole) {
                z.alive[mixed[0]] = false;
                p.alive[mixed[1]] = false;
                p.alive[mixed[2]] = false;
            } else {
                p.alive[mixedP[0]] = false;
                z.alive[mixedP[1]] = false;
                z.alive[mixedP[2]] = false;
            }
            return true;
        }
        return false;
    }

    /**
     * The best match of a pair of {@code pairs} within {@code tol} of the real axis against the two nearest real
     * roots of {@code reals}: returns the larger of the two distances (infinite if none), indices in {@code out}.
     */
    private static double pairAgainstReals(RootSet pairs, RootSet reals, double tol, int[] out) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pairs.re.length; i++) {
            if (!pairs.alive[i] || pairs.im[i] == 0.0 || pairs.im[i] > tol) {
                continue;
            }
            int first = -1;
            int second = -1;
            double d1 = Double.POSITIVE_INFINITY;
            double d2 = Double.POSITIVE_INFINITY;
            for (int j = 0; j < reals.re.length; j++) {
                if (!reals.alive[j] || reals.im[j] != 0.0) {
                    continue;
                }
                double d = pairs.distance(i, reals, j);
                if (d < d1) {
                    second = first;
                    d2 = d1;
                    first = j;
                    d1 = d;
                } else if (d < d2) {
                    second = j;
                    d2 = d;
                }
            }
            if (second >= 0 && d2 < best) {
                best = d2;
                out[0] = i;
                out[1] = first;
                out[2] = second;
            }
        }
        return best;
    }

    /**
     * The product of the factors {@code (1 - r x)} for the real roots and {@code (1 - 2 re x + |c|^2 x^2)} for
     * the conjugate pairs {@code re +- j im}; real coefficients by construction.
     *
     * @param real the real roots
     * @param nReal how many of {@code real} to use
     * @param pairRe the real parts of the pairs
     * @param pairIm the imaginary parts of the pairs
     * @param nPairs how many pairs to use
     */
    private static double[] fromRoots(double[] real, int nReal, double[] pairRe, double[] pairIm, int nPairs) {
        double[] p = new double[1 + nReal + 2 * nPairs];
        p[0] = 1.0;
        int len = 1;
        for (int i = 0; i < nReal; i++) {
            double r = real[i];
            for (int k = len; k >= 1; k--) {
                p[k] -= r * p[k - 1];
            }
            len++;
        }
        for (int i = 0; i < nPairs; i++) {
            double c1 = -2.0 * pairRe[i];
            double c2 = pairRe[i] * pairRe[i] + pairIm[i] * pairIm[i];
            for (int k = len + 1; k >= 2; k--) {
                p[k] += c1 * p[k - 1] + c2 * p[k - 2];
            }
            p[1] += c1 * p[0];
            len += 2;
        }
        return p;
    }
}
