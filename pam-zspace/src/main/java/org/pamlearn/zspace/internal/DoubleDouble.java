// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

/**
 * Double-double arithmetic, a value held as an unevaluated sum {@code hi + lo} of two doubles (about 106 bits),
 * from error-free transformations: the exact product {@code a b = p + e} by {@link Math#fma} (T. J. Dekker, "A
 * floating-point technique for extending the available precision", Numerische Mathematik 18 (1971) 224-242) and
 * the exact sum {@code a + b = s + t} (D. E. Knuth, "The Art of Computer Programming", Vol. 2, &sect;4.2.2).
 * Only the few operations that {@link FactorisationNewton}'s residual needs.
 *
 * <p>Shapes: values live in parallel arrays {@code hi[k]}, {@code lo[k]}, updated in place.
 */
final class DoubleDouble {

    private DoubleDouble() {
    }

    /** {@code (hi[k], lo[k]) += (aHi + aLo) b} in double-double, not renormalised. */
    static void addProduct(double[] hi, double[] lo, int k, double aHi, double aLo, double b) {
        double p = aHi * b;
        double e = Math.fma(aHi, b, -p);
        double s = hi[k] + p;
        double z = s - hi[k];
        double t = (hi[k] - (s - z)) + (p - z);
        hi[k] = s;
        lo[k] += t + e + aLo * b;
    }

    /**
     * Renormalises {@code (hi[k], lo[k])}: {@code hi} becomes the rounded sum, {@code lo} its rounding error
     * (Dekker's fast two-sum, exact while {@code |lo| <= |hi|}), so that the next products see a canonical pair.
     */
    static void renormalise(double[] hi, double[] lo, int k) {
        double t = hi[k] + lo[k];
        lo[k] -= t - hi[k];
        hi[k] = t;
    }

    /**
     * {@code a - b (hi + lo)} to about {@code eps} relative to the result itself, however much {@code a} and the
     * product cancel: the product {@code b hi} exactly as {@code p + fma(b, hi, -p)}, the difference {@code a - p}
     * exactly as {@code d + t} (two-sum), then {@code d + (t - e)} with {@code e} the product's low part.
     */
    static double minusProduct(double a, double b, double hi, double lo) {
        double p = b * hi;
        double e = Math.fma(b, hi, -p) + b * lo;
        double d = a - p;
        double z = d - a;
        double t = (a - (d - z)) + (-p - z);
        return d + (t - e);
    }
}
