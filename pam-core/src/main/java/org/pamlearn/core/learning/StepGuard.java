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
 * finite from bounds: each layer's {@link DenseLayer#weightBound}, a bound of the largest input of each layer (the
 * sum of the {@code |x|}, or 1 for a bounded activation), and error-signal bounds passed down from the output
 * ({@code |delta| <= max|f'| * nOut * max|delta above| * weightBound}). It costs O(neurons) per step;
 * when it succeeds the step runs as before. Only when it fails does the exact check run: it computes every error
 * signal unfused into scratch buffers, then every new weight {@code w + c * x} as the update will, and throws at
 * the first non-finite value. A step that passes it also runs as before, so its results are the same bits.
 *
 * <p>Once the step is done, {@link #commit()} updates the weight bounds: after the quick check, each grows by the
 * largest change the step can have made, from the error signals it actually used (not their bounds, whose
 * looseness would compound from layer to layer over the steps); after the exact check, each is the exact largest
 * weight, which tightens a bound that has grown loose.
 */
final class StepGuard {

    /**
     * The largest bound the quick check accepts. The bounds are upper bounds of the computed values (see
     * {@link #SUM_SLACK}), so {@link Double#MAX_VALUE} would do; 2^996 keeps a factor 2^27 in reserve.
     */
    static final double SAFE = 0x1p996;
    /**
     * Rounding is monotone, so a bound computed from bounds by products and sums of non-negative numbers bounds the
     * value computed from the values, with two exceptions: a computed sum of {@code n} terms of mixed signs can
     * exceed the sum of their magnitudes by a relative {@code n * 2^-53}, and a computed sigmoid derivative
     * {@code (0.5 + a)(0.5 - a)} can exceed 1/4 by an ulp. This factor covers both for layers of up to 2^30 neurons.
     */
    private static final double SUM_SLACK = 1.0 + 0x1p-20;

    private final ComputeEngine engine;
    private final DenseLayer[] layers;
    private final double[] input;
    /** Per layer, the error signal of the exact check. */
    private final double[][] delta;
    /** Per layer, the exact largest weight after the step, when the exact check ran. */
    private final double[] nextBound;
    /** Per layer, the bound of its largest input that the quick check used. */
    private final double[] maxInput;
    private boolean exact;
    private double step;
    private boolean signed;

    StepGuard(NetworkState state) {
        this.engine = state.engine;
        this.layers = state.layers;
        this.input = state.input;
        this.delta = new double[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            delta[l] = new double[layers[l].nOut];
        }
        this.nextBound = new double[layers.length];
        this.maxInput = new double[layers.length];
    }

    /**
     * Checks the step that {@link AbstractLearner#backward} is about to take, with the same arguments and the
     * output errors in {@code errors}; changes nothing but scratch buffers.
     *
     * @throws IllegalArgumentException if the step would make a weight, bias or error signal NaN or infinite
     */
    void check(double[] errors, double step, boolean outputDerivative, boolean signed, boolean signOnly) {
        this.step = step;
        this.signed = signed;
        exact = !provenFinite(errors, step, signed, signOnly);
        if (exact) {
            checkExactly(errors, step, outputDerivative, signed, signOnly);
        }
    }

    /** Updates the weight bounds after the step that the last {@link #check} passed has changed the weights. */
    void commit() {
        for (int l = 0; l < layers.length; l++) {
            DenseLayer layer = layers[l];
            if (exact) {
                layer.weightBound = nextBound[l];
            } else {
                // |c_j| = step * |g'_j| <= step * sum |delta| (or step for the sign rules), as the update rounds it.
                double maxFactor = signed ? step : step * absSum(layer.delta);
                double x = maxInput[l];
                layer.weightBound += maxFactor * (layer.bias == null ? x : Math.max(x, 1.0));
            }
        }
    }

    /** The quick check: whether bounds prove every error signal and new weight finite. */
    private boolean provenFinite(double[] errors, double step, boolean signed, boolean signOnly) {
        // Written !(x <= SAFE) so that a NaN bound (0 * infinity) fails too.
        double maxDelta = absSum(errors);
        for (int l = layers.length - 1; l >= 0; l--) {
            DenseLayer layer = layers[l];
            if (!(maxDelta <= SAFE)) {
                return false;
            }
            double travelling = signOnly ? 1.0 : maxDelta;
            double maxFactor = signed ? step : step * travelling;
            double x = l == 0 ? absSum(input) : maxActivation(layers[l - 1]);
            maxInput[l] = x;
            if (!(layer.weightBound + maxFactor * (layer.bias == null ? x : Math.max(x, 1.0)) <= SAFE)) {
                return false;
            }
            if (l > 0) {
                // The error signal of the layer below, from this layer's weights before the update.
                maxDelta = maxDerivative(layers[l - 1].activation) * layer.nOut * travelling * layer.weightBound
                        * SUM_SLACK;
            }
        }
        return true;
    }

    /** A bound of a layer's largest activation: 1 for the bounded functions, else scanned. */
    private static double maxActivation(DenseLayer layer) {
        Activation f = layer.activation;
        return f == Activation.LINEAR || f == Activation.RELU ? absSum(layer.a) : 1.0;
    }

    /**
     * The largest {@code |f'|}: 1/4 for the sigmoids (which keeps the bounds of deep networks from growing 4 times
     * per layer faster than the error signals), 1 for the others.
     */
    private static double maxDerivative(Activation f) {
        return f == Activation.CENTERED_SIGMOID || f == Activation.SIGMOID ? 0.25 : 1.0;
    }

    /**
     * The sum of the {@code |x[k]|}, a bound of the largest one that is cheaper to compute on every step than the
     * largest itself (four independent sums, about 2.5 times faster for 240 inputs). Adding non-negative numbers
     * never rounds below a term.
     */
    private static double absSum(double[] x) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int k = 0;
        for (; k <= x.length - 4; k += 4) {
            s0 += Math.abs(x[k]);
            s1 += Math.abs(x[k + 1]);
            s2 += Math.abs(x[k + 2]);
            s3 += Math.abs(x[k + 3]);
        }
        for (; k < x.length; k++) {
            s0 += Math.abs(x[k]);
        }
        return (s0 + s1) + (s2 + s3);
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
