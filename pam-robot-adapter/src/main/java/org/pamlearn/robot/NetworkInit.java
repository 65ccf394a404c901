// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.Locale;
import java.util.Objects;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInit;
import org.pamlearn.core.WeightInits;

/**
 * The initial weights of a forward-model network, and the network built with them: no bias, the default
 * activation of {@link Network.Builder}, one output neuron per weight of the motor mix.
 */
public enum NetworkInit {
    /** {@code U[-w, w)} on every layer ({@code w} = {@link #DEFAULT_HALF_WIDTH} unless given). */
    SYMMETRIC,
    /**
     * The authors' all-positive initialisation (docs/ALGORITHMS.md &sect;3): {@code U[0, 0.001)} on the first
     * layer, {@code U[0, 1)} on the others (the authors divided the first layer's sum by 1000 instead).
     */
    AUTHORS,
    /**
     * A Glorot-style control scaled for the logistic's slope: {@code U[-a, a)} with
     * {@code a = 4 sqrt(6 / (fan_in + fan_out))} on every layer ({@link WeightInits#xavierLogistic()}).
     */
    GLOROT;

    /** Default half width {@code w} of {@link #SYMMETRIC}. */
    public static final double DEFAULT_HALF_WIDTH = 0.1;

    /**
     * Returns the command-line name.
     *
     * @return {@code symmetric}, {@code authors} or {@code glorot}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Builds a network with this initialisation.
     *
     * @param inputs network inputs, {@code >= 1}
     * @param hidden hidden layer sizes, each {@code >= 1} (may be empty); not modified
     * @param outputs output neurons, {@code >= 1}
     * @param seed the seed of the weight draws
     * @param halfWidth {@code w} of {@link #SYMMETRIC}, finite and {@code > 0}; ignored by the others
     * @return the network
     * @throws IllegalArgumentException if a size or {@code halfWidth} is out of range
     * @throws NullPointerException if {@code hidden} is null
     */
    public Network network(int inputs, int[] hidden, int outputs, long seed, double halfWidth) {
        Objects.requireNonNull(hidden, "hidden");
        if (this == AUTHORS) {
            Network.Builder b = Network.builder(inputs).init(WeightInits.uniform(0.0, 1.0)).seed(seed);
            WeightInit first = WeightInits.uniform(0.0, 0.001);
            for (int k = 0; k < hidden.length; k++) {
                b.layer(k == 0 ? LayerSpec.of(hidden[k]).withInit(first) : LayerSpec.of(hidden[k]));
            }
            return hidden.length == 0 ? b.layer(LayerSpec.of(outputs).withInit(first)).build()
                    : b.layer(outputs).build();
        }
        WeightInit all = this == GLOROT ? WeightInits.xavierLogistic() : WeightInits.symmetric(halfWidth);
        Network.Builder b = Network.builder(inputs).init(all).seed(seed);
        for (int size : hidden) {
            b.layer(LayerSpec.of(size));
        }
        return b.layer(outputs).build();
    }
}
