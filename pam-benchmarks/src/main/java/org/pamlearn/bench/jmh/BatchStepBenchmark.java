// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Engine;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.BatchLearner;

/**
 * Mini-batch training speed of pamlearn in training samples per second: {@link BatchLearner#step}s of {@link #batch}
 * rows. JMH's {@code @OperationsPerInvocation} must be a constant while the batch is a parameter, so one invocation
 * is {@value BatchTables#SAMPLES} samples, {@code SAMPLES / batch} steps (8 steps of 32, or one of 256), and one
 * operation is one sample.
 *
 * <p>The network is {@link BatchTables#SIZES 784-256-128-10}: two {@link Activation#SIGMOID} hidden layers and a
 * {@link Activation#LINEAR} output layer, all with bias, Glorot-uniform weights ({@link WeightInits#xavier()},
 * seeded), trained by {@link Backprop} (SGD, {@code eta} {@value BatchTables#ETA}) with the
 * {@link BatchLearner.Loss#SOFTMAX_CROSS_ENTROPY softmax cross-entropy}. That loss is the one
 * {@link Dl4jBatchBenchmark} can match exactly: DL4J's softmax output layer with the MCXENT loss has the gradient
 * {@code p - t} at the output sums and, with its default {@code miniBatch(true)}, divides the summed gradient by the
 * batch size, which is our batch-mean gradient ({@code Dl4jBatchBenchmarkTest} checks one step of each on the same
 * weights). DL4J's MSE would not: it divides by the number of outputs too. The inputs are the
 * {@link BatchTables} (random {@code U[0, 1)}, one-hot targets), drawn in {@link #setUp()}.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@link #engine}: {@code nd4j} ({@link Engine#nd4j}) or {@code plain} ({@link Engine#plain()});</li>
 *   <li>{@link #dtype}: {@code double} or {@code float}; the plain engine has only double, so {@code plain} with
 *       {@code float} fails in {@link #setUp()} with one line rather than measuring double under a float label;</li>
 *   <li>{@link #threads}: ND4J's native threads ({@link Engine#setNd4jThreads}, process-wide; JMH forks a JVM per
 *       combination). The plain engine runs on the calling thread only, so {@code plain} with {@code threads=2}
 *       would measure {@code threads=1} again: it fails in {@link #setUp()} too.</li>
 * </ul>
 * With the default parameters JMH reports those six combinations as failed and goes on; to run only the valid ones:
 * <pre>
 *   java -jar pam-benchmarks/target/benchmarks.jar BatchStepBenchmark -p engine=nd4j
 *   java -jar pam-benchmarks/target/benchmarks.jar BatchStepBenchmark -p engine=plain -p dtype=double -p threads=1
 * </pre>
 * For two ND4J threads, also try {@code OMP_WAIT_POLICY=PASSIVE} in the environment (inherited by JMH's fork):
 * with the default (active) policy, OpenMP's threads spin while they wait, which on a small shared machine slows
 * them down.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class BatchStepBenchmark {

    /** The engine: {@code nd4j} or {@code plain}. */
    @Param({"nd4j", "plain"})
    public String engine;

    /** The arithmetic: {@code double} or {@code float} ({@code float} only on {@code nd4j}). */
    @Param({"double", "float"})
    public String dtype;

    /** Rows per step. */
    @Param({"32", "256"})
    public int batch;

    /** ND4J's native threads ({@code 1} only on {@code plain}). */
    @Param({"1", "2"})
    public int threads;

    private BatchLearner learner;
    private BatchTables tables;
    private int next;

    /**
     * Chooses the engine and ND4J's threads, builds the seeded network, the learner and the batches.
     *
     * @throws IllegalArgumentException on an unknown or unsupported combination of parameters (one line)
     */
    @Setup(Level.Trial)
    public void setUp() {
        Engine chosen = engine(engine, dtype, threads);
        BatchTables.requireBatch(batch);
        if (chosen != Engine.plain()) {
            Engine.setNd4jThreads(threads);
        }
        learner = BatchLearner.builder(Backprop.builder().eta(BatchTables.ETA).build(), network(chosen))
                .loss(BatchLearner.Loss.SOFTMAX_CROSS_ENTROPY)
                .maxRows(batch)
                .build();
        tables = BatchTables.of(batch);
        next = 0;
    }

    /**
     * {@value BatchTables#SAMPLES} training samples: steps on the next batches of the table.
     *
     * @return the sum of the batches' mean losses, so that the work is consumed
     */
    @Benchmark
    @OperationsPerInvocation(BatchTables.SAMPLES)
    public double step() {
        double loss = 0.0;
        for (int s = 0; s < BatchTables.SAMPLES; s += batch) {
            final int k = next;
            next = (k + 1) & (BatchTables.BATCHES - 1);
            loss += learner.step(tables.inputs()[k], tables.targets()[k], batch);
        }
        return loss;
    }

    /**
     * Fails the run if learning made any weight or bias NaN or infinite.
     *
     * @throws IllegalStateException if one is
     */
    @TearDown(Level.Trial)
    public void checkFinite() {
        Network net = learner.network();
        for (int l = 0; l < net.layerCount(); l++) {
            for (double[] row : net.weights(l)) {
                requireFinite(row, l);
            }
            requireFinite(net.bias(l), l);
        }
    }

    private void requireFinite(double[] values, int layer) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException(engine + "/" + dtype + ": layer " + layer + " has a parameter " + v);
            }
        }
    }

    /** Returns the learner under test, for the tests. */
    BatchLearner learner() {
        return learner;
    }

    /**
     * The engine of a parameter combination.
     *
     * @param engine {@code nd4j} or {@code plain}
     * @param dtype {@code double} or {@code float}
     * @param threads ND4J's threads, {@code >= 1}; {@code 1} on {@code plain}
     * @return the engine
     * @throws IllegalArgumentException if the combination is unknown or not supported
     */
    static Engine engine(String engine, String dtype, int threads) {
        if (!"double".equals(dtype) && !"float".equals(dtype)) {
            throw new IllegalArgumentException("dtype must be double or float, got " + dtype);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        switch (engine) {
            case "nd4j":
                return Engine.nd4j("float".equals(dtype) ? Engine.Precision.FLOAT : Engine.Precision.DOUBLE);
            case "plain":
                if (!"double".equals(dtype)) {
                    throw new IllegalArgumentException("the plain engine computes in double only: use -p dtype=double"
                            + " with -p engine=plain, got dtype=" + dtype);
                }
                if (threads != 1) {
                    throw new IllegalArgumentException("the plain engine is single-threaded: use -p threads=1 with"
                            + " -p engine=plain, got threads=" + threads);
                }
                return Engine.plain();
            default:
                throw new IllegalArgumentException("engine must be nd4j or plain, got " + engine);
        }
    }

    /**
     * The seeded 784-256-128-10 network on an engine: sigmoid hidden layers, a linear output (the logits of the
     * softmax), bias everywhere, Glorot-uniform weights.
     *
     * @param on the engine
     * @return the network
     */
    static Network network(Engine on) {
        int[] sizes = BatchTables.SIZES;
        Network.Builder b = Network.builder(sizes[0])
                .activation(Activation.SIGMOID)
                .bias(true)
                .init(WeightInits.xavier())
                .seed(BatchTables.SEED)
                .engine(on);
        for (int l = 1; l < sizes.length - 1; l++) {
            b.layer(sizes[l]);
        }
        return b.layer(sizes[sizes.length - 1], Activation.LINEAR).build();
    }
}
