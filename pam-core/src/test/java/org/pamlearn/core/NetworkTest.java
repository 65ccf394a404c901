// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.Cues;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.SignAndRelevance;
import org.pamlearn.core.learning.StepContext;

/** The network: builder defaults, seeds, forward pass, weight distance and copies. */
class NetworkTest {

    @Test
    void builderDefaultsAreTheAuthorsCenteredSigmoidWithoutBiasAndUniformZeroOne() {
        Network net = Network.builder(100).layers(100, 3).build();
        assertEquals(2, net.layerCount());
        assertEquals(100, net.inputCount());
        assertEquals(3, net.outputCount());
        for (int l = 0; l < 2; l++) {
            assertEquals(Activation.CENTERED_SIGMOID, net.activation(l), "layer " + l);
            assertFalse(net.hasBias(l), "layer " + l);
            assertEquals(0, net.bias(l).length, "layer " + l);
        }
        assertEquals(100, net.layerInputCount(0));
        assertEquals(100, net.layerSize(0));
        assertEquals(100, net.layerInputCount(1));
        // 10,000 draws of U[0, 1): all in range, mean 0.5 +- 0.01 (sd of the mean 0.0029), both ends reached.
        double[][] w = net.weights(0);
        double sum = 0.0;
        double min = 1.0;
        double max = 0.0;
        for (double[] row : w) {
            for (double x : row) {
                assertTrue(x >= 0.0 && x < 1.0, "weight " + x);
                sum += x;
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
        }
        assertEquals(0.5, sum / 10_000, 0.01, "mean");
        assertTrue(min < 0.001 && max > 0.999, "range [" + min + ", " + max + "]");

        Network explicitDefaults = Network.builder(100).activation(Activation.CENTERED_SIGMOID).bias(false)
                .init(WeightInits.uniform(0.0, 1.0)).seed(0).layers(100, 3).build();
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(NetworkFixtures.parameters(explicitDefaults, l), NetworkFixtures.parameters(net, l), 0.0,
                    "default seed 0, layer " + l);
        }
    }

    @Test
    void layerSettingsOverrideTheDefaultsWhateverTheCallOrder() {
        Network net = Network.builder(2)
                .layer(3)
                .layer(LayerSpec.of(2).withActivation(Activation.RELU).withBias(false))
                .activation(Activation.TANH).bias(true).init(WeightInits.uniform(-3.0, -2.0))
                .layer(1, Activation.LINEAR)
                .build();
        assertEquals(Activation.TANH, net.activation(0), "default set after the layer");
        assertTrue(net.hasBias(0), "default bias set after the layer");
        assertEquals(Activation.RELU, net.activation(1));
        assertFalse(net.hasBias(1));
        assertEquals(Activation.LINEAR, net.activation(2));
        assertTrue(net.hasBias(2));
        for (int l = 0; l < 3; l++) {
            for (double[] row : net.weights(l)) {
                for (double x : row) {
                    assertTrue(x >= -3.0 && x < -2.0, "layer " + l + " weight " + x + " from U[-3, -2)");
                }
            }
            for (double b : net.bias(l)) {
                assertEquals(0.0, b, 0.0, "random inits start biases at 0");
            }
        }
    }

    @Test
    void sameSeedSameWeightsOtherSeedOtherWeights() {
        Network.Builder b = Network.builder(4).init(WeightInits.xavier()).bias(true).layers(5, 3, 2);
        Network a = b.seed(42).build();
        Network same = Network.builder(4).init(WeightInits.xavier()).bias(true).layers(5, 3, 2).seed(42).build();
        Network other = b.seed(43).build();
        boolean differs = false;
        for (int l = 0; l < 3; l++) {
            assertArrayEquals(NetworkFixtures.parameters(a, l), NetworkFixtures.parameters(same, l), 0.0, "layer " + l);
            double[] pa = NetworkFixtures.parameters(a, l);
            double[] po = NetworkFixtures.parameters(other, l);
            for (int k = 0; k < pa.length; k++) {
                differs |= pa[k] != po[k];
            }
        }
        assertTrue(differs, "seed 43 gives other weights than seed 42");
        // Xavier bounds: layer 1 is 3 x 5, a = sqrt(6 / 8)
        double bound = Math.sqrt(6.0 / 8.0);
        for (double[] row : a.weights(1)) {
            for (double x : row) {
                assertTrue(Math.abs(x) <= bound, "xavier weight " + x);
            }
        }
    }

