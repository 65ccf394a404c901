// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.NetworkFixtures;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.internal.DenseLayer;
import org.pamlearn.core.internal.NetworkAccess;
import org.pamlearn.core.internal.NetworkState;
import org.pamlearn.core.internal.PlainEngine;

/**
 * A learning step whose error, inputs and rate are finite but whose update overflows is refused, with every weight,
 * bias, error signal and the learner's history as they were; a step that does not overflow gives the same bits as
 * the learning step always did (written out here, engine call by engine call).
 */
class OverflowRefusalTest {

    private static final int SEEDS = 300;
    private static final int STEPS = 25;

    /** 1 input, a hidden LINEAR layer of 2 (the fused backward path) and a LINEAR output. */
    private static Network linear() {
        return Network.builder(1)
                .layer(LayerSpec.of(2).withActivation(Activation.LINEAR)
                        .withInit(WeightInits.explicit(new double[][] {{0.5}, {-0.25}}, null)))
                .layer(LayerSpec.of(1).withActivation(Activation.LINEAR)
                        .withInit(WeightInits.explicit(new double[][] {{0.5, 0.75}}, null)))
                .build();
    }

    private static void assertRefused(Network net, Learner learner, double error, StepContext context,
            String message) {
        double[][] before = NetworkFixtures.snapshot(net);
        double[][] deltas = deltas(net);
        double previousError = learner.previousError();
        double lastModulation = learner.lastModulation();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learner.learn(error, context));

