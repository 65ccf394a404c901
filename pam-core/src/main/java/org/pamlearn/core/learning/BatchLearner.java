// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Arrays;
import java.util.Objects;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Network;
import org.pamlearn.core.internal.ComputeEngine;
import org.pamlearn.core.internal.DenseLayer;
import org.pamlearn.core.internal.NetworkAccess;
import org.pamlearn.core.internal.NetworkState;

/**
 * Trains a {@link Network} on mini-batches with one of the three {@link LearningRule}s (docs/ALGORITHMS.md &sect;6),
 * on the network's engine ({@link org.pamlearn.core.Engine}): one {@link #step} is a forward pass of B rows, the
 * output errors from a {@link Loss}, every layer's error signal from the current weights, then one update per layer.
 *
 * <ul>
 *   <li>{@link Backprop}: the batch-mean gradient of the loss, {@code dW = (eta / B) * sum_b delta_b^T * A_b}.</li>
 *   <li>{@link SignAndRelevance}, {@link PrimeAndModulate}: {@code dw_ji = eta * M * sgn(sum_b A_i,b * delta_j,b)},
 *       the sign of each synapse's change summed over the batch (with {@link SignPropagation#SIGN_ONLY}, the signs
 *       travel backwards per sample, then the sum). {@code M} is one number per batch from a {@link Cue}: by default
 *       the rule's relevance of the batch's mean {@code |E|} for SaR ({@code |E|} over every row and output), and
 *       for PaM the error-rate cue of the loss trend, {@code exp(clamp(L * (L - L_prev), -c, c))} with {@code L} the
 *       batch's mean loss and {@code L_prev} the previous batch's (at the first batch {@code L_prev = L}, so
 *       {@code M = 1}). The cue sees these values saturated to the rule's cue error limit, as online. Any cue can
 *       replace the default ({@link Builder#modulation(Cue)}); with a constant one, PaM is signSGD (Bernstein et al.,
 *       2018). A PaM rule's own (online) modulation cue is not used for batches: its look-ahead part has nothing to
 *       read in a supervised task.</li>
 * </ul>
 *
 * <p>At one row the sign rules' batch step is {@code eta * M * sgn(A_i * delta_j)}, not the online step
 * {@code eta * M * A_i * sgn(delta_j)} of their {@link Learner}: the batch rule takes the sign of the whole change.
 * A step that would make a weight or bias infinite, or an error signal NaN or infinite, is refused before any weight
 * changes, as online.
 *
 * <p>Not thread-safe; the network must not be trained by anything else between steps.
 */
public final class BatchLearner {

    /** The loss at the output, which gives each sample's output errors {@code E_m}. */
    public enum Loss {
        /**
         * {@code L = 1/2 * sum_m (t_m - y_m)^2}, {@code E_m = t_m - y_m}; the output error signal is
         * {@code E_m * f'(v_m)} (or {@code E_m} without the output derivative).
         */
        SQUARED_ERROR,
        /**
         * Softmax cross-entropy for classification: the output layer's activations are the logits (its activation
         * must be {@link Activation#LINEAR}), {@code p = softmax(y)}, {@code L = -sum_m t_m log p_m},
         * {@code E_m = t_m - p_m}, the error signal {@code E_m} itself.
         */
        SOFTMAX_CROSS_ENTROPY
    }

    private final LearningRule rule;
    private final Network network;
    private final NetworkState state;
    private final ComputeEngine engine;
    private final Loss loss;
    private final int maxRows;
    private final boolean signed;
    private final boolean signOnly;
    private final boolean outputDerivative;
    private final double eta;
    private final Cue cue;
    private final boolean lossTrend;
    private final double cueErrorLimit;
    private final StepContext context = new StepContext();
    private final double[] input;
    private final double[][] z;
    private final double[][] a;
    private final double[][] delta;
    private final double[] errors;
    private final double[] scale;
    /** Per layer, the largest change of a weight or bias the current step can make. */
    private final double[] changes;
    private double previousSignal = Double.NaN;
    private double lastModulation = Double.NaN;
    private double lastLoss = Double.NaN;

