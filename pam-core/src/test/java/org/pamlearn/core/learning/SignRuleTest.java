// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.NetworkFixtures;
import org.pamlearn.core.WeightInits;

/**
 * Sign-and-Relevance and Prime-and-Modulate (docs/ALGORITHMS.md &sect;3): {@code dw_ji = eta * M * A_i * sgn(delta_j)}
 * with the sign of back-propagation's step, a size set by {@code M} alone, and a per-layer step that does not
 * depend on depth.
 */
class SignRuleTest {

    /**
     * BP's learning rate where only the sign of its step matters: a power of two (exact in every product), so
     * large that no step with {@code |A_i * delta_j| > 1e-40} is lost in the rounding of {@code w + dw}.
     */
    private static final double ETA_BP = 0x1p100;

    static LongStream seeds() {
        return NetworkFixtures.seeds(200);
    }

    /** What each rule sees in one step, and BP's step (eta = ETA_BP) from the same network, input and errors. */
    private static final class Step {
        final Network net;
        final double[] u;
        final double[] errors;
        final double q;
        final Network bp;

        Step(long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            Network candidate;
            double[] input;
            double[] e;
            Network stepped;
            int draws = 0;
            // A network where BP changes nothing (dead ReLUs) would compare nothing: draw another one.
            do {
                candidate = NetworkFixtures.randomNetwork(random, 1 + (int) (seed % 10));
                input = NetworkFixtures.randomVector(random, candidate.inputCount(), -2.0, 2.0);
                candidate.forward(input, new double[candidate.outputCount()]);
                e = new double[candidate.outputCount()];
                for (int m = 0; m < e.length; m++) {
                    // |E_m| in [0.05, 1): the relevance |mean E| may still be small, but not zero.
                    e[m] = (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.05, 1.0);
                }
                stepped = candidate.copy();
                Backprop.builder().eta(ETA_BP).build().newLearner(stepped).learn(e, new StepContext());
            } while (sameParameters(candidate, stepped) && ++draws < 20);
            assertTrue(draws < 20, "seed " + seed + ": 20 networks in a row where BP changes nothing");
            net = candidate;
            u = input;
            errors = e;
            bp = stepped;
            // q at least 0.5 from the centre 6.5, so that the look-ahead cue is >= atan(0.5).
            q = (random.nextBoolean() ? 7.0 : 1.0) + random.nextDouble(0.0, 5.0);
        }

