// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.NetworkFixtures;

/**
 * Conformance at B &gt; 1 (issue 12): every operation of {@link ComputeEngine}, on {@link Nd4jEngine} in double and
 * in float and on {@link PlainEngine}, against a reference written here as straightforward loops over the formulas
 * of {@link ComputeEngine}'s javadoc (the activations and their derivatives are {@link Activation#value} and
 * {@link Activation#derivative}, the spec's formulas; nothing of the engines is reused).
 *
 * <p><b>Metric</b> ({@link Conformance}): {@code |reference - engine| <= tolerance * scale}, {@code scale} the
 * largest {@code |value|} of the compared array; tolerance {@value #DOUBLE_TOLERANCE} in double,
 * {@value #FLOAT_TOLERANCE} in float. Signs ({@code signInPlace}) must agree exactly.
 *
 * <p><b>Shapes:</b> rows 2..64, up to 200 inputs and 100 neurons, drawn log-uniformly; and, one seed in six each,
 * the shapes that would hit ND4J 1.0.0-M2.1's defects if the engine reached them ({@code Level2.gemv} ignores its
 * transpose flag, {@code Level2.ger} is wrong unless 'f'-ordered): rows = 1, nIn = 1, nOut = 1, 1 x 1, and one row
 * with one neuron. Every array is longer than the batch (up to two more rows, filled with other values) as the
 * learners' buffers of {@code maxRows} rows are: an engine must read only the first rows and write nothing past them.
 *
 * <p><b>The sign of a sum</b> ({@code signOfSumUpdate}) is only defined by the engine when the sum is not within
 * its rounding of zero. Its data are therefore multiples of 1/8 in [-1, 1]: every product and partial sum is then
 * exactly representable in float and double, any order of summation gives the exact sum, and exact zeros occur,
 * so {@code sgn(0) = 0} is tested too, without a single case left to chance.
 */
class EngineBatchReferenceTest {

    private static final double DOUBLE_TOLERANCE = 1e-10;
    private static final double FLOAT_TOLERANCE = 1e-5;
    private static final int SEEDS = 30;
    private static final double PADDING = 1234.5;
    private static final Activation[] ACTIVATIONS = Activation.values();

    /** An engine under test, named for the test report. */
    private enum Under {
        PLAIN(PlainEngine.INSTANCE, DOUBLE_TOLERANCE),
        ND4J_DOUBLE(new Nd4jEngine(false), DOUBLE_TOLERANCE),
        ND4J_FLOAT(new Nd4jEngine(true), FLOAT_TOLERANCE);

        final ComputeEngine engine;
        final double tolerance;

        Under(ComputeEngine engine, double tolerance) {
            this.engine = engine;
            this.tolerance = tolerance;
        }
    }

    @BeforeAll
    static void loadNd4j() {
        Conformance.nd4jDoubleOnOneThread();
    }

    static Stream<Arguments> cases() {
        return Arrays.stream(Under.values())
                .flatMap(under -> LongStream.range(0, SEEDS).mapToObj(seed -> Arguments.of(under, seed)));
    }

    /** A batch shape: rows, the layer's inputs and its neurons, and how many extra rows the buffers have. */
    private static final class Shape {
        final int rows;
        final int nIn;
        final int nOut;
        final int allRows;

        Shape(SplittableRandom random, long seed) {
            int r = 2 + random.nextInt(63);
            int i = Conformance.logUniformSize(random, 200);
            int o = Conformance.logUniformSize(random, 100);
            switch ((int) (seed % 6)) {
                case 0:
                    r = 1;
                    break;
                case 1:
                    i = 1;
                    break;
                case 2:
                    o = 1;
                    break;
                case 3:
                    i = 1;
                    o = 1;
                    break;
                case 4:
                    r = 1;
                    o = 1;
                    break;
                default:
                    break;
            }
            rows = r;
            nIn = i;
            nOut = o;
            allRows = r + random.nextInt(3);
        }

