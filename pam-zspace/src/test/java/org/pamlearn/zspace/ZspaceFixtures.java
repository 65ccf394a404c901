// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.commons.math3.complex.Complex;

/**
 * Test-side code, written independently of the classes under test: random polynomials, polynomial products, long
 * division and the difference equation of a transfer function with an unnormalised {@code a_0}. Public for the tests
 * of {@code org.pamlearn.zspace.internal}.
 */
public final class ZspaceFixtures {

    private ZspaceFixtures() {
    }

    /** Seeds 0..199 for the property tests. */
    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /**
     * The product of two polynomials.
     *
     * @param p one polynomial
     * @param q the other
     * @return their product
     */
    public static double[] conv(double[] p, double[] q) {
        double[] r = new double[p.length + q.length - 1];
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < q.length; k++) {
                r[i + k] += p[i] * q[k];
            }
        }
        return r;
    }

    /**
     * A random denominator with {@code 0..maxPoles} poles of modulus below {@code maxRadius} (real poles and
     * conjugate pairs), multiplied by a random {@code a_0} in {@code +-[0.5, 2]}.
     *
     * @param rnd the draws
     * @param maxPoles the most poles
     * @param maxRadius the largest pole modulus
     * @return the coefficients, {@code a_0} first
     */
    public static double[] randomDenominator(SplittableRandom rnd, int maxPoles, double maxRadius) {
        int n = rnd.nextInt(maxPoles + 1);
        double[] a = {1.0};
        int k = 0;
        while (k < n) {
            if (k + 1 < n && rnd.nextBoolean()) {
                double r = maxRadius * Math.sqrt(rnd.nextDouble());
                double phi = rnd.nextDouble(0.05, Math.PI - 0.05);
                a = conv(a, new double[] {1.0, -2.0 * r * Math.cos(phi), r * r});
                k += 2;
            } else {
                a = conv(a, new double[] {1.0, -rnd.nextDouble(-maxRadius, maxRadius)});
                k++;
            }
        }
        double a0 = rnd.nextDouble(0.5, 2.0) * (rnd.nextBoolean() ? 1.0 : -1.0);
        for (int i = 0; i < a.length; i++) {
            a[i] *= a0;
        }
        return a;
    }

    /** A random numerator of length {@code 1..maxLength}, coefficients in {@code [-1, 1]}, sometimes delayed. */
    static double[] randomNumerator(SplittableRandom rnd, int maxLength) {
        int delay = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(2) : 0;
        double[] b = new double[delay + 1 + rnd.nextInt(maxLength)];
        for (int i = delay; i < b.length; i++) {
            b[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return b;
    }

    /** A random input sequence in {@code [-1, 1]}. */
    static double[] randomSignal(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return x;
    }

    /** The power series of {@code b / a} by long division: {@code n} terms. */
    static double[] longDivision(double[] b, double[] a, int n) {
        double[] rem = new double[n + a.length];
        System.arraycopy(b, 0, rem, 0, Math.min(b.length, rem.length));
        double[] q = new double[n];
        for (int k = 0; k < n; k++) {
            q[k] = rem[k] / a[0];
            for (int i = 0; i < a.length; i++) {
                rem[k + i] -= q[k] * a[i];
            }
        }
        return q;
    }

    /** The difference equation {@code a_0 y(n) = sum b_k x(n-k) - sum_{k>=1} a_k y(n-k)} from rest. */
    static double[] simulate(double[] b, double[] a, double[] x) {
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            y[n] = step(b, a, x, y, n);
        }
        return y;
    }

    /** One sample {@code y(n)} of the difference equation, given {@code x(0..n)} and {@code y(0..n-1)}. */
    static double step(double[] b, double[] a, double[] x, double[] y, int n) {
        double acc = 0.0;
        for (int k = 0; k < b.length && k <= n; k++) {
            acc += b[k] * x[n - k];
        }
        for (int k = 1; k < a.length && k <= n; k++) {
            acc -= a[k] * y[n - k];
        }
        return acc / a[0];
    }

    /** The largest absolute value, at least 1: the scale of a relative tolerance. */
    static double scale(double[] v) {
        double m = 1.0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /**
     * {@code prod (1 - r z^-1)} in double precision, conjugate pairs as real quadratics (each pair listed together,
     * positive imaginary part first).
     *
     * @param roots the roots
     * @return the coefficients, highest power of {@code z} first
     */
    public static double[] polynomialFromRoots(Complex[] roots) {
        double[] p = {1.0};
        for (int i = 0; i < roots.length; i++) {
            Complex r = roots[i];
            if (r.getImaginary() == 0.0) {
                p = conv(p, new double[] {1.0, -r.getReal()});
            } else if (r.getImaginary() > 0.0) {
                p = conv(p, new double[] {1.0, -2.0 * r.getReal(), r.getReal() * r.getReal()
                        + r.getImaginary() * r.getImaginary()});
            }
        }
        return p;
    }

    /**
     * Asserts that each root of {@code actual} is within {@code 1e-8} (relative, at least absolute) of a distinct
     * root of {@code expected}, matched greedily by distance.
     *
     * @param expected the reference roots
     * @param actual the roots under test
     * @param what the case, for messages
     * @param expectedName what a reference root is called in messages, e.g. {@code eigenvalue}
     */
    public static void assertSameRoots(Complex[] expected, Complex[] actual, String what, String expectedName) {
        assertEquals(expected.length, actual.length, what + ": count");
        boolean[] used = new boolean[expected.length];
        for (Complex r : actual) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int k = 0; k < expected.length; k++) {
                if (!used[k] && r.subtract(expected[k]).abs() < bestD) {
                    bestD = r.subtract(expected[k]).abs();
                    best = k;
                }
            }
            used[best] = true;
            assertTrue(bestD <= 1e-8 * Math.max(1.0, r.abs()),
                    what + ": root " + r + " is " + bestD + " from the nearest " + expectedName + " " + expected[best]);
        }
    }
}
