// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.Network;
import org.pamlearn.core.internal.ComputeEngine;
import org.pamlearn.core.internal.DenseLayer;

/**
 * The math shared by {@link SignAndRelevance} and {@link PrimeAndModulate}:
 * {@code dw_ji = eta * M(n) * A_i * sgn(delta_j)}, where {@code M(n)} is the relevance or modulation cue (or the
 * context's given modulation).
 */
final class SignedLearner extends AbstractLearner {

    private final double eta;
    private final boolean outputDerivative;
    private final boolean signOnly;
    private final Cue cue;

    SignedLearner(LearningRule rule, Network network, boolean outputDerivative, SignPropagation propagation,
            Cue cue) {
        super(rule, network);
        this.eta = rule.eta();
        this.outputDerivative = outputDerivative;
        this.signOnly = propagation == SignPropagation.SIGN_ONLY;
        this.cue = cue;
    }

    @Override
    double modulation(StepContext context) {
        if (context.hasModulation()) {
            return context.modulation();
        }
        double m = cue.value(context);
        if (!(m >= 0) || m == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("cue " + cue + " must give a finite value >= 0, got " + m);
        }
        return m;
    }

    @Override
    void checkStep(double m) {
        if (Double.isInfinite(eta * m)) {
            throw new IllegalArgumentException("the step eta * M overflows: eta " + eta + " * M " + m);
        }
    }

    @Override
    void apply(double m) {
        final ComputeEngine engine = state.engine;
        final DenseLayer[] layers = state.layers;
        final int last = layers.length - 1;
        DenseLayer out = layers[last];
        engine.outputDelta(1, errors, out.nOut, out.activation, outputDerivative, out.z, out.a, out.delta);
        if (signOnly) {
            engine.signInPlace(out.nOut, out.delta);
        }
        scale[0] = eta * m;
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers[l];
            if (l > 0) {
                DenseLayer below = layers[l - 1];
                engine.hiddenDeltaAndUpdate(1, scale, layer.delta, true, layer.nOut, below.a, layer.nIn, layer.w,
                        layer.bias, below.activation, below.z, below.delta);
                if (signOnly) {
                    engine.signInPlace(below.nOut, below.delta);
                }
            } else {
                engine.update(1, scale, layer.delta, true, layer.nOut, state.input, layer.nIn, layer.w, layer.bias);
            }
        }
    }
}
