// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * Shared helpers of the core and learning tests: a factory of seeded random networks, and bit-for-bit
 * snapshots of a network's weights, biases and activations.
 */
public final class NetworkFixtures {

    private static final Activation[] ACTIVATIONS = Activation.values();

    private NetworkFixtures() {
    }

    /**
     * Seeds for property tests.
     *
     * @param n how many
     * @return {@code 0..n-1}
     */
    public static LongStream seeds(int n) {
        return LongStream.range(0, n);
    }

    /**
     * A random network: 1..5 inputs, {@code depth} layers of 1..5 neurons (the last 1..3), each layer
     * with a random activation, bias on or off, and a random initialisation among {@code U[0, 1)},
     * {@code U[0, 0.001)} (first layer only, the authors' scaled first layer), symmetric with a random
     * half-width, Xavier, He, and explicit weights with random non-zero biases.
     *
     * @param random the generator. Modified.
     * @param depth the number of layers, {@code >= 1}
     * @return the network
     */
    public static Network randomNetwork(SplittableRandom random, int depth) {
        int nInputs = 1 + random.nextInt(5);
        Network.Builder b = Network.builder(nInputs).seed(random.nextLong());
        int nIn = nInputs;
        for (int l = 0; l < depth; l++) {
            int nNeurons = l == depth - 1 ? 1 + random.nextInt(3) : 1 + random.nextInt(5);
            boolean hasBias = random.nextBoolean();
            LayerSpec spec = LayerSpec.of(nNeurons)
                    .withActivation(ACTIVATIONS[random.nextInt(ACTIVATIONS.length)])
                    .withBias(hasBias)
                    .withInit(randomInit(random, l == 0, nIn, nNeurons, hasBias));
            b.layer(spec);
            nIn = nNeurons;
        }
        return b.build();
    }

    private static WeightInit randomInit(SplittableRandom random, boolean first, int nIn, int nNeurons,
            boolean hasBias) {
        int choice = random.nextInt(first ? 6 : 5);
        switch (choice) {
            case 0:
                return WeightInits.uniform(0.0, 1.0);
            case 1:
                return WeightInits.symmetric(0.5 + 1.5 * random.nextDouble());
            case 2:
                return WeightInits.xavier();
            case 3:
                return WeightInits.he();
            case 4:
                double[][] w = new double[nNeurons][nIn];
                for (double[] row : w) {
                    for (int i = 0; i < nIn; i++) {
                        row[i] = random.nextDouble(-1.0, 1.0);
                    }
                }
                double[] bias = null;
                if (hasBias) {
                    bias = new double[nNeurons];
                    for (int j = 0; j < nNeurons; j++) {
                        bias[j] = random.nextDouble(-1.0, 1.0);
                    }
                }
                return WeightInits.explicit(w, bias);
            default:
                return WeightInits.uniform(0.0, 0.001);
        }
    }

    /**
     * A vector of values drawn from {@code U[low, high)}.
     *
     * @param random the generator. Modified.
     * @param n the length
     * @param low the lower bound
     * @param high the upper bound
     * @return the vector
     */
    public static double[] randomVector(SplittableRandom random, int n, double low, double high) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = random.nextDouble(low, high);
        }
        return x;
    }

    /**
     * The parameters of one layer, flat: the weights row-major ({@code w[j * nIn + i]}), then the biases.
     *
     * @param net the network. Not modified.
     * @param l the layer
     * @return a new array of {@code nOut * nIn} weights followed by {@code nOut} biases, if any
     */
    public static double[] parameters(Network net, int l) {
        int n = net.layerSize(l) * net.layerInputCount(l);
        double[] bias = net.bias(l);
        double[] p = new double[n + bias.length];
        double[] w = new double[n];
        net.copyWeightsInto(l, w);
        System.arraycopy(w, 0, p, 0, n);
        System.arraycopy(bias, 0, p, n, bias.length);
        return p;
    }

    /**
     * A snapshot of every layer's parameters (see {@link #parameters}) and activations.
     *
     * @param net the network. Not modified.
     * @return {@code [2 * l]} the parameters of layer {@code l}, {@code [2 * l + 1]} its activations
     */
    public static double[][] snapshot(Network net) {
        double[][] s = new double[2 * net.layerCount()][];
        for (int l = 0; l < net.layerCount(); l++) {
            s[2 * l] = parameters(net, l);
            s[2 * l + 1] = net.activations(l);
        }
        return s;
    }

    /**
     * Asserts that every parameter and activation of {@code net} is bit-for-bit what the snapshot holds.
     *
     * @param before a {@link #snapshot} of the network
     * @param net the network. Not modified.
     * @param what names the case in the failure message
     */
    public static void assertUnchanged(double[][] before, Network net, String what) {
        double[][] after = snapshot(net);
        assertEquals(before.length, after.length, what + ": layer count");
        for (int k = 0; k < before.length; k++) {
            assertEquals(before[k].length, after[k].length, what + ": length of snapshot part " + k);
            for (int n = 0; n < before[k].length; n++) {
                if (Double.doubleToRawLongBits(before[k][n]) != Double.doubleToRawLongBits(after[k][n])) {
                    fail(what + ": layer " + k / 2 + (k % 2 == 0 ? " parameter " : " activation ") + n
                            + " changed from " + before[k][n] + " to " + after[k][n]);
                }
            }
        }
    }
}
