// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.pamlearn.core.internal.DenseLayer;
import org.pamlearn.core.internal.NetworkAccess;
import org.pamlearn.core.internal.NetworkState;

/**
 * A fully connected feed-forward network (docs/ALGORITHMS.md &sect;3): layers {@code l = 0..L}, each computing
 * {@code v_j = sum_i w_ji * A_i + b_j} (bias optional) and {@code A_j = f(v_j)} from the previous layer's
 * activations, the input {@code u} feeding layer 0.
 *
 * <p>Built once by {@link #builder(int)}, then fixed: the topology never changes and every buffer is
 * preallocated, so {@link #forward} allocates nothing. The weights are the only state that learning
 * changes; learning rules ({@code org.pamlearn.core.learning}) use the activations this network stored in
 * its last forward pass. Weights are exposed as copies, plus {@code copy...Into} variants for hot paths.
 *
 * <p>Not thread-safe: one thread steps a network (and its learner) at a time.
 */
public final class Network {

    static {
        NetworkAccess.register(network -> network.state);
    }

    private static final double[] EMPTY = {};

    private final int nInputs;
    private final NetworkState state;
    private final Engine engine;

    private Network(int nInputs, DenseLayer[] layers, Engine engine) {
        this.nInputs = nInputs;
        this.engine = engine;
        this.state = new NetworkState(layers, nInputs, engine.compute());
    }

    /**
     * Starts a network with {@code nInputs} inputs. Defaults: {@link Activation#CENTERED_SIGMOID}, no
     * bias, weights {@code U[0, 1)} (the authors' choice), seed 0.
     *
     * @param nInputs the number of inputs, {@code > 0}
     * @return a builder
     * @throws IllegalArgumentException if {@code nInputs <= 0}
     */
    public static Builder builder(int nInputs) {
        return new Builder(nInputs);
    }