    /**
     * 2 -> 2 (SIGMOID, bias) -> 2 (TANH), input u = (1, 2):
     * <pre>
     *   v0 = ((ln3 - 0.5)*1 + 0*2 + 0.5, 0.5*1 - 0.25*2 + 0) = (ln 3, 0)
     *   A0 = (1/(1 + 1/3), 1/2) = (0.75, 0.5)
     *   v1 = ((4 ln2/3 - 2)*0.75 + 3*0.5, 2*0.75 + (-2 ln2 - 3)*0.5) = (ln 2, -ln 2)
     *   y  = tanh(+-ln 2) = +-(4 - 1)/(4 + 1) = (0.6, -0.6)
     * </pre>
     * Tolerance 1e-15 (only the rounding of ln 3, ln 2 and a few operations).
     */
    @Test
    void forwardMatchesAHandComputedTwoLayerCase() {
        double ln2 = Math.log(2.0);
        double ln3 = Math.log(3.0);
        Network net = Network.builder(2)
                .layer(LayerSpec.of(2).withActivation(Activation.SIGMOID).withBias(true).withInit(
                        WeightInits.explicit(new double[][] {{ln3 - 0.5, 0.0}, {0.5, -0.25}}, new double[] {0.5, 0.0})))
                .layer(LayerSpec.of(2).withActivation(Activation.TANH).withInit(
                        WeightInits.explicit(new double[][] {{4 * ln2 / 3 - 2, 3.0}, {2.0, -2 * ln2 - 3}}, null)))
                .build();
        double[] y = new double[2];
        double[] u = {1.0, 2.0};
        net.forward(u, y);
        assertArrayEquals(new double[] {0.6, -0.6}, y, 1e-15, "outputs");
        assertArrayEquals(new double[] {0.75, 0.5}, net.activations(0), 1e-15, "hidden activations");
        assertArrayEquals(y, net.activations(1), 0.0, "the output layer's activations are the outputs");
        assertArrayEquals(new double[] {1.0, 2.0}, u, 0.0, "input not modified");

        // Buffers are reused: another input gives the other answer, and the first again gives the same bits.
        double[] y2 = new double[2];
        net.forward(new double[] {0.0, 0.0}, y2);
        assertNotEquals(y[0], y2[0]);
        double[] y3 = new double[2];
        net.forward(u, y3);
        assertArrayEquals(y, y3, 0.0, "forward is a function of the input and the weights");
    }

    /**
     * One LINEAR neuron with bias, w = (0.5, -0.5), b = 0.25, u = (1, 2): y = -0.25; a BP step with E = 1,
     * eta = 0.1 moves w by 0.1 * (1, 2) and b by 0.1, so the distance is sqrt(0.01 + 0.04 + 0.01) = sqrt(0.06);
     * a second identical step doubles the displacement: sqrt(0.24). Tolerance 1e-15.
     */
    @Test
    void weightDistanceIsTheNormOfTheDisplacementSinceBuild() {
        Network net = Network.builder(2).bias(true).activation(Activation.LINEAR)
                .layer(LayerSpec.of(1).withInit(
                        WeightInits.explicit(new double[][] {{0.5, -0.5}}, new double[] {0.25})))
                .build();
        assertEquals(0.0, net.weightDistance(0), 0.0, "at build");
        double[] y = new double[1];
        net.forward(new double[] {1.0, 2.0}, y);
        assertEquals(-0.25, y[0], 0.0);
        Learner bp = Backprop.builder().eta(0.1).build().newLearner(net);
        bp.learn(1.0, new StepContext());
        assertEquals(0.2449489742783178, net.weightDistance(0), 1e-15, "sqrt(0.06)");
        assertEquals(net.weightDistance(0), net.copy().weightDistance(0), 0.0, "a copy keeps the initial weights");
        net.forward(new double[] {1.0, 2.0}, y);
        bp.learn(1.0, new StepContext());
        assertEquals(0.4898979485566356, net.weightDistance(0), 1e-15, "sqrt(0.24)");

        Network deep = Network.builder(3).layers(4, 4, 2).seed(3).build();
        for (int l = 0; l < 3; l++) {
            assertEquals(0.0, deep.weightDistance(l), 0.0, "layer " + l + " at build");
        }
    }

