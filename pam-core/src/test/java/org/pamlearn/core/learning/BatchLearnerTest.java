// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Engine;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.NetworkFixtures;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.internal.DenseLayer;
import org.pamlearn.core.internal.NetworkAccess;
import org.pamlearn.core.learning.BatchLearner.Loss;

/**
 * {@link BatchLearner} against truth the test computes itself (docs/BATCH.md): its own forward pass, its own losses,
 * central finite differences of the batch's mean loss, its own sign propagation and its own cue arithmetic.
 */
class BatchLearnerTest {

    private static final Activation[] HIDDEN = {Activation.TANH, Activation.SIGMOID, Activation.CENTERED_SIGMOID};

    // ---------------------------------------------------------------------------------------------------------------
    // BP: the batch-mean gradient

    /** Output activation and loss pairs, bias on/off, batch sizes and engines; the seed varies with the case. */
    static Stream<Arguments> gradientCases() {
        List<Arguments> cases = new ArrayList<>();
        Object[][] outputs = {
            {Activation.SIGMOID, Loss.SQUARED_ERROR}, {Activation.TANH, Loss.SQUARED_ERROR},
            {Activation.CENTERED_SIGMOID, Loss.SQUARED_ERROR}, {Activation.LINEAR, Loss.SQUARED_ERROR},
            {Activation.LINEAR, Loss.SOFTMAX_CROSS_ENTROPY}};
        long seed = 0;
        for (String engine : new String[] {"plain", "nd4j-double"}) {
            for (Object[] out : outputs) {
                for (boolean bias : new boolean[] {false, true}) {
                    for (int rows : new int[] {1, 3, 8}) {
                        cases.add(Arguments.of(engine, out[0], out[1], bias, rows, seed++));
                    }
                }
            }
        }
        return cases.stream();
    }

    /**
     * {@code (W_after - W_before) / eta = -dL/dW} for {@code L} the batch's mean loss, from central differences
     * ({@code h = 1e-5}, truncation and rounding both about 1e-10). Per parameter of layer {@code l} the tolerance is
     * {@code 1e-6 * (|g| + G_l)}, {@code G_l} the largest {@code |g|} of the layer: a step not divided by B is off by
     * a factor B, a wrong sign by {@code 2|g|}, a missing {@code f'} by a factor of at least 4 for the sigmoids.
     */
    @ParameterizedTest(name = "{0} {1} {2} bias={3} B={4} seed={5}")
    @MethodSource("gradientCases")
    void backpropStepIsMinusEtaTimesTheBatchMeanGradient(String engine, Activation out, Loss loss, boolean bias,
            int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network net = network(random, engine, out, bias);
        Batch batch = batch(random, net, loss, rows);
        double[][] g = gradient(net, params -> meanLoss(params, loss, batch));
        double eta = 0.5;
        double[][] before = parameters(net);
        BatchLearner learner = BatchLearner.builder(Backprop.builder().eta(eta).build(), net).loss(loss)
                .maxRows(8).build();
        learner.step(batch.x, batch.t, rows);
        double[][] after = parameters(net);
        for (int l = 0; l < g.length; l++) {
            double gl = maxAbs(g[l]);
            for (int p = 0; p < g[l].length; p++) {
                double step = (after[l][p] - before[l][p]) / eta;
                double tol = 1e-6 * (Math.abs(g[l][p]) + gl) + 1e-12;
                if (!(Math.abs(step + g[l][p]) <= tol)) {
                    fail(net + " layer " + l + " parameter " + p + ": step / eta " + step + ", -dL/dp " + -g[l][p]);
                }
            }
        }
    }