        assertEquals(message, e.getMessage());
        NetworkFixtures.assertUnchanged(before, net, "refused step");
        assertDeltasUnchanged(deltas, net, "refused step");
        assertEquals(previousError, learner.previousError(), 0.0, "previous error");
        assertEquals(Double.doubleToRawLongBits(lastModulation), Double.doubleToRawLongBits(learner.lastModulation()),
                "last modulation");
    }

    /** The example: with eta = 1, input 1e200 and error 1e200 BP put +Infinity into a weight. */
    @Test
    void backpropStepThatWouldWriteInfinityIsRefused() {
        Network net = linear();
        Learner learner = Backprop.builder().eta(1.0).build().newLearner(net);
        net.forward(new double[] {1.0}, new double[1]);
        learner.learn(0.5, new StepContext());

        net.forward(new double[] {1e200}, new double[1]);
        assertRefused(net, learner, 1e200, new StepContext(), "learning step refused, no weight changed: layer 1"
                + " weights[0][0] would become Infinity (0.75 + 1.0E200 * 7.5E199)");
    }

    /** The sign rules' step is eta * M * |x| at every layer: with eta = 1e200 and x = 1e200 it overflows too. */
    @Test
    void signRuleStepsThatWouldWriteInfinityAreRefused() {
        LearningRule[] rules = {SignAndRelevance.builder().eta(1e200).build(),
            PrimeAndModulate.builder().eta(1e200).build()};
        for (LearningRule rule : rules) {
            Network net = linear();
            Learner learner = rule.newLearner(net);
            StepContext context = new StepContext().setLookahead(1.0);
            net.forward(new double[] {1e200}, new double[1]);

            assertRefused(net, learner, 1.0, context, refusedMessage(learner));
        }
    }

    private static String refusedMessage(Learner learner) {
        // The first weight checked is the output layer's w[0][0]: 0.5 + (eta * M) * a_0 with a_0 = 0.5e200.
        return "learning step refused, no weight changed: layer 1 weights[0][0] would become Infinity (0.5 + "
                + learner.rule().eta() * expectedModulation(learner) + " * 5.0E199)";
    }

    private static double expectedModulation(Learner learner) {
        // SaR: |E| = 1. PaM: ERC = exp(1 * (1 - 0)) = e, LC = arctan(|6.5 - 1|).
        return learner.rule() instanceof SignAndRelevance ? 1.0 : Math.exp(1.0) * Math.atan(5.5);
    }

    /** Infinity times a zero derivative is NaN: an error signal that would be NaN refuses the step too. */
    @Test
    void stepWhoseErrorSignalWouldBeNaNIsRefused() {
        // The hidden centred sigmoid saturates (v = 1000, f' = 0) and the output weight makes delta * w overflow.
        Network net = Network.builder(1)
                .layer(LayerSpec.of(1).withInit(WeightInits.explicit(new double[][] {{1000.0}}, null)))
                .layer(LayerSpec.of(1).withActivation(Activation.LINEAR)
                        .withInit(WeightInits.explicit(new double[][] {{1e300}}, null)))
                .build();
        Learner learner = Backprop.builder().eta(1e-3).build().newLearner(net);
        net.forward(new double[] {1.0}, new double[1]);

        assertRefused(net, learner, 1e10, new StepContext(),
                "learning step refused, no weight changed: layer 0 delta[0] would be NaN");
    }

    @Test
    void perOutputErrorsAreCheckedToo() {
        Network net = Network.builder(1).layer(2, Activation.LINEAR).build();
        Learner learner = Backprop.builder().eta(1.0).build().newLearner(net);
        double[] out = new double[2];
        net.forward(new double[] {1e200}, out);
        double[][] before = NetworkFixtures.snapshot(net);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> learner.learn(new double[] {1.0, 1e200}, new StepContext()));

        assertTrue(e.getMessage().startsWith("learning step refused, no weight changed: layer 0 weights[1][0]"),
                e.getMessage());
        NetworkFixtures.assertUnchanged(before, net, "refused step");
    }

    static LongStream seeds() {
        return NetworkFixtures.seeds(SEEDS);
    }

    /**
     * Random networks, rules and steps whose inputs, errors and rates reach far towards overflow: every step is
     * either refused, changing nothing, or applied, giving finite weights and exactly the bits of the unguarded
     * learning step.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void nearOverflowingStepsAreAppliedExactlyOrRefusedWithNothingChanged(long seed) {
        run(seed);
    }

    /** The random steps above are near overflow: many are refused, many applied. */
    @Test
    void theRandomStepsReachOverflowOften() {
        int[] total = new int[2];
        seeds().forEach(seed -> {
            int[] counts = run(seed);
            total[0] += counts[0];
            total[1] += counts[1];
        });
        assertTrue(total[0] > SEEDS && total[1] > SEEDS, "applied " + total[0] + ", refused " + total[1]);
    }

    /** Returns {applied, refused}. */
    private static int[] run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network net = NetworkFixtures.randomNetwork(random, 1 + random.nextInt(4));
        int kind = random.nextInt(3);
        boolean outputDerivative = random.nextBoolean();
        boolean signOnly = random.nextBoolean();
        double eta = Math.pow(10.0, random.nextDouble(-3.0, kind == 0 ? 3.0 : 150.0));
        LearningRule rule = rule(kind, eta, outputDerivative, signOnly);
        Learner learner = rule.newLearner(net);
        StepContext context = new StepContext().setLookahead(random.nextDouble(1.0, 12.0));
        double[] out = new double[net.outputCount()];
        double[] errors = new double[net.outputCount()];
        int[] counts = new int[2];
        for (int step = 0; step < STEPS; step++) {
            String what = "seed " + seed + ", " + rule + ", " + net + ", step " + step;
            double scale = Math.pow(10.0, random.nextDouble(0.0, 160.0));
            try {
                net.forward(NetworkFixtures.randomVector(random, net.inputCount(), -scale, scale), out);
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (int k = 0; k < errors.length; k++) {
                errors[k] = (random.nextBoolean() ? 1 : -1) * Math.pow(10.0, random.nextDouble(-3.0, 160.0));
            }
            // The sign rules' own cues see the error limited; a given modulation is the user's and reaches further.
            if (kind != 0 && random.nextBoolean()) {
                context.setModulation(Math.pow(10.0, random.nextDouble(-3.0, 150.0)));
            } else {
                context.clearModulation();
            }
            boolean scalar = random.nextBoolean();
            Network reference = net.copy();
            double[][] before = NetworkFixtures.snapshot(net);
            double[][] deltas = deltas(net);
            double previousError = learner.previousError();
            double lastModulation = learner.lastModulation();
            try {
                if (scalar) {
                    learner.learn(errors[0], context);
                } else {
                    learner.learn(errors, context);
                }
            } catch (IllegalArgumentException e) {
                if (!e.getMessage().startsWith("learning step refused, no weight changed: layer ")
                        && !e.getMessage().startsWith("the step eta * M overflows")) {
                    fail(what + ": " + e.getMessage());
                }
                NetworkFixtures.assertUnchanged(before, net, what);
                assertDeltasUnchanged(deltas, net, what);
                assertEquals(previousError, learner.previousError(), 0.0, what);
                assertEquals(Double.doubleToRawLongBits(lastModulation),
                        Double.doubleToRawLongBits(learner.lastModulation()), what);
                counts[1]++;
                continue;
            }
            if (scalar) {
                Arrays.fill(errors, errors[0]);
            }
            double stepSize = kind == 0 ? eta : eta * learner.lastModulation();
            unguardedBackward(reference, errors, stepSize, outputDerivative,
                    kind != 0, kind != 0 && signOnly);
            assertSameBits(reference, net, what);
            assertFinite(net, what);
            counts[0]++;
        }
        return counts;
    }

    private static LearningRule rule(int kind, double eta, boolean outputDerivative, boolean signOnly) {
        SignPropagation propagation = signOnly ? SignPropagation.SIGN_ONLY : SignPropagation.EXACT_THEN_SIGN;
        switch (kind) {
            case 0:
                return Backprop.builder().eta(eta).outputDerivative(outputDerivative).build();
            case 1:
                return SignAndRelevance.builder().eta(eta).outputDerivative(outputDerivative)
                        .signPropagation(propagation).build();
            default:
                return PrimeAndModulate.builder().eta(eta).outputDerivative(outputDerivative)
                        .signPropagation(propagation).build();
        }
    }

    /** The learning step as the learners have always taken it, engine call by engine call, without any check. */
    private static void unguardedBackward(Network net, double[] errors, double step, boolean outputDerivative,
            boolean signed, boolean signOnly) {
        NetworkState state = NetworkAccess.state(net);
        PlainEngine engine = PlainEngine.INSTANCE;
        DenseLayer[] layers = state.layers;
        int last = layers.length - 1;
        DenseLayer out = layers[last];
        engine.outputDelta(1, errors, out.nOut, out.activation, outputDerivative, out.z, out.a, out.delta);
        if (signOnly) {
            engine.signInPlace(out.nOut, out.delta);
        }
        double[] scale = {step};
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers[l];
            if (l > 0) {
                DenseLayer below = layers[l - 1];
                engine.hiddenDeltaAndUpdate(1, scale, layer.delta, signed, layer.nOut, below.a, layer.nIn, layer.w,
                        layer.bias, below.activation, below.z, below.delta);
                if (signOnly) {
                    engine.signInPlace(below.nOut, below.delta);
                }
            } else {
                engine.update(1, scale, layer.delta, signed, layer.nOut, state.input, layer.nIn, layer.w, layer.bias);
            }
        }
    }

    private static double[][] deltas(Network net) {
        double[][] d = new double[net.layerCount()][];
        for (int l = 0; l < d.length; l++) {
            d[l] = net.deltas(l);
        }
        return d;
    }

    private static void assertDeltasUnchanged(double[][] before, Network net, String what) {
        for (int l = 0; l < before.length; l++) {
            assertBits(before[l], net.deltas(l), what + ": deltas of layer " + l);
        }
    }

    private static void assertSameBits(Network expected, Network actual, String what) {
        for (int l = 0; l < expected.layerCount(); l++) {
            assertBits(NetworkFixtures.parameters(expected, l), NetworkFixtures.parameters(actual, l),
                    what + ": parameters of layer " + l);
            assertBits(expected.deltas(l), actual.deltas(l), what + ": deltas of layer " + l);
        }
    }

    private static void assertBits(double[] expected, double[] actual, String what) {
        long[] e = new long[expected.length];
        long[] a = new long[actual.length];
        for (int k = 0; k < e.length; k++) {
            e[k] = Double.doubleToRawLongBits(expected[k]);
        }
        for (int k = 0; k < a.length; k++) {
            a[k] = Double.doubleToRawLongBits(actual[k]);
        }
        assertArrayEquals(e, a, what);
    }

    private static void assertFinite(Network net, String what) {
        for (int l = 0; l < net.layerCount(); l++) {
            for (double p : NetworkFixtures.parameters(net, l)) {
                assertTrue(Double.isFinite(p), what + ": layer " + l + " holds " + p);
            }
        }
    }
}