    @Test
    void returnedArraysAreCopies() {
        Network net = Network.builder(2).bias(true).layers(3, 2).seed(9).build();
        net.forward(new double[] {0.5, -1.0}, new double[2]);
        SignAndRelevance.builder().eta(0.1).build().newLearner(net).learn(0.5, new StepContext());
        double[][] before = NetworkFixtures.snapshot(net);
        double[] deltas = net.deltas(0);
        net.weights(0)[0][0] += 1.0;
        net.bias(0)[0] += 1.0;
        net.activations(0)[0] += 1.0;
        net.deltas(0)[0] += 1.0;
        NetworkFixtures.assertUnchanged(before, net, "after mutating returned arrays");
        assertArrayEquals(deltas, net.deltas(0), 0.0, "deltas");

        double[] dst = new double[6];
        net.copyWeightsInto(0, dst);
        double[][] w = net.weights(0);
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 2; i++) {
                assertEquals(w[j][i], dst[j * 2 + i], 0.0, "copyWeightsInto is row-major");
            }
        }
        dst[0] += 1.0;
        NetworkFixtures.assertUnchanged(before, net, "after mutating the copyWeightsInto buffer");

        double[] biasDst = new double[3];
        net.copyBiasInto(0, biasDst);
        assertArrayEquals(net.bias(0), biasDst, 0.0, "copyBiasInto");
        biasDst[0] += 1.0;
        NetworkFixtures.assertUnchanged(before, net, "after mutating the copyBiasInto buffer");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.copyBiasInto(0, new double[2]));
        assertEquals("dst.length must be 3, got 2", e.getMessage());
        Network noBias = Network.builder(2).layer(3).build();
        noBias.copyBiasInto(0, new double[0]);
    }

    static LongStream seeds() {
        return NetworkFixtures.seeds(20);
    }

    /** A copy has the same weights and last activations, learns the same, and is independent of the original. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void copyIsIndependent(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network net = NetworkFixtures.randomNetwork(random, 1 + (int) (seed % 5));
        double[] u = NetworkFixtures.randomVector(random, net.inputCount(), -1.0, 1.0);
        net.forward(u, new double[net.outputCount()]);
        Network copy = net.copy();
        double[][] original = NetworkFixtures.snapshot(net);
        NetworkFixtures.assertUnchanged(original, copy, "seed " + seed + ": copy equals the original");
        assertEquals(net.toString(), copy.toString());

        // The copy learns from the stored activations, without a forward pass of its own.
        SignAndRelevance sar = SignAndRelevance.builder().eta(0.5).relevance(Cues.constant(1.0)).build();
        sar.newLearner(copy).learn(0.7, new StepContext());
        NetworkFixtures.assertUnchanged(original, net, "seed " + seed + ": learning on the copy");
        sar.newLearner(net).learn(0.7, new StepContext());
        NetworkFixtures.assertUnchanged(NetworkFixtures.snapshot(copy), net,
                "seed " + seed + ": the same step on the original gives the same bits");

        double[][] learned = NetworkFixtures.snapshot(copy);
        net.forward(NetworkFixtures.randomVector(random, net.inputCount(), -1.0, 1.0), new double[net.outputCount()]);
        Backprop.builder().eta(0.5).build().newLearner(net).learn(-0.3, new StepContext());
        NetworkFixtures.assertUnchanged(learned, copy, "seed " + seed + ": forward and learning on the original");
    }
}
