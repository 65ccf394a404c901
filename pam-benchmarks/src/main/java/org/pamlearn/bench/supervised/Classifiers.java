// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.supervised;

import java.util.Objects;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Engine;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInit;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.BatchLearner;

/**
 * Builds the image classifiers of the supervised study and of {@code pamlearn supervised}, in one place, so that a
 * study row and the command with the row's seed and options start from the same weights.
 */
public final class Classifiers {

    private Classifiers() {
    }

    /**
     * Builds a multi-layer perceptron with one output per class, its weights drawn from {@code seed} (biases start
     * at 0). With {@link BatchLearner.Loss#SOFTMAX_CROSS_ENTROPY} the output layer is
     * {@link Activation#LINEAR} with Glorot's uniform range ({@link WeightInits#xavier()}), whatever the hidden
     * layers' initialisation, because He's range is meant for ReLU units, not for linear logits; with
     * {@link BatchLearner.Loss#SQUARED_ERROR} the outputs are one more layer like the hidden ones ({@code f},
     * {@code hiddenInit}).
     *
     * @param inputs pixels per image, {@code > 0}
     * @param hidden the hidden layers' sizes, each {@code > 0} (none: a single layer)
     * @param f the hidden layers' activation
     * @param hiddenInit the hidden layers' initial weights
     * @param classes outputs, {@code > 0}
     * @param loss the loss the network will be trained with, which decides the output layer
     * @param bias whether every layer has a bias
     * @param engine the compute engine
     * @param seed the seed of the initial weights
     * @return the network
     * @throws IllegalArgumentException if a size is not {@code > 0}
     * @throws NullPointerException if an argument is null
     */
    public static Network network(int inputs, int[] hidden, Activation f, WeightInit hiddenInit, int classes,
            BatchLearner.Loss loss, boolean bias, Engine engine, long seed) {
        Objects.requireNonNull(hidden, "hidden");
        Objects.requireNonNull(loss, "loss");
        Network.Builder b = Network.builder(inputs).activation(f).init(hiddenInit).bias(bias).seed(seed)
                .engine(engine);
        for (int size : hidden) {
            b.layer(size);
        }
        LayerSpec output = loss == BatchLearner.Loss.SOFTMAX_CROSS_ENTROPY
                ? LayerSpec.of(classes).withActivation(Activation.LINEAR).withInit(WeightInits.xavier())
                : LayerSpec.of(classes).withActivation(f);
        return b.layer(output).build();
    }
}