    /**
     * Computes the network's outputs and stores every layer's pre-activations and activations (and a
     * copy of the input) for the next learning step. Allocation-free.
     *
     * @param input the inputs, length {@link #inputCount()}, all finite. Not modified.
     * @param out receives the outputs, length {@link #outputCount()}. Modified.
     * @throws IllegalArgumentException if a length is wrong or an input is NaN or infinite (the network is then
     *     unchanged), or if a weighted sum overflows (the weights are then unchanged, and learning needs a new
     *     forward pass)
     */
    public void forward(double[] input, double[] out) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(out, "out");
        if (input.length != nInputs) {
            throw new IllegalArgumentException("input.length must be " + nInputs + ", got " + input.length);
        }
        if (out.length != outputCount()) {
            throw new IllegalArgumentException("out.length must be " + outputCount() + ", got " + out.length);
        }
        for (int i = 0; i < nInputs; i++) {
            if (!Double.isFinite(input[i])) {
                throw new IllegalArgumentException("input[" + i + "] must be finite, got " + input[i]);
            }
        }
        System.arraycopy(input, 0, state.input, 0, nInputs);
        DenseLayer[] layers = state.layers;
        final int lastLayer = layers.length - 1;
        for (int l = 0; l <= lastLayer; l++) {
            DenseLayer layer = layers[l];
            state.engine.forward(1, state.inputOf(l), layer.nIn, layer.w, layer.bias, layer.nOut, layer.activation,
                    layer.z, layer.a);
            // A NaN sum, or an infinite activation, would put NaN into the weights when learning. A bounded activation
            // is finite for every sum but NaN, and a NaN makes every sum above it NaN, so checking the output layer
            // covers it; an infinite activation of an unbounded one can vanish in a saturating layer above.
            if ((l == lastLayer || !isBounded(layer.activation)) && overflowAt(layer) >= 0) {
                state.forwarded = false;
                throw overflow(layers);
            }
        }
        DenseLayer last = layers[lastLayer];
        System.arraycopy(last.a, 0, out, 0, last.nOut);
        state.forwarded = true;
    }

    private static boolean isBounded(Activation f) {
        return f != Activation.LINEAR && f != Activation.RELU;
    }

    /** Returns the first neuron whose sum is NaN or whose activation is not finite, or -1. */
    private static int overflowAt(DenseLayer layer) {
        for (int j = 0; j < layer.nOut; j++) {
            if (!Double.isFinite(layer.a[j]) || Double.isNaN(layer.z[j])) {
                return j;
            }
        }
        return -1;
    }

    /** The exception for the first overflowing neuron of the forward pass just run. */
    private static IllegalArgumentException overflow(DenseLayer[] layers) {
        for (int l = 0; l < layers.length; l++) {
            int j = overflowAt(layers[l]);
            if (j >= 0) {
                DenseLayer layer = layers[l];
                return new IllegalArgumentException("forward overflowed: layer " + l + ", neuron " + j
                        + " has pre-activation " + layer.z[j] + " and activation " + layer.a[j]
                        + " (inputs too large for the weights?)");
            }
        }
        throw new AssertionError("no overflowing neuron");
    }

    /**
     * Returns the number of inputs.
     *
     * @return the number of inputs
     */
    public int inputCount() {
        return nInputs;
    }

    /**
     * Returns the number of outputs (neurons of the last layer).
     *
     * @return the number of outputs
     */
    public int outputCount() {
        return state.layers[state.layers.length - 1].nOut;
    }

    /**
     * Returns the number of layers, hidden and output.
     *
     * @return the number of layers
     */
    public int layerCount() {
        return state.layers.length;
    }

    /**
     * Returns the number of neurons of a layer.
     *
     * @param layer the layer index, {@code 0..layerCount()-1}
     * @return its neurons
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public int layerSize(int layer) {
        return layer(layer).nOut;
    }

    /**
     * Returns the number of inputs of a layer.
     *
     * @param layer the layer index
     * @return its inputs
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public int layerInputCount(int layer) {
        return layer(layer).nIn;
    }

    /**
     * Returns the activation of a layer.
     *
     * @param layer the layer index
     * @return its activation
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public Activation activation(int layer) {
        return layer(layer).activation;
    }

    /**
     * Returns whether a layer has biases.
     *
     * @param layer the layer index
     * @return whether it has biases
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public boolean hasBias(int layer) {
        return layer(layer).bias != null;
    }

    /**
     * Returns a copy of a layer's weights.
     *
     * @param layer the layer index
     * @return {@code w[j][i]}, from input {@code i} to neuron {@code j}; a new array
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public double[][] weights(int layer) {
        DenseLayer d = layer(layer);
        double[][] w = new double[d.nOut][d.nIn];
        for (int j = 0; j < d.nOut; j++) {
            System.arraycopy(d.w[j], 0, w[j], 0, d.nIn);
        }
        return w;
    }

    /**
     * Copies a layer's weights, flat row-major, into {@code dst}. Allocation-free.
     *
     * @param layer the layer index
     * @param dst receives {@code dst[j * nInputs + i]}; length {@code layerSize(layer) * layerInputCount(layer)}.
     *     Modified.
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     * @throws IllegalArgumentException if {@code dst} has the wrong length
     */
    public void copyWeightsInto(int layer, double[] dst) {
        DenseLayer d = layer(layer);
        Objects.requireNonNull(dst, "dst");
        if (dst.length != d.nOut * d.nIn) {
            throw new IllegalArgumentException("dst.length must be " + d.nOut * d.nIn + ", got " + dst.length);
        }
        for (int j = 0; j < d.nOut; j++) {
            System.arraycopy(d.w[j], 0, dst, j * d.nIn, d.nIn);
        }
    }

    /**
     * Returns a copy of a layer's biases.
     *
     * @param layer the layer index
     * @return the biases, length {@code layerSize(layer)}; an empty array for a layer without bias
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public double[] bias(int layer) {
        DenseLayer d = layer(layer);
        return d.bias == null ? EMPTY : d.bias.clone();
    }

    /**
     * Copies a layer's biases into {@code dst}. Allocation-free.
     *
     * @param layer the layer index
     * @param dst receives the biases, length {@code layerSize(layer)}, or 0 for a layer without bias. Modified.
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     * @throws IllegalArgumentException if {@code dst} has the wrong length
     */
    public void copyBiasInto(int layer, double[] dst) {
        DenseLayer d = layer(layer);
        copy(d.bias == null ? EMPTY : d.bias, dst, "dst");
    }

    /**
     * Returns a copy of a layer's activations from the last forward pass (zeros before the first).
     *
     * @param layer the layer index
     * @return the activations, length {@code layerSize(layer)}
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public double[] activations(int layer) {
        return layer(layer).a.clone();
    }

    /**
     * Copies a layer's activations from the last forward pass into {@code dst}. Allocation-free.
     *
     * @param layer the layer index
     * @param dst receives the activations, length {@code layerSize(layer)}. Modified.
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     * @throws IllegalArgumentException if {@code dst} has the wrong length
     */
    public void copyActivationsInto(int layer, double[] dst) {
        copy(layer(layer).a, dst, "dst");
    }

    /**
     * Returns a copy of a layer's error signal from the last learning step (zeros before the first). For
     * back-propagation and the sign rules' {@code EXACT_THEN_SIGN} mode these are the real-valued
     * {@code delta_j}; in {@code SIGN_ONLY} mode the propagated signs {@code s_j}.
     *
     * @param layer the layer index
     * @return the error signal, length {@code layerSize(layer)}
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public double[] deltas(int layer) {
        return layer(layer).delta.clone();
    }

    /**
     * Copies a layer's error signal from the last learning step into {@code dst}. Allocation-free.
     *
     * @param layer the layer index
     * @param dst receives the error signal, length {@code layerSize(layer)}. Modified.
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     * @throws IllegalArgumentException if {@code dst} has the wrong length
     */
    public void copyDeltasInto(int layer, double[] dst) {
        copy(layer(layer).delta, dst, "dst");
    }

    /**
     * Returns how far a layer's weights have moved from their initial values: the Euclidean norm of
     * {@code W - W0} over weights and biases (the authors' standard monitoring signal). Initial means as
     * built, or as loaded from a checkpoint. Allocation-free.
     *
     * @param layer the layer index
     * @return the distance, {@code >= 0}
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public double weightDistance(int layer) {
        DenseLayer d = layer(layer);
        // Scaled by the largest difference, as hypot does, so that finite weights never give an infinite norm.
        double max = d.bias == null ? 0.0 : maxAbsDifference(d.bias, d.bias0);
        for (int j = 0; j < d.nOut; j++) {
            max = Math.max(max, maxAbsDifference(d.w[j], d.w0[j]));
        }
        if (max == 0.0 || max == Double.POSITIVE_INFINITY) {
            return max;
        }
        double sum = 0.0;
        for (int j = 0; j < d.nOut; j++) {
            sum += sumOfScaledSquares(d.w[j], d.w0[j], max);
        }
        if (d.bias != null) {
            sum += sumOfScaledSquares(d.bias, d.bias0, max);
        }
        return max * Math.sqrt(sum);
    }

    private static double maxAbsDifference(double[] x, double[] x0) {
        double max = 0.0;
        for (int k = 0; k < x.length; k++) {
            max = Math.max(max, Math.abs(x[k] - x0[k]));
        }
        return max;
    }

    private static double sumOfScaledSquares(double[] x, double[] x0, double scale) {
        double sum = 0.0;
        for (int k = 0; k < x.length; k++) {
            double diff = (x[k] - x0[k]) / scale;
            sum += diff * diff;
        }
        return sum;
    }

    /**
     * Returns an independent deep copy: same topology, weights, initial weights and last activations.
     *
     * @return the copy
     */
    public Network copy() {
        return copy(engine);
    }

    /**
     * Returns an independent deep copy, as {@link #copy()}, that runs on {@code engine}: for example a checkpoint
     * loaded for the real-time loop, trained on mini-batches with {@link Engine#nd4j}.
     *
     * @param engine the copy's engine
     * @return the copy
     */
    public Network copy(Engine engine) {
        Objects.requireNonNull(engine, "engine");
        DenseLayer[] layers = new DenseLayer[state.layers.length];
        for (int l = 0; l < layers.length; l++) {
            DenseLayer d = state.layers[l];
            DenseLayer c = new DenseLayer(d.nIn, d.nOut, d.activation, d.bias != null);
            for (int j = 0; j < d.nOut; j++) {
                System.arraycopy(d.w[j], 0, c.w[j], 0, d.nIn);
                System.arraycopy(d.w0[j], 0, c.w0[j], 0, d.nIn);
            }
            if (d.bias != null) {
                System.arraycopy(d.bias, 0, c.bias, 0, d.bias.length);
                System.arraycopy(d.bias0, 0, c.bias0, 0, d.bias0.length);
            }
            System.arraycopy(d.z, 0, c.z, 0, d.z.length);
            System.arraycopy(d.a, 0, c.a, 0, d.a.length);
            System.arraycopy(d.delta, 0, c.delta, 0, d.delta.length);
            c.weightBound = d.weightBound;
            layers[l] = c;
        }
        Network copy = new Network(nInputs, layers, engine);
        System.arraycopy(state.input, 0, copy.state.input, 0, nInputs);
        copy.state.forwarded = state.forwarded;
        return copy;
    }

    /**
     * Returns the engine that runs this network's math ({@link Engine#plain()} unless chosen otherwise).
     *
     * @return the engine
     */
    public Engine engine() {
        return engine;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Network[").append(nInputs);
        for (DenseLayer d : state.layers) {
            s.append(" -> ").append(d.nOut).append(' ').append(d.activation);
            if (d.bias != null) {
                s.append("+bias");
            }
        }
        return s.append(']').toString();
    }

    private DenseLayer layer(int layer) {
        return state.layers[Objects.checkIndex(layer, state.layers.length)];
    }

    private static void copy(double[] src, double[] dst, String name) {
        Objects.requireNonNull(dst, name);
        if (dst.length != src.length) {
            throw new IllegalArgumentException(name + ".length must be " + src.length + ", got " + dst.length);
        }
        System.arraycopy(src, 0, dst, 0, src.length);
    }

    /**
     * Builds a {@link Network}. Layer defaults (activation, initialisation, bias) apply at {@link #build()}
     * to every layer that does not set its own, whatever order the calls come in.
     *
     * <p>Example, the authors' robot network: {@code Network.builder(240).layer(LayerSpec.of(13)
     * .withInit(WeightInits.uniform(0, 0.001))).layers(12, 11, 10, 9, 8, 7, 6, 5, 4, 3).seed(42).build()}.
     */
    public static final class Builder {
        private final int nInputs;
        private final List<LayerSpec> layers = new ArrayList<>();
        private Activation activation = Activation.CENTERED_SIGMOID;
        private WeightInit init = WeightInits.uniform(0.0, 1.0);
        private boolean bias;
        private long seed;
        private Engine engine = Engine.plain();

        private Builder(int nInputs) {
            if (nInputs <= 0) {
                throw new IllegalArgumentException("nInputs must be > 0, got " + nInputs);
            }
            this.nInputs = nInputs;
        }

        /**
         * Sets the default activation.
         *
         * @param f the activation
         * @return this builder
         */
        public Builder activation(Activation f) {
            this.activation = Objects.requireNonNull(f, "activation");
            return this;
        }

        /**
         * Sets the default weight initialisation.
         *
         * @param weightInit the initialisation
         * @return this builder
         */
        public Builder init(WeightInit weightInit) {
            this.init = Objects.requireNonNull(weightInit, "init");
            return this;
        }

        /**
         * Sets whether layers have biases by default (the authors' networks have none).
         *
         * @param hasBias whether layers have biases
         * @return this builder
         */
        public Builder bias(boolean hasBias) {
            this.bias = hasBias;
            return this;
        }

        /**
         * Sets the seed of the generator that random initialisations draw from, layer after layer.
         *
         * @param value the seed
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Adds a layer with the default settings.
         *
         * @param nNeurons neurons, {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code nNeurons <= 0}
         */
        public Builder layer(int nNeurons) {
            return layer(LayerSpec.of(nNeurons));
        }

        /**
         * Adds a layer with its own activation.
         *
         * @param nNeurons neurons, {@code > 0}
         * @param f its activation
         * @return this builder
         * @throws IllegalArgumentException if {@code nNeurons <= 0}
         */
        public Builder layer(int nNeurons, Activation f) {
            return layer(LayerSpec.of(nNeurons).withActivation(Objects.requireNonNull(f, "activation")));
        }

        /**
         * Adds a layer.
         *
         * @param spec the layer
         * @return this builder
         * @throws IllegalArgumentException if {@code spec.nNeurons() <= 0}
         */
        public Builder layer(LayerSpec spec) {
            Objects.requireNonNull(spec, "spec");
            if (spec.nNeurons() <= 0) {
                throw new IllegalArgumentException(
                        "layer " + layers.size() + ": nNeurons must be > 0, got " + spec.nNeurons());
            }
            layers.add(spec);
            return this;
        }

        /**
         * Adds one layer per size, with the default settings.
         *
         * @param sizes neurons per layer, each {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if a size is {@code <= 0}; no layer is then added
         */
        public Builder layers(int... sizes) {
            for (int k = 0; k < sizes.length; k++) {
                if (sizes[k] <= 0) {
                    throw new IllegalArgumentException("layer " + (layers.size() + k) + ": nNeurons must be > 0, got "
                            + sizes[k]);
                }
            }
            for (int size : sizes) {
                layers.add(LayerSpec.of(size));
            }
            return this;
        }

        /**
         * Sets the engine that runs the network's math (default {@link Engine#plain()}, the real-time engine).
         *
         * @param value the engine
         * @return this builder
         */
        public Builder engine(Engine value) {
            this.engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /**
         * Builds the network, drawing random weights from a generator seeded with {@link #seed}.
         *
         * @return the network
         * @throws IllegalStateException if no layer was added
         * @throws IllegalArgumentException if a layer's initialisation does not fit its shape
         */
        public Network build() {
            if (layers.isEmpty()) {
                throw new IllegalStateException("a network needs at least one layer; call layer(...) before build()");
            }
            SplittableRandom random = new SplittableRandom(seed);
            DenseLayer[] built = new DenseLayer[layers.size()];
            int nIn = nInputs;
            for (int l = 0; l < built.length; l++) {
                LayerSpec spec = layers.get(l);
                Activation f = spec.activation() != null ? spec.activation() : activation;
                boolean hasBias = spec.bias() != null ? spec.bias() : bias;
                WeightInit weightInit = spec.init() != null ? spec.init() : init;
                DenseLayer d = new DenseLayer(nIn, spec.nNeurons(), f, hasBias);
                try {
                    double[] flat = new double[nIn * spec.nNeurons()];
                    weightInit.initialise(flat, d.bias, nIn, spec.nNeurons(), random);
                    for (int j = 0; j < d.nOut; j++) {
                        System.arraycopy(flat, j * nIn, d.w[j], 0, nIn);
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("layer " + l + ": " + e.getMessage(), e);
                }
                requireFinite(l, d);
                d.markInitial();
                d.rescanWeightBound();
                built[l] = d;
                nIn = spec.nNeurons();
            }
            return new Network(nInputs, built, engine);
        }

        private static void requireFinite(int l, DenseLayer d) {
            for (int j = 0; j < d.nOut; j++) {
                for (int i = 0; i < d.nIn; i++) {
                    if (!Double.isFinite(d.w[j][i])) {
                        throw new IllegalArgumentException("layer " + l + ": initialisation gave weights[" + j + "]["
                                + i + "] = " + d.w[j][i] + ", must be finite");
                    }
                }
            }
            if (d.bias != null) {
                for (int j = 0; j < d.nOut; j++) {
                    if (!Double.isFinite(d.bias[j])) {
                        throw new IllegalArgumentException("layer " + l + ": initialisation gave bias[" + j + "] = "
                                + d.bias[j] + ", must be finite");
                    }
                }
            }
        }
    }
}
