// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

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
 * neither explode nor vanish in deep networks. The cue sees the error saturated to the
 * {@linkplain #cueErrorLimit() cue error limit} {@code L} (default 1), so the default relevance is
 * {@code min(|E(n)|, L)}. A {@link StepContext#setModulation given modulation} replaces the cue for that step.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class SignAndRelevance extends SignRule {

    private SignAndRelevance(Builder b) {
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
     * Returns the cue that gives {@code R(n)} (default {@code Cues.absError()}).
     *
     * @return the cue
     */
    public Cue relevance() {
        return cue();
    }

    @Override
    public String toString() {
        return describe("relevance");
    }

    /** Builds a {@link SignAndRelevance}. */
    public static final class Builder extends SignRule.Builder<Builder, SignAndRelevance> {

        private Builder() {
            super(Cues.absError());
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the cue that gives {@code R(n)} (default {@code Cues.absError()}).
         *
         * @param value the cue; see {@link Cues}
         * @return this builder
         */
        public Builder relevance(Cue value) {
            return cue(value, "relevance");
        }

        @Override
        public SignAndRelevance build() {
            return new SignAndRelevance(this);
        }
    }
}
