// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.StepContext;

/**
 * Bad input to the network and its builder: exception type and message, and (where a network exists) no
 * weight, bias or activation changed, compared bit for bit.
 */
class NetworkValidationTest {

    private static <T extends Throwable> T assertMessage(Class<T> type, String message, Executable call) {
        T e = assertThrows(type, call, message);
        assertEquals(message, e.getMessage());
        return e;
    }

    private static void assertRejectedForward(Network net, String message, double[] input, double[] out) {
        double[][] before = NetworkFixtures.snapshot(net);
        double[] outBefore = out.clone();
        assertMessage(IllegalArgumentException.class, message, () -> net.forward(input, out));
        NetworkFixtures.assertUnchanged(before, net, message);
        assertArrayEquals(outBefore, out, 0.0, message + ": out not written");
    }

    @Test
    void forwardRejectsBadLengthsAndNonFiniteInputs() {
        Network net = Network.builder(2).bias(true).layers(3, 1).seed(1).build();
        net.forward(new double[] {0.1, 0.2}, new double[1]);
        assertRejectedForward(net, "input.length must be 2, got 3", new double[] {1, 2, 3}, new double[1]);
        assertRejectedForward(net, "input.length must be 2, got 1", new double[] {1}, new double[1]);
        assertRejectedForward(net, "input[1] must be finite, got NaN", new double[] {5, Double.NaN}, new double[1]);
        assertRejectedForward(net, "input[0] must be finite, got Infinity",
                new double[] {Double.POSITIVE_INFINITY, 0}, new double[1]);
        assertRejectedForward(net, "input[1] must be finite, got -Infinity",
                new double[] {0, Double.NEGATIVE_INFINITY}, new double[1]);
        assertRejectedForward(net, "out.length must be 1, got 2", new double[] {5, 6}, new double[] {7, 8});
        assertRejectedForward(net, "out.length must be 1, got 0", new double[] {5, 6}, new double[0]);
        NullPointerException e = assertThrows(NullPointerException.class, () -> net.forward(null, new double[1]));
        assertEquals("input", e.getMessage());
    }

    /** A rejected forward pass does not count as one: learning still needs a real forward pass. */
    @Test
    void rejectedForwardLeavesTheNetworkUnforwarded() {
        Network net = Network.builder(2).layers(3, 1).build();
        assertRejectedForward(net, "input[0] must be finite, got NaN", new double[] {Double.NaN, 0}, new double[1]);
        Learner bp = Backprop.builder().eta(0.1).build().newLearner(net);
        double[][] before = NetworkFixtures.snapshot(net);
        assertMessage(IllegalStateException.class,
                "learn needs the activations of a forward pass: call network.forward first",
                () -> bp.learn(0.5, new StepContext()));
        NetworkFixtures.assertUnchanged(before, net, "learn before forward");
    }

    @Test
    void builderRejectsBadSizes() {
        assertMessage(IllegalArgumentException.class, "nInputs must be > 0, got 0", () -> Network.builder(0));
        assertMessage(IllegalArgumentException.class, "nInputs must be > 0, got -3", () -> Network.builder(-3));
        assertMessage(IllegalStateException.class,
                "a network needs at least one layer; call layer(...) before build()", () -> Network.builder(2).build());
        assertMessage(IllegalArgumentException.class, "layer 0: nNeurons must be > 0, got 0",
                () -> Network.builder(2).layer(0));
        assertMessage(IllegalArgumentException.class, "layer 1: nNeurons must be > 0, got -1",
                () -> Network.builder(2).layer(3).layer(LayerSpec.of(-1)));
        assertMessage(IllegalArgumentException.class, "layer 2: nNeurons must be > 0, got 0",
                () -> Network.builder(2).layer(3).layers(4, 0, 5));
        // layers(...) adds nothing when one size is bad
        Network.Builder b = Network.builder(2).layer(3);
        assertThrows(IllegalArgumentException.class, () -> b.layers(4, 0));
        assertEquals(2, b.layer(1).build().layerCount(), "only layer(3) and layer(1) were added");
    }

