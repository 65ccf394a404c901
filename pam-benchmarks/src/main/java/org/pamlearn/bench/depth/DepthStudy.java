// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.depth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pamlearn.bench.internal.CsvLines;
import org.pamlearn.core.Network;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.learning.StepContext;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LineFollowerRun;

/**
 * The depth study (docs/ALGORITHMS.md &sect;3). For each initialisation and depth {@code D} (the number of hidden
 * layers of {@value #HIDDEN_SIZE} centred-sigmoid neurons without bias, then one output neuron), and for each sample
 * (an input vector and an error {@code E}), a fresh network is built, and each rule takes one learning step on its own
 * {@link Network#copy() copy} of it: {@code forward(input)}, then {@code learn(E)}. Measured per layer {@code l} (0 =
 * the first hidden layer, {@code D} = the output layer):
 *
 * <ul>
 *   <li>{@code meanAbsDelta} (BP only): the mean of {@code |delta_j|} over the layer's neurons, read with
 *       {@link Network#deltas(int)} after the step;</li>
 *   <li>{@code meanAbsDwPerInput}: the mean over the layer's synapses {@code (j, i)} with {@code A_i != 0} of
 *       {@code |dw_ji| / |A_i|}, where {@code A_i} is the synapse's input (the network input for layer 0, the
 *       activation of layer {@code l - 1} otherwise). The rules make {@code dw_ji = eta * delta_j * A_i} (BP) and
 *       {@code eta * M * A_i * sgn(delta_j)} (SaR, PaM), so this is computed as {@code eta * |delta_j|} and
 *       {@code eta * M * |sgn(delta_j)|} from the deltas the learner left in the network (a synapse whose
 *       {@code delta_j} is exactly 0 counts as a step of 0; one whose {@code A_i} is 0 is left out). It is not
 *       taken from weight differences because those are lost to rounding when {@code |dw| < ulp(w)}, which
 *       happens in deep layers. Empty (NaN) when every input of the layer is exactly 0, which does happen: the
 *       centred sigmoid
 *       {@code 1/(1+e^-v) - 0.5} rounds {@code |v| < ~1e-16} to 0, and with the symmetric initialisation the forward
 *       signal shrinks about 20-fold per layer, so from about the 13th layer on every activation is 0 and no rule
 *       moves those weights at all;</li>
 *   <li>{@code measuredAbsDwPerInput}: the same mean taken from the weights before and after the step, as a
 *       check of the above; equal to it up to rounding where the steps are well above the weights' ulp.</li>
 * </ul>
 *
 * <p>Means are pooled over all samples (each sample has its own network, seeded from the study seed, the
 * initialisation, the depth and the sample index). Every rule uses {@code eta} = {@value #ETA}; the sign rules'
 * {@code M} is {@code |E|} (SaR's relevance cue {@link org.pamlearn.core.learning.Cues#absError()}; PaM's
 * modulation given directly through {@link StepContext#setModulation(double)}), so their
 * {@code meanAbsDwPerInput} is {@code eta * mean|E|} at every layer and depth wherever no delta is exactly 0.
 */
public final class DepthStudy {

    /** Neurons per hidden layer. */
    public static final int HIDDEN_SIZE = 10;
    /** Inputs of the random-input source. */
    public static final int RANDOM_INPUTS = 30;
    /** The error of the random-input source. */
    public static final double RANDOM_ERROR = 0.1;
    /** The learning rate of every rule. */
    public static final double ETA = 1e-3;
    /** Half width of the symmetric initialisation {@code U[-w, w)} (as {@code pamlearn compare}). */
    public static final double SYMMETRIC_HALF_WIDTH = 0.1;

    private DepthStudy() {
    }

    /** Where the samples come from. */
    public enum Source {
        /** Inputs {@code U[-1, 1)}, error {@value DepthStudy#RANDOM_ERROR}. */
        RANDOM,
        /** Inputs and errors of the learned steps of a simulated line-follower session. */
        SESSION;

        /**
         * Returns the CSV name.
         *
         * @return {@code random} or {@code session}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The samples of one source: input vectors and their errors.
     *
     * @param inputs the input vectors, all the same length
     * @param errors the errors, one per input vector
     */
    public record Samples(double[][] inputs, double[] errors) {

        /**
         * Checks the shapes.
         *
         * @param inputs the input vectors, at least one, all the same non-zero length
         * @param errors the errors, one per input vector, finite
         */
        public Samples {
            Objects.requireNonNull(inputs, "inputs");
            Objects.requireNonNull(errors, "errors");
            if (inputs.length == 0 || inputs.length != errors.length) {
                throw new IllegalArgumentException("need >= 1 sample and one error per sample, got " + inputs.length
                        + " inputs and " + errors.length + " errors");
            }
            for (double[] in : inputs) {
                if (in.length == 0 || in.length != inputs[0].length) {
                    throw new IllegalArgumentException("inputs must have the same non-zero length, got "
                            + in.length + " and " + inputs[0].length);
                }
            }
        }

