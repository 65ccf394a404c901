// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import org.pamlearn.core.Activation;

/**
 * The buffers of one fully connected layer, preallocated for batch size 1: weights (flat row-major,
 * {@code w[j * nIn + i]}), optional biases, their initial values (for the weight-distance monitor), and
 * the last forward and backward pass ({@code z}, {@code a}, {@code delta}).
 *
 * <p>Internal API: the learning rules and checkpoints read and write these fields directly.
 */
public final class DenseLayer {

    /** Inputs of the layer. */
    public final int nIn;
    /** Neurons of the layer. */
    public final int nOut;
    /** Activation of every neuron. */
    public final Activation activation;
    /** Weights, {@code nOut x nIn} row-major. */
    public final double[] w;
    /** Biases, length {@code nOut}, or {@code null} when the layer has none. */
    public final double[] bias;
    /** Weights as initialised (or loaded). */
    public final double[] w0;
    /** Biases as initialised (or loaded), or {@code null}. */
    public final double[] bias0;
    /** Pre-activations of the last forward pass. */
    public final double[] z;
    /** Activations of the last forward pass. */
    public final double[] a;
    /** Error signal of the last learning step. */
    public final double[] delta;

    /**
     * Creates a layer whose weights and biases are all zero.
     *
     * @param nIn inputs, {@code > 0}
     * @param nOut neurons, {@code > 0}
     * @param activation the activation
     * @param hasBias whether the layer has biases
     */
    public DenseLayer(int nIn, int nOut, Activation activation, boolean hasBias) {
        this.nIn = nIn;
        this.nOut = nOut;
        this.activation = activation;
        this.w = new double[nIn * nOut];
        this.w0 = new double[nIn * nOut];
        this.bias = hasBias ? new double[nOut] : null;
        this.bias0 = hasBias ? new double[nOut] : null;
        this.z = new double[nOut];
        this.a = new double[nOut];
        this.delta = new double[nOut];
    }

    /** Records the current weights and biases as the initial ones. */
    public void markInitial() {
        System.arraycopy(w, 0, w0, 0, w.length);
        if (bias != null) {
            System.arraycopy(bias, 0, bias0, 0, bias.length);
        }
    }
}
