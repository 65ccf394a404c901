// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.Network;
import org.pamlearn.core.internal.ComputeEngine;
import org.pamlearn.core.internal.DenseLayer;

/** {@link Backprop} applied to one network. */
final class BackpropLearner extends AbstractLearner {

    private final boolean outputDerivative;

    BackpropLearner(Backprop rule, Network network) {
        super(rule, network);
        this.outputDerivative = rule.outputDerivative();
        this.scale[0] = rule.eta();
    }

    @Override
    double modulation(StepContext context) {
        return 1.0;
    }

    @Override
    void apply(double m) {
        final ComputeEngine engine = state.engine;
        final DenseLayer[] layers = state.layers;
        final int last = layers.length - 1;
        DenseLayer out = layers[last];
        engine.outputDelta(1, errors, out.nOut, out.activation, outputDerivative, out.z, out.a, out.delta);
        // Top-down: delta^(l-1) is computed from W^(l) before W^(l) changes, so every delta sees the
        // weights as they were at the start of the step.
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers[l];
            if (l > 0) {
                DenseLayer below = layers[l - 1];
                engine.hiddenDeltaAndUpdate(1, scale, layer.delta, false, layer.nOut, below.a, layer.nIn, layer.w,
                        layer.bias, below.activation, below.z, below.delta);
            } else {
                engine.update(1, scale, layer.delta, false, layer.nOut, state.input, layer.nIn, layer.w, layer.bias);
            }
        }
    }
}
