// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.NetworkFixtures;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.internal.DenseLayer;
import org.pamlearn.core.internal.NetworkAccess;

/**
 * {@link StepGuard}'s two checks: the quick one from bounds and the exact one give the same outcome and the same
 * bits, and every way weights are set keeps {@link DenseLayer#weightBound} an upper bound of the weights.
 */
class StepGuardTest {

    static LongStream seeds() {
        return NetworkFixtures.seeds(200);
    }

    /**
     * Two copies of a random network learn the same steps, one with its weight bounds raised to
     * {@code Double.MAX_VALUE} before each step, which fails the quick check and forces the exact one. Both must
     * refuse the same steps with the same message and apply the others with the same bits; the exact check leaves
     * the exact largest weight as the bound, the quick one an upper bound.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void quickAndExactChecksAgreeBitForBit(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network quick = NetworkFixtures.randomNetwork(random, 1 + random.nextInt(4));
        Network exact = quick.copy();
        LearningRule rule = randomRule(random);
        Learner quickLearner = rule.newLearner(quick);
        Learner exactLearner = rule.newLearner(exact);
        StepContext context = new StepContext().setLookahead(random.nextDouble(1.0, 12.0));
        double[] out = new double[quick.outputCount()];
        // Mostly ordinary steps, some far towards overflow.
        double maxExponent = random.nextBoolean() ? 0.0 : 120.0;
        for (int step = 0; step < 30; step++) {
            String what = "seed " + seed + ", " + rule + ", step " + step;
            double[] input = NetworkFixtures.randomVector(random, quick.inputCount(), -1.0, 1.0);
            double scale = Math.pow(10.0, random.nextDouble(0.0, maxExponent + 1e-9));
            for (int i = 0; i < input.length; i++) {
                input[i] *= scale;
            }
            double error = random.nextDouble(-1.0, 1.0) * Math.pow(10.0, random.nextDouble(0.0, maxExponent + 1e-9));
            try {
                quick.forward(input, out);
            } catch (IllegalArgumentException e) {
                continue;
            }
            exact.forward(input, out);
            for (DenseLayer layer : NetworkAccess.state(exact).layers) {
                layer.weightBound = Double.MAX_VALUE;
            }
            String quickFailure = learn(quickLearner, error, context);
            String exactFailure = learn(exactLearner, error, context);

            assertEquals(quickFailure, exactFailure, what);
            for (int l = 0; l < quick.layerCount(); l++) {
                assertBits(NetworkFixtures.parameters(quick, l), NetworkFixtures.parameters(exact, l), what);
                assertBits(quick.deltas(l), exact.deltas(l), what);
                DenseLayer q = NetworkAccess.state(quick).layers[l];
                double max = exactMax(q);
                assertTrue(q.weightBound >= max, what + ": layer " + l + " bound " + q.weightBound + " < " + max);
                if (exactFailure == null) {
                    assertEquals(max, NetworkAccess.state(exact).layers[l].weightBound, 0.0, what);
                }
            }
        }
    }

    private static String learn(Learner learner, double error, StepContext context) {
        try {
            learner.learn(error, context);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static LearningRule randomRule(SplittableRandom random) {
        double eta = Math.pow(10.0, random.nextDouble(-3.0, 1.0));
        SignPropagation propagation = random.nextBoolean() ? SignPropagation.SIGN_ONLY
                : SignPropagation.EXACT_THEN_SIGN;
        switch (random.nextInt(3)) {
            case 0:
                return Backprop.builder().eta(eta).outputDerivative(random.nextBoolean()).build();
            case 1:
                return SignAndRelevance.builder().eta(eta).signPropagation(propagation).build();
            default:
                return PrimeAndModulate.builder().eta(eta).signPropagation(propagation).build();
        }
    }

    /**
     * Learning allocates nothing, on the quick path and on the exact one (forced by raising the bounds): 20,000
     * steps of the authors' network per rule and path, where one object per step would show as 320,000 bytes.
     */
    @Test
    void bothChecksAllocateNothingPerStep() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (LearningRules.Name name : LearningRules.Name.values()) {
            for (boolean exact : new boolean[] {false, true}) {
                Network net = Network.builder(240).layer(LayerSpec.of(13).withInit(WeightInits.uniform(0.0, 0.001)))
                        .layers(12, 11, 10, 9, 8, 7, 6, 5, 4, 3).seed(42).build();
                Learner learner = LearningRules.create(name, LearningRules.Options.eta(1e-5)).newLearner(net);
                DenseLayer[] layers = NetworkAccess.state(net).layers;
                StepContext context = new StepContext().setLookahead(3.0);
                double[] input = NetworkFixtures.randomVector(new SplittableRandom(1), 240, 0.0, 1.0);
                double[] out = new double[3];
                long before = 0;
                for (int step = 0; step < 40_000; step++) {
                    if (step == 20_000) { // after a warm-up in which the JIT has compiled the step
                        before = mx.getThreadAllocatedBytes(thread);
                    }
                    net.forward(input, out);
                    if (exact) {
                        for (DenseLayer layer : layers) {
                            layer.weightBound = Double.MAX_VALUE;
                        }
                    }
                    learner.learn((step & 1) == 0 ? 0.25 : -0.25, context);
                }
                long allocated = mx.getThreadAllocatedBytes(thread) - before;
                assertTrue(allocated < 10_000, name.label() + (exact ? " exact" : " quick") + " check: allocated "
                        + allocated + " bytes in 20,000 steps");
            }
        }
    }

    @Test
    void buildCopyAndCheckpointSetTheExactBound() {
        Network net = Network.builder(2)
                .layer(LayerSpec.of(2).withBias(true)
                        .withInit(WeightInits.explicit(new double[][] {{0.5, -3.0}, {2.0, 1.0}}, new double[] {0, -7})))
                .layer(LayerSpec.of(1).withInit(WeightInits.explicit(new double[][] {{-0.25, 0.125}}, null)))
                .build();
        for (Network n : new Network[] {net, net.copy(), Checkpoints.fromJson(Checkpoints.toJson(net))}) {
            DenseLayer[] layers = NetworkAccess.state(n).layers;
            assertArrayEquals(new double[] {7.0, 0.25}, new double[] {layers[0].weightBound, layers[1].weightBound});
        }
    }

    private static double exactMax(DenseLayer layer) {
        double max = layer.bias == null ? 0.0 : DenseLayer.maxAbs(layer.bias);
        for (double[] row : layer.w) {
            max = Math.max(max, DenseLayer.maxAbs(row));
        }
        return max;
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(actual[k]),
                    what + ": value " + k + ", " + expected[k] + " and " + actual[k]);
        }
    }
}
