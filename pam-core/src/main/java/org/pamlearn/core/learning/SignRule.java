// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Objects;
import org.pamlearn.core.Network;

/**
 * What {@link SignAndRelevance} and {@link PrimeAndModulate} share: both update
 * {@code dw_ji = eta * G(n) * A_i * sgn(delta_j)} with a global factor {@code G(n)} from a {@link Cue}; they
 * differ in the name and the default of that factor.
 */
abstract class SignRule implements LearningRule {

    private final double eta;
    private final boolean outputDerivative;
    private final SignPropagation signPropagation;
    private final Cue cue;

    SignRule(Builder<?, ?> b) {
        if (Double.isNaN(b.eta)) {
            throw new IllegalStateException("eta must be set: call eta(...) before build()");
        }
        this.eta = b.eta;
        this.outputDerivative = b.outputDerivative;
        this.signPropagation = b.signPropagation;
        this.cue = b.cue;
    }

    @Override
    public final double eta() {
        return eta;
    }

    /**
     * Returns whether the output error is multiplied by {@code f'(v)} (default {@code true}).
     *
     * @return whether the output derivative is used
     */
    public final boolean outputDerivative() {
        return outputDerivative;
    }

    /**
     * Returns what travels backwards (default {@link SignPropagation#EXACT_THEN_SIGN}).
     *
     * @return the sign propagation mode
     */
    public final SignPropagation signPropagation() {
        return signPropagation;
    }

    final Cue cue() {
        return cue;
    }

    @Override
    public final Learner newLearner(Network network) {
        return new SignedLearner(this, network, outputDerivative, signPropagation, cue);
    }

    final String describe(String cueName) {
        return getClass().getSimpleName() + "[eta=" + eta + ", outputDerivative=" + outputDerivative
                + ", signPropagation=" + signPropagation + ", " + cueName + "=" + cue + "]";
    }

    /**
     * The options both sign rules take.
     *
     * @param <B> the concrete builder
     * @param <R> the rule it builds
     */
    abstract static class Builder<B extends Builder<B, R>, R extends SignRule> {
        private double eta = Double.NaN;
        private boolean outputDerivative = true;
        private SignPropagation signPropagation = SignPropagation.EXACT_THEN_SIGN;
        private Cue cue;

        Builder(Cue defaultCue) {
            this.cue = defaultCue;
        }

        abstract B self();

        /**
         * Sets the learning rate.
         *
         * @param value {@code eta}, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not finite and positive
         */
        public final B eta(double value) {
            this.eta = Rules.requireEta(value);
            return self();
        }

        /**
         * Sets whether the output error is multiplied by {@code f'(v)} (default {@code true}).
         *
         * @param value whether to use the output derivative
         * @return this builder
         */
        public final B outputDerivative(boolean value) {
            this.outputDerivative = value;
            return self();
        }

        /**
         * Sets what travels backwards (default {@link SignPropagation#EXACT_THEN_SIGN}).
         *
         * @param value the mode
         * @return this builder
         */
        public final B signPropagation(SignPropagation value) {
            this.signPropagation = Objects.requireNonNull(value, "signPropagation");
            return self();
        }

        final B cue(Cue value, String name) {
            this.cue = Objects.requireNonNull(value, name);
            return self();
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalStateException if {@code eta} was not set
         */
        public abstract R build();
    }
}