    private BatchLearner(Builder b) {
        this.rule = b.rule;
        this.network = b.network;
        this.state = NetworkAccess.state(network);
        this.engine = state.engine;
        this.loss = b.loss;
        this.maxRows = b.maxRows;
        this.eta = rule.eta();
        if (rule instanceof Backprop) {
            Backprop bp = (Backprop) rule;
            this.signed = false;
            this.signOnly = false;
            this.outputDerivative = bp.outputDerivative();
            this.cue = null;
            this.lossTrend = false;
            this.cueErrorLimit = Double.POSITIVE_INFINITY;
        } else if (rule instanceof SignRule) {
            SignRule sign = (SignRule) rule;
            this.signed = true;
            this.signOnly = sign.signPropagation() == SignPropagation.SIGN_ONLY;
            this.outputDerivative = sign.outputDerivative();
            this.lossTrend = b.modulation == null && rule instanceof PrimeAndModulate;
            this.cue = b.modulation != null ? b.modulation : lossTrend ? Cues.errorRate() : sign.cue();
            this.cueErrorLimit = sign.cueErrorLimit();
        } else {
            throw new IllegalArgumentException("BatchLearner trains with Backprop, SignAndRelevance or "
                    + "PrimeAndModulate, got " + rule.getClass().getName());
        }
        DenseLayer[] layers = state.layers;
        DenseLayer out = layers[layers.length - 1];
        if (loss == Loss.SOFTMAX_CROSS_ENTROPY && out.activation != Activation.LINEAR) {
            throw new IllegalArgumentException("the softmax cross-entropy loss takes the output layer's sums as logits:"
                    + " its activation must be LINEAR, got " + out.activation);
        }
        this.input = new double[maxRows * network.inputCount()];
        this.z = new double[layers.length][];
        this.a = new double[layers.length][];
        this.delta = new double[layers.length][];
        for (int l = 0; l < layers.length; l++) {
            z[l] = new double[maxRows * layers[l].nOut];
            a[l] = new double[maxRows * layers[l].nOut];
            delta[l] = new double[maxRows * layers[l].nOut];
        }
        this.errors = new double[maxRows * out.nOut];
        this.scale = new double[maxRows];
        this.changes = new double[layers.length];
    }

    /**
     * Starts a batch learner.
     *
     * @param rule the rule, {@link Backprop}, {@link SignAndRelevance} or {@link PrimeAndModulate}
     * @param network the network it trains, on the network's engine
     * @return a builder
     */
    public static Builder builder(LearningRule rule, Network network) {
        return new Builder(rule, network);
    }

    /**
     * One mini-batch step: forward {@code rows} samples, their output errors from the loss, every layer's error
     * signal from the current weights, then the rule's update of every layer.
     *
     * @param inputs the samples, row-major {@code rows x inputs}, all finite. Not modified.
     * @param targets the targets, row-major {@code rows x outputs}, all finite (one-hot rows for the softmax
     *     cross-entropy). Not modified.
     * @param rows the batch size, {@code 1..maxRows}
     * @return the batch's mean loss, before the update
     * @throws IllegalArgumentException on a bad size or value, or a step that would overflow; no weight has changed
     *     then
     */
    public double step(double[] inputs, double[] targets, int rows) {
        Objects.requireNonNull(targets, "targets");
        final int nOut = network.outputCount();
        forward(inputs, rows);
        requireValues("targets", targets, rows * nOut);
        final int last = state.layers.length - 1;
        double batchLoss = errors(a[last], targets, rows, nOut);
        double m = 1.0;
        double signal = Double.NaN;
        if (signed) {
            signal = cueSignal(batchLoss, rows * nOut);
            m = modulation(signal);
        }
        backwardAndUpdate(rows, m);
        // Only now: a refused step leaves the cue's history (and everything else) as it was.
        previousSignal = signal;
        lastLoss = batchLoss;
        lastModulation = m;
        return batchLoss;
    }

    /**
     * Computes the network's outputs for {@code rows} samples (for the softmax cross-entropy, the logits). Changes
     * no weight.
     *
     * @param inputs the samples, row-major {@code rows x inputs}, all finite. Not modified.
     * @param rows the number of samples, {@code 1..maxRows}
     * @param outputs receives the outputs, row-major {@code rows x outputs}. Modified.
     * @throws IllegalArgumentException on a bad size or value, or a forward pass that overflows
     */
    public void predict(double[] inputs, int rows, double[] outputs) {
        Objects.requireNonNull(outputs, "outputs");
        int n = rows * network.outputCount();
        if (rows >= 1 && outputs.length < n) {
            throw new IllegalArgumentException("outputs.length must be >= " + n + ", got " + outputs.length);
        }
        forward(inputs, rows);
        System.arraycopy(a[state.layers.length - 1], 0, outputs, 0, n);
    }

