// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import org.pamlearn.core.Engine;

/**
 * Shared by the engine conformance tests: their tolerance, random sizes, and the engines' weight layout.
 *
 * <p>Two arrays that hold the same quantity (a layer's weights, its activations, its error signals) agree when
 * every pair of values satisfies {@code |a - b| <= tolerance * scale}, where {@code scale} is the largest
 * {@code |value|} of either array.
 *
 * <p>Why relative to the array's scale and not to each value: the engines sum the same terms in another order
 * (ND4J's matrix product against the plain engine's unrolled loops), so a sum that cancels to nearly zero carries
 * the rounding of its large terms; measured against itself, its relative error is unbounded, while measured
 * against the magnitudes the layer works with it is a few ulps. Since {@code scale >= max(|a|, |b|)}, the bound
 * is never looser than plain relative error at the array's largest value.
 */
final class Conformance {

    private Conformance() {
    }

    /**
     * Loads ND4J and sets its native code to one thread, process-wide.
     *
     * @return {@code Engine.nd4j(DOUBLE)}
     */
    static Engine nd4jDoubleOnOneThread() {
        Engine engine = Engine.nd4j(Engine.Precision.DOUBLE);
        // The tests' matrices are small: one thread gives the same results and spares the busy waiting of ND4J's
        // OpenMP threads, which slows these tests down several times on a loaded machine.
        Engine.setNd4jThreads(1);
        return engine;
    }

    /**
     * The largest {@code |value|} of either array.
     *
     * @param a an array
     * @param b an array of the same length
     * @return the scale, {@code >= 0}
     */
    static double scale(double[] a, double[] b) {
        double max = 0.0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.max(Math.abs(a[k]), Math.abs(b[k])));
        }
        return max;
    }

    /**
     * Returns the first index where the arrays disagree beyond {@code tolerance * scale}, or -1.
     *
     * @param expected the reference values
     * @param actual the values to check, same length
     * @param tolerance the relative tolerance
     * @return the index, or -1 if every pair agrees
     */
    static int firstMismatch(double[] expected, double[] actual, double tolerance) {
        double bound = tolerance * scale(expected, actual);
        for (int k = 0; k < expected.length; k++) {
            // Written !(x <= bound) so that a NaN is a mismatch.
            if (!(Math.abs(expected[k] - actual[k]) <= bound)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * Asserts that the arrays agree within {@code tolerance} relative to their scale.
     *
     * @param expected the reference values
     * @param actual the values to check
     * @param tolerance the relative tolerance
     * @param what names the quantity and the case in the failure message
     */
    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        int k = firstMismatch(expected, actual, tolerance);
        if (k >= 0) {
            double scale = scale(expected, actual);
            fail(what + ": [" + k + "] expected " + expected[k] + ", got " + actual[k] + ", difference "
                    + Math.abs(expected[k] - actual[k]) + " > " + tolerance + " * scale " + scale);
        }
    }

    /**
     * A size drawn log-uniformly from {@code 1..max}, so that small sizes (1, 2, 3, the edge cases of matrix code)
     * are as likely as a factor of two among large ones.
     *
     * @param random the generator. Modified.
     * @param max the largest size, {@code >= 1}
     * @return the size
     */
    static int logUniformSize(SplittableRandom random, int max) {
        int size = (int) Math.floor(Math.exp(random.nextDouble() * Math.log(max + 1.0)));
        return Math.max(1, Math.min(max, size));
    }

    /**
     * The rows of a flat row-major matrix as separate arrays, the engines' weight layout.
     *
     * @param flat {@code nRows * nColumns} values. Not modified.
     * @param nRows rows
     * @param nColumns columns
     * @return a new {@code nRows x nColumns} array
     */
    static double[][] byRow(double[] flat, int nRows, int nColumns) {
        double[][] m = new double[nRows][nColumns];
        for (int j = 0; j < nRows; j++) {
            System.arraycopy(flat, j * nColumns, m[j], 0, nColumns);
        }
        return m;
    }

    /**
     * A matrix of equal rows, flat and row-major.
     *
     * @param m the rows, at least one. Not modified.
     * @return a new array
     */
    static double[] flat(double[][] m) {
        int nColumns = m[0].length;
        double[] flat = new double[m.length * nColumns];
        for (int j = 0; j < m.length; j++) {
            System.arraycopy(m[j], 0, flat, j * nColumns, nColumns);
        }
        return flat;
    }
}