    @Test
    void builderRejectsBadInitialisations() {
        assertMessage(IllegalArgumentException.class,
                "layer 0: explicit weights are 2x3 (neurons x inputs), but the layer is 2x2",
                () -> Network.builder(2).layer(LayerSpec.of(2).withInit(
                        WeightInits.explicit(new double[][] {{1, 2, 3}, {4, 5, 6}}, null))).build());
        assertMessage(IllegalArgumentException.class,
                "layer 1: explicit weights are 1x2 (neurons x inputs), but the layer is 1x3",
                () -> Network.builder(2).layer(3)
                        .layer(LayerSpec.of(1).withInit(WeightInits.explicit(new double[][] {{1, 2}}, null))).build());
        assertMessage(IllegalArgumentException.class, "layer 0: explicit bias given for a layer without bias",
                () -> Network.builder(1).layer(LayerSpec.of(1).withInit(
                        WeightInits.explicit(new double[][] {{1}}, new double[] {0.5}))).build());
        assertMessage(IllegalArgumentException.class, "explicit weights[0][1] must be finite, got NaN",
                () -> WeightInits.explicit(new double[][] {{1, Double.NaN}}, null));
        assertMessage(IllegalArgumentException.class, "explicit weights[1][0] must be finite, got -Infinity",
                () -> WeightInits.explicit(new double[][] {{1, 2}, {Double.NEGATIVE_INFINITY, 2}}, null));
        assertMessage(IllegalArgumentException.class, "explicit bias[1] must be finite, got Infinity",
                () -> WeightInits.explicit(new double[][] {{1}, {2}}, new double[] {0, Double.POSITIVE_INFINITY}));
        assertMessage(IllegalArgumentException.class, "explicit bias.length must be 2, got 3",
                () -> WeightInits.explicit(new double[][] {{1}, {2}}, new double[3]));
        assertMessage(IllegalArgumentException.class, "explicit weights[1].length must be 2, got 1",
                () -> WeightInits.explicit(new double[][] {{1, 2}, {3}}, null));
        assertMessage(IllegalArgumentException.class, "explicit weights must be a non-empty nNeurons x nInputs array",
                () -> WeightInits.explicit(new double[0][], null));
        assertMessage(IllegalArgumentException.class, "uniform init needs high > low, got low 1.0, high 1.0",
                () -> WeightInits.uniform(1.0, 1.0));
        assertMessage(IllegalArgumentException.class, "uniform init needs high > low, got low 2.0, high 1.0",
                () -> WeightInits.uniform(2.0, 1.0));
        assertMessage(IllegalArgumentException.class, "low must be finite, got NaN",
                () -> WeightInits.uniform(Double.NaN, 1.0));
        assertMessage(IllegalArgumentException.class, "high must be finite, got Infinity",
                () -> WeightInits.uniform(0.0, Double.POSITIVE_INFINITY));
        assertMessage(IllegalArgumentException.class, "halfWidth must be finite and > 0, got 0.0",
                () -> WeightInits.symmetric(0.0));
        assertMessage(IllegalArgumentException.class, "halfWidth must be finite and > 0, got NaN",
                () -> WeightInits.symmetric(Double.NaN));
    }

    /** Explicit weights are copied when given: changing the caller's array afterwards changes nothing. */
    @Test
    void explicitWeightsAreCopied() {
        double[][] w = {{1.0, 2.0}};
        double[] b = {0.5};
        WeightInit init = WeightInits.explicit(w, b);
        w[0][0] = 100.0;
        b[0] = 100.0;
        Network net = Network.builder(2).bias(true).layer(LayerSpec.of(1).withInit(init)).build();
        assertArrayEquals(new double[] {1.0, 2.0}, net.weights(0)[0], 0.0);
        assertArrayEquals(new double[] {0.5}, net.bias(0), 0.0);
    }

    @Test
    void copyIntoRejectsTheWrongLength() {
        Network net = Network.builder(2).layers(3, 1).build();
        double[][] before = NetworkFixtures.snapshot(net);
        assertMessage(IllegalArgumentException.class, "dst.length must be 6, got 5",
                () -> net.copyWeightsInto(0, new double[5]));
        assertMessage(IllegalArgumentException.class, "dst.length must be 1, got 2",
                () -> net.copyActivationsInto(1, new double[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> net.weights(2));
        assertThrows(IndexOutOfBoundsException.class, () -> net.weightDistance(-1));
        NetworkFixtures.assertUnchanged(before, net, "after rejected copies");
    }
}