    /**
     * Without the output derivative BP is not a gradient of the loss: its output error signal is {@code E} where the
     * gradient has {@code E f'(v)}. Its step is the gradient of the surrogate {@code S = mean_b sum_m E_m,b v_m,b}
     * with the errors {@code E} held at their values before the step ({@code v} the output layer's sums), which is
     * what is checked here, by central differences of {@code S}. The sigmoid output makes it differ from the gradient
     * of the loss; the last assertion shows that it does.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "nd4j-double"})
    void withoutOutputDerivativeTheStepAscendsTheErrorWeightedSums(String engine) {
        SplittableRandom random = new SplittableRandom(41);
        Network net = network(random, engine, Activation.SIGMOID, true);
        Batch batch = batch(random, net, Loss.SQUARED_ERROR, 5);
        double[][] errors = new double[5][];
        for (int b = 0; b < 5; b++) {
            double[] y = Forward.of(parametersOf(net), activations(net), batch.row(b)).output();
            errors[b] = new double[y.length];
            for (int m = 0; m < y.length; m++) {
                errors[b][m] = batch.t[b * y.length + m] - y[m];
            }
        }
        double[][] surrogate = gradient(net, params -> {
            double s = 0.0;
            for (int b = 0; b < 5; b++) {
                Forward f = Forward.of(params, activations(net), batch.row(b));
                double[] v = f.v[f.v.length - 1];
                for (int m = 0; m < v.length; m++) {
                    s += errors[b][m] * v[m];
                }
            }
            return s / 5;
        });
        double[][] lossGradient = gradient(net, params -> meanLoss(params, Loss.SQUARED_ERROR, batch));
        double eta = 0.25;
        double[][] before = parameters(net);
        BatchLearner.builder(Backprop.builder().eta(eta).outputDerivative(false).build(), net).maxRows(5).build()
                .step(batch.x, batch.t, 5);
        double[][] after = parameters(net);
        double offFromLoss = 0.0;
        for (int l = 0; l < surrogate.length; l++) {
            double gl = maxAbs(surrogate[l]);
            for (int p = 0; p < surrogate[l].length; p++) {
                double step = (after[l][p] - before[l][p]) / eta;
                assertEquals(surrogate[l][p], step, 1e-6 * (Math.abs(surrogate[l][p]) + gl) + 1e-12,
                        "layer " + l + " parameter " + p);
                offFromLoss = Math.max(offFromLoss, Math.abs(step + lossGradient[l][p]) / (gl + 1e-300));
            }
        }
        assertTrue(offFromLoss > 0.1, "without f' the step should not be the loss gradient: " + offFromLoss);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // SaR and PaM: the sign of the summed change

    static Stream<Arguments> signCases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 100;
        for (String engine : new String[] {"plain", "nd4j-double"}) {
            for (String rule : new String[] {"sar", "pam"}) {
                for (Loss loss : Loss.values()) {
                    for (boolean bias : new boolean[] {false, true}) {
                        for (int rows : new int[] {1, 4, 8}) {
                            cases.add(Arguments.of(engine, rule, loss, bias, rows, seed++));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    /**
     * With exact propagation (the default) a sign rule's step is {@code eta * M * sgn(sum_b A_i,b delta_j,b)}, and
     * that sum is {@code -B} times the batch-mean gradient: so {@code (W_after - W_before) / (eta * M) = sgn(-dL/dW)}
     * wherever the finite-difference gradient is clearly non-zero (above {@code 1e-5 G_l}), and is -1, 0 or 1
     * everywhere. At B = 1 this is the sign of the whole change, not the online step's {@code A_i sgn(delta_j)}.
     */
    @ParameterizedTest(name = "{0} {1} {2} bias={3} B={4} seed={5}")
    @MethodSource("signCases")
    void signRuleStepIsTheSignOfMinusTheGradient(String engine, String ruleName, Loss loss, boolean bias, int rows,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network net = network(random, engine, loss == Loss.SOFTMAX_CROSS_ENTROPY ? Activation.LINEAR
                : Activation.SIGMOID, bias);
        Batch batch = batch(random, net, loss, rows);
        double[][] g = gradient(net, params -> meanLoss(params, loss, batch));
        double eta = 0.0625;
        LearningRule rule = ruleName.equals("sar") ? SignAndRelevance.builder().eta(eta).build()
                : PrimeAndModulate.builder().eta(eta).build();
        double[][] before = parameters(net);
        BatchLearner learner = BatchLearner.builder(rule, net).loss(loss).maxRows(8).build();
        learner.step(batch.x, batch.t, rows);
        double m = learner.lastModulation();
        assertTrue(m > 0, "M " + m);
        double[][] after = parameters(net);
        int checked = 0;
        for (int l = 0; l < g.length; l++) {
            double gl = maxAbs(g[l]);
            for (int p = 0; p < g[l].length; p++) {
                double unit = (after[l][p] - before[l][p]) / (eta * m);
                double rounded = Math.rint(unit);
                assertEquals(rounded, unit, 1e-9, "layer " + l + " parameter " + p + " is not a whole step");
                assertTrue(Math.abs(rounded) <= 1, "layer " + l + " parameter " + p + " moved " + unit + " steps");
                if (Math.abs(g[l][p]) > 1e-5 * gl) {
                    checked++;
                    assertEquals(Math.signum(-g[l][p]), rounded, "layer " + l + " parameter " + p + ", dL/dp "
                            + g[l][p]);
                }
            }
        }
        assertTrue(checked > 0, "nothing checked");
    }

