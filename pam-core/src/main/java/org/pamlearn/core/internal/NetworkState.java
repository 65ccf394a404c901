// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

/**
 * Everything mutable about a network: its layers, a copy of the last input, and whether a forward pass
 * has happened (learning needs one).
 *
 * <p>Internal API.
 */
public final class NetworkState {

    /** The layers, input side first. */
    public final DenseLayer[] layers;
    /** The input of the last forward pass (the activations of "layer -1"). */
    public final double[] input;
    /** The engine that runs the math. */
    public final ComputeEngine engine;
    /** Whether {@code forward} has run since the network was built or loaded. */
    public boolean forwarded;

    /**
     * Creates the state.
     *
     * @param layers the layers, input side first
     * @param nInputs the number of network inputs
     * @param engine the engine
     */
    public NetworkState(DenseLayer[] layers, int nInputs, ComputeEngine engine) {
        this.layers = layers;
        this.input = new double[nInputs];
        this.engine = engine;
    }

    /**
     * Returns the inputs of layer {@code l}: the network input for layer 0, otherwise the previous
     * layer's activations.
     *
     * @param l the layer index
     * @return the live buffer
     */
    public double[] inputOf(int l) {
        return l == 0 ? input : layers[l - 1].a;
    }
}
