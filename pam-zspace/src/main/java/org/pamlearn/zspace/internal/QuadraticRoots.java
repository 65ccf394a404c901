// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import org.apache.commons.math3.complex.Complex;

/**
 * The roots of a quadratic by the cancellation-free form of the quadratic formula (see e.g. N. J. Higham,
 * "Accuracy and Stability of Numerical Algorithms", 2nd ed., SIAM 2002, &sect;1.8): with
 * {@code q = -(b + sign(b) sqrt(b^2 - 4ac)) / 2} the roots are {@code q / a} and {@code c / q}, so the sum in
 * {@code q} never subtracts nearly equal numbers and a small root keeps its relative accuracy. Used for whole
 * polynomials of degree 2 ({@link PolynomialRoots}) and for the quadratic factors of a cluster
 * ({@link ClusterFactorRoots}), where keeping the sum and product of the two roots is the point.
 */
final class QuadraticRoots {

    private QuadraticRoots() {
    }

    /**
     * The roots of the real {@code a z^2 + b z + c}, {@code a != 0}: two real roots in increasing order, or a
     * conjugate pair, positive imaginary part first.
     */
    static Complex[] real(double a, double b, double c) {
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
     * The roots of the monic {@code t^2 + b t + c} (complex {@code b}, {@code c}; {@code real}: both real, their
     * imaginary parts ignored) into {@code tr}, {@code ti} (length 2).
     */
    static void monic(double br, double bi, double cr, double ci, boolean real, double[] tr, double[] ti) {
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
        // The complex sign(b): the square root on b's side, so that b + root does not cancel.
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
}