        private static boolean sameParameters(Network a, Network b) {
            for (int l = 0; l < a.layerCount(); l++) {
                if (!Arrays.equals(NetworkFixtures.parameters(a, l), NetworkFixtures.parameters(b, l))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static LearningRule rule(boolean pam, double eta, SignPropagation mode) {
        return pam ? PrimeAndModulate.builder().eta(eta).signPropagation(mode).build()
                : SignAndRelevance.builder().eta(eta).signPropagation(mode).build();
    }

    private static String describe(long seed, boolean pam, boolean given, Network net) {
        return "seed " + seed + ", " + (pam ? "PaM" : "SaR") + (given ? " with given M" : " with its cue") + ", " + net;
    }

    /** The inputs of layer {@code l} in the last forward pass: {@code u} for layer 0, then activations. */
    private static double[] inputs(Network net, double[] u, int l) {
        return l == 0 ? u : net.activations(l - 1);
    }

    /**
     * The engine computes {@code c = (eta * M) * sgn(delta_j)}, then {@code w += c * A_i} ({@code b += c}), with
     * {@code sgn(delta_j)} from the same real-valued delta as BP's. Here that expression, evaluated in the same
     * order, must give every new weight bit for bit; {@code M} is the learner's {@code lastModulation()} (SaR's
     * |mean E|, PaM's errorRate * lookahead) or a modulation given through the context. A realistic, not
     * power-of-two eta, so that the order of the products matters.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void signRuleStepIsExactlyEtaTimesMTimesSignOfDeltaTimesInput(long seed) {
        Step step = new Step(seed);
        Network bp = step.bp;
        double eta = 0.01;
        for (boolean pam : new boolean[] {false, true}) {
            for (boolean given : new boolean[] {false, true}) {
                String what = describe(seed, pam, given, step.net);
                Network net = step.net.copy();
                Learner learner = rule(pam, eta, SignPropagation.EXACT_THEN_SIGN).newLearner(net);
                StepContext context = new StepContext().setLookahead(step.q);
                if (given) {
                    context.setModulation(0.37);
                }
                learner.learn(step.errors, context);
                double m = learner.lastModulation();
                if (given) {
                    assertEquals(0.37, m, 0.0, what + ": lastModulation is the given one");
                } else if (!pam) {
                    assertEquals(Math.abs(mean(step.errors)), m, 1e-15, what + ": SaR's relevance is |mean E|");
                } else {
                    // first step: E(n-1) = 0, so the exponent E^2 >= 0 is clamped only from above
                    double e = mean(step.errors);
                    double expected = Math.exp(Math.min(10.0, e * e)) * Math.atan(Math.abs(6.5 - step.q));
                    assertEquals(expected, m, 1e-14 * expected, what + ": PaM's errorRate * lookahead");
                }
                for (int l = 0; l < net.layerCount(); l++) {
                    double[][] w0 = step.net.weights(l);
                    double[][] w1 = net.weights(l);
                    double[] b0 = step.net.bias(l);
                    double[] b1 = net.bias(l);
                    double[] a = inputs(step.net, step.u, l);
                    double[] delta = bp.deltas(l);
                    for (int j = 0; j < w0.length; j++) {
                        double c = eta * m * Math.signum(delta[j]);
                        for (int i = 0; i < a.length; i++) {
                            assertEquals(w0[j][i] + c * a[i], w1[j][i], 0.0,
                                    what + ": w[" + l + "][" + j + "][" + i + "]");
                        }
                        if (b0.length > 0) {
                            assertEquals(b0[j] + c, b1[j], 0.0, what + ": bias[" + l + "][" + j + "]");
                        }
                    }
                }
            }
        }
    }

    /**
     * Where BP's step is non-zero the sign rules step the same way, and {@code |dw| = eta * M * |A_i|} to 1e-12
     * relative (biases: input 1). eta = 2^20 makes every step dwarf the weights, so that {@code w_after - w_before}
     * is the step up to a relative 2^-52 rather than up to an ulp of {@code w}.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void signRuleStepHasTheSignOfBackpropAndTheSizeEtaTimesMTimesInput(long seed) {
        Step step = new Step(seed);
        Network bp = step.bp;
        double eta = 0x1p20;
        for (boolean pam : new boolean[] {false, true}) {
            for (boolean given : new boolean[] {false, true}) {
                String what = describe(seed, pam, given, step.net);
                Network net = step.net.copy();
                Learner learner = rule(pam, eta, SignPropagation.EXACT_THEN_SIGN).newLearner(net);
                StepContext context = new StepContext().setLookahead(step.q);
                if (given) {
                    context.setModulation(2.5);
                }
                learner.learn(step.errors, context);
                double m = learner.lastModulation();
                for (int l = 0; l < net.layerCount(); l++) {
                    double[] p0 = NetworkFixtures.parameters(step.net, l);
                    double[] pBp = NetworkFixtures.parameters(bp, l);
                    double[] p1 = NetworkFixtures.parameters(net, l);
                    double[] a = inputs(step.net, step.u, l);
                    int nIn = a.length;
                    int nW = net.layerSize(l) * nIn;
                    for (int p = 0; p < p1.length; p++) {
                        double dwBp = pBp[p] - p0[p];
                        double dw = p1[p] - p0[p];
                        double input = p < nW ? a[p % nIn] : 1.0;
                        String at = what + ", layer " + l + " parameter " + p;
                        if (dwBp != 0.0) {
                            assertEquals(Math.signum(dwBp), Math.signum(dw), at + ": sign of the step, BP's " + dwBp
                                    + ", this " + dw);
                            double size = eta * m * Math.abs(input);
                            assertEquals(size, Math.abs(dw), 1e-12 * size, at + ": |dw| = eta M |A_i|");
                        } else if (input != 0.0 && bp.deltas(l)[p < nW ? p / nIn : p - nW] != 0.0) {
                            fail(at + ": BP's step was lost in rounding; raise ETA_BP");
                        } else {
                            assertEquals(0.0, dw, 0.0, at + ": no step where BP's delta_j or A_i is 0");
                        }
                    }
                }
            }
        }
    }

    /**
     * With a fixed modulation (given, or a constant cue) {@code E} and {@code c * E} give bit-identical steps:
     * {@code E} acts only through {@code sgn(delta)}. With SaR's default relevance {@code |E|} the step scales by
     * exactly {@code c} (1e-12 relative, eta = 2^20 as above) when the cue error limit is off; with it, only while
     * {@code |E| <= 1} (CueErrorLimitTest).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void scalingTheErrorChangesTheStepOnlyThroughM(long seed) {
        Step step = new Step(seed);
        double c = new SplittableRandom(~seed).nextDouble(0.1, 10.0);
        double[] scaled = step.errors.clone();
        for (int m = 0; m < scaled.length; m++) {
            scaled[m] *= c;
        }
        LearningRule[] fixed = {
            SignAndRelevance.builder().eta(0.01).relevance(Cues.constant(0.7)).build(),
            PrimeAndModulate.builder().eta(0.01).modulation(Cues.constant(0.7)).build(),
            SignAndRelevance.builder().eta(0.01).build(),
            PrimeAndModulate.builder().eta(0.01).build(),
        };
        for (int r = 0; r < fixed.length; r++) {
            boolean givenM = r >= 2;
            Network one = step.net.copy();
            Network other = step.net.copy();
            StepContext context = new StepContext().setLookahead(step.q);
            if (givenM) {
                context.setModulation(0.7);
            }
            fixed[r].newLearner(one).learn(step.errors, context);
            fixed[r].newLearner(other).learn(scaled, context);
            NetworkFixtures.assertUnchanged(NetworkFixtures.snapshot(one), other,
                    "seed " + seed + ", " + fixed[r] + (givenM ? " with given M" : "") + ", E scaled by " + c);
        }

        double eta = 0x1p20;
        Network one = step.net.copy();
        Network other = step.net.copy();
        SignAndRelevance sar = SignAndRelevance.builder().eta(eta).cueErrorLimit(Double.POSITIVE_INFINITY).build();
        sar.newLearner(one).learn(step.errors, new StepContext());
        sar.newLearner(other).learn(scaled, new StepContext());
        for (int l = 0; l < one.layerCount(); l++) {
            double[] p0 = NetworkFixtures.parameters(step.net, l);
            double[] p1 = NetworkFixtures.parameters(one, l);
            double[] p2 = NetworkFixtures.parameters(other, l);
            for (int p = 0; p < p0.length; p++) {
                double expected = c * (p1[p] - p0[p]);
                assertEquals(expected, p2[p] - p0[p], 1e-12 * Math.abs(expected),
                        "seed " + seed + ", SaR |E| relevance, E scaled by " + c + ", layer " + l + " parameter " + p);
            }
        }
    }

    /**
     * A 2 -> 2 -> 2 -> 1 LINEAR network where the two sign modes differ. Input u = (1, 0.5), E = 0.5, SaR with
     * relevance |E| = 0.5 and eta = 0.1, so eta * R = 0.05.
     * <pre>
     *   layer 0: W0 = [[1, 1], [1, -1]]                     v0 = (1.5, 0.5)        A0 = (1.5, 0.5)
     *   layer 1: W1 = [[0.5, 1], [-1, 0.5]], b1 = (0.25, -0.25)
     *            v1 = (0.75 + 0.5 + 0.25, -1.5 + 0.25 - 0.25) = (1.5, -1.5)   A1 = (1.5, -1.5)
     *   layer 2: W2 = [[2, 0.2]]                            y = 3 - 0.3 = 2.7
     *
     *   SIGN_ONLY:       s2 = sgn(0.5) = +1;  s1 = sgn(W2^T s2) = sgn(2, 0.2) = (+1, +1)
     *                    s0 = sgn(W1^T s1) = sgn(0.5 - 1, 1 + 0.5) = sgn(-0.5, 1.5) = (-1, +1)
     *   EXACT_THEN_SIGN: d2 = 0.5;  d1 = W2^T d2 = (1, 0.1)
     *                    d0 = W1^T d1 = (0.5*1 - 1*0.1, 1*1 + 0.5*0.1) = (0.4, 1.05)  signs (+1, +1)
     *
     *   W2 += 0.05 * (+1) * A1         = [[2.075, 0.125]]
     *   W1 += 0.05 * (+1) * A0 per row = [[0.575, 1.025], [-0.925, 0.525]];  b1 += 0.05 = (0.3, -0.2)
     *   W0 row 1 += 0.05 * (+1) * u    = [1.05, -0.975]
     *   W0 row 0 += 0.05 * s0_0 * u    = [0.95, 0.975] (SIGN_ONLY), [1.05, 1.025] (EXACT_THEN_SIGN)
     * </pre>
     * Tolerance 1e-12 (the decimals are not binary fractions).
     */
    @Test
    void signOnlyHandComputedThreeLayerStep() {
        Network net = handNetwork();
        net.forward(new double[] {1.0, 0.5}, new double[1]);
        Network exact = net.copy();
        SignAndRelevance.builder().eta(0.1).signPropagation(SignPropagation.SIGN_ONLY).build().newLearner(net)
                .learn(0.5, new StepContext());
        SignAndRelevance.builder().eta(0.1).build().newLearner(exact).learn(0.5, new StepContext());

        assertArrayEquals(new double[] {1.0}, net.deltas(2), 0.0, "s2");
        assertArrayEquals(new double[] {1.0, 1.0}, net.deltas(1), 0.0, "s1");
        assertArrayEquals(new double[] {-1.0, 1.0}, net.deltas(0), 0.0, "s0");
        assertArrayEquals(new double[] {2.075, 0.125}, net.weights(2)[0], 1e-12, "W2");
        assertArrayEquals(new double[] {0.575, 1.025}, net.weights(1)[0], 1e-12, "W1 row 0");
        assertArrayEquals(new double[] {-0.925, 0.525}, net.weights(1)[1], 1e-12, "W1 row 1");
        assertArrayEquals(new double[] {0.3, -0.2}, net.bias(1), 1e-12, "b1");
        assertArrayEquals(new double[] {0.95, 0.975}, net.weights(0)[0], 1e-12, "W0 row 0");
        assertArrayEquals(new double[] {1.05, -0.975}, net.weights(0)[1], 1e-12, "W0 row 1");

        assertArrayEquals(new double[] {0.4, 1.05}, exact.deltas(0), 1e-12, "EXACT_THEN_SIGN keeps real deltas");
        assertArrayEquals(new double[] {1.05, 1.025}, exact.weights(0)[0], 1e-12,
                "EXACT_THEN_SIGN differs from SIGN_ONLY at W0 row 0");
        assertArrayEquals(net.weights(0)[1], exact.weights(0)[1], 0.0, "and agrees elsewhere: W0 row 1");
        assertArrayEquals(net.weights(1)[0], exact.weights(1)[0], 0.0, "W1 row 0");
        assertArrayEquals(net.weights(1)[1], exact.weights(1)[1], 0.0, "W1 row 1");
        assertArrayEquals(net.weights(2)[0], exact.weights(2)[0], 0.0, "W2");
    }

    private static Network handNetwork() {
        return Network.builder(2).activation(Activation.LINEAR)
                .layer(LayerSpec.of(2).withInit(WeightInits.explicit(new double[][] {{1, 1}, {1, -1}}, null)))
                .layer(LayerSpec.of(2).withBias(true).withInit(
                        WeightInits.explicit(new double[][] {{0.5, 1}, {-1, 0.5}}, new double[] {0.25, -0.25})))
                .layer(LayerSpec.of(1).withInit(WeightInits.explicit(new double[][] {{2, 0.2}}, null)))
                .build();
    }

    /**
     * The sign rules' first-layer step is {@code eta * M * |u_i|} at every depth 1..20, while BP's shrinks with
     * depth. The first layer is the same at every depth (8 neurons, weights k/1024, inputs k/64), eta = 1/16 and
     * M = 0.75 are binary fractions, so every sum is exact and the ratio {@code |dw| / (eta M |u_i|)} is exactly 1
     * (or 0 where delta_j = 0). The layers above are 8 CENTERED_SIGMOID neurons, symmetric(1) init, one output.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SignPropagation.class)
    void firstLayerStepOfTheSignRulesDoesNotDependOnDepth(SignPropagation mode) {
        SplittableRandom random = new SplittableRandom(20_231);
        double[][] w0 = new double[8][4];
        for (double[] row : w0) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (random.nextInt(2048) - 1024) / 1024.0;
            }
        }
        double[] u = {0.75, -0.5, 0.984375, -0.265625};
        double eta = 0.0625;
        double m = 0.75;
        double[] bpMeanStep = new double[21];
        for (int depth = 1; depth <= 20; depth++) {
            Network.Builder b = Network.builder(4).init(WeightInits.symmetric(1.0)).seed(depth)
                    .layer(LayerSpec.of(8).withInit(WeightInits.explicit(w0, null)));
            for (int l = 1; l < depth; l++) {
                b.layer(l == depth - 1 ? 1 : 8);
            }
            Network base = b.build();
            base.forward(u, new double[base.outputCount()]);
            for (boolean pam : new boolean[] {false, true}) {
                Network net = base.copy();
                // SaR's relevance |E| = 0.75 = m; PaM gets m as given modulation.
                StepContext context = pam ? new StepContext().setModulation(m) : new StepContext();
                rule(pam, eta, mode).newLearner(net).learn(pam ? -0.75 : 0.75, context);
                double[][] w1 = net.weights(0);
                double[] delta = net.deltas(0);
                int moved = 0;
                for (int j = 0; j < 8; j++) {
                    for (int i = 0; i < 4; i++) {
                        double ratio = Math.abs(w1[j][i] - w0[j][i]) / (eta * m * Math.abs(u[i]));
                        assertEquals(delta[j] != 0.0 ? 1.0 : 0.0, ratio, 0.0, mode + ", " + (pam ? "PaM" : "SaR")
                                + ", depth " + depth + ", w[0][" + j + "][" + i + "]");
                    }
                    moved += delta[j] != 0.0 ? 1 : 0;
                }
                assertEquals(8, moved, mode + ", depth " + depth + ": every first-layer neuron moved");
            }
            Network bp = base.copy();
            Backprop.builder().eta(eta).build().newLearner(bp).learn(0.75, new StepContext());
            double[][] w1 = bp.weights(0);
            double sum = 0.0;
            for (int j = 0; j < 8; j++) {
                for (int i = 0; i < 4; i++) {
                    sum += Math.abs(w1[j][i] - w0[j][i]);
                }
            }
            bpMeanStep[depth] = sum / 32;
        }
        // Measured (seeded, so fixed): depth 2 gives 5.7e-4, depth 15 1.9e-9, a factor 3.0e5; asserted: 100.
        assertTrue(bpMeanStep[2] > 100 * bpMeanStep[15],
                "BP's first-layer mean |dw|: depth 2 " + bpMeanStep[2] + ", depth 15 " + bpMeanStep[15]);
    }

    private static double mean(double[] x) {
        double s = 0.0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
