// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

/**
 * The Aberth-Ehrlich iteration, which refines approximations of all the roots of a polynomial at once (L. W.
 * Ehrlich, "A modified Newton method for polynomials", Communications of the ACM 10 (1967) 107-108; O. Aberth,
 * "Iteration methods for finding all zeros of a polynomial simultaneously", Mathematics of Computation 27 (1973)
 * 339-344; as implemented in MPSolve: D. A. Bini, "Numerical computation of polynomial zeros by means of Aberth's
 * method", Numerical Algorithms 13 (1996) 179-200).
 *
 * <p>Each approximation {@code z_i} moves by {@code w_i = N_i / (1 - N_i S_i)}, where {@code N_i = p(z_i) / p'(z_i)}
 * is its Newton correction and {@code S_i = sum_{j != i} 1 / (z_i - z_j)} the repulsion of the others: Newton's
 * method on {@code p(z) / prod_{j != i} (z - z_j)}, so that two approximations are not drawn to the same root.
 * Convergence is cubic for simple roots, linear for multiple ones. The sweeps are Gauss-Seidel (each correction
 * uses the approximations already moved in the same sweep).
 *
 * <p>Two stopping rules: {@link #converge} for the whole real polynomial freezes each root once {@code |p(z_i)|} is
 * at the rounding level of its evaluation ({@link Horner#roundingLevel}), which makes it backward stable;
 * {@link #unfrozen} for a scaled factor of one cluster ({@link ClusterFactorRoots}) sweeps until the corrections
 * stop moving the roots.
 *
 * <p>Shapes: coefficients highest power first; approximations as parallel arrays of real and imaginary parts,
 * modified in place.
 */
final class AberthEhrlich {

    /** Sweeps before giving up; the iteration needs a few dozen even for clustered roots. */
    static final int MAX_SWEEPS = 500;

    /** A step off a critical point ({@code p' = 0}), relative to {@code 1 + |z|} (or {@code |z|} outside 1). */
    static final double CRITICAL_STEP = 1e-3;

    /** {@link #unfrozen}: a sweep is quiet if it moves no root by more than this (roots are at most 2). */
    static final double QUIET_STEP = 1e-13;

    /** {@link #unfrozen}: stops after this many quiet sweeps in a row. */
    static final int QUIET_SWEEPS = 2;

    private AberthEhrlich() {
    }

    /**
     * Gauss-Seidel Aberth-Ehrlich sweeps from the approximations in {@code re}, {@code im} (modified in place),
     * at most {@link #MAX_SWEEPS}.
     *
     * @param c the coefficients, highest power first, degree {@code n = re.length}
     * @return {@code true} once every root is frozen at the rounding level; {@code false} if the sweeps ran out
     *     or a correction was not finite
     */
    static boolean converge(double[] c, double[] re, double[] im) {
        int n = re.length;
        boolean[] done = new boolean[n];
        double[] newton = new double[2];
        double[] horner = new double[Horner.LENGTH];
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
                correction(re, im, i, newton[0], newton[1], newton);
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

    /**
     * The Newton correction {@code p(z) / p'(z)} into {@code out}, or {@code true} if {@code |p(z)|} is already at
     * the rounding level of its evaluation ({@code 16 n eps sum_k |c_k| |z|^(n-k)}). For {@code |z| > 1} it uses
     * {@code p(z) = z^n R(1/z)}, {@code R(w) = sum_k c_k w^k}, and {@code p/p' = z / (n - w R'(w) / R(w))}.
     * {@code acc} is {@link Horner#withDerivative}'s scratch.
     */
    private static boolean newtonRatio(double[] c, double zr, double zi, double[] acc, double[] out) {
        int n = c.length - 1;
        double tol = Horner.roundingLevel(n);
        double mod = Math.hypot(zr, zi);
        if (mod <= 1.0) {
            Horner.withDerivative(c, false, zr, zi, mod, acc);
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
                out[0] = CRITICAL_STEP * (1.0 + mod);
                out[1] = CRITICAL_STEP * (1.0 + mod);
                return false;
            }
            out[0] = (pr * dr + pi * di) / d2;
            out[1] = (pi * dr - pr * di) / d2;
            return false;
        }
        // w = 1 / z; Horner in w from c[n]: R <- R w + c_k, R' <- R' w + R
        double wr = zr / (mod * mod);
        double wi = -zi / (mod * mod);
        Horner.withDerivative(c, true, wr, wi, 1.0 / mod, acc);
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
            out[0] = CRITICAL_STEP * mod;
            out[1] = CRITICAL_STEP * mod;
            return false;
        }
        out[0] = (zr * er + zi * ei) / e2;
        out[1] = (zi * er - zr * ei) / e2;
        return false;
    }

    /**
     * The Aberth-Ehrlich correction of approximation {@code i}: {@code w = N / (1 - N S)}, where {@code N} is its
     * Newton correction {@code p / p'} and {@code S = sum_{j != i} 1 / (z_i - z_j)} over all approximations
     * {@code (re, im)}; written into {@code out[0]} (real part) and {@code out[1]}.
     */
    static void correction(double[] re, double[] im, int i, double nr, double ni, double[] out) {
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
     * from a circle of radius 1, without freezing: sweeps until {@link #QUIET_SWEEPS} in a row move no root by more
     * than {@link #QUIET_STEP}, which for well-separated roots (cubic convergence) leaves them at the rounding
     * level; a root of a nested cluster converges only linearly and is left where the sweep budget
     * ({@link #MAX_SWEEPS}) ends.
     *
     * @param hr the real parts of the coefficients, highest power first, {@code hr[0] = 1}, degree {@code m}
     * @param hi their imaginary parts
     * @param tr the real parts of the {@code m} roots, written
     * @param ti their imaginary parts, written
     * @return whether all corrections stayed finite
     */
    static boolean unfrozen(double[] hr, double[] hi, double[] tr, double[] ti) {
        int m = hr.length - 1;
        for (int k = 0; k < m; k++) {
            double angle = 2.0 * Math.PI * k / m + NewtonPolygonStart.ANGLE_OFFSET;
            tr[k] = Math.cos(angle);
            ti[k] = Math.sin(angle);
        }
        double[] correction = new double[2];
        double[] horner = new double[4];
        int quiet = 0;
        for (int sweep = 0; sweep < MAX_SWEEPS && quiet < QUIET_SWEEPS; sweep++) {
            double largest = 0.0;
            for (int i = 0; i < m; i++) {
                Horner.complexWithDerivative(hr, hi, tr[i], ti[i], horner);
                double pr = horner[0];
                double pi = horner[1];
                double dr = horner[2];
                double di = horner[3];
                double d2 = dr * dr + di * di;
                if (pr == 0.0 && pi == 0.0 || d2 == 0.0) {
                    continue;
                }
                correction(tr, ti, i, (pr * dr + pi * di) / d2, (pi * dr - pr * di) / d2, correction);
                double wr = correction[0];
                double wi = correction[1];
                if (!Double.isFinite(wr) || !Double.isFinite(wi)) {
                    return false;
                }
                tr[i] -= wr;
                ti[i] -= wi;
                largest = Math.max(largest, Math.hypot(wr, wi));
            }
            quiet = largest <= QUIET_STEP ? quiet + 1 : 0;
        }
        return true;
    }
}
