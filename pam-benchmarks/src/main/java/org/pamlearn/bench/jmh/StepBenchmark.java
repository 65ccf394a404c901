// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.learning.StepContext;

/**
 * One online learning step, the real-time cost per control sample: {@code network.forward(input, out)}
 * followed by {@code learner.learn(error, context)}, batch size 1.
 *
 * <p>Shapes ({@link #shape}) are the authors' (Daryanavard &amp; Porr) networks, all with
 * {@code CENTERED_SIGMOID}, no bias, weights {@code U[0, 1)} and {@code U[0, 0.001)} on the first layer:
 * <ul>
 *   <li>{@code robot}: 240 inputs; layers 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3 (the line follower);</li>
 *   <li>{@code wide}: 240 inputs; layers 64, 64, 64, 64, 3;</li>
 *   <li>{@code deep}: 10 inputs; ten layers of 10, then 1.</li>
 * </ul>
 * Rules ({@link #rule}) are {@code bp} (back-propagation, {@code eta = 1e-4}), {@code sar}
 * (Sign-and-Relevance with its default relevance {@code |E|}, {@code eta = 1e-5}) and {@code pam}
 * (Prime-and-Modulate with its default modulation, error rate times look-ahead, {@code eta = 1e-5}).
 *
 * <p>Inputs, targets and look-ahead positions cycle through {@value #TABLE_SIZE} seeded, precomputed
 * entries, so no step is constant. The error closes a loop, {@code E = t - y} with {@code y} the first
 * output: the network keeps chasing random targets instead of drifting, so its units don't saturate (a
 * saturated {@code CENTERED_SIGMOID} has {@code f' = 0} exactly, which would zero the deltas and skip the
 * updates). Every step's modulation is {@code > 0}: {@code E} is practically never 0, and no look-ahead
 * position is the cue's centre 6.5. The learning rates are small enough that the weights stay finite over
 * the millions of steps of a run; {@link #checkFinite()} fails the run otherwise.
 *
 * <p>Run from the repository root (the defaults below take about 3 minutes for all nine combinations):
 * <pre>
 *   ./mvnw -B -ntp -q -pl pam-benchmarks -am package -DskipTests
 *   java -jar pam-benchmarks/target/benchmarks.jar '\.StepBenchmark\.' -prof gc
 *   java -jar pam-benchmarks/target/benchmarks.jar '\.StepBenchmark\.' -p shape=robot -p rule=pam
 * </pre>
 * {@code -prof gc} adds {@code gc.alloc.rate.norm} (bytes allocated per step), which should be about 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class StepBenchmark {

    /** Entries of the precomputed input, target and look-ahead tables; a power of two. */
    static final int TABLE_SIZE = 1024;

    /** The seed of the tables and the initial weights. */
    static final long SEED = 20230907L;

    /** The network shape: {@code robot}, {@code wide} or {@code deep}. */
    @Param({"robot", "wide", "deep"})
    public String shape;

    /** The learning rule: {@code bp}, {@code sar} or {@code pam}. */
    @Param({"bp", "sar", "pam"})
    public String rule;

    private Network network;
    private Learner learner;
    private final StepContext context = new StepContext();
    private double[][] inputs;
    private double[] targets;
    private double[] lookaheads;
    private double[] out;
    private int step;

    /** Builds the seeded network, its learner and the tables. */
    @Setup(Level.Trial)
    public void setUp() {
        network = network(shape);
        learner = rule(rule).newLearner(network);
        out = new double[network.outputCount()];
        Tables tables = Tables.of(network.inputCount());
        inputs = tables.inputs();
        targets = tables.targets();
        lookaheads = tables.lookaheads();
        step = 0;
    }

    /**
     * One online step.
     *
     * @return the first output, so that the forward pass is consumed
     */
    @Benchmark
    public double step() {
        final int k = step;
        step = (k + 1) & (TABLE_SIZE - 1);
        network.forward(inputs[k], out);
        context.setLookahead(lookaheads[k]);
        learner.learn(targets[k] - out[0], context);
        return out[0];
    }

    /**
     * Fails the run if learning drove any weight or output to NaN or infinity (the rates were too large).
     *
     * @throws IllegalStateException if a weight or an output is not finite
     */
    @TearDown(Level.Trial)
    public void checkFinite() {
        for (int l = 0; l < network.layerCount(); l++) {
            for (double[] row : network.weights(l)) {
                for (double w : row) {
                    if (!Double.isFinite(w)) {
                        throw new IllegalStateException(shape + "/" + rule + ": layer " + l + " has weight " + w);
                    }
                }
            }
        }
        for (double o : out) {
            if (!Double.isFinite(o)) {
                throw new IllegalStateException(shape + "/" + rule + ": output " + o);
            }
        }
    }

    /**
     * Builds one of the authors' networks.
     *
     * @param name {@code robot}, {@code wide} or {@code deep}
     * @return the network, seeded
     * @throws IllegalArgumentException if the name is unknown
     */
    static Network network(String name) {
        int[] s = sizes(name);
        return authors(s[0], s[1], Arrays.copyOfRange(s, 2, s.length));
    }

    /**
     * Returns a shape's sizes (shared with {@link Dl4jStepBenchmark}).
     *
     * @param name {@code robot}, {@code wide} or {@code deep}
     * @return {@code {nInputs, n1, ..., nOutputs}}; a new array
     * @throws IllegalArgumentException if the name is unknown
     */
    static int[] sizes(String name) {
        switch (name) {
            case "robot":
                return new int[] {240, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3};
            case "wide":
                return new int[] {240, 64, 64, 64, 64, 3};
            case "deep":
                return new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 1};
            default:
                throw new IllegalArgumentException("shape must be robot, wide or deep, got " + name);
        }
    }

    /**
     * The seeded tables the steps cycle through (shared with {@link Dl4jStepBenchmark}): per entry, inputs
     * {@code U[-1, 1)}, a target {@code U[-0.4, 0.4)} and a look-ahead column {@code 1..12}, drawn in that order.
     *
     * @param inputs {@value #TABLE_SIZE} input rows
     * @param targets {@value #TABLE_SIZE} targets
     * @param lookaheads {@value #TABLE_SIZE} look-ahead columns
     */
    record Tables(double[][] inputs, double[] targets, double[] lookaheads) {
        /** Draws the tables from {@link #SEED} for rows of {@code nInputs}. */
        static Tables of(int nInputs) {
            SplittableRandom random = new SplittableRandom(SEED);
            double[][] inputs = new double[TABLE_SIZE][nInputs];
            double[] targets = new double[TABLE_SIZE];
            double[] lookaheads = new double[TABLE_SIZE];
            for (int k = 0; k < TABLE_SIZE; k++) {
                for (int i = 0; i < nInputs; i++) {
                    inputs[k][i] = random.nextDouble(-1.0, 1.0);
                }
                targets[k] = random.nextDouble(-0.4, 0.4);
                // Columns 1..12: never the look-ahead cue's centre 6.5, so LC(n) > 0.
                lookaheads[k] = 1 + random.nextInt(12);
            }
            return new Tables(inputs, targets, lookaheads);
        }
    }

    /**
     * Builds a network initialised as the authors did: {@code U[0, 0.001)} on the first layer, {@code U[0, 1)} on the
     * others, {@code CENTERED_SIGMOID}, no bias, seeded.
     */
    static Network authors(int nInputs, int first, int... rest) {
        return Network.builder(nInputs)
                .layer(LayerSpec.of(first).withInit(WeightInits.uniform(0.0, 0.001)))
                .layers(rest)
                .seed(SEED)
                .build();
    }

    /**
     * Builds a rule with a rate small enough for millions of steps.
     *
     * @param name {@code bp}, {@code sar} or {@code pam}
     * @return the rule
     * @throws IllegalArgumentException if the name is unknown
     */
    static LearningRule rule(String name) {
        return rule(name, LearningRules.Options.eta(1e-5));
    }

    /**
     * Builds a rule with a sign rule's options; BP gets {@code eta = 1e-4} whatever they say.
     *
     * @param name {@code bp}, {@code sar} or {@code pam}
     * @param signRuleOptions the options of SaR and PaM
     * @return the rule
     * @throws IllegalArgumentException if the name is unknown
     */
    static LearningRule rule(String name, LearningRules.Options signRuleOptions) {
        LearningRules.Name rule = LearningRules.Name.parse(name);
        return LearningRules.create(rule,
                rule == LearningRules.Name.BP ? LearningRules.Options.eta(1e-4) : signRuleOptions);
    }
}
