// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pamlearn.core.Engine;
import org.pamlearn.core.internal.Texts;

/**
 * The DL4J baseline of {@link BatchStepBenchmark}: {@code MultiLayerNetwork.fit(features, labels)} on mini-batches
 * of the same 784-256-128-10 network, in training samples per second.
 *
 * <p>The network: two {@link DenseLayer}s of 256 and 128 {@link Activation#SIGMOID} units and an
 * {@link OutputLayer} of 10 with {@link Activation#SOFTMAX} and the {@code MCXENT} loss (softmax cross-entropy),
 * bias everywhere (DL4J's default, initialised to 0), {@link WeightInit#XAVIER} weights from DL4J's seeded generator,
 * plain SGD ({@link Sgd}, learning rate {@value BatchTables#ETA}, no momentum, no regularisation) and DL4J's default
 * {@code miniBatch(true)}: the gradient is the batch mean, as in {@link BatchStepBenchmark}. The data type is
 * {@link #dtype} for the configuration, ND4J's defaults and every array. Features and labels are the same
 * {@link BatchTables} as {@link BatchStepBenchmark}'s, as {@code INDArray}s built in {@link #setUp()}.
 *
 * <p>One invocation is {@value BatchTables#SAMPLES} samples ({@code SAMPLES / batch} calls of {@code fit}), one
 * operation one sample. Threads: {@link #threads} sets ND4J's native threads ({@link Engine#setNd4jThreads}).
 * OpenMP's wait policy comes only from the environment, {@code OMP_WAIT_POLICY}, which JMH's forked JVM inherits;
 * {@link #waitPolicy} names the one the run must have, so that the result says which it measured:
 * <pre>
 *   java -jar pam-benchmarks/target/benchmarks.jar Dl4jBatchBenchmark
 *   OMP_WAIT_POLICY=PASSIVE java -jar pam-benchmarks/target/benchmarks.jar Dl4jBatchBenchmark -p waitPolicy=passive
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class Dl4jBatchBenchmark {

    /** The arithmetic: {@code double} or {@code float}. */
    @Param({"double", "float"})
    public String dtype;

    /** Rows per {@code fit}. */
    @Param({"32", "256"})
    public int batch;

    /** ND4J's native threads. */
    @Param({"1", "2"})
    public int threads;

    /**
     * OpenMP's wait policy the environment must set: {@code default} (no {@code OMP_WAIT_POLICY}) or
     * {@code passive} ({@code OMP_WAIT_POLICY=PASSIVE}).
     */
    @Param({"default"})
    public String waitPolicy;

    private MultiLayerNetwork network;
    private INDArray[] features;
    private INDArray[] labels;
    private int next;

    /**
     * Checks the wait policy, sets ND4J's data type and threads, builds the network and the batches.
     *
     * @throws IllegalArgumentException on a bad parameter or a wait policy the environment does not have (one line)
     */
    @Setup(Level.Trial)
    public void setUp() {
        requireWaitPolicy(waitPolicy, System.getenv("OMP_WAIT_POLICY"));
        BatchTables.requireBatch(batch);
        DataType type = dataType(dtype);
        Nd4j.setDefaultDataTypes(type, type);
        Engine.setNd4jThreads(threads);
        network = network(BatchTables.SIZES, type, BatchTables.ETA);
        BatchTables tables = BatchTables.of(batch);
        features = new INDArray[BatchTables.BATCHES];
        labels = new INDArray[BatchTables.BATCHES];
        int nIn = BatchTables.SIZES[0];
        int nOut = BatchTables.SIZES[BatchTables.SIZES.length - 1];
        for (int k = 0; k < BatchTables.BATCHES; k++) {
            features[k] = Nd4j.create(tables.inputs()[k], new long[] {batch, nIn}, type);
            labels[k] = Nd4j.create(tables.targets()[k], new long[] {batch, nOut}, type);
        }
        next = 0;
    }

    /**
     * {@value BatchTables#SAMPLES} training samples: {@code fit} on the next batches of the table.
     *
     * @return the last batch's score (its mean loss), so that the work is consumed
     */
    @Benchmark
    @OperationsPerInvocation(BatchTables.SAMPLES)
    public double fit() {
        for (int s = 0; s < BatchTables.SAMPLES; s += batch) {
            final int k = next;
            next = (k + 1) & (BatchTables.BATCHES - 1);
            network.fit(features[k], labels[k]);
        }
        return network.score();
    }

    /**
     * Fails the run if learning drove any parameter to NaN or infinity.
     *
     * @throws IllegalStateException if a parameter is not finite
     */
    @TearDown(Level.Trial)
    public void checkFinite() {
        Dl4jStepBenchmark.requireFinite(network, "dl4j/" + dtype);
    }

    /** Returns the network under test, for the tests. */
    MultiLayerNetwork network() {
        return network;
    }

    /** Returns batch {@code k} of the table as features and labels, for the tests. */
    INDArray[] batch(int k) {
        return new INDArray[] {features[k], labels[k]};
    }

    /**
     * Checks that the environment's {@code OMP_WAIT_POLICY} is the one the parameter names.
     *
     * @param policy {@code default} or {@code passive}
     * @param env the value of {@code OMP_WAIT_POLICY}, or {@code null} when unset
     * @throws IllegalArgumentException if they differ
     */
    static void requireWaitPolicy(String policy, String env) {
        String expected;
        switch (policy) {
            case "default":
                expected = null;
                break;
            case "passive":
                expected = "PASSIVE";
                break;
            default:
                throw new IllegalArgumentException("waitPolicy must be default or passive, got " + policy);
        }
        String actual = env == null || env.isEmpty() ? null : env.toUpperCase(Locale.ROOT);
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new IllegalArgumentException("-p waitPolicy=" + policy + " needs "
                    + (expected == null ? "OMP_WAIT_POLICY unset" : "OMP_WAIT_POLICY=PASSIVE") + " in the environment,"
                    + " got " + (env == null ? "unset" : "OMP_WAIT_POLICY=" + Texts.quote(env)));
        }
    }

    /**
     * The ND4J data type of a parameter value.
     *
     * @param dtype {@code double} or {@code float}
     * @return the data type
     * @throws IllegalArgumentException otherwise
     */
    static DataType dataType(String dtype) {
        switch (dtype) {
            case "double":
                return DataType.DOUBLE;
            case "float":
                return DataType.FLOAT;
            default:
                throw new IllegalArgumentException("dtype must be double or float, got " + dtype);
        }
    }

    /**
     * Builds and initialises the seeded DL4J network: sigmoid dense layers, a softmax MCXENT output layer, bias,
     * Xavier weights, plain SGD.
     *
     * @param sizes {@code {nInputs, n1, ..., nOutputs}}, at least two entries, all {@code > 0}. Not modified.
     * @param type the data type
     * @param learningRate the SGD learning rate, {@code > 0}
     * @return the initialised network
     */
    static MultiLayerNetwork network(int[] sizes, DataType type, double learningRate) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(BatchTables.SEED)
                .dataType(type)
                .updater(new Sgd(learningRate))
                .weightInit(WeightInit.XAVIER)
                .list();
        int last = sizes.length - 2;
        for (int l = 0; l < last; l++) {
            list.layer(new DenseLayer.Builder().nIn(sizes[l]).nOut(sizes[l + 1]).activation(Activation.SIGMOID)
                    .build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(sizes[last]).nOut(sizes[last + 1])
                .activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
