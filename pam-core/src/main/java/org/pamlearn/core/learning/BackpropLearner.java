// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.Network;

/** {@link Backprop} applied to one network. */
final class BackpropLearner extends AbstractLearner {

    private final double eta;
    private final boolean outputDerivative;

    BackpropLearner(Backprop rule, Network network) {
        super(rule, network);
        this.eta = rule.eta();
        this.outputDerivative = rule.outputDerivative();
    }

    @Override
    double modulation(StepContext context) {
        return 1.0;
    }

    @Override
    void apply(double m) {
        backward(eta, outputDerivative, false, false);
    }
}