    private void forward(double[] inputs, int rows) {
        Objects.requireNonNull(inputs, "inputs");
        if (rows < 1 || rows > maxRows) {
            throw new IllegalArgumentException("rows must be in 1.." + maxRows + ", got " + rows);
        }
        final int nIn = network.inputCount();
        requireValues("inputs", inputs, rows * nIn);
        System.arraycopy(inputs, 0, input, 0, rows * nIn);
        DenseLayer[] layers = state.layers;
        double[] in = input;
        for (int l = 0; l < layers.length; l++) {
            DenseLayer layer = layers[l];
            engine.forward(rows, in, layer.nIn, layer.w, layer.bias, layer.nOut, layer.activation, z[l], a[l]);
            // Every layer, not only the output: a bounded output can hide an infinite ReLU or LINEAR layer below,
            // whose activations would make the sign rules' summed change NaN.
            for (int k = 0; k < rows * layer.nOut; k++) {
                if (!Double.isFinite(a[l][k])) {
                    throw new IllegalArgumentException("forward overflowed: layer " + l + ", row " + k / layer.nOut
                            + ", neuron " + k % layer.nOut + " has activation " + a[l][k]
                            + " (inputs too large for the weights?)");
                }
            }
            in = a[l];
        }
    }

    private static void requireValues(String name, double[] x, int n) {
        if (x.length < n) {
            throw new IllegalArgumentException(name + ".length must be >= " + n + ", got " + x.length);
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(x[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] must be finite, got " + x[k]);
            }
        }
    }

