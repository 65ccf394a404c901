// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.BatchLearner;

/**
 * {@link Dl4jBatchBenchmark}: an invocation trains, {@code fit} on a repeated batch lowers its loss, one DL4J
 * {@code fit} is exactly one {@link BatchLearner} step with the softmax cross-entropy, and the wait-policy check.
 */
class Dl4jBatchBenchmarkTest {

    @AfterEach
    void doubleAgain() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static Dl4jBatchBenchmark setUp(String dtype) {
        Dl4jBatchBenchmark bench = new Dl4jBatchBenchmark();
        bench.dtype = dtype;
        bench.batch = 32;
        bench.threads = 1;
        bench.waitPolicy = System.getenv("OMP_WAIT_POLICY") == null ? "default" : "passive";
        bench.setUp();
        return bench;
    }

    @ParameterizedTest
    @CsvSource({"double", "float"})
    void oneInvocationChangesTheParametersAndKeepsThemFinite(String dtype) {
        Dl4jBatchBenchmark bench = setUp(dtype);
        MultiLayerNetwork net = bench.network();
        assertEquals(Dl4jBatchBenchmark.dataType(dtype), net.params().dataType());
        assertEquals(784L * 256 + 256 + 256L * 128 + 128 + 128L * 10 + 10, net.numParams(), "weights and biases");
        double[] before = net.params().toDoubleVector();
        double score = bench.fit();
        double[] after = net.params().toDoubleVector();
        assertTrue(Double.isFinite(score) && score > 0.0, "score " + score);
        int changed = 0;
        for (int i = 0; i < after.length; i++) {
            changed += after[i] != before[i] ? 1 : 0;
        }
        assertTrue(changed > 200_000, "only " + changed + " parameters changed");
        bench.checkFinite();
    }

    @Test
    void fitOnARepeatedBatchLowersItsLoss() {
        Dl4jBatchBenchmark bench = setUp("double");
        INDArray[] batch = bench.batch(0);
        DataSet data = new DataSet(batch[0], batch[1]);
        double before = bench.network().score(data);
        for (int k = 0; k < 20; k++) {
            bench.network().fit(batch[0], batch[1]);
        }
        double after = bench.network().score(data);
        assertTrue(after < 0.9 * before, "loss " + before + " -> " + after);
    }

    static LongStream seeds() {
        return LongStream.range(0, 10);
    }

    /**
     * One DL4J {@code fit} of a batch against one {@link BatchLearner} step of our {@link Backprop} with the softmax
     * cross-entropy, on identical weights and biases (drawn {@code U[-1, 1)}): DL4J's MCXENT gradient {@code p - t}
     * averaged over the batch is our batch-mean gradient with {@code E = t - p}, so every change must agree to
     * rounding (tolerance {@code 1e-9} of the layer's largest change).
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void oneFitEqualsOneBatchLearnerStep(long seed) {
        final double eta = 0.5;
        final int rows = 4;
        int[] sizes = {6, 5, 4, 3};
        SplittableRandom random = new SplittableRandom(seed);
        int nLayers = sizes.length - 1;
        double[][][] w = new double[nLayers][][];
        double[][] b = new double[nLayers][];
        MultiLayerNetwork dl4j = Dl4jBatchBenchmark.network(sizes, DataType.DOUBLE, eta);
        Network.Builder builder = Network.builder(sizes[0]).activation(Activation.SIGMOID).bias(true);
        for (int l = 0; l < nLayers; l++) {
            w[l] = new double[sizes[l + 1]][sizes[l]];
            b[l] = new double[sizes[l + 1]];
            double[][] transposed = new double[sizes[l]][sizes[l + 1]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int i = 0; i < sizes[l]; i++) {
                    w[l][j][i] = random.nextDouble(-1.0, 1.0);
                    transposed[i][j] = w[l][j][i];
                }
                b[l][j] = random.nextDouble(-1.0, 1.0);
            }
            LayerSpec spec = LayerSpec.of(sizes[l + 1]).withInit(WeightInits.explicit(w[l], b[l]));
            builder.layer(l == nLayers - 1 ? spec.withActivation(Activation.LINEAR) : spec);
            dl4j.getLayer(l).setParam("W", Nd4j.create(transposed));
            dl4j.getLayer(l).setParam("b", Nd4j.create(new double[][] {b[l]}));
        }
        Network ours = builder.build();
        double[] x = new double[rows * sizes[0]];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble();
        }
        double[] t = new double[rows * sizes[nLayers]];
        for (int r = 0; r < rows; r++) {
            t[r * sizes[nLayers] + random.nextInt(sizes[nLayers])] = 1.0;
        }
        BatchLearner learner = BatchLearner.builder(Backprop.builder().eta(eta).build(), ours)
                .loss(BatchLearner.Loss.SOFTMAX_CROSS_ENTROPY).maxRows(rows).build();
        double ourLoss = learner.step(x, t, rows);
        INDArray features = Nd4j.create(x, new long[] {rows, sizes[0]}, DataType.DOUBLE);
        INDArray labels = Nd4j.create(t, new long[] {rows, sizes[nLayers]}, DataType.DOUBLE);
        double dl4jLoss = dl4j.score(new DataSet(features, labels));
        dl4j.fit(features, labels);
        assertEquals(ourLoss, dl4jLoss, 1e-12, "seed " + seed + ": the batch's mean loss before the step");
        for (int l = 0; l < nLayers; l++) {
            double[][] after = ours.weights(l);
            double[][] dl4jW = dl4j.getLayer(l).getParam("W").toDoubleMatrix();
            double[] dl4jB = dl4j.getLayer(l).getParam("b").toDoubleVector();
            double largest = 0.0;
            for (int j = 0; j < after.length; j++) {
                for (int i = 0; i < after[j].length; i++) {
                    largest = Math.max(largest, Math.abs(after[j][i] - w[l][j][i]));
                }
            }
            assertTrue(largest > 1e-6, "seed " + seed + ": layer " + l + " barely learned, max |dw| " + largest);
            for (int j = 0; j < after.length; j++) {
                for (int i = 0; i < after[j].length; i++) {
                    assertEquals(after[j][i] - w[l][j][i], dl4jW[i][j] - w[l][j][i], 1e-9 * largest,
                            "seed " + seed + ": layer " + l + " dw[" + j + "][" + i + "]");
                }
                assertEquals(ours.bias(l)[j] - b[l][j], dl4jB[j] - b[l][j], 1e-9 * largest,
                        "seed " + seed + ": layer " + l + " dbias[" + j + "]");
            }
        }
    }

    @Test
    void theWaitPolicyMustBeTheEnvironments() {
        assertDoesNotThrow(() -> Dl4jBatchBenchmark.requireWaitPolicy("default", null));
        assertDoesNotThrow(() -> Dl4jBatchBenchmark.requireWaitPolicy("passive", "passive"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jBatchBenchmark.requireWaitPolicy("passive", null));
        assertEquals("-p waitPolicy=passive needs OMP_WAIT_POLICY=PASSIVE in the environment, got unset",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dl4jBatchBenchmark.requireWaitPolicy("default", "ACTIVE"));
        assertEquals("-p waitPolicy=default needs OMP_WAIT_POLICY unset in the environment, got"
                + " OMP_WAIT_POLICY='ACTIVE'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dl4jBatchBenchmark.requireWaitPolicy("spin", null));
        assertEquals("waitPolicy must be default or passive, got spin", e.getMessage());
    }
}
