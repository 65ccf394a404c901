// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Objects;
import org.pamlearn.core.Network;

/**
 * Sign and Relevance (SaR), after Daryanavard &amp; Porr, "Sign and Relevance Learning", arXiv 2110.07292:
 * plasticity keeps only its sign (LTP or LTD) and a global, non-negative relevance signal (a
 * neuromodulator) sets its size.
 *
 * <p>Only the sign of the back-propagated error signal acts at each synapse; the global factor sets the
 * size of every step:
 *
 * <pre>
 *   dw_ji^(l) = eta * R(n) * A_i^(l-1) * sgn(delta_j^(l))        sgn(0) = 0
 *   R(n)      = |E(n)| by default; Cues.constant(1) is "relevance const"
 * </pre>
 *
 * <p>The per-layer step is {@code eta * R(n) * |A_i|} whatever the depth, which is why the sign rules
 * neither explode nor vanish in deep networks. A {@link StepContext#setModulation given modulation}
 * replaces the cue for that step.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class SignAndRelevance implements LearningRule {

    private final double eta;
    private final boolean outputDerivative;
    private final SignPropagation signPropagation;
    private final Cue relevance;

    private SignAndRelevance(Builder b) {
        this.eta = b.eta;
        this.outputDerivative = b.outputDerivative;
        this.signPropagation = b.signPropagation;
        this.relevance = b.relevance;
    }

    /**
     * Starts a rule; {@link Builder#eta} must be set.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public double eta() {
        return eta;
    }

    /**
     * Returns whether the output error is multiplied by {@code f'(v)} (default {@code true}).
     *
     * @return whether the output derivative is used
     */
    public boolean outputDerivative() {
        return outputDerivative;
    }

    /**
     * Returns what travels backwards (default {@link SignPropagation#EXACT_THEN_SIGN}).
     *
     * @return the sign propagation mode
     */
    public SignPropagation signPropagation() {
        return signPropagation;
    }

    /**
     * Returns the cue that gives {@code R(n)} (default {@code Cues.absError()}).
     *
     * @return the cue
     */
    public Cue relevance() {
        return relevance;
    }

    @Override
    public Learner newLearner(Network network) {
        return new SignedLearner(this, network, outputDerivative, signPropagation, relevance);
    }

    @Override
    public String toString() {
        return "SignAndRelevance[eta=" + eta + ", outputDerivative=" + outputDerivative + ", signPropagation="
                + signPropagation + ", relevance=" + relevance + "]";
    }

    /** Builds a {@link SignAndRelevance}. */
    public static final class Builder {
        private double eta = Double.NaN;
        private boolean outputDerivative = true;
        private SignPropagation signPropagation = SignPropagation.EXACT_THEN_SIGN;
        private Cue relevance = Cues.absError();

        private Builder() {
        }

        /**
         * Sets the learning rate.
         *
         * @param value {@code eta}, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is not finite and positive
         */
        public Builder eta(double value) {
            this.eta = Rules.requireEta(value);
            return this;
        }

        /**
         * Sets whether the output error is multiplied by {@code f'(v)} (default {@code true}).
         *
         * @param value whether to use the output derivative
         * @return this builder
         */
        public Builder outputDerivative(boolean value) {
            this.outputDerivative = value;
            return this;
        }

        /**
         * Sets what travels backwards (default {@link SignPropagation#EXACT_THEN_SIGN}).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder signPropagation(SignPropagation value) {
            this.signPropagation = Objects.requireNonNull(value, "signPropagation");
            return this;
        }

        /**
         * Sets the cue that gives {@code R(n)} (default {@code Cues.absError()}).
         *
         * @param value the cue; see {@link Cues}
         * @return this builder
         */
        public Builder relevance(Cue value) {
            this.relevance = Objects.requireNonNull(value, "relevance");
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalStateException if {@code eta} was not set
         */
        public SignAndRelevance build() {
            if (Double.isNaN(eta)) {
                throw new IllegalStateException("eta must be set: call eta(...) before build()");
            }
            return new SignAndRelevance(this);
        }
    }
}