        /**
         * Returns the number of samples.
         *
         * @return the count
         */
        public int size() {
            return errors.length;
        }

        /**
         * Returns the input size.
         *
         * @return the length of every input vector
         */
        public int inputSize() {
            return inputs[0].length;
        }
    }

    /**
     * One CSV row: a layer's measures for one rule.
     *
     * @param source the samples' source
     * @param init the initialisation
     * @param depth the number of hidden layers
     * @param layer the layer, 0 (first hidden) to {@code depth} (output)
     * @param rule the rule
     * @param meanAbsDelta BP's mean {@code |delta|}; NaN for the sign rules
     * @param meanAbsDwPerInput the mean {@code |dw_ji| / |A_i|} from the deltas
     * @param measuredAbsDwPerInput the same from weight differences
     */
    public record Row(Source source, NetworkInit init, int depth, int layer, LearningRules.Name rule,
            double meanAbsDelta, double meanAbsDwPerInput, double measuredAbsDwPerInput) {

        /** The CSV header. */
        public static final String HEADER =
                "source,init,depth,layer,rule,meanAbsDelta,meanAbsDwPerInput,measuredAbsDwPerInput";

        /**
         * Returns the CSV line (no newline); {@code meanAbsDelta} is empty for the sign rules.
         *
         * @return the line
         */
        public String csv() {
            return CsvLines.join(source.label(), init.label(), Integer.toString(depth), Integer.toString(layer),
                    rule.label(), num(meanAbsDelta), num(meanAbsDwPerInput), num(measuredAbsDwPerInput));
        }

        private static String num(double x) {
            return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.6e", x);
        }
    }

