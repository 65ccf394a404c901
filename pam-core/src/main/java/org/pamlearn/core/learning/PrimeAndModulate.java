// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

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
 * neither explode nor vanish in deep networks. The cues see {@code E(n)} and {@code E(n-1)} saturated to the
 * {@linkplain #cueErrorLimit() cue error limit} {@code L} (default 1), so the error-rate cue is at most
 * {@code e^(2 L^2)}. A {@link StepContext#setModulation given modulation} replaces the cue for that step.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class PrimeAndModulate extends SignRule {

    private PrimeAndModulate(Builder b) {
        super(b);
    }

    /**
     * Starts a rule; {@code eta} must be set.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the cue that gives {@code M(n)} (default {@code Cues.product(Cues.errorRate(), Cues.lookahead())}).
     *
     * @return the cue
     */
    public Cue modulation() {
        return cue();
    }

    @Override
    public String toString() {
        return describe("modulation");
    }

    /** Builds a {@link PrimeAndModulate}. */
    public static final class Builder extends SignRule.Builder<Builder, PrimeAndModulate> {

        private Builder() {
            super(Cues.product(Cues.errorRate(), Cues.lookahead()));
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the cue that gives {@code M(n)} (default {@code Cues.product(Cues.errorRate(), Cues.lookahead())}).
         *
         * @param value the cue; see {@link Cues}
         * @return this builder
         */
        public Builder modulation(Cue value) {
            return cue(value, "modulation");
        }

        @Override
        public PrimeAndModulate build() {
            return new PrimeAndModulate(this);
        }
    }
}