    /** Fills {@link #errors} from the outputs and targets; returns the batch's mean loss. */
    private double errors(double[] y, double[] t, int rows, int nOut) {
        double sum = 0.0;
        for (int b = 0; b < rows; b++) {
            final int o = b * nOut;
            double rowLoss = 0.0;
            if (loss == Loss.SQUARED_ERROR) {
                for (int m = 0; m < nOut; m++) {
                    double e = t[o + m] - y[o + m];
                    errors[o + m] = e;
                    rowLoss += 0.5 * e * e;
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (int m = 0; m < nOut; m++) {
                    max = Math.max(max, y[o + m]);
                }
                double norm = 0.0;
                for (int m = 0; m < nOut; m++) {
                    norm += Math.exp(y[o + m] - max);
                }
                double logNorm = Math.log(norm);
                for (int m = 0; m < nOut; m++) {
                    double logP = y[o + m] - max - logNorm;
                    errors[o + m] = t[o + m] - Math.exp(logP);
                    if (t[o + m] != 0.0) {
                        rowLoss -= t[o + m] * logP;
                    }
                }
            }
            sum += rowLoss;
        }
        return sum / rows;
    }

    /** What the cue sees as the error: the batch's mean loss (PaM's default) or its mean |E| over n errors. */
    private double cueSignal(double batchLoss, int n) {
        if (lossTrend) {
            return batchLoss;
        }
        double sum = 0.0;
        for (int k = 0; k < n; k++) {
            sum += Math.abs(errors[k]);
        }
        return sum / n;
    }

    /** The batch's {@code M}: the cue of the signal, after the previous accepted batch's. */
    private double modulation(double signal) {
        double previous = Double.isNaN(previousSignal) ? signal : previousSignal;
        context.setErrors(saturate(signal), saturate(previous));
        double m = cue.value(context);
        if (!(m >= 0) || m == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("cue " + cue + " must give a finite value >= 0, got " + m);
        }
        if (Double.isInfinite(eta * m)) {
            throw new IllegalArgumentException("the step eta * M overflows: eta " + eta + " * M " + m);
        }
        return m;
    }

    private double saturate(double e) {
        return Math.max(-cueErrorLimit, Math.min(cueErrorLimit, e));
    }

    private void backwardAndUpdate(int rows, double m) {
        final DenseLayer[] layers = state.layers;
        final int last = layers.length - 1;
        DenseLayer out = layers[last];
        boolean useDerivative = loss == Loss.SQUARED_ERROR && outputDerivative;
        engine.outputDelta(rows, errors, out.nOut, out.activation, useDerivative, z[last], a[last], delta[last]);
        if (signOnly) {
            engine.signInPlace(rows * out.nOut, delta[last]);
        }
        // Every error signal from the weights before any of them changes.
        for (int l = last; l > 0; l--) {
            DenseLayer layer = layers[l];
            DenseLayer below = layers[l - 1];
            engine.hiddenDelta(rows, delta[l], layer.nOut, layer.w, below.nOut, below.activation, z[l - 1], a[l - 1],
                    delta[l - 1]);
            if (signOnly) {
                engine.signInPlace(rows * below.nOut, delta[l - 1]);
            }
        }
        final double step = signed ? eta * m : eta / rows;
        for (int l = 0; l <= last; l++) {
            DenseLayer layer = layers[l];
            double[] in = l == 0 ? input : a[l - 1];
            double maxDelta = maxAbs(delta[l], rows * layer.nOut);
            double change = signed ? step : step * rows * maxDelta * maxInput(in, rows * layer.nIn, layer.bias != null);
            double bound = layer.weightBound + change;
            // The sign rules' change does not grow with the error signals, but sgn(NaN) would still make a weight NaN.
            if (!(bound <= Double.MAX_VALUE) || !(maxDelta <= Double.MAX_VALUE)) {
                throw new IllegalArgumentException("learning step refused, no weight changed: layer " + l
                        + " could change a weight by up to " + change + " (error signals up to " + maxDelta + ", eta "
                        + eta + (signed ? ", M " + m : "") + ")");
            }
            changes[l] = change;
        }
        if (!signed) {
            Arrays.fill(scale, 0, rows, step);
        }
        for (int l = 0; l <= last; l++) {
            DenseLayer layer = layers[l];
            double[] in = l == 0 ? input : a[l - 1];
            if (signed) {
                engine.signOfSumUpdate(rows, step, delta[l], layer.nOut, in, layer.nIn, layer.w, layer.bias);
            } else {
                engine.update(rows, scale, delta[l], false, layer.nOut, in, layer.nIn, layer.w, layer.bias);
            }
            layer.weightBound += changes[l];
        }
    }

    /** The largest input of a layer's synapses: at least 1 with a bias, which learns like a weight whose input is 1. */
    private static double maxInput(double[] in, int n, boolean bias) {
        double max = maxAbs(in, n);
        return bias ? Math.max(max, 1.0) : max;
    }

    /** The largest {@code |x[k]|} of the first n, or infinity when one is NaN (which no step may use). */
    private static double maxAbs(double[] x, int n) {
        double max = 0.0;
        for (int k = 0; k < n; k++) {
            double v = Math.abs(x[k]);
            if (!(v <= max)) {
                if (Double.isNaN(v)) {
                    return Double.POSITIVE_INFINITY;
                }
                max = v;
            }
        }
        return max;
    }

    /**
     * Returns the mean loss of the last step's batch, before its update.
     *
     * @return the loss, or NaN before the first step
     */
    public double lastLoss() {
        return lastLoss;
    }

    /**
     * Returns {@code M} of the last step: the relevance or modulation of the sign rules, 1 for back-propagation.
     *
     * @return {@code M}, or NaN before the first step
     */
    public double lastModulation() {
        return lastModulation;
    }

    /**
     * Returns the largest batch this learner takes.
     *
     * @return the largest {@code rows}
     */
    public int maxRows() {
        return maxRows;
    }

    /**
     * Returns the network this learner trains.
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    /**
     * Returns the rule.
     *
     * @return the rule
     */
    public LearningRule rule() {
        return rule;
    }

    /**
     * Returns the loss.
     *
     * @return the loss
     */
    public Loss loss() {
        return loss;
    }

    /**
     * Returns the cue that gives the sign rules' {@code M}, or {@code null} for back-propagation.
     *
     * @return the cue
     */
    public Cue modulation() {
        return cue;
    }

    /** Builds a {@link BatchLearner}. */
    public static final class Builder {
        private final LearningRule rule;
        private final Network network;
        private Loss loss = Loss.SQUARED_ERROR;
        private int maxRows = 32;
        private Cue modulation;

        private Builder(LearningRule rule, Network network) {
            this.rule = Objects.requireNonNull(rule, "rule");
            this.network = Objects.requireNonNull(network, "network");
        }

        /**
         * Sets the loss (default {@link Loss#SQUARED_ERROR}).
         *
         * @param value the loss
         * @return this builder
         */
        public Builder loss(Loss value) {
            this.loss = Objects.requireNonNull(value, "loss");
            return this;
        }

        /**
         * Sets the largest batch (default 32); the buffers are allocated for it once.
         *
         * @param value rows, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code value < 1}
         */
        public Builder maxRows(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxRows must be >= 1, got " + value);
            }
            this.maxRows = value;
            return this;
        }

        /**
         * Sets the cue that gives the sign rules' {@code M} per batch, replacing the default (mean {@code |E|}
         * through SaR's relevance; the loss trend for PaM). It sees the batch's mean {@code |E|} as
         * {@link StepContext#error()} and the previous accepted batch's as {@link StepContext#previousError()} (a
         * refused step does not count). Ignored by
         * back-propagation.
         *
         * @param value the cue
         * @return this builder
         */
        public Builder modulation(Cue value) {
            this.modulation = Objects.requireNonNull(value, "modulation");
            return this;
        }

        /**
         * Builds the learner.
         *
         * @return the learner
         * @throws IllegalArgumentException if the rule is not one of the three, or the loss does not fit the output
         *     layer
         */
        public BatchLearner build() {
            return new BatchLearner(this);
        }
    }
}
