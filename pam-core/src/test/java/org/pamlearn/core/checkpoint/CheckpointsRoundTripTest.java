// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInit;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.StepContext;

/** Property: a network written and read back is bit-for-bit the same network. */
class CheckpointsRoundTripTest {

    /** Values whose bits are easy to lose in a text format: signed zero, subnormals, the extremes. */
    private static final double[] EXTREMES = {
        -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
        Math.nextDown(Double.MIN_NORMAL), 1e300, -1e300, 1e-300, Double.MAX_VALUE, -Double.MAX_VALUE,
        0.1, 1.0 / 3.0, 2e-3, 1e23, 9007199254740993.0, Math.ulp(1.0), 1.0 + Math.ulp(1.0),
    };

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void roundTripPreservesEveryBitShapeAndOutput(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network original = randomNetwork(random);

        Network loaded = Checkpoints.fromJson(Checkpoints.toJson(original));

        assertSameNetwork(original, loaded, "seed " + seed);
        double[] input = new double[original.inputCount()];
        for (int i = 0; i < input.length; i++) {
            input[i] = random.nextDouble(-1.0, 1.0);
        }
        // The injected extreme weights can make a weighted sum overflow; the reloaded network must then refuse the
        // same forward pass with the same message, and otherwise give the same bits.
        assertEquals(outcome(original, input), outcome(loaded, input), "seed " + seed + ": forward after reload");
    }

    private static String outcome(Network network, double[] input) {
        double[] out = new double[network.outputCount()];
        try {
            network.forward(input, out);
        } catch (IllegalArgumentException e) {
            return "threw: " + e.getMessage();
        }
        StringBuilder bits = new StringBuilder();
        for (double y : out) {
            bits.append(Long.toHexString(Double.doubleToRawLongBits(y))).append(' ');
        }
        return bits.toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void writingTheLoadedNetworkGivesTheSameText(long seed) {
        String json = Checkpoints.toJson(randomNetwork(new SplittableRandom(seed)));

        assertEquals(json, Checkpoints.toJson(Checkpoints.fromJson(json)), "seed " + seed);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void arbitraryFiniteBitPatternsSurvive(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] w = new double[3][4];
        double[] b = new double[3];
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 4; i++) {
                w[j][i] = finiteBits(random);
            }
            b[j] = finiteBits(random);
        }
        Network original = Network.builder(4)
                .layer(LayerSpec.of(3).withBias(true).withInit(WeightInits.explicit(w, b))).build();

        Network loaded = Checkpoints.fromJson(Checkpoints.toJson(original));

        assertSameNetwork(original, loaded, "seed " + seed);
    }

    @Test
    void loadedWeightsAreTheInitialWeights() {
        Network trained = Network.builder(3).bias(true).init(WeightInits.symmetric(0.5)).seed(7).layers(4, 2).build();
        Learner learner = Backprop.builder().eta(0.5).build().newLearner(trained);
        double[] out = new double[2];
        for (int step = 0; step < 5; step++) {
            trained.forward(new double[] {0.3, -0.2, 0.9}, out);
            learner.learn(1.0, new StepContext());
        }
        assertTrue(trained.weightDistance(0) > 0.0, "training should have moved layer 0");

        Network loaded = Checkpoints.fromJson(Checkpoints.toJson(trained));

        assertSameNetwork(trained, loaded, "trained network");
        for (int l = 0; l < loaded.layerCount(); l++) {
            assertEquals(0.0, loaded.weightDistance(l), 0.0, "layer " + l);
            assertArrayEquals(new double[loaded.layerSize(l)], loaded.activations(l), 0.0, "layer " + l);
        }
    }

    /** Asserts same inputs, shapes, activations, bias flags, and bit-identical weights and biases. */
    static void assertSameNetwork(Network expected, Network actual, String context) {
        assertEquals(expected.inputCount(), actual.inputCount(), context + ": inputs");
        assertEquals(expected.layerCount(), actual.layerCount(), context + ": layers");
        for (int l = 0; l < expected.layerCount(); l++) {
            String layer = context + ": layer " + l;
            assertEquals(expected.layerSize(l), actual.layerSize(l), layer + " size");
            assertEquals(expected.layerInputCount(l), actual.layerInputCount(l), layer + " inputs");
            assertEquals(expected.activation(l), actual.activation(l), layer + " activation");
            assertEquals(expected.hasBias(l), actual.hasBias(l), layer + " bias");
            double[][] we = expected.weights(l);
            double[][] wa = actual.weights(l);
            for (int j = 0; j < we.length; j++) {
                for (int i = 0; i < we[j].length; i++) {
                    assertBits(we[j][i], wa[j][i], layer + " weights[" + j + "][" + i + "]");
                }
            }
            double[] be = expected.bias(l);
            double[] ba = actual.bias(l);
            assertEquals(be.length, ba.length, layer + " bias length");
            for (int j = 0; j < be.length; j++) {
                assertBits(be[j], ba[j], layer + " bias[" + j + "]");
            }
        }
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> what + ": wrote " + expected + " (0x" + Long.toHexString(Double.doubleToRawLongBits(expected))
                        + "), read " + actual + " (0x" + Long.toHexString(Double.doubleToRawLongBits(actual)) + ")");
    }

    /** Depth 1-6, sizes 1-12, random activation, bias and initialisation per layer, extremes injected. */
    static Network randomNetwork(SplittableRandom random) {
        int nInputs = 1 + random.nextInt(12);
        Network.Builder builder = Network.builder(nInputs).seed(random.nextLong());
        int depth = 1 + random.nextInt(6);
        int nIn = nInputs;
        for (int l = 0; l < depth; l++) {
            int nNeurons = 1 + random.nextInt(12);
            boolean hasBias = random.nextBoolean();
            Activation f = Activation.values()[random.nextInt(Activation.values().length)];
            builder.layer(LayerSpec.of(nNeurons).withActivation(f).withBias(hasBias)
                    .withInit(randomInit(random, nIn, nNeurons, hasBias)));
            nIn = nNeurons;
        }
        return builder.build();
    }

    private static WeightInit randomInit(SplittableRandom random, int nIn, int nNeurons, boolean hasBias) {
        switch (random.nextInt(6)) {
            case 0:
                return WeightInits.uniform(0.0, Math.pow(10.0, random.nextInt(-4, 3)));
            case 1:
                return WeightInits.symmetric(Math.pow(10.0, random.nextInt(-6, 7)));
            case 2:
                return WeightInits.xavier();
            case 3:
                return WeightInits.he();
            default:
                double[][] w = new double[nNeurons][nIn];
                for (double[] row : w) {
                    for (int i = 0; i < nIn; i++) {
                        row[i] = randomValue(random);
                    }
                }
                double[] b = null;
                if (hasBias) {
                    b = new double[nNeurons];
                    for (int j = 0; j < nNeurons; j++) {
                        b[j] = randomValue(random);
                    }
                }
                return WeightInits.explicit(w, b);
        }
    }

    private static double randomValue(SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0:
                return EXTREMES[random.nextInt(EXTREMES.length)];
            case 1:
                // a random subnormal of either sign
                double subnormal = Double.longBitsToDouble(random.nextLong(1L, 1L << 52));
                return random.nextBoolean() ? subnormal : -subnormal;
            case 2:
                return finiteBits(random);
            case 3:
                return random.nextDouble(-1.0, 1.0) * Math.pow(10.0, random.nextInt(-300, 301));
            default:
                return random.nextDouble(-1.0, 1.0);
        }
    }

    private static double finiteBits(SplittableRandom random) {
        double x;
        do {
            x = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(x));
        return x;
    }
}
