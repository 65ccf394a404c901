// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pamlearn.core.Engine;
import org.pamlearn.core.Network;

/**
 * {@link BatchStepBenchmark}: one invocation on the ND4J engine trains the network exactly as the plain engine
 * does, and the combinations the plain engine does not have fail with one line.
 */
class BatchStepBenchmarkTest {

    private static BatchStepBenchmark run(String engine, String dtype) {
        BatchStepBenchmark bench = new BatchStepBenchmark();
        bench.engine = engine;
        bench.dtype = dtype;
        bench.batch = 32;
        bench.threads = 1;
        bench.setUp();
        return bench;
    }

    /**
     * {@value BatchTables#SAMPLES} samples (8 steps of 32) on each engine from the same seeded network and batches:
     * the same summed loss and every weight and bias within {@code tolerance} of the plain engine's; and they did
     * change.
     */
    @ParameterizedTest
    @CsvSource({"double, 1e-10", "float, 1e-4"})
    void oneInvocationOnNd4jEqualsThePlainEngine(String dtype, double tolerance) {
        BatchStepBenchmark plain = run("plain", "double");
        BatchStepBenchmark nd4j = run("nd4j", dtype);
        Network initial = BatchStepBenchmark.network(Engine.plain());
        double plainLoss = plain.step();
        double nd4jLoss = nd4j.step();
        assertTrue(Double.isFinite(plainLoss) && plainLoss > 0.0, "loss " + plainLoss);
        assertEquals(plainLoss, nd4jLoss, tolerance * BatchTables.SAMPLES / 32, "summed batch losses");
        Network a = plain.learner().network();
        Network b = nd4j.learner().network();
        int changed = 0;
        for (int l = 0; l < a.layerCount(); l++) {
            double[][] wa = a.weights(l);
            double[][] wb = b.weights(l);
            double[][] w0 = initial.weights(l);
            for (int j = 0; j < wa.length; j++) {
                for (int i = 0; i < wa[j].length; i++) {
                    assertEquals(wa[j][i], wb[j][i], tolerance, dtype + ": layer " + l + " w[" + j + "][" + i + "]");
                    changed += wa[j][i] != w0[j][i] ? 1 : 0;
                }
                assertEquals(a.bias(l)[j], b.bias(l)[j], tolerance, dtype + ": layer " + l + " bias[" + j + "]");
            }
        }
        assertTrue(changed > 200_000, "only " + changed + " weights changed");
        nd4j.checkFinite();
        plain.checkFinite();
    }

    @Test
    void stepsGoThroughTheTableOfBatches() {
        BatchStepBenchmark bench = run("plain", "double");
        double first = bench.step();
        double second = bench.step();
        assertNotEquals(first, second, "the second invocation trains on the next batches");
    }

    @ParameterizedTest
    @CsvSource({
        "plain, float, 1, 'the plain engine computes in double only: use -p dtype=double with -p engine=plain, got"
            + " dtype=float'",
        "plain, double, 2, 'the plain engine is single-threaded: use -p threads=1 with -p engine=plain, got"
            + " threads=2'",
        "gpu, double, 1, 'engine must be nd4j or plain, got gpu'",
        "nd4j, half, 1, 'dtype must be double or float, got half'",
        "nd4j, double, 0, 'threads must be >= 1, got 0'"
    })
    void unsupportedCombinationsFailInSetUp(String engine, String dtype, int threads, String message) {
        BatchStepBenchmark bench = new BatchStepBenchmark();
        bench.engine = engine;
        bench.dtype = dtype;
        bench.batch = 32;
        bench.threads = threads;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bench::setUp);
        assertEquals(message, e.getMessage());
    }

    @Test
    void aBatchThatDoesNotDivideTheInvocation() {
        BatchStepBenchmark bench = new BatchStepBenchmark();
        bench.engine = "plain";
        bench.dtype = "double";
        bench.batch = 48;
        bench.threads = 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bench::setUp);
        assertEquals("batch must divide 256 (the samples of one invocation), got 48", e.getMessage());
    }
}
