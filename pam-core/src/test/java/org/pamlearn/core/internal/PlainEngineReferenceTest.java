// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Activation;

/**
 * {@link PlainEngine} against the textbook formulas of {@link ComputeEngine}, written here as plain loops in
 * the obvious order. Sizes are drawn so that every remainder of the engine's four-row and four-column blocks
 * (and odd and even input counts) occurs. The engine may sum in another order, so sums are compared with a
 * tolerance of {@code 1e-13} times the sum of the absolute terms (a few ulps for these lengths).
 */
class PlainEngineReferenceTest {

    private static final double RELATIVE_SUM_TOLERANCE = 1e-13;

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void forwardMatchesNaiveDotProducts(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = 1 + random.nextInt(3);
        int nIn = 1 + random.nextInt(40);
        int nOut = 1 + random.nextInt(13);
        Activation f = Activation.values()[random.nextInt(Activation.values().length)];
        double[] in = uniform(random, rows * nIn, -1.0, 1.0);
        double[] w = uniform(random, nOut * nIn, -1.0, 1.0);
        double[] bias = random.nextBoolean() ? uniform(random, nOut, -1.0, 1.0) : null;
        double[] z = new double[rows * nOut];
        double[] a = new double[rows * nOut];

        PlainEngine.INSTANCE.forward(rows, in, nIn, Conformance.byRow(w, nOut, nIn), bias, nOut, f, z, a);

        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < nOut; j++) {
                double sum = bias == null ? 0.0 : bias[j];
                double abs = bias == null ? 0.0 : Math.abs(bias[j]);
                for (int i = 0; i < nIn; i++) {
                    sum += in[b * nIn + i] * w[j * nIn + i];
                    abs += Math.abs(in[b * nIn + i] * w[j * nIn + i]);
                }
                int at = b * nOut + j;
                String where = "seed " + seed + ", rows " + rows + ", nIn " + nIn + ", nOut " + nOut + ", row " + b
                        + ", neuron " + j;
                assertEquals(sum, z[at], RELATIVE_SUM_TOLERANCE * abs, "z, " + where);
                assertEquals(f.value(z[at]), a[at], 0.0, f + " activation, " + where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void hiddenDeltaMatchesNaiveBackPropagation(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = 1 + random.nextInt(3);
        int nNext = 1 + random.nextInt(13);
        int nOut = 1 + random.nextInt(13);
        Activation f = Activation.values()[random.nextInt(Activation.values().length)];
        double[] deltaNext = uniform(random, rows * nNext, -1.0, 1.0);
        double[] wNext = uniform(random, nNext * nOut, -1.0, 1.0);
        double[] z = uniform(random, rows * nOut, -3.0, 3.0);
        double[] a = new double[rows * nOut];
        for (int k = 0; k < a.length; k++) {
            a[k] = f.value(z[k]);
        }
        double[] delta = new double[rows * nOut];

        PlainEngine.INSTANCE.hiddenDelta(rows, deltaNext, nNext, Conformance.byRow(wNext, nNext, nOut), nOut, f, z, a,
                delta);

        for (int b = 0; b < rows; b++) {
            for (int k = 0; k < nOut; k++) {
                double sum = 0.0;
                double abs = 0.0;
                for (int j = 0; j < nNext; j++) {
                    sum += deltaNext[b * nNext + j] * wNext[j * nOut + k];
                    abs += Math.abs(deltaNext[b * nNext + j] * wNext[j * nOut + k]);
                }
                int at = b * nOut + k;
                double derivative = f.derivative(z[at], a[at]);
                assertEquals(derivative * sum, delta[at], RELATIVE_SUM_TOLERANCE * abs * Math.abs(derivative),
                        "delta, seed " + seed + ", rows " + rows + ", nNext " + nNext + ", nOut " + nOut + ", row " + b
                                + ", neuron " + k + ", " + f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void updateMatchesNaiveOuterProduct(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = 1 + random.nextInt(3);
        int nIn = 1 + random.nextInt(40);
        int nOut = 1 + random.nextInt(13);
        boolean signOfG = random.nextBoolean();
        double[] scale = uniform(random, rows, 0.0, 0.1);
        double[] g = uniform(random, rows * nOut, -1.0, 1.0);
        g[random.nextInt(g.length)] = 0.0;
        double[] in = uniform(random, rows * nIn, -1.0, 1.0);
        double[] w = uniform(random, nOut * nIn, -1.0, 1.0);
        double[] bias = random.nextBoolean() ? uniform(random, nOut, -1.0, 1.0) : null;
        double[] expectedW = w.clone();
        double[] expectedBias = bias == null ? null : bias.clone();
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < nOut; j++) {
                double gj = g[b * nOut + j];
                double c = scale[b] * (signOfG ? Math.signum(gj) : gj);
                for (int i = 0; i < nIn; i++) {
                    expectedW[j * nIn + i] += c * in[b * nIn + i];
                }
                if (expectedBias != null) {
                    expectedBias[j] += c;
                }
            }
        }

        double[][] wByRow = Conformance.byRow(w, nOut, nIn);
        PlainEngine.INSTANCE.update(rows, scale, g, signOfG, nOut, in, nIn, wByRow, bias);
        w = Conformance.flat(wByRow);

        // Same operations in the same order as the formula: equal to the last bit (tolerance 0).
        String where = "seed " + seed + ", rows " + rows + ", nIn " + nIn + ", nOut " + nOut + ", signOfG " + signOfG;
        for (int k = 0; k < w.length; k++) {
            assertEquals(expectedW[k], w[k], 0.0, "w[" + k + "], " + where);
        }
        for (int j = 0; bias != null && j < nOut; j++) {
            assertEquals(expectedBias[j], bias[j], 0.0, "bias[" + j + "], " + where);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void fusedHiddenDeltaAndUpdateEqualsTheTwoStepsInOrder(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = seed % 4 == 3 ? 2 : 1;
        int nIn = 1 + random.nextInt(40);
        int nOut = 1 + random.nextInt(13);
        boolean signOfG = random.nextBoolean();
        Activation f = Activation.values()[random.nextInt(Activation.values().length)];
        double[] scale = uniform(random, rows, 0.0, 0.1);
        if (seed % 5 == 0) {
            scale[0] = 0.0;
        }
        double[] g = uniform(random, rows * nOut, -1.0, 1.0);
        g[random.nextInt(g.length)] = 0.0;
        double[] zIn = uniform(random, rows * nIn, -2.0, 2.0);
        double[] in = new double[zIn.length];
        for (int k = 0; k < in.length; k++) {
            in[k] = f.value(zIn[k]);
        }
        double[][] w = Conformance.byRow(uniform(random, nOut * nIn, -1.0, 1.0), nOut, nIn);
        double[] bias = random.nextBoolean() ? uniform(random, nOut, -1.0, 1.0) : null;
        double[][] expectedW = Conformance.byRow(Conformance.flat(w), nOut, nIn);
        double[] expectedBias = bias == null ? null : bias.clone();
        double[] expectedGIn = new double[rows * nIn];
        PlainEngine.INSTANCE.hiddenDelta(rows, g, nOut, expectedW, nIn, f, zIn, in, expectedGIn);
        PlainEngine.INSTANCE.update(rows, scale, g, signOfG, nOut, in, nIn, expectedW, expectedBias);

        double[] gIn = new double[rows * nIn];
        PlainEngine.INSTANCE.hiddenDeltaAndUpdate(rows, scale, g, signOfG, nOut, in, nIn, w, bias, f, zIn, gIn);

        // The fused pass promises exactly the results of the two operations in order: tolerance 0.
        String where = "seed " + seed + ", rows " + rows + ", nIn " + nIn + ", nOut " + nOut + ", " + f;
        assertArrayEquals(expectedGIn, gIn, 0.0, "delta below, " + where);
        assertArrayEquals(Conformance.flat(expectedW), Conformance.flat(w), 0.0, "w, " + where);
        if (bias != null) {
            assertArrayEquals(expectedBias, bias, 0.0, "bias, " + where);
        }
    }

    private static double[] uniform(SplittableRandom random, int n, double low, double high) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = random.nextDouble(low, high);
        }
        return x;
    }
}
