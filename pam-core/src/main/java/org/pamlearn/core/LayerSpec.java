// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

/**
 * What the builder needs to know about one layer. Unset parts ({@code null}) take the builder's
 * defaults ({@link Network.Builder#activation}, {@link Network.Builder#init}, {@link Network.Builder#bias}).
 *
 * @param nNeurons neurons in the layer, {@code > 0}
 * @param activation the activation, or {@code null} for the builder's default
 * @param init the weight initialisation, or {@code null} for the builder's default
 * @param bias whether the layer has biases, or {@code null} for the builder's default
 */
public record LayerSpec(int nNeurons, Activation activation, WeightInit init, Boolean bias) {

    /**
     * A layer of {@code nNeurons} with every other setting left to the builder's defaults.
     *
     * @param nNeurons neurons in the layer
     * @return the specification
     */
    public static LayerSpec of(int nNeurons) {
        return new LayerSpec(nNeurons, null, null, null);
    }

    /**
     * Returns this specification with another activation.
     *
     * @param f the activation
     * @return a new specification
     */
    public LayerSpec withActivation(Activation f) {
        return new LayerSpec(nNeurons, f, init, bias);
    }

    /**
     * Returns this specification with another weight initialisation.
     *
     * @param weightInit the initialisation
     * @return a new specification
     */
    public LayerSpec withInit(WeightInit weightInit) {
        return new LayerSpec(nNeurons, activation, weightInit, bias);
    }

    /**
     * Returns this specification with biases on or off.
     *
     * @param hasBias whether the layer has biases
     * @return a new specification
     */
    public LayerSpec withBias(boolean hasBias) {
        return new LayerSpec(nNeurons, activation, init, hasBias);
    }
}
