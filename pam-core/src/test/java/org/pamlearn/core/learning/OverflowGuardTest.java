// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.internal.NetworkAccess;

/** Finite inputs, errors and cues whose combination overflows must not put NaN or infinity into the weights. */
class OverflowGuardTest {

    private static Network twoLayers() {
        return Network.builder(2)
                .layer(LayerSpec.of(1).withInit(WeightInits.explicit(new double[][] {{10.0, -10.0}}, null)))
                .layer(LayerSpec.of(1).withActivation(Activation.LINEAR)
                        .withInit(WeightInits.explicit(new double[][] {{1.0}}, null)))
                .build();
    }

    @Test
    void forwardWhoseWeightedSumOverflowsThrowsAndLearningNeedsANewForwardPass() {
        Network net = twoLayers();
        Learner learner = Backprop.builder().eta(0.1).build().newLearner(net);
        double[] out = new double[1];
        net.forward(new double[] {0.5, 0.25}, out);

        // 10 * 1e308 overflows to +inf, -10 * 1e308 to -inf; their sum is NaN.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new double[] {1e308, 1e308}, out));
        assertEquals("forward overflowed: layer 0, neuron 0 has pre-activation NaN and activation NaN (inputs too"
                + " large for the weights?)", e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> learner.learn(1.0, new StepContext()));
        assertEquals("learn needs the activations of a forward pass: call network.forward first", s.getMessage());
        assertArrayEquals(new double[] {10.0, -10.0}, net.weights(0)[0], 0.0);
        assertArrayEquals(new double[] {1.0}, net.weights(1)[0], 0.0);
    }

    /**
     * Forward checks bounded layers only through the output (a NaN sum propagates to it), so an infinite
     * activation of an unbounded hidden layer, which a sigmoid above turns into a finite output, must be caught
     * where it happens.
     */
    @Test
    void infiniteActivationOfAnUnboundedHiddenLayerIsCaughtEvenWhenASigmoidAboveHidesIt() {
        for (Activation unbounded : new Activation[] {Activation.LINEAR, Activation.RELU}) {
            Network net = Network.builder(1)
                    .layer(LayerSpec.of(2).withActivation(unbounded)
                            .withInit(WeightInits.explicit(new double[][] {{1.0}, {1e308}}, null)))
                    .layer(LayerSpec.of(1).withActivation(Activation.CENTERED_SIGMOID)
                            .withInit(WeightInits.explicit(new double[][] {{1.0, 1.0}}, null)))
                    .build();
            double[] out = new double[1];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.forward(new double[] {10.0}, out), unbounded.toString());
            assertEquals("forward overflowed: layer 0, neuron 1 has pre-activation Infinity and activation Infinity"
                    + " (inputs too large for the weights?)", e.getMessage(), unbounded.toString());
            assertEquals(0.5, Activation.CENTERED_SIGMOID.value(Double.POSITIVE_INFINITY), 0.0,
                    "the sigmoid above would have hidden it");
        }
    }

    @Test
    void signRuleStepThatOverflowsIsRejectedBeforeAnyWeightChanges() {
        Network net = twoLayers();
        Learner learner = SignAndRelevance.builder().eta(1e300).build().newLearner(net);
        net.forward(new double[] {0.0, 1.0}, new double[1]);
        StepContext context = new StepContext().setModulation(1e10);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> learner.learn(1.0, context));
        assertEquals("the step eta * M overflows: eta 1.0E300 * M 1.0E10", e.getMessage());
        assertArrayEquals(new double[] {10.0, -10.0}, net.weights(0)[0], 0.0);
        assertArrayEquals(new double[] {1.0}, net.weights(1)[0], 0.0);
        assertEquals(0.0, learner.previousError(), 0.0);
    }

    @Test
    void meanOfLargeFiniteErrorsStaysFinite() {
        Network net = Network.builder(1).layer(2, Activation.LINEAR).build();
        // Without the cue error limit, so that the relevance shows the mean as it is.
        Learner learner = SignAndRelevance.builder().eta(1e-300).cueErrorLimit(Double.POSITIVE_INFINITY).build()
                .newLearner(net);
        net.forward(new double[] {1.0}, new double[2]);

        learner.learn(new double[] {1e308, 1e308}, new StepContext());

        assertEquals(1e308, learner.previousError(), 0.0, "mean of (1e308, 1e308)");
        assertEquals(1e308, learner.lastModulation(), 0.0, "SaR's relevance |mean E|");
    }

    @Test
    void checkpointOfANetworkHoldingNaNIsNotWritten() {
        Network net = twoLayers();
        NetworkAccess.state(net).layers[1].w[0][0] = Double.NaN;

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.toJson(net));
        assertEquals("cannot write a checkpoint of a network whose layers[1].weights[0][0] is NaN", e.getMessage());
    }
}