        @Override
        public String toString() {
            return "rows " + rows + " (buffers " + allRows + "), nIn " + nIn + ", nOut " + nOut;
        }
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void forward(Under under, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape s = new Shape(random, seed);
        Activation f = ACTIVATIONS[(int) (seed % ACTIVATIONS.length)];
        double[] in = NetworkFixtures.randomVector(random, s.allRows * s.nIn, -1.0, 1.0);
        double h = Math.sqrt(3.0 / s.nIn);
        double[] w = NetworkFixtures.randomVector(random, s.nOut * s.nIn, -h, h);
        double[] bias = seed / ACTIVATIONS.length % 2 == 0 ? NetworkFixtures.randomVector(random, s.nOut, -1, 1) : null;
        double[] z = padded(s.allRows * s.nOut);
        double[] a = padded(s.allRows * s.nOut);
        double[] expectedZ = new double[s.rows * s.nOut];
        double[] expectedA = new double[s.rows * s.nOut];
        for (int b = 0; b < s.rows; b++) {
            for (int j = 0; j < s.nOut; j++) {
                double sum = bias == null ? 0.0 : bias[j];
                for (int i = 0; i < s.nIn; i++) {
                    sum += in[b * s.nIn + i] * w[j * s.nIn + i];
                }
                expectedZ[b * s.nOut + j] = sum;
                expectedA[b * s.nOut + j] = f.value(sum);
            }
        }
        Inputs unchanged = new Inputs(in, w, bias);

        under.engine.forward(s.rows, in, s.nIn, Conformance.byRow(w, s.nOut, s.nIn), bias, s.nOut, f, z, a);

        String where = under + ", " + s + ", " + f + (bias == null ? "" : " + bias");
        unchanged.check(where, in, w, bias);
        assertBatch(expectedZ, z, under, where + ": z");
        assertBatch(expectedA, a, under, where + ": a");
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void outputDelta(Under under, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape s = new Shape(random, seed);
        Activation f = ACTIVATIONS[(int) (seed % ACTIVATIONS.length)];
        boolean useDerivative = seed / ACTIVATIONS.length % 2 == 0;
        double[] err = NetworkFixtures.randomVector(random, s.allRows * s.nOut, -1.0, 1.0);
        double[] z = preActivations(random, s.allRows * s.nOut);
        double[] a = activations(f, z);
        double[] delta = padded(s.allRows * s.nOut);
        double[] expected = new double[s.rows * s.nOut];
        for (int k = 0; k < expected.length; k++) {
            expected[k] = useDerivative ? err[k] * f.derivative(z[k], a[k]) : err[k];
        }
        Inputs unchanged = new Inputs(err, z, a);

        under.engine.outputDelta(s.rows, err, s.nOut, f, useDerivative, z, a, delta);

        String where = under + ", " + s + ", " + f + ", derivative " + useDerivative;
        unchanged.check(where, err, z, a);
        assertBatch(expected, delta, under, where + ": delta");
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void hiddenDelta(Under under, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape s = new Shape(random, seed);
        // The layer below has nIn neurons; this one (the "next" layer) nOut.
        Activation f = ACTIVATIONS[(int) (seed % ACTIVATIONS.length)];
        double[] g = NetworkFixtures.randomVector(random, s.allRows * s.nOut, -1.0, 1.0);
        double[] w = NetworkFixtures.randomVector(random, s.nOut * s.nIn, -1.0, 1.0);
        double[] zIn = preActivations(random, s.allRows * s.nIn);
        double[] in = activations(f, zIn);
        double[] gIn = padded(s.allRows * s.nIn);
        double[] expected = hiddenDeltaReference(s, g, w, f, zIn, in);
        Inputs unchanged = new Inputs(g, w, zIn, in);

        under.engine.hiddenDelta(s.rows, g, s.nOut, Conformance.byRow(w, s.nOut, s.nIn), s.nIn, f, zIn, in, gIn);

        String where = under + ", " + s + ", " + f;
        unchanged.check(where, g, w, zIn, in);
        assertBatch(expected, gIn, under, where + ": delta below");
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void signInPlace(Under under, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape s = new Shape(random, seed);
        int n = s.rows * s.nOut;
        double[] x = NetworkFixtures.randomVector(random, s.allRows * s.nOut, -1.0, 1.0);
        x[random.nextInt(n)] = 0.0;
        // Tiny but normal in float too: a double below float's range would round to 0 in the float engine, whose
        // arithmetic is single precision throughout.
        x[random.nextInt(n)] = -1e-30;
        double[] expected = x.clone();
        for (int k = 0; k < n; k++) {
            expected[k] = Math.signum(x[k]);
        }

        under.engine.signInPlace(n, x);

        // Exact: -1, 0 or +1, and the values past n untouched.
        assertArrayEquals(expected, x, 0.0, under + ", n " + n);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void update(Under under, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape s = new Shape(random, seed);
        boolean signOfG = seed % 2 == 0;
        Layer layer = new Layer(random, s, seed / 2 % 2 == 0);
        double[] scale = NetworkFixtures.randomVector(random, s.allRows, 0.05, 0.5);
        double[] g = gradient(random, s);
        double[] in = NetworkFixtures.randomVector(random, s.allRows * s.nIn, -1.0, 1.0);
        Layer expected = layer.copy();
        updateReference(s, scale, g, signOfG, in, expected);
        Inputs unchanged = new Inputs(scale, g, in);

        under.engine.update(s.rows, scale, g, signOfG, s.nOut, in, s.nIn, layer.w, layer.bias);

        String where = under + ", " + s + ", signOfG " + signOfG + (layer.bias == null ? "" : ", bias");
        unchanged.check(where, scale, g, in);
        layer.assertClose(expected, under, where);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void hiddenDeltaAndUpdate(Under under, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape s = new Shape(random, seed);
        boolean signOfG = seed % 2 == 0;
        Activation fIn = ACTIVATIONS[(int) (seed % ACTIVATIONS.length)];
        Layer layer = new Layer(random, s, seed / 2 % 2 == 0);
        double[] scale = NetworkFixtures.randomVector(random, s.allRows, 0.05, 0.5);
        double[] g = gradient(random, s);
        double[] zIn = preActivations(random, s.allRows * s.nIn);
        double[] in = activations(fIn, zIn);
        double[] gIn = padded(s.allRows * s.nIn);
        // The delta below from the weights before the update, then the update.
        double[] expectedGIn = hiddenDeltaReference(s, g, Conformance.flat(layer.w), fIn, zIn, in);
        Layer expected = layer.copy();
        updateReference(s, scale, g, signOfG, in, expected);
        Inputs unchanged = new Inputs(scale, g, zIn, in);

        under.engine.hiddenDeltaAndUpdate(s.rows, scale, g, signOfG, s.nOut, in, s.nIn, layer.w, layer.bias, fIn,
                zIn, gIn);

        String where = under + ", " + s + ", " + fIn + ", signOfG " + signOfG + (layer.bias == null ? "" : ", bias");
        unchanged.check(where, scale, g, zIn, in);
        assertBatch(expectedGIn, gIn, under, where + ": delta below");
        layer.assertClose(expected, under, where);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("cases")
    void signOfSumUpdate(Under under, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Shape s = new Shape(random, seed);
        Layer layer = new Layer(random, s, seed % 2 == 0);
        double step = random.nextDouble(0.01, 0.1);
        double[] g = eighths(random, s.allRows * s.nOut);
        double[] in = eighths(random, s.allRows * s.nIn);
        Layer expected = layer.copy();
        for (int j = 0; j < s.nOut; j++) {
            double biasSum = 0.0;
            for (int i = 0; i < s.nIn; i++) {
                double sum = 0.0;
                for (int b = 0; b < s.rows; b++) {
                    sum += g[b * s.nOut + j] * in[b * s.nIn + i];
                }
                expected.w[j][i] += step * Math.signum(sum);
            }
            for (int b = 0; b < s.rows; b++) {
                biasSum += g[b * s.nOut + j];
            }
            if (expected.bias != null) {
                expected.bias[j] += step * Math.signum(biasSum);
            }
        }
        Inputs unchanged = new Inputs(g, in);

        under.engine.signOfSumUpdate(s.rows, step, g, s.nOut, in, s.nIn, layer.w, layer.bias);

        String where = under + ", " + s + (layer.bias == null ? "" : ", bias");
        unchanged.check(where, g, in);
        layer.assertClose(expected, under, where);
    }

    /** {@code delta_below[b][i] = f'(zIn, in) * sum_j g[b][j] w[j][i]} for the first {@code s.rows} rows. */
    private static double[] hiddenDeltaReference(Shape s, double[] g, double[] w, Activation f, double[] zIn,
            double[] in) {
        double[] expected = new double[s.rows * s.nIn];
        for (int b = 0; b < s.rows; b++) {
            for (int i = 0; i < s.nIn; i++) {
                double sum = 0.0;
                for (int j = 0; j < s.nOut; j++) {
                    sum += g[b * s.nOut + j] * w[j * s.nIn + i];
                }
                int k = b * s.nIn + i;
                expected[k] = f.derivative(zIn[k], in[k]) * sum;
            }
        }
        return expected;
    }

    /** {@code W += sum_b scale[b] g'[b]^T in[b]}, {@code bias += sum_b scale[b] g'[b]}, into {@code layer}. */
    private static void updateReference(Shape s, double[] scale, double[] g, boolean signOfG, double[] in,
            Layer layer) {
        for (int j = 0; j < s.nOut; j++) {
            for (int b = 0; b < s.rows; b++) {
                double gj = g[b * s.nOut + j];
                double c = scale[b] * (signOfG ? Math.signum(gj) : gj);
                for (int i = 0; i < s.nIn; i++) {
                    layer.w[j][i] += c * in[b * s.nIn + i];
                }
                if (layer.bias != null) {
                    layer.bias[j] += c;
                }
            }
        }
    }

    /** Error signals in [-1, 1) with an exact zero, whose sign is 0. */
    private static double[] gradient(SplittableRandom random, Shape s) {
        double[] g = NetworkFixtures.randomVector(random, s.allRows * s.nOut, -1.0, 1.0);
        g[random.nextInt(s.rows * s.nOut)] = 0.0;
        return g;
    }

    /** Pre-activations in [-3, 3) with an exact zero (ReLU's kink). */
    private static double[] preActivations(SplittableRandom random, int n) {
        double[] z = NetworkFixtures.randomVector(random, n, -3.0, 3.0);
        z[random.nextInt(n)] = 0.0;
        return z;
    }

    private static double[] activations(Activation f, double[] z) {
        double[] a = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            a[k] = f.value(z[k]);
        }
        return a;
    }

    /** Multiples of 1/8 in [-1, 1]: exact in float and double, and so are their products and sums here. */
    private static double[] eighths(SplittableRandom random, int n) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = (random.nextInt(17) - 8) / 8.0;
        }
        return x;
    }

    /** An output buffer filled with a value the engine must overwrite, or, past the batch, leave alone. */
    private static double[] padded(int n) {
        double[] x = new double[n];
        Arrays.fill(x, PADDING);
        return x;
    }

    /**
     * Asserts the batch part of an output against the reference, within the engine's tolerance, and that
     * nothing past it was written.
     */
    private static void assertBatch(double[] expected, double[] actual, Under under, String what) {
        Conformance.assertClose(expected, Arrays.copyOf(actual, expected.length), under.tolerance, what);
        for (int k = expected.length; k < actual.length; k++) {
            assertEquals(PADDING, actual[k], 0.0, what + ": written past the batch at [" + k + "]");
        }
    }

    /** A layer's weights (by row, as the engines take them) and optional biases. */
    private static final class Layer {
        final double[][] w;
        final double[] bias;

        Layer(SplittableRandom random, Shape s, boolean hasBias) {
            this(Conformance.byRow(NetworkFixtures.randomVector(random, s.nOut * s.nIn, -0.3, 0.3), s.nOut, s.nIn),
                    hasBias ? NetworkFixtures.randomVector(random, s.nOut, -0.3, 0.3) : null);
        }

        private Layer(double[][] w, double[] bias) {
            this.w = w;
            this.bias = bias;
        }

        Layer copy() {
            return new Layer(Conformance.byRow(Conformance.flat(w), w.length, w[0].length),
                    bias == null ? null : bias.clone());
        }

        void assertClose(Layer expected, Under under, String where) {
            Conformance.assertClose(Conformance.flat(expected.w), Conformance.flat(w), under.tolerance,
                    where + ": weights");
            if (bias != null) {
                Conformance.assertClose(expected.bias, bias, under.tolerance, where + ": biases");
            }
        }
    }

    /** Copies of the arrays an operation must not modify. */
    private static final class Inputs {
        private final double[][] copies;

        Inputs(double[]... arrays) {
            copies = new double[arrays.length][];
            for (int k = 0; k < arrays.length; k++) {
                copies[k] = arrays[k] == null ? null : arrays[k].clone();
            }
        }

        void check(String where, double[]... arrays) {
            for (int k = 0; k < arrays.length; k++) {
                assertArrayEquals(copies[k], arrays[k], where + ": input " + k + " was modified");
            }
        }
    }
}
