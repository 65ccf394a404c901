// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pamlearn.core.Engine;

/**
 * The ceiling of the mini-batch benchmarks: the bare ND4J matrix products of one training step of a batch of the
 * 784-256-128-10 network, in time per batch, with nothing else (no activations, no copies, no update).
 *
 * <p>One operation, on preallocated arrays of {@link #dtype} filled with random values in {@link #setUp()}, every
 * product a {@code gemm} into a preallocated result ({@link Nd4j#gemm}):
 * <ul>
 *   <li>forward: {@code Z_l = A_(l-1) W_l^T} for the three layers ({@code batch x 784} times {@code 784 x 256},
 *       and so on);</li>
 *   <li>the hidden error signals: {@code D_l = D_(l+1) W_(l+1)} for the two hidden layers;</li>
 *   <li>the weight gradients: {@code G_l = D_l^T A_(l-1)} for the three layers.</li>
 * </ul>
 * That is {@link BatchTables#FLOPS_PER_SAMPLE} FLOPs per sample, so {@code GFLOP/s = batch * 1,007,104 / (time per
 * operation in ns)} and the samples/s ceiling of a training step is {@code batch / time per operation}.
 * <pre>
 *   java -jar pam-benchmarks/target/benchmarks.jar GemmBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class GemmBenchmark {

    /** The arithmetic: {@code double} or {@code float}. */
    @Param({"double", "float"})
    public String dtype;

    /** Rows per batch. */
    @Param({"32", "256"})
    public int batch;

    /** ND4J's native threads. */
    @Param({"1", "2"})
    public int threads;

    private Products products;

    /** Sets ND4J's threads and draws the operands. */
    @Setup(Level.Trial)
    public void setUp() {
        Engine.setNd4jThreads(threads);
        products = new Products(BatchTables.SIZES, batch, Dl4jBatchBenchmark.dataType(dtype), BatchTables.SEED);
    }

    /**
     * The products of one training step of a batch.
     *
     * @return the first layer's weight gradient, so that the work is consumed
     */
    @Benchmark
    public INDArray products() {
        return products.run();
    }

    /** Returns the operands and results, for the tests. */
    Products operands() {
        return products;
    }

    /**
     * The operands and results of one batch's products for a network of given layer sizes.
     *
     * @param a activations, {@code a[0]} the inputs: {@code batch x sizes[l]}
     * @param w weights, {@code w[l]} of layer {@code l}: {@code sizes[l+1] x sizes[l]}
     * @param z pre-activations (results): {@code batch x sizes[l+1]}
     * @param d error signals, {@code d[l]} of layer {@code l}: {@code batch x sizes[l+1]}; the last is an operand,
     *     the others results
     * @param g weight gradients (results): {@code sizes[l+1] x sizes[l]}
     */
    record Products(INDArray[] a, INDArray[] w, INDArray[] z, INDArray[] d, INDArray[] g) {

        /**
         * Draws the operands {@code U[-1, 1)} and allocates the results.
         *
         * @param sizes layer sizes, inputs first. Not modified.
         * @param batch rows
         * @param type the data type
         * @param seed the seed
         */
        Products(int[] sizes, int batch, DataType type, long seed) {
            this(new INDArray[sizes.length - 1], new INDArray[sizes.length - 1], new INDArray[sizes.length - 1],
                    new INDArray[sizes.length - 1], new INDArray[sizes.length - 1]);
            SplittableRandom random = new SplittableRandom(seed);
            for (int l = 0; l < sizes.length - 1; l++) {
                a[l] = random(random, type, batch, sizes[l]);
                w[l] = random(random, type, sizes[l + 1], sizes[l]);
                z[l] = Nd4j.create(type, batch, sizes[l + 1]);
                d[l] = l == sizes.length - 2 ? random(random, type, batch, sizes[l + 1])
                        : Nd4j.create(type, batch, sizes[l + 1]);
                g[l] = Nd4j.create(type, sizes[l + 1], sizes[l]);
            }
        }

        private static INDArray random(SplittableRandom random, DataType type, int rows, int cols) {
            double[] values = new double[rows * cols];
            for (int k = 0; k < values.length; k++) {
                values[k] = random.nextDouble(-1.0, 1.0);
            }
            return Nd4j.create(values, new long[] {rows, cols}, type);
        }

        /**
         * Runs the products: forward, hidden error signals, weight gradients.
         *
         * @return {@code g[0]}
         */
        INDArray run() {
            int n = w.length;
            for (int l = 0; l < n; l++) {
                Nd4j.gemm(a[l], w[l], z[l], false, true, 1.0, 0.0);
            }
            for (int l = n - 2; l >= 0; l--) {
                Nd4j.gemm(d[l + 1], w[l + 1], d[l], false, false, 1.0, 0.0);
            }
            for (int l = 0; l < n; l++) {
                Nd4j.gemm(d[l], a[l], g[l], true, false, 1.0, 0.0);
            }
            return g[0];
        }
    }
}
