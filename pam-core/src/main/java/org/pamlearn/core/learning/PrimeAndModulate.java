// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Objects;
import org.pamlearn.core.Network;

/**
 * Prime and Modulate (PaM), after Daryanavard &amp; Porr, "Prime and Modulate Learning: Generation of forward
 * models with signed back-propagation and environmental cues", arXiv 2309.03825: the sign of the
 * back-propagated error primes the direction; a global factor built from environmental cues modulates
 * the rate.
 *
 * <p>Only the sign of the back-propagated error signal acts at each synapse; the global factor sets the
 * size of every step:
 *
 * <pre>
 *   dw_ji^(l) = eta * M(n) * A_i^(l-1) * sgn(delta_j^(l))        sgn(0) = 0
 *   M(n)      = ERC(n) * LC(n) by default (Cues.errorRate() * Cues.lookahead())
 * </pre>
 *
 * <p>The per-layer step is {@code eta * M(n) * |A_i|} whatever the depth, which is why the sign rules
 * neither explode nor vanish in deep networks. A {@link StepContext#setModulation given modulation}
 * replaces the cue for that step.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class PrimeAndModulate implements LearningRule {

    private final double eta;
    private final boolean outputDerivative;
    private final SignPropagation signPropagation;
    private final Cue modulation;

    private PrimeAndModulate(Builder b) {
        this.eta = b.eta;
        this.outputDerivative = b.outputDerivative;
        this.signPropagation = b.signPropagation;
        this.modulation = b.modulation;
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
     * Returns the cue that gives {@code M(n)} (default {@code Cues.product(Cues.errorRate(), Cues.lookahead())}).
     *
     * @return the cue
     */
    public Cue modulation() {
        return modulation;
    }

    @Override
    public Learner newLearner(Network network) {
        return new SignedLearner(this, network, outputDerivative, signPropagation, modulation);
    }

    @Override
    public String toString() {
        return "PrimeAndModulate[eta=" + eta + ", outputDerivative=" + outputDerivative + ", signPropagation="
                + signPropagation + ", modulation=" + modulation + "]";
    }

    /** Builds a {@link PrimeAndModulate}. */
    public static final class Builder {
        private double eta = Double.NaN;
        private boolean outputDerivative = true;
        private SignPropagation signPropagation = SignPropagation.EXACT_THEN_SIGN;
        private Cue modulation = Cues.product(Cues.errorRate(), Cues.lookahead());

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
         * Sets the cue that gives {@code M(n)} (default {@code Cues.product(Cues.errorRate(), Cues.lookahead())}).
         *
         * @param value the cue; see {@link Cues}
         * @return this builder
         */
        public Builder modulation(Cue value) {
            this.modulation = Objects.requireNonNull(value, "modulation");
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalStateException if {@code eta} was not set
         */
        public PrimeAndModulate build() {
            if (Double.isNaN(eta)) {
                throw new IllegalStateException("eta must be set: call eta(...) before build()");
            }
            return new PrimeAndModulate(this);
        }
    }
}