    /**
     * Random samples: inputs {@code U[-1, 1)}, every error {@code error}.
     *
     * @param n the number of samples, {@code >= 1}
     * @param inputs the input size, {@code >= 1}
     * @param error the error, finite
     * @param seed the seed
     * @return the samples
     */
    public static Samples randomSamples(int n, int inputs, double error, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] in = new double[n][inputs];
        double[] errors = new double[n];
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < inputs; i++) {
                in[s][i] = random.nextDouble(-1.0, 1.0);
            }
            errors[s] = error;
        }
        return new Samples(in, errors);
    }

    /**
     * Records a simulated line-follower session (PaM, the default settings of {@code pamlearn line-follower}, this
     * seed) for {@code steps} steps and keeps the inputs and errors of the steps that learned with a non-zero error
     * (a zero error moves no weight in any rule).
     *
     * @param steps the session's steps, {@code >= 1}
     * @param seed the session's seed
     * @return the samples (input size: the session network's, 150 with the default row sensors)
     * @throws IllegalStateException if no step learned with a non-zero error
     */
    public static Samples sessionSamples(int steps, long seed) {
        return sessionSamples(steps, seed, () -> false).orElseThrow();
    }

    /**
     * Records a session as {@link #sessionSamples(int, long)} until it ends or {@code stop} turns true (checked
     * before each step).
     *
     * @param steps the session's most steps, {@code >= 1}
     * @param seed the session's seed
     * @param stop the stop condition
     * @return the samples of the steps run; empty if the stop came before a step learned with a non-zero error
     * @throws IllegalStateException if the session ended without a stop and no step learned with a non-zero error
     */
    public static Optional<Samples> sessionSamples(int steps, long seed, BooleanSupplier stop) {
        List<double[]> inputs = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        LineFollowerRun.Result run = LineFollowerRun.builder().seed(seed).maxSteps(steps).listener(r -> {
            if (r.learned() && r.error() != 0.0 && r.inputCount() > 0) {
                double[] in = new double[r.inputCount()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = r.learnedInput(i);
                }
                inputs.add(in);
                errors.add(r.error());
            }
        }).stopWhen(stop).build().run();
        if (inputs.isEmpty()) {
            if (run.stopped()) {
                return Optional.empty();
            }
            throw new IllegalStateException("the session of " + steps + " steps learned no step with an error");
        }
        double[] e = new double[errors.size()];
        for (int k = 0; k < e.length; k++) {
            e[k] = errors.get(k);
        }
        return Optional.of(new Samples(inputs.toArray(new double[0][]), e));
    }

    /**
     * Builds a study network: {@code depth} hidden layers of {@link #HIDDEN_SIZE}, one output, centred sigmoid,
     * no bias; the authors' initialisation ({@code U[0, 0.001)} on the first layer, {@code U[0, 1)} on the others)
     * or the symmetric one ({@code U[-0.1, 0.1)} everywhere).
     *
     * @param inputs the input size
     * @param depth the hidden layers, {@code >= 1}
     * @param init the initialisation
     * @param seed the seed of the weights
     * @return the network
     */
    public static Network network(int inputs, int depth, NetworkInit init, long seed) {
        int[] hidden = new int[depth];
        Arrays.fill(hidden, HIDDEN_SIZE);
        return init.network(inputs, hidden, 1, seed, SYMMETRIC_HALF_WIDTH);
    }

    /**
     * Measures every initialisation and depth on these samples.
     *
     * @param source the samples' source (a label for the rows)
     * @param samples the samples
     * @param inits the initialisations
     * @param depths the depths, each {@code >= 1}
     * @param seed the study seed
     * @return the rows: per init, depth, rule and layer
     */
    public static List<Row> measure(Source source, Samples samples, List<NetworkInit> inits, int[] depths,
            long seed) {
        return measure(source, samples, inits, depths, seed, done -> { }, () -> false);
    }

    /**
     * Measures every initialisation and depth on these samples, handing over the rows of each initialisation and
     * depth as soon as they are measured (for progress, and to write them as the study goes), until done or until
     * {@code stop} turns true (checked before each sample): the point in progress is then abandoned, and the rows
     * are those of the points measured before it, each whole (every rule and layer).
     *
     * @param source the samples' source (a label for the rows)
     * @param samples the samples
     * @param inits the initialisations
     * @param depths the depths, each {@code >= 1}
     * @param seed the study seed
     * @param done gets the rows of one initialisation and depth, in the order of the result; called on this thread
     * @param stop the stop condition
     * @return the rows: per init, depth, rule and layer
     */
    public static List<Row> measure(Source source, Samples samples, List<NetworkInit> inits, int[] depths,
            long seed, Consumer<List<Row>> done, BooleanSupplier stop) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(stop, "stop");
        List<Row> rows = new ArrayList<>();
        LearningRules.Name[] rules = LearningRules.Name.values();
        for (NetworkInit init : inits) {
            for (int depth : depths) {
                if (stop.getAsBoolean()) {
                    return rows;
                }
                int layers = depth + 1;
                double[][] sumDelta = new double[rules.length][layers];
                long[][] nDelta = new long[rules.length][layers];
                double[][] sumDw = new double[rules.length][layers];
                double[][] sumMeasured = new double[rules.length][layers];
                long[][] nDw = new long[rules.length][layers];
                for (int s = 0; s < samples.size(); s++) {
                    if (stop.getAsBoolean()) {
                        return rows; // the point in progress is abandoned: only whole points are handed over
                    }
                    long netSeed = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (1 + init.ordinal()))
                            ^ (0xBF58476D1CE4E5B9L * depth) ^ (0x94D049BB133111EBL * (s + 1))).nextLong();
                    Network net = network(samples.inputSize(), depth, init, netSeed);
                    for (int r = 0; r < rules.length; r++) {
                        step(net.copy(), rules[r], samples.inputs()[s], samples.errors()[s], sumDelta[r], nDelta[r],
                                sumDw[r], sumMeasured[r], nDw[r]);
                    }
                }
                int first = rows.size();
                for (int r = 0; r < rules.length; r++) {
                    for (int l = 0; l < layers; l++) {
                        double delta = rules[r] == LearningRules.Name.BP ? sumDelta[r][l] / nDelta[r][l] : Double.NaN;
                        double dw = nDw[r][l] == 0 ? Double.NaN : sumDw[r][l] / nDw[r][l];
                        double measured = nDw[r][l] == 0 ? Double.NaN : sumMeasured[r][l] / nDw[r][l];
                        rows.add(new Row(source, init, depth, l, rules[r], delta, dw, measured));
                    }
                }
                done.accept(List.copyOf(rows.subList(first, rows.size())));
            }
        }
        return rows;
    }

    private static void step(Network net, LearningRules.Name rule, double[] input, double error, double[] sumDelta,
            long[] nDelta, double[] sumDw, double[] sumMeasured, long[] nDw) {
        int layers = net.layerCount();
        // SaR's relevance is |E| by default; PaM's cues need a robot, so its modulation |E| is given below.
        Learner learner = LearningRules.create(rule, LearningRules.Options.eta(ETA)).newLearner(net);
        StepContext context = new StepContext();
        if (rule == LearningRules.Name.PAM) {
            context.setModulation(Math.abs(error));
        }
        net.forward(input, new double[net.outputCount()]);
        double[][] in = new double[layers][];
        double[][][] before = new double[layers][][];
        for (int l = 0; l < layers; l++) {
            in[l] = l == 0 ? input.clone() : net.activations(l - 1);
            before[l] = net.weights(l);
        }
        learner.learn(error, context);
        double m = learner.lastModulation();
        for (int l = 0; l < layers; l++) {
            double[] delta = net.deltas(l);
            double[][] after = net.weights(l);
            for (int j = 0; j < delta.length; j++) {
                sumDelta[l] += Math.abs(delta[j]);
                nDelta[l]++;
                double perInput = rule == LearningRules.Name.BP ? ETA * Math.abs(delta[j])
                        : ETA * m * Math.abs(Math.signum(delta[j]));
                for (int i = 0; i < in[l].length; i++) {
                    double a = Math.abs(in[l][i]);
                    if (a != 0.0) {
                        sumDw[l] += perInput;
                        sumMeasured[l] += Math.abs(after[j][i] - before[l][j][i]) / a;
                        nDw[l]++;
                    }
                }
            }
        }
    }
}
