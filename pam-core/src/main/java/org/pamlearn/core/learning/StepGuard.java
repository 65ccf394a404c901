// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.Activation;
import org.pamlearn.core.internal.ComputeEngine;
import org.pamlearn.core.internal.DenseLayer;
import org.pamlearn.core.internal.NetworkState;

/**
 * Refuses a learning step that would make a weight, a bias or an error signal NaN or infinite, before anything
 * changes. Finite errors, inputs and rates can still overflow: a linear layer fed {@code 1e200} and taught with
 * {@code E = 1e200} adds {@code 1e200 * 1e200} to its weights.
 *
 * <p>Two checks, so that the real-time path stays as cheap and as exact as it was. The quick one proves the step
 * finite from bounds: each layer's {@link DenseLayer#weightBound}, the largest input of each layer (an O(inputs)
 * scan, or 1 for a bounded activation), and error-signal bounds passed down from the output ({@code |f'| <= 1} for
 * every activation, so {@code |delta| <= nOut * max|delta above| * weightBound}). It costs O(neurons) per step;
 * when it succeeds the step runs as before. Only when it fails does the exact check run: it computes every error
 * signal unfused into scratch buffers, then every new weight {@code w + c * x} as the update will, and throws at
 * the first non-finite value. A step that passes it also runs as before, so its results are the same bits.
 *
 * <p>Every step also stages new weight bounds ({@link #commit()} stores them once the step is done): the old bound
 * plus the largest possible change after the quick check, the exact largest weight after the exact one, which
 * tightens a bound that has grown loose.
 */
final class StepGuard {

    /**
     * The largest bound the quick check accepts. The bounds are upper bounds of the computed values (see
     * {@link #SUM_SLACK}), so {@link Double#MAX_VALUE} would do; 2^996 keeps a factor 2^27 in reserve.
     */
    static final double SAFE = 0x1p996;
    /**
     * Rounding is monotone, so a bound computed from bounds by products and sums of non-negative numbers bounds the
     * value computed from the values, with one exception: a computed sum of {@code n} terms of mixed signs can exceed
     * the sum of their magnitudes by a relative {@code n * 2^-53}. This factor covers it for layers of up to 2^30
     * neurons.
     */
    private static final double SUM_SLACK = 1.0 + 0x1p-20;

    private final ComputeEngine engine;
    private final DenseLayer[] layers;
    private final double[] input;
    /** Per layer, the error signal of the exact check. */
    private final double[][] delta;
    /** Per layer, the weight bound after the checked step. */
    private final double[] nextBound;

    StepGuard(NetworkState state) {
        this.engine = state.engine;
        this.layers = state.layers;
        this.input = state.input;
        this.delta = new double[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            delta[l] = new double[layers[l].nOut];
        }
        this.nextBound = new double[layers.length];
    }

    /**
     * Checks the step that {@link AbstractLearner#backward} is about to take, with the same arguments and the
     * output errors in {@code errors}; changes nothing but scratch buffers.
     *
     * @throws IllegalArgumentException if the step would make a weight, bias or error signal NaN or infinite
     */
    void check(double[] errors, double step, boolean outputDerivative, boolean signed, boolean signOnly) {
        if (!provenFinite(errors, step, signed, signOnly)) {
            checkExactly(errors, step, outputDerivative, signed, signOnly);
        }
    }

    /** Stores the weight bounds staged by the last {@link #check}; call it once the step's updates are done. */
    void commit() {
        for (int l = 0; l < layers.length; l++) {
            layers[l].weightBound = nextBound[l];
        }
    }

    /** The quick check: whether bounds prove every error signal and new weight finite. */
    private boolean provenFinite(double[] errors, double step, boolean signed, boolean signOnly) {
        // Written !(x <= SAFE) so that a NaN bound (0 * infinity) fails too.
        double maxDelta = DenseLayer.maxAbs(errors);
        for (int l = layers.length - 1; l >= 0; l--) {
            DenseLayer layer = layers[l];
            if (!(maxDelta <= SAFE)) {
                return false;
            }
            double travelling = signOnly ? 1.0 : maxDelta;
            double maxFactor = signed ? step : step * travelling;
            double maxInput = l == 0 ? DenseLayer.maxAbs(input) : maxActivation(layers[l - 1]);
            double bound = layer.weightBound + maxFactor * (layer.bias == null ? maxInput : Math.max(maxInput, 1.0));
            if (!(bound <= SAFE)) {
                return false;
            }
            nextBound[l] = bound;
            // The error signal of the layer below, from this layer's weights before the update.
            maxDelta = layer.nOut * travelling * layer.weightBound * SUM_SLACK;
        }
        return true;
    }

    private static double maxActivation(DenseLayer layer) {
        Activation f = layer.activation;
        return f == Activation.LINEAR || f == Activation.RELU ? DenseLayer.maxAbs(layer.a) : 1.0;
    }

    /** The exact check: every error signal and every new weight and bias, as the step will compute them. */
    private void checkExactly(double[] errors, double step, boolean outputDerivative, boolean signed,
            boolean signOnly) {
        int last = layers.length - 1;
        DenseLayer out = layers[last];
        engine.outputDelta(1, errors, out.nOut, out.activation, outputDerivative, out.z, out.a, delta[last]);
        if (signOnly) {
            engine.signInPlace(out.nOut, delta[last]);
        }
        for (int l = last; l > 0; l--) {
            DenseLayer layer = layers[l];
            DenseLayer below = layers[l - 1];
            engine.hiddenDelta(1, delta[l], layer.nOut, layer.w, layer.nIn, below.activation, below.z, below.a,
                    delta[l - 1]);
            if (signOnly) {
                engine.signInPlace(below.nOut, delta[l - 1]);
            }
        }
        for (int l = last; l >= 0; l--) {
            for (int j = 0; j < delta[l].length; j++) {
                if (!Double.isFinite(delta[l][j])) {
                    throw refused("layer " + l + " delta[" + j + "] would be " + delta[l][j]);
                }
            }
        }
        for (int l = last; l >= 0; l--) {
            nextBound[l] = checkUpdate(l, step, signed);
        }
    }

    /** Checks layer {@code l}'s new weights and biases; returns their largest magnitude. */
    private double checkUpdate(int l, double step, boolean signed) {
        DenseLayer layer = layers[l];
        double[] x = l == 0 ? input : layers[l - 1].a;
        double max = 0.0;
        for (int j = 0; j < layer.nOut; j++) {
            // The same expressions as the engine's update, so the same values.
            double g = delta[l][j];
            double c = step * (signed ? Math.signum(g) : g);
            double[] w = layer.w[j];
            for (int i = 0; i < layer.nIn; i++) {
                double v = w[i] + c * x[i];
                if (!Double.isFinite(v)) {
                    throw refused("layer " + l + " weights[" + j + "][" + i + "] would become " + v + " (" + w[i]
                            + " + " + c + " * " + x[i] + ")");
                }
                max = Math.max(max, Math.abs(v));
            }
            if (layer.bias != null) {
                double v = layer.bias[j] + c;
                if (!Double.isFinite(v)) {
                    throw refused("layer " + l + " bias[" + j + "] would become " + v + " (" + layer.bias[j] + " + "
                            + c + ")");
                }
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    private static IllegalArgumentException refused(String what) {
        return new IllegalArgumentException("learning step refused, no weight changed: " + what);
    }
}