    /**
     * With {@link SignPropagation#SIGN_ONLY} the signs travel backwards per sample ({@code s^(L) = sgn(delta^(L))},
     * {@code s_k = sgn(f'(v_k) sum_j w_jk s_j)}), then each synapse moves by {@code eta * M * sgn(sum_b A_i,b s_j,b)};
     * the reference is computed here from the test's own forward pass. A synapse whose reference sum is within
     * rounding of zero (relative 1e-12 of the sum of its terms' sizes) is not compared.
     */
    @ParameterizedTest(name = "{0} {1} B={2}")
    @MethodSource("signOnlyCases")
    void signOnlyPropagatesSignsPerSampleThenTakesTheSignOfTheSum(String engine, Loss loss, int rows) {
        SplittableRandom random = new SplittableRandom(7 + rows);
        Network net = network(random, engine, loss == Loss.SOFTMAX_CROSS_ENTROPY ? Activation.LINEAR
                : Activation.TANH, true);
        Batch batch = batch(random, net, loss, rows);
        double[][][] params = parametersOf(net);
        int layers = net.layerCount();
        double[][] sum = new double[layers][];
        double[][] size = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int n = net.layerSize(l) * (net.layerInputCount(l) + 1);
            sum[l] = new double[n];
            size[l] = new double[n];
        }
        for (int b = 0; b < rows; b++) {
            Forward f = Forward.of(params, activations(net), batch.row(b));
            double[] e = outputErrors(loss, f.output(), batch.target(b));
            double[][] s = new double[layers][];
            int last = layers - 1;
            s[last] = new double[e.length];
            for (int m = 0; m < e.length; m++) {
                double d = loss == Loss.SQUARED_ERROR ? e[m] * derivative(net.activation(last), f.v[last][m]) : e[m];
                s[last][m] = Math.signum(d);
            }
            for (int l = last - 1; l >= 0; l--) {
                s[l] = new double[net.layerSize(l)];
                for (int k = 0; k < s[l].length; k++) {
                    double back = 0.0;
                    for (int j = 0; j < s[l + 1].length; j++) {
                        back += params[l + 1][0][j * s[l].length + k] * s[l + 1][j];
                    }
                    s[l][k] = Math.signum(derivative(net.activation(l), f.v[l][k]) * back);
                }
            }
            for (int l = 0; l < layers; l++) {
                double[] in = l == 0 ? batch.row(b) : f.a[l - 1];
                int nIn = in.length;
                for (int j = 0; j < s[l].length; j++) {
                    for (int i = 0; i <= nIn; i++) {
                        double a = i < nIn ? in[i] : 1.0; // the bias learns like a weight with input 1
                        sum[l][j * (nIn + 1) + i] += a * s[l][j];
                        size[l][j * (nIn + 1) + i] += Math.abs(a * s[l][j]);
                    }
                }
            }
        }
        double eta = 0.125;
        LearningRule rule = SignAndRelevance.builder().eta(eta).signPropagation(SignPropagation.SIGN_ONLY)
                .relevance(Cues.constant(1.0)).build();
        double[][] before = parameters(net);
        BatchLearner.builder(rule, net).loss(loss).maxRows(rows).build().step(batch.x, batch.t, rows);
        double[][] after = parameters(net);
        int checked = 0;
        for (int l = 0; l < layers; l++) {
            int nIn = net.layerInputCount(l);
            int nW = net.layerSize(l) * nIn;
            for (int p = 0; p < after[l].length; p++) {
                // parameters(): weights row-major then biases; the reference: per neuron nIn weights and its bias.
                int ref = p < nW ? p / nIn * (nIn + 1) + p % nIn : (p - nW) * (nIn + 1) + nIn;
                if (Math.abs(sum[l][ref]) <= 1e-12 * size[l][ref]) {
                    continue;
                }
                checked++;
                assertEquals(eta * Math.signum(sum[l][ref]), after[l][p] - before[l][p], 1e-12,
                        "layer " + l + " parameter " + p + ", reference sum " + sum[l][ref]);
            }
        }
        assertTrue(checked > 0, "nothing checked");
    }

    static Stream<Arguments> signOnlyCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String engine : new String[] {"plain", "nd4j-double"}) {
            for (Loss loss : Loss.values()) {
                for (int rows : new int[] {1, 2, 6}) {
                    cases.add(Arguments.of(engine, loss, rows));
                }
            }
        }
        return cases.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // M per batch

    /**
     * SaR's default relevance is {@code |E|} of the batch: the mean of {@code |t - y|} over every row and output,
     * saturated to the cue error limit (default 1); with the limit off it is the mean itself.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "nd4j-double"})
    void sarDefaultRelevanceIsTheBatchMeanAbsoluteError(String engine) {
        SplittableRandom random = new SplittableRandom(5);
        Network net = network(random, engine, Activation.SIGMOID, true);
        for (double spread : new double[] {0.5, 4.0}) {
            for (double limit : new double[] {Cues.DEFAULT_CUE_ERROR_LIMIT, Double.POSITIVE_INFINITY}) {
                Batch batch = batch(random, net, Loss.SQUARED_ERROR, 6);
                for (int k = 0; k < batch.t.length; k++) {
                    batch.t[k] = spread * random.nextDouble(-1.0, 1.0);
                }
                double meanAbs = 0.0;
                double[][][] params = parametersOf(net);
                for (int b = 0; b < 6; b++) {
                    double[] y = Forward.of(params, activations(net), batch.row(b)).output();
                    double[] e = outputErrors(Loss.SQUARED_ERROR, y, batch.target(b));
                    for (double v : e) {
                        meanAbs += Math.abs(v);
                    }
                }
                meanAbs /= batch.t.length;
                BatchLearner learner = BatchLearner.builder(SignAndRelevance.builder().eta(0.01)
                        .cueErrorLimit(limit).build(), net).maxRows(6).build();
                learner.step(batch.x, batch.t, 6);
                assertEquals(Math.min(meanAbs, limit), learner.lastModulation(), 1e-12 * meanAbs,
                        "spread " + spread + ", limit " + limit + ", mean |E| " + meanAbs);
            }
        }
        BatchLearner constant = BatchLearner.builder(SignAndRelevance.builder().eta(0.01)
                .relevance(Cues.constant(1.0)).build(), net).maxRows(6).build();
        Batch batch = batch(random, net, Loss.SQUARED_ERROR, 6);
        constant.step(batch.x, batch.t, 6);
        assertEquals(1.0, constant.lastModulation(), 0.0, "relevance const");
    }

    /**
     * PaM's default modulation follows the loss trend: {@code M = 1} at the first batch, then
     * {@code exp(clamp(L (L - L_prev), -10, 10))} with {@code L} and {@code L_prev} this and the previous batch's mean
     * loss (before their updates), both saturated to the cue error limit. The losses come from the test's own forward
     * pass and also check {@link BatchLearner#lastLoss()} and the value {@code step} returns. The batches alternate
     * between near and far targets so that the trend goes both ways and past the saturation; with the limit off the
     * clamp at 10 is reached.
     */
    @ParameterizedTest(name = "{0} {1} limit={2}")
    @MethodSource("lossTrendCases")
    void pamDefaultModulationFollowsTheLossTrend(String engine, Loss loss, double limit) {
        SplittableRandom random = new SplittableRandom(9);
        Network net = network(random, engine, loss == Loss.SOFTMAX_CROSS_ENTROPY ? Activation.LINEAR
                : Activation.TANH, true);
        BatchLearner learner = BatchLearner.builder(PrimeAndModulate.builder().eta(0.01).cueErrorLimit(limit).build(),
                net).loss(loss).maxRows(4).build();
        assertTrue(Double.isNaN(learner.lastLoss()), "no loss before the first step");
        double previous = Double.NaN;
        boolean clamped = false;
        for (int n = 0; n < 8; n++) {
            Batch batch = batch(random, net, loss, 4);
            if (loss == Loss.SQUARED_ERROR) {
                for (int k = 0; k < batch.t.length; k++) {
                    batch.t[k] *= n % 3 == 1 ? 6.0 : 0.3;
                }
            }
            double expectedLoss = meanLoss(parametersOf(net), loss, batch);
            double returned = learner.step(batch.x, batch.t, 4);
            assertEquals(expectedLoss, returned, 1e-12 * expectedLoss, "step " + n + " returns the mean loss");
            assertEquals(returned, learner.lastLoss(), 0.0, "lastLoss");
            double l = Math.min(expectedLoss, limit);
            double expectedM = 1.0;
            if (n > 0) {
                double x = l * (l - previous);
                clamped |= Math.abs(x) > 10;
                expectedM = Math.exp(Math.max(-10.0, Math.min(10.0, x)));
            }
            assertEquals(expectedM, learner.lastModulation(), 1e-9 * expectedM, "M of batch " + n);
            previous = l;
        }
        if (limit == Double.POSITIVE_INFINITY && loss == Loss.SQUARED_ERROR) {
            assertTrue(clamped, "the clamp was never reached");
        }
    }

    static Stream<Arguments> lossTrendCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String engine : new String[] {"plain", "nd4j-double"}) {
            for (Loss loss : Loss.values()) {
                cases.add(Arguments.of(engine, loss, Cues.DEFAULT_CUE_ERROR_LIMIT));
            }
        }
        cases.add(Arguments.of("plain", Loss.SQUARED_ERROR, Double.POSITIVE_INFINITY));
        return cases.stream();
    }

    /**
     * A cue given to the builder replaces the default for both sign rules: it sees the batch's mean {@code |E|}
     * (saturated to the limit) as the error and the previous batch's as the previous error (at the first batch the
     * same value), and the step is {@code eta} times its value.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sar", "pam"})
    void builderModulationReplacesTheDefault(String ruleName) {
        SplittableRandom random = new SplittableRandom(13);
        Network net = network(random, "plain", Activation.SIGMOID, false);
        List<double[]> seen = new ArrayList<>();
        Cue recording = context -> {
            seen.add(new double[] {context.error(), context.previousError()});
            return 0.375;
        };
        double eta = 0.0625;
        LearningRule rule = ruleName.equals("sar") ? SignAndRelevance.builder().eta(eta).build()
                : PrimeAndModulate.builder().eta(eta).build();
        BatchLearner learner = BatchLearner.builder(rule, net).maxRows(3).modulation(recording).build();
        assertTrue(learner.modulation() == recording, "modulation()");
        double previous = Double.NaN;
        for (int n = 0; n < 3; n++) {
            Batch batch = batch(random, net, Loss.SQUARED_ERROR, 3);
            double meanAbs = 0.0;
            for (int b = 0; b < 3; b++) {
                double[] y = Forward.of(parametersOf(net), activations(net), batch.row(b)).output();
                for (double e : outputErrors(Loss.SQUARED_ERROR, y, batch.target(b))) {
                    meanAbs += Math.abs(e);
                }
            }
            meanAbs = Math.min(1.0, meanAbs / batch.t.length);
            double[][] before = parameters(net);
            learner.step(batch.x, batch.t, 3);
            assertEquals(0.375, learner.lastModulation(), 0.0);
            assertEquals(n + 1, seen.size(), "one cue call per step");
            assertEquals(meanAbs, seen.get(n)[0], 1e-12, "error seen by the cue at batch " + n);
            assertEquals(n == 0 ? meanAbs : previous, seen.get(n)[1], 1e-12, "previous error at batch " + n);
            double[][] after = parameters(net);
            for (int l = 0; l < after.length; l++) {
                for (int p = 0; p < after[l].length; p++) {
                    double change = Math.abs(after[l][p] - before[l][p]);
                    assertTrue(change == 0.0 || Math.abs(change - eta * 0.375) <= 1e-12, "change " + change);
                }
            }
            previous = meanAbs;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bad input: a one-line message naming the value, and no weight changed

    @Test
    void badBatchesAreRefusedWithoutChangingAWeight() {
        Network net = network(new SplittableRandom(3), "plain", Activation.SIGMOID, true);
        int nIn = net.inputCount();
        int nOut = net.outputCount();
        for (LearningRule rule : new LearningRule[] {Backprop.builder().eta(0.1).build(),
            SignAndRelevance.builder().eta(0.1).build(), PrimeAndModulate.builder().eta(0.1).build()}) {
            BatchLearner learner = BatchLearner.builder(rule, net).maxRows(4).build();
            double[] x = new double[4 * nIn];
            double[] t = new double[4 * nOut];
            assertRefused(net, () -> learner.step(x, t, 0), "rows must be in 1..4, got 0");
            assertRefused(net, () -> learner.step(x, t, 5), "got 5");
            assertRefused(net, () -> learner.step(new double[2 * nIn - 1], t, 2), "inputs.length must be >= "
                    + 2 * nIn + ", got " + (2 * nIn - 1));
            assertRefused(net, () -> learner.step(x, new double[2 * nOut - 1], 2), "targets.length must be >= ");
            double[] nanInput = x.clone();
            nanInput[nIn + 1] = Double.NaN;
            assertRefused(net, () -> learner.step(nanInput, t, 2), "inputs[" + (nIn + 1) + "] must be finite, got NaN");
            double[] infTarget = t.clone();
            infTarget[nOut] = Double.NEGATIVE_INFINITY;
            assertRefused(net, () -> learner.step(x, infTarget, 2), "targets[" + nOut + "] must be finite, got "
                    + "-Infinity");
            assertRefused(net, () -> learner.predict(x, 0, new double[4 * nOut]), "got 0");
            // A refused step leaves the learner as it was: the next good step is the first one.
            learner.step(x, t, 2);
            if (rule instanceof PrimeAndModulate) {
                assertEquals(1.0, learner.lastModulation(), 0.0, "PaM's first accepted batch has M = 1");
            }
        }
    }

    @Test
    void learnersThatCannotWorkAreNotBuilt() {
        Network sigmoidOut = network(new SplittableRandom(4), "plain", Activation.SIGMOID, false);
        Backprop bp = Backprop.builder().eta(0.1).build();
        IllegalArgumentException ce = assertThrows(IllegalArgumentException.class,
                () -> BatchLearner.builder(bp, sigmoidOut).loss(Loss.SOFTMAX_CROSS_ENTROPY).build());
        assertOneLine(ce, "its activation must be LINEAR, got SIGMOID");
        LearningRule unknown = new LearningRule() {
            @Override
            public double eta() {
                return 0.1;
            }

            @Override
            public Learner newLearner(Network network) {
                throw new UnsupportedOperationException();
            }
        };
        IllegalArgumentException rule = assertThrows(IllegalArgumentException.class,
                () -> BatchLearner.builder(unknown, sigmoidOut).build());
        assertOneLine(rule, unknown.getClass().getName());
        for (int rows : new int[] {0, -3}) {
            IllegalArgumentException max = assertThrows(IllegalArgumentException.class,
                    () -> BatchLearner.builder(bp, sigmoidOut).maxRows(rows));
            assertOneLine(max, "maxRows must be >= 1, got " + rows);
        }
    }

    /**
     * Steps that would overflow are refused before any weight changes: BP whose change {@code eta * delta * A} is
     * infinite, a sign rule whose {@code eta * M} is, and, the case that a bound over the inputs alone misses, a bias
     * whose change is infinite while every input of the layer is zero.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "nd4j-double"})
    void stepsThatWouldOverflowAreRefused(String engine) {
        Network net = network(new SplittableRandom(6), engine, Activation.LINEAR, true);
        double[] x = new double[2 * net.inputCount()];
        java.util.Arrays.fill(x, 1.0);
        double[] t = new double[2 * net.outputCount()];
        java.util.Arrays.fill(t, 1e6);
        BatchLearner bp = BatchLearner.builder(Backprop.builder().eta(1e305).build(), net).maxRows(2).build();
        assertRefused(net, () -> bp.step(x, t, 2), "learning step refused, no weight changed");
        BatchLearner pam = BatchLearner.builder(PrimeAndModulate.builder().eta(1e305).build(), net).maxRows(2)
                .modulation(Cues.constant(1e10)).build();
        assertRefused(net, () -> pam.step(x, t, 2), "the step eta * M overflows");

        Network bias = Network.builder(2).layer(LayerSpec.of(1).withActivation(Activation.LINEAR).withBias(true)
                .withInit(WeightInits.explicit(new double[][] {{0.5, -0.5}}, new double[] {0.25})))
                .engine(engine(engine)).build();
        BatchLearner biasLearner = BatchLearner.builder(Backprop.builder().eta(1e305).build(), bias).maxRows(1)
                .build();
        assertRefused(bias, () -> biasLearner.step(new double[2], new double[] {1e5}, 1), "learning step refused");
    }

    /**
     * A bias learns like a weight whose input is 1, so a bound of its change that looks only at the layer's inputs
     * misses it when they are all zero: here the bias would go from 1.5e308 by {@code 5 * 0.2e308} to infinity. Such
     * a step is refused, and an accepted one keeps {@link DenseLayer#weightBound} (which the online learners' overflow
     * guard trusts) above every weight and bias.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "nd4j-double"})
    void aBiasChangeCountsWhenEveryInputIsZero(String engine) {
        Network huge = zeroInputNetwork(engine, 1.5e308);
        BatchLearner overflowing = BatchLearner.builder(Backprop.builder().eta(5).build(), huge).maxRows(1).build();
        assertRefused(huge, () -> overflowing.step(new double[2], new double[] {1.7e308}, 1),
                "learning step refused, no weight changed");

        Network net = zeroInputNetwork(engine, 0.25);
        BatchLearner learner = BatchLearner.builder(Backprop.builder().eta(0.5).build(), net).maxRows(1).build();
        for (int n = 0; n < 3; n++) {
            learner.step(new double[2], new double[] {3.0 + n}, 1);
            double largest = maxAbs(NetworkFixtures.parameters(net, 0));
            double bound = NetworkAccess.state(net).layers[0].weightBound;
            assertTrue(largest <= bound, "step " + n + ": weight bound " + bound + " below a parameter " + largest);
        }
    }

    private static Network zeroInputNetwork(String engine, double bias) {
        return Network.builder(2).layer(LayerSpec.of(1).withActivation(Activation.LINEAR).withBias(true)
                .withInit(WeightInits.explicit(new double[][] {{0.5, -0.5}}, new double[] {bias})))
                .engine(engine(engine)).build();
    }

    /**
     * A sign rule's step moves each weight by at most {@code eta * M}, but an error signal that is NaN (here
     * {@code 0 * infinity}: a saturated hidden sigmoid, {@code f' = 0}, under output weights whose back-propagated sum
     * overflows) would make a weight NaN. It is refused, as for BP, and leaves the cue's history as it was: the next
     * accepted batch is the first one the cue sees, so its previous error is its own error (the refused batch's
     * mean |E| was infinite).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sar", "pam"})
    void signRuleRefusesANanErrorSignal(String ruleName) {
        Network net = Network.builder(1)
                .layer(LayerSpec.of(1).withActivation(Activation.SIGMOID)
                        .withInit(WeightInits.explicit(new double[][] {{1000.0}}, null)))
                .layer(LayerSpec.of(2).withActivation(Activation.LINEAR)
                        .withInit(WeightInits.explicit(new double[][] {{1.5e308}, {1.5e308}}, null)))
                .build();
        LearningRule rule = ruleName.equals("sar")
                ? SignAndRelevance.builder().eta(0.1).cueErrorLimit(Double.POSITIVE_INFINITY).build()
                : PrimeAndModulate.builder().eta(0.1).cueErrorLimit(Double.POSITIVE_INFINITY).build();
        List<double[]> seen = new ArrayList<>();
        BatchLearner learner = BatchLearner.builder(rule, net).maxRows(1).modulation(context -> {
            seen.add(new double[] {context.error(), context.previousError()});
            return 1.0;
        }).build();
        assertRefused(net, () -> learner.step(new double[] {1.0}, new double[] {0.0, 0.0}, 1),
                "learning step refused, no weight changed");
        // Input 0: the hidden sigmoid gives 0.5, the outputs 0.75e308, which are the targets: E = 0.
        learner.step(new double[] {0.0}, new double[] {0.75e308, 0.75e308}, 1);
        double[] last = seen.get(seen.size() - 1);
        assertEquals(0.0, last[0], 0.0, "error of the accepted batch");
        assertEquals(0.0, last[1], 0.0, "previous error after a refused batch");
    }

    /**
     * A bounded output can hide an infinite hidden layer: a ReLU layer whose sums overflow under a sigmoid output
     * with a negative weight gives the output sigmoid(-inf) = 0, finite. The sign rules' summed change would then be
     * {@code inf * delta}, NaN wherever a row's delta is 0; the forward pass refuses it, naming the hidden layer,
     * before anything changes.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bp", "sar", "pam"})
    void anInfiniteHiddenLayerIsRefusedEvenWhenTheOutputIsFinite(String ruleName) {
        Network net = Network.builder(1)
                .layer(LayerSpec.of(1).withActivation(Activation.RELU)
                        .withInit(WeightInits.explicit(new double[][] {{1e308}}, null)))
                .layer(LayerSpec.of(1).withActivation(Activation.SIGMOID)
                        .withInit(WeightInits.explicit(new double[][] {{-1.0}}, null)))
                .build();
        LearningRule rule = switch (ruleName) {
            case "bp" -> Backprop.builder().eta(0.1).build();
            case "sar" -> SignAndRelevance.builder().eta(0.1).build();
            default -> PrimeAndModulate.builder().eta(0.1).build();
        };
        BatchLearner learner = BatchLearner.builder(rule, net).maxRows(2).build();
        assertRefused(net, () -> learner.step(new double[] {10.0, 0.0}, new double[] {1.0, 0.5}, 2),
                "forward overflowed: layer 0, row 0, neuron 0 has activation Infinity");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // It learns

    static Stream<Arguments> learningCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String engine : new String[] {"plain", "nd4j-double", "nd4j-float"}) {
            cases.add(Arguments.of(engine, "bp", 0.5));
            cases.add(Arguments.of(engine, "sar", 0.03));
            cases.add(Arguments.of(engine, "pam", 0.01));
        }
        return cases.stream();
    }

    /**
     * Four Gaussian clouds in 6 dimensions (centres at distance 2 from the origin on the first four axes, noise 0.6
     * per axis), a 6-16-4 network (tanh hidden, linear logits, bias), softmax cross-entropy, 200 batches of 32: each
     * rule classifies at least 90% of 416 fresh samples right (about 0.96-0.97 on the plain engine). The eta per rule,
     * near the best of a grid tried: BP 0.5, SaR 0.03 (its step is {@code eta * mean|E|}, below eta), PaM 0.01 (its
     * step is about {@code eta}, on every synapse). Few steps because ND4J's per-operation cost dominates here.
     */
    @ParameterizedTest(name = "{0} {1} eta={2}")
    @MethodSource("learningCases")
    void eachRuleLearnsAFourClassProblem(String engine, String ruleName, double eta) {
        Network net = Network.builder(6).layer(16).layer(4, Activation.LINEAR).activation(Activation.TANH)
                .init(WeightInits.uniform(-0.5, 0.5)).bias(true).seed(21).engine(engine(engine)).build();
        LearningRule rule = ruleName.equals("bp") ? Backprop.builder().eta(eta).build()
                : ruleName.equals("sar") ? SignAndRelevance.builder().eta(eta).build()
                : PrimeAndModulate.builder().eta(eta).build();
        BatchLearner learner = BatchLearner.builder(rule, net).loss(Loss.SOFTMAX_CROSS_ENTROPY).maxRows(32).build();
        SplittableRandom random = new SplittableRandom(99);
        double[] x = new double[32 * 6];
        double[] t = new double[32 * 4];
        int[] labels = new int[32];
        for (int s = 0; s < 200; s++) {
            clouds(random, x, t, labels, 32);
            learner.step(x, t, 32);
        }
        int right = 0;
        double[] y = new double[32 * 4];
        for (int s = 0; s < 13; s++) {
            clouds(random, x, t, labels, 32);
            learner.predict(x, 32, y);
            for (int b = 0; b < 32; b++) {
                int best = 0;
                for (int m = 1; m < 4; m++) {
                    best = y[b * 4 + m] > y[b * 4 + best] ? m : best;
                }
                right += best == labels[b] ? 1 : 0;
            }
        }
        double accuracy = right / 416.0;
        assertTrue(accuracy >= 0.9, engine + " " + ruleName + " eta " + eta + ": test accuracy " + accuracy);
    }

    private static void clouds(SplittableRandom random, double[] x, double[] t, int[] labels, int rows) {
        java.util.Arrays.fill(t, 0.0);
        for (int b = 0; b < rows; b++) {
            int k = random.nextInt(4);
            labels[b] = k;
            t[b * 4 + k] = 1.0;
            for (int i = 0; i < 6; i++) {
                x[b * 6 + i] = (i == k ? 2.0 : 0.0) + 0.6 * gaussian(random);
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2.0 * Math.log(1.0 - random.nextDouble())) * Math.cos(2.0 * Math.PI * random.nextDouble());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers: the test's own network maths

    /** A random 3-4-3-3 network (2..4 inputs), hidden activation by draw, weights U[-1, 1). */
    private static Network network(SplittableRandom random, String engine, Activation out, boolean bias) {
        int nIn = 2 + random.nextInt(3);
        return Network.builder(nIn).layer(4).layer(3).layer(3, out)
                .activation(HIDDEN[random.nextInt(HIDDEN.length)]).init(WeightInits.uniform(-1.0, 1.0))
                .bias(bias).seed(random.nextLong()).engine(engine(engine)).build();
    }

    private static Engine engine(String name) {
        if (!name.equals("plain")) {
            assumeTrue(Engine.nd4jAvailable(), "ND4J is not available on this platform");
        }
        return Engine.named(name);
    }

    /** Inputs U[-1.5, 1.5); targets: the outputs plus U[-1, 1) for squared error, one-hot rows for cross-entropy. */
    private static Batch batch(SplittableRandom random, Network net, Loss loss, int rows) {
        int nIn = net.inputCount();
        int nOut = net.outputCount();
        double[] x = NetworkFixtures.randomVector(random, rows * nIn, -1.5, 1.5);
        double[] t = new double[rows * nOut];
        double[][][] params = parametersOf(net);
        Batch batch = new Batch(x, t, nIn, nOut, activations(net));
        for (int b = 0; b < rows; b++) {
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                t[b * nOut + random.nextInt(nOut)] = 1.0;
            } else {
                double[] y = Forward.of(params, activations(net), batch.row(b)).output();
                for (int m = 0; m < nOut; m++) {
                    t[b * nOut + m] = y[m] + random.nextDouble(-1.0, 1.0);
                }
            }
        }
        return batch;
    }

    private record Batch(double[] x, double[] t, int nIn, int nOut, Activation[] f) {
        int rows() {
            return x.length / nIn;
        }

        double[] row(int b) {
            return java.util.Arrays.copyOfRange(x, b * nIn, (b + 1) * nIn);
        }

        double[] target(int b) {
            return java.util.Arrays.copyOfRange(t, b * nOut, (b + 1) * nOut);
        }
    }

    /** A function of the parameters, {@code [layer][0]} the weights row-major, {@code [layer][1]} the biases. */
    private interface Objective {
        double of(double[][][] params);
    }

    /** Per layer: weights row-major ({@code [0]}) and biases ({@code [1]}, empty without bias). */
    private static double[][][] parametersOf(Network net) {
        double[][][] p = new double[net.layerCount()][2][];
        for (int l = 0; l < p.length; l++) {
            p[l][0] = new double[net.layerSize(l) * net.layerInputCount(l)];
            net.copyWeightsInto(l, p[l][0]);
            p[l][1] = net.bias(l);
        }
        return p;
    }

    /** Per layer, weights row-major then biases, as {@link NetworkFixtures#parameters}. */
    private static double[][] parameters(Network net) {
        double[][] p = new double[net.layerCount()][];
        for (int l = 0; l < p.length; l++) {
            p[l] = NetworkFixtures.parameters(net, l);
        }
        return p;
    }

    /** Central differences, {@code h = 1e-5}, of the objective in every parameter; laid out as {@link #parameters}. */
    private static double[][] gradient(Network net, Objective objective) {
        double[][][] params = parametersOf(net);
        double[][] g = new double[params.length][];
        for (int l = 0; l < params.length; l++) {
            int nW = params[l][0].length;
            g[l] = new double[nW + params[l][1].length];
            for (int p = 0; p < g[l].length; p++) {
                double[] arr = p < nW ? params[l][0] : params[l][1];
                int k = p < nW ? p : p - nW;
                double p0 = arr[k];
                double plus = p0 + 1e-5;
                double minus = p0 - 1e-5;
                arr[k] = plus;
                double fPlus = objective.of(params);
                arr[k] = minus;
                double fMinus = objective.of(params);
                arr[k] = p0;
                g[l][p] = (fPlus - fMinus) / (plus - minus);
            }
        }
        return g;
    }

    private static double meanLoss(double[][][] params, Loss loss, Batch batch) {
        double sum = 0.0;
        int rows = batch.rows();
        for (int b = 0; b < rows; b++) {
            double[] y = Forward.of(params, batch.f(), batch.row(b)).output();
            double[] t = batch.target(b);
            if (loss == Loss.SQUARED_ERROR) {
                for (int m = 0; m < y.length; m++) {
                    sum += 0.5 * (t[m] - y[m]) * (t[m] - y[m]);
                }
            } else {
                double[] logP = logSoftmax(y);
                for (int m = 0; m < y.length; m++) {
                    sum -= t[m] * logP[m];
                }
            }
        }
        return sum / rows;
    }

    private static double[] logSoftmax(double[] y) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            max = Math.max(max, v);
        }
        double norm = 0.0;
        for (double v : y) {
            norm += Math.exp(v - max);
        }
        double[] logP = new double[y.length];
        for (int m = 0; m < y.length; m++) {
            logP[m] = y[m] - max - Math.log(norm);
        }
        return logP;
    }

    /** {@code E = t - y} for squared error, {@code t - softmax(y)} for cross-entropy. */
    private static double[] outputErrors(Loss loss, double[] y, double[] t) {
        double[] e = new double[y.length];
        double[] logP = loss == Loss.SOFTMAX_CROSS_ENTROPY ? logSoftmax(y) : null;
        for (int m = 0; m < y.length; m++) {
            e[m] = t[m] - (logP == null ? y[m] : Math.exp(logP[m]));
        }
        return e;
    }

    /** The activations written out here rather than taken from {@link Activation}, as independent truth. */
    private static double activate(Activation f, double v) {
        switch (f) {
            case SIGMOID:
                return 1.0 / (1.0 + Math.exp(-v));
            case CENTERED_SIGMOID:
                return 1.0 / (1.0 + Math.exp(-v)) - 0.5;
            case TANH:
                return Math.tanh(v);
            case LINEAR:
                return v;
            default:
                throw new AssertionError(f);
        }
    }

    private static double derivative(Activation f, double v) {
        switch (f) {
            case SIGMOID:
            case CENTERED_SIGMOID:
                double s = 1.0 / (1.0 + Math.exp(-v));
                return s * (1.0 - s);
            case TANH:
                double th = Math.tanh(v);
                return 1.0 - th * th;
            case LINEAR:
                return 1.0;
            default:
                throw new AssertionError(f);
        }
    }

    /** One sample's forward pass: per layer the sums {@code v} and activations {@code a}. */
    private record Forward(double[][] v, double[][] a) {

        static Forward of(double[][][] params, Activation[] f, double[] u) {
            double[][] v = new double[params.length][];
            double[][] a = new double[params.length][];
            double[] in = u;
            for (int l = 0; l < params.length; l++) {
                int n = params[l][0].length / in.length;
                v[l] = new double[n];
                a[l] = new double[n];
                for (int j = 0; j < n; j++) {
                    double sum = params[l][1].length == 0 ? 0.0 : params[l][1][j];
                    for (int i = 0; i < in.length; i++) {
                        sum += params[l][0][j * in.length + i] * in[i];
                    }
                    v[l][j] = sum;
                    a[l][j] = activate(f[l], sum);
                }
                in = a[l];
            }
            return new Forward(v, a);
        }

        double[] output() {
            return a[a.length - 1];
        }
    }

    private static Activation[] activations(Network net) {
        Activation[] f = new Activation[net.layerCount()];
        for (int l = 0; l < f.length; l++) {
            f[l] = net.activation(l);
        }
        return f;
    }

    private static double maxAbs(double[] x) {
        double m = 0.0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static void assertRefused(Network net, Executable step, String message) {
        double[][] before = NetworkFixtures.snapshot(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, step);
        assertOneLine(e, message);
        NetworkFixtures.assertUnchanged(before, net, message);
    }

    private static void assertOneLine(IllegalArgumentException e, String fragment) {
        String message = e.getMessage();
        assertTrue(message.contains(fragment), "message '" + message + "' lacks '" + fragment + "'");
        assertFalse(message.contains("\n"), "one line: " + message);
    }
}
