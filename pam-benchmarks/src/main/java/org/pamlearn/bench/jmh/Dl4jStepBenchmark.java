// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pamlearn.core.Engine;

/**
 * The DL4J baseline of {@link StepBenchmark}: one online back-propagation step of a DL4J
 * {@link MultiLayerNetwork} at batch size 1, {@code network.fit(input row, label row)}.
 *
 * <p>Shapes ({@link #shape}) have the layer sizes and weight counts of {@link StepBenchmark}'s networks:
 * <ul>
 *   <li>{@code robot}: 240 inputs; layers 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3 (the line follower);</li>
 *   <li>{@code wide}: 240 inputs; layers 64, 64, 64, 64, 3;</li>
 *   <li>{@code deep}: 10 inputs; ten layers of 10, then 1.</li>
 * </ul>
 * Every layer but the last is a {@link DenseLayer}, the last an {@link OutputLayer} with the MSE loss; all have
 * {@link Activation#SIGMOID} and no bias ({@code hasBias(false)}). The updater is plain SGD ({@link Sgd}, learning
 * rate {@value #LEARNING_RATE}, like {@code bp} in {@link StepBenchmark}; no momentum, no regularisation). The
 * network is double precision: {@link #setUp()} calls {@code Nd4j.setDefaultDataTypes(DOUBLE, DOUBLE)} and the
 * configuration sets {@code dataType(DOUBLE)}. Weights are the authors' initialisation drawn by DL4J's own
 * seeded generator: {@code U[0, 0.001)} on the first layer, {@code U[0, 1)} on the others (DL4J's
 * {@link UniformDistribution}), so they have the same distribution as {@link StepBenchmark}'s but not the same
 * values.
 *
 * <p>One operation is one {@code fit(input, label)} on the next of {@value StepBenchmark#TABLE_SIZE} precomputed
 * entries, used in turn. The inputs are {@link StepBenchmark}'s (same seed, same {@code U[-1, 1)} draws); every
 * output's label is {@link StepBenchmark}'s target plus 0.5, i.e. the same target on the logistic scale. All
 * {@link INDArray}s ({@code 1 x nInputs} and {@code 1 x nOutputs} rows) are built in {@link #setUp()}, so the
 * operation measures DL4J's step (forward pass, loss gradient, backward pass, updater, parameter update, its
 * workspaces and listeners bookkeeping), not the creation of arrays.
 *
 * <p>How it differs from {@link StepBenchmark}'s {@code bp}:
 * <ul>
 *   <li>{@code SIGMOID} ({@code f(v) = 1/(1+e^-v)}, outputs in {@code (0, 1)}) instead of the authors'
 *       {@code CENTERED_SIGMOID} ({@code f - 0.5}); DL4J has no centred sigmoid built in. The derivative is the
 *       same, {@code f'(v)}, but the hidden activations are not centred on 0, so the networks compute different
 *       functions from the same inputs;</li>
 *   <li>DL4J computes the output-layer error itself, from the MSE loss and the label row: output {@code m} gets
 *       {@code dL/dy_m = 2 (y_m - t_m) / nOutputs}, its own error, whereas {@code bp} is given one closed-loop
 *       error {@code E = t - y_0} for every output. On an output of one unit the DL4J step with learning rate
 *       {@code eta / 2} is exactly {@code bp}'s step with {@code eta} ({@code Dl4jStepBenchmarkTest} checks it);
 *       here both use {@value #LEARNING_RATE}, so DL4J's steps are {@code 2 / nOutputs} times {@code bp}'s;</li>
 *   <li>each step also computes the loss (the score), and runs DL4J's general machinery: the solver, the updater
 *       over a flattened gradient view, workspace scopes, and native ND4J operations (OpenBLAS {@code gemm}s and
 *       libnd4j kernels through JavaCPP) with their per-call JNI overhead, which dominates at batch size 1;</li>
 *   <li>threads: by default ({@link #threads} {@code = 1}) ND4J and OpenBLAS run on one thread, the calling one, as
 *       pamlearn's step does. ND4J's own default uses every core; on the 2-core guest with another job running,
 *       that made the robot step 3&ndash;6 times slower (13&ndash;26 ms against 3.6&ndash;5.5 ms in a plain loop,
 *       2026-11-22), presumably because its OpenMP threads wait for a busy core. {@code -p threads=0} measures it;</li>
 *   <li>it allocates: about 700 kB of Java heap per step on every shape (a JFR allocation profile of the robot
 *       shape: mostly the {@code INDArray}s of the forward and backward passes and their native shape
 *       descriptors, i.e. JavaCPP {@code Pointer}s, {@code long[]}/{@code byte[]} buffers and deallocator
 *       references with string ids), so the garbage collector runs during the measurement.</li>
 * </ul>
 *
 * <p>Warm-up is longer than {@link StepBenchmark}'s (10 &times; 2 s instead of 4 &times; 2 s): a DL4J step takes
 * milliseconds, so an iteration holds only hundreds of steps, and in one JVM the step got several times faster
 * over its first few thousand steps (JIT compilation of DL4J's and ND4J's Java side).
 *
 * <p>Run from the repository root (ND4J's natives of {@code ${javacpp.platform}}, {@code linux-x86_64} by default,
 * are in the jar; on another machine build with e.g. {@code -Djavacpp.platform=macosx-arm64}):
 * <pre>
 *   ./mvnw -B -ntp -q -pl pam-benchmarks -am package -DskipTests
 *   java -jar pam-benchmarks/target/benchmarks.jar Dl4jStepBenchmark -prof gc
 *   java -jar pam-benchmarks/target/benchmarks.jar Dl4jStepBenchmark -p shape=robot
 *   java -jar pam-benchmarks/target/benchmarks.jar Dl4jStepBenchmark -p threads=0    # ND4J's default threads
 * </pre>
 * {@code -prof gc} reports the Java heap bytes per step; ND4J's off-heap (native) memory is not counted.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Dl4jStepBenchmark {

    /** SGD learning rate, {@code bp}'s {@code eta} in {@link StepBenchmark}. */
    static final double LEARNING_RATE = 1e-4;

    /** The network shape: {@code robot}, {@code wide} or {@code deep}. */
    @Param({"robot", "wide", "deep"})
    public String shape;

    /**
     * ND4J's threads: {@code 1} (the default) runs libnd4j, its OpenMP loops and OpenBLAS on the calling thread
     * only, like {@link StepBenchmark}'s step; {@code 0} keeps ND4J's own settings (all cores); any other
     * positive count is passed on as is.
     */
    @Param({"1"})
    public int threads;

    private MultiLayerNetwork network;
    private INDArray[] inputs;
    private INDArray[] labels;
    private int step;

    /**
     * Sets ND4J to double precision and to {@link #threads} threads, builds the seeded network and the tables of
     * input and label rows.
     *
     * @throws IllegalArgumentException if {@link #threads} is negative or the shape is unknown
     */
    @Setup(Level.Trial)
    public void setUp() {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0: ND4J's default), got " + threads);
        }
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        if (threads > 0) {
            // Process-wide settings of libnd4j (its own and OpenMP's thread counts) and of OpenBLAS.
            Engine.setNd4jThreads(threads);
        }
        int[] sizes = StepBenchmark.sizes(shape);
        network = network(sizes, LEARNING_RATE);
        int nInputs = sizes[0];
        int nOutputs = sizes[sizes.length - 1];
        StepBenchmark.Tables tables = StepBenchmark.Tables.of(nInputs);
        inputs = new INDArray[StepBenchmark.TABLE_SIZE];
        labels = new INDArray[StepBenchmark.TABLE_SIZE];
        double[] t = new double[nOutputs];
        for (int k = 0; k < StepBenchmark.TABLE_SIZE; k++) {
            Arrays.fill(t, 0.5 + tables.targets()[k]);
            inputs[k] = Nd4j.create(tables.inputs()[k], new long[] {1, nInputs}, DataType.DOUBLE);
            labels[k] = Nd4j.create(t, new long[] {1, nOutputs}, DataType.DOUBLE);
        }
        step = 0;
    }

    /**
     * One online step: forward, MSE gradient, backward, SGD update.
     *
     * @return the step's loss, so that the work is consumed
     */
    @Benchmark
    public double step() {
        final int k = step;
        step = (k + 1) & (StepBenchmark.TABLE_SIZE - 1);
        network.fit(inputs[k], labels[k]);
        return network.score();
    }

    /**
     * Fails the run if learning drove any parameter to NaN or infinity.
     *
     * @throws IllegalStateException if a parameter is not finite
     */
    @TearDown(Level.Trial)
    public void checkFinite() {
        requireFinite(network, shape + "/dl4j");
    }

    /**
     * Fails if any parameter of a DL4J network is NaN or infinite.
     *
     * @param network the network
     * @param label what the message calls it
     * @throws IllegalStateException naming the first such parameter
     */
    static void requireFinite(MultiLayerNetwork network, String label) {
        double[] params = network.params().toDoubleVector();
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                throw new IllegalStateException(label + ": parameter " + i + " is " + params[i]);
            }
        }
    }

    /** Returns the network under test, for the tests. */
    MultiLayerNetwork network() {
        return network;
    }

    /**
     * Builds and initialises a seeded DL4J network: dense sigmoid layers without bias, a sigmoid MSE output layer
     * without bias, plain SGD, double precision, the authors' {@code U[0, 0.001)} / {@code U[0, 1)} weights.
     *
     * @param sizes {@code {nInputs, n1, ..., nOutputs}}, at least two entries, all {@code > 0}. Not modified.
     * @param learningRate the SGD learning rate, {@code > 0}
     * @return the initialised network
     */
    static MultiLayerNetwork network(int[] sizes, double learningRate) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(StepBenchmark.SEED)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(learningRate))
                .list();
        int last = sizes.length - 2;
        for (int l = 0; l <= last; l++) {
            UniformDistribution init = new UniformDistribution(0.0, l == 0 ? 0.001 : 1.0);
            if (l < last) {
                list.layer(new DenseLayer.Builder()
                        .nIn(sizes[l]).nOut(sizes[l + 1])
                        .activation(Activation.SIGMOID)
                        .hasBias(false)
                        .weightInit(init)
                        .build());
            } else {
                list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(sizes[l]).nOut(sizes[l + 1])
                        .activation(Activation.SIGMOID)
                        .hasBias(false)
                        .weightInit(init)
                        .build());
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
