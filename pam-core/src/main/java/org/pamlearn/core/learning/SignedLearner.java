// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.Network;

/**
 * The math shared by {@link SignAndRelevance} and {@link PrimeAndModulate}:
 * {@code dw_ji = eta * M(n) * A_i * sgn(delta_j)}, where {@code M(n)} is the relevance or modulation cue, which
 * sees the error saturated to the rule's cue error limit (or the context's given modulation, not limited).
 */
final class SignedLearner extends AbstractLearner {

    private final double eta;
    private final boolean outputDerivative;
    private final boolean signOnly;
    private final Cue cue;
    private final double cueErrorLimit;

    SignedLearner(SignRule rule, Network network) {
        super(rule, network);
        this.eta = rule.eta();
        this.outputDerivative = rule.outputDerivative();
        this.signOnly = rule.signPropagation() == SignPropagation.SIGN_ONLY;
        this.cue = rule.cue();
        this.cueErrorLimit = rule.cueErrorLimit();
    }

    /** Saturates the error to the cue error limit; the identity for {@code |e| <= L}, and for {@code L = inf}. */
    @Override
    double cueError(double e) {
        return Math.max(-cueErrorLimit, Math.min(cueErrorLimit, e));
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
        backward(eta * m, outputDerivative, true, signOnly);
    }
}
