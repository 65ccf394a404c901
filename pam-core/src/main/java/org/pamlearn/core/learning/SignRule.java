// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Objects;
import org.pamlearn.core.Network;

/**
 * What {@link SignAndRelevance} and {@link PrimeAndModulate} share: both update
 * {@code dw_ji = eta * G(n) * A_i * sgn(delta_j)} with a global factor {@code G(n)} from a {@link Cue}; they
 * differ in the name and the default of that factor. The cue sees the error saturated to the
 * {@linkplain #cueErrorLimit() cue error limit}; the sign of each update comes from the error itself.
 */
abstract class SignRule implements LearningRule {

    private final double eta;
    private final boolean outputDerivative;
    private final SignPropagation signPropagation;
    private final Cue cue;
    private final double cueErrorLimit;

    SignRule(Builder<?, ?> b) {
        if (Double.isNaN(b.eta)) {
            throw new IllegalStateException("eta must be set: call eta(...) before build()");
        }
        this.eta = b.eta;
        this.outputDerivative = b.outputDerivative;
        this.signPropagation = b.signPropagation;
        this.cue = b.cue;
        this.cueErrorLimit = b.cueErrorLimit;
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

    /**
     * Returns the limit {@code L} of the error the cue sees: it reads {@code E(n)} and {@code E(n-1)} saturated to
     * {@code [-L, L]} (default {@link Cues#DEFAULT_CUE_ERROR_LIMIT}; {@code +Infinity} when the limit is off).
     *
     * @return {@code L}
     */
    public final double cueErrorLimit() {
        return cueErrorLimit;
    }

    final Cue cue() {
        return cue;
    }

    @Override
    public final Learner newLearner(Network network) {
        return new SignedLearner(this, network);
    }

    final String describe(String cueName) {
        return getClass().getSimpleName() + "[eta=" + eta + ", outputDerivative=" + outputDerivative
                + ", signPropagation=" + signPropagation + ", " + cueName + "=" + cue + ", cueErrorLimit="
                + cueErrorLimit + "]";
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
        private double cueErrorLimit = Cues.DEFAULT_CUE_ERROR_LIMIT;

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

        /**
         * Sets the limit {@code L} of the error the cue sees (default {@link Cues#DEFAULT_CUE_ERROR_LIMIT}): the
         * cue reads {@code E(n)} and {@code E(n-1)} saturated to {@code [-L, L]}, so that one outlier cannot make a
         * step, and the saturation it causes, huge. {@code +Infinity} turns the limit off (the cue sees the error
         * as it is). A modulation given through {@link StepContext#setModulation} is not limited.
         *
         * @param value {@code L}, {@code > 0}, or {@code Double.POSITIVE_INFINITY}
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is NaN or {@code <= 0}
         */
        public final B cueErrorLimit(double value) {
            this.cueErrorLimit = Rules.requireCueErrorLimit(value);
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
