// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import java.util.SplittableRandom;

/**
 * How a layer's weights and biases start. Implementations are immutable; {@link WeightInits} holds the
 * standard ones (uniform, symmetric, Xavier, He, explicit values).
 */
public interface WeightInit {

    /**
     * Fills a layer's weights and biases.
     *
     * @param weights flat row-major weights, {@code weights[j * nInputs + i]} from input {@code i} to
     *     neuron {@code j}; length {@code nNeurons * nInputs}. Modified.
     * @param bias biases, length {@code nNeurons}, or {@code null} when the layer has none. Modified.
     * @param nInputs inputs of the layer
     * @param nNeurons neurons of the layer
     * @param random the network's seeded generator, consumed layer after layer. Modified.
     * @throws IllegalArgumentException if this initialisation cannot fill a layer of that shape
     */
    void initialise(double[] weights, double[] bias, int nInputs, int nNeurons, SplittableRandom random);
}
