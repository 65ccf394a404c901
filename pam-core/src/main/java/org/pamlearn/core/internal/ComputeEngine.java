// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import org.pamlearn.core.Activation;

/**
 * The per-layer operations that all rule math is written against (docs/DESIGN.md, "Compute engines").
 *
 * <p>Every operation works on a batch of {@code rows} samples stored row-major: a batch of activations
 * with {@code n} columns is {@code x[b * n + k]}. Weights are one array per neuron, {@code w[j][i]} from
 * input {@code i} to neuron {@code j} (see {@link DenseLayer} for why not one flat array). Callers own every array
 * and validate lengths; engines trust them and allocate nothing for one row. {@link PlainEngine} is the real-time
 * engine (B = 1); {@link Nd4jEngine} the batch engine; both must produce the same updates.
 *
 * <p>Internal API: not part of pamlearn's compatibility promise.
 */
public interface ComputeEngine {

    /**
     * Forward pass of one layer: {@code z = in * W^T + bias}, {@code a = f(z)}.
     *
     * @param rows batch rows
     * @param in inputs, {@code rows x nIn}. Not modified.
     * @param nIn inputs per row
     * @param w weights, {@code nOut x nIn}. Not modified.
     * @param bias biases, length {@code nOut}, or {@code null}. Not modified.
     * @param nOut neurons
     * @param f the activation
     * @param z pre-activations, {@code rows x nOut}. Modified.
     * @param a activations, {@code rows x nOut}. Modified.
     */
    void forward(int rows, double[] in, int nIn, double[][] w, double[] bias, int nOut, Activation f,
            double[] z, double[] a);

    /**
     * Error signal of the output layer: {@code delta = err .* f'(z)}, or {@code delta = err} without the
     * derivative.
     *
     * @param rows batch rows
     * @param err errors, {@code rows x nOut}. Not modified.
     * @param nOut output neurons
     * @param f the output activation
     * @param useDerivative whether to multiply by {@code f'(z)}
     * @param z pre-activations, {@code rows x nOut}. Not modified.
     * @param a activations, {@code rows x nOut}. Not modified.
     * @param delta the result, {@code rows x nOut}. Modified.
     */
    void outputDelta(int rows, double[] err, int nOut, Activation f, boolean useDerivative, double[] z, double[] a,
            double[] delta);

    /**
     * Error signal of a hidden layer: {@code delta = f'(z) .* (deltaNext * wNext)}.
     *
     * @param rows batch rows
     * @param deltaNext the next layer's error signal, {@code rows x nNext}. Not modified.
     * @param nNext neurons of the next layer
     * @param wNext the next layer's weights, {@code nNext x nOut}. Not modified.
     * @param nOut neurons of this layer
     * @param f this layer's activation
     * @param z this layer's pre-activations, {@code rows x nOut}. Not modified.
     * @param a this layer's activations, {@code rows x nOut}. Not modified.
     * @param delta the result, {@code rows x nOut}. Modified.
     */
    void hiddenDelta(int rows, double[] deltaNext, int nNext, double[][] wNext, int nOut, Activation f, double[] z,
            double[] a, double[] delta);

    /**
     * Replaces each value by its sign ({@code -1, 0, +1}; {@code sgn(0) = 0}).
     *
     * @param n number of values
     * @param x the values. Modified.
     */
    void signInPlace(int n, double[] x);

    /**
     * Weight update {@code W += sum_b scale[b] * g'[b]^T * in[b]} and {@code bias += sum_b scale[b] * g'[b]},
     * where {@code g' = g}, or {@code g' = sgn(g)} when {@code signOfG}.
     *
     * @param rows batch rows
     * @param scale per-row factor (for example {@code eta * M(n)}), length {@code rows}. Not modified.
     * @param g the error signal, {@code rows x nOut}. Not modified.
     * @param signOfG whether only the sign of {@code g} acts
     * @param nOut neurons
     * @param in the layer's inputs, {@code rows x nIn}. Not modified.
     * @param nIn inputs per row
     * @param w weights, {@code nOut x nIn}. Modified.
     * @param bias biases, length {@code nOut}, or {@code null}. Modified.
     */
    void update(int rows, double[] scale, double[] g, boolean signOfG, int nOut, double[] in, int nIn, double[][] w,
            double[] bias);

    /**
     * The backward step of one layer, fused: the error signal of the layer below, computed from this layer's
     * weights <em>before</em> they change, then this layer's update. The results are exactly those of
     * {@code hiddenDelta(rows, g, nOut, w, nIn, fIn, zIn, in, gIn)} followed by
     * {@code update(rows, scale, g, signOfG, nOut, in, nIn, w, bias)}; an engine may do both in one pass over
     * {@code w}, which halves the memory traffic of the dominant part of a learning step.
     *
     * @param rows batch rows
     * @param scale per-row factor of the update, length {@code rows}. Not modified.
     * @param g this layer's error signal, {@code rows x nOut}. Not modified.
     * @param signOfG whether only the sign of {@code g} acts in the update
     * @param nOut neurons of this layer
     * @param in this layer's inputs (the activations of the layer below), {@code rows x nIn}. Not modified.
     * @param nIn inputs of this layer (neurons of the layer below)
     * @param w this layer's weights, {@code nOut x nIn}. Modified.
     * @param bias this layer's biases, length {@code nOut}, or {@code null}. Modified.
     * @param fIn the activation of the layer below
     * @param zIn the pre-activations of the layer below, {@code rows x nIn}. Not modified.
     * @param gIn the error signal of the layer below, {@code rows x nIn}. Modified.
     */
    void hiddenDeltaAndUpdate(int rows, double[] scale, double[] g, boolean signOfG, int nOut, double[] in, int nIn,
            double[][] w, double[] bias, Activation fIn, double[] zIn, double[] gIn);

    /**
     * The mini-batch sign update (docs/ALGORITHMS.md &sect;6): {@code W += step * sgn(g^T * in)} and
     * {@code bias += step * sgn(sum_b g[b])}, the sign of each synapse's change summed over the batch. At one row this
     * is {@code step * sgn(g_j * in_i)}, not the online sign rules' {@code step * in_i * sgn(g_j)} ({@link #update}
     * with {@code signOfG}).
     *
     * @param rows batch rows
     * @param step the size of every change, {@code eta * M}
     * @param g the error signal, {@code rows x nOut}. Not modified.
     * @param nOut neurons
     * @param in the layer's inputs, {@code rows x nIn}. Not modified.
     * @param nIn inputs per row
     * @param w weights, {@code nOut x nIn}. Modified.
     * @param bias biases, length {@code nOut}, or {@code null}. Modified.
     */
    void signOfSumUpdate(int rows, double step, double[] g, int nOut, double[] in, int nIn, double[][] w,
            double[] bias);
}
