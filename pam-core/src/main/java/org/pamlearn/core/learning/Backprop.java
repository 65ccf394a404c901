// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.Network;

/**
 * Back-propagation of the closed-loop error (BP), after Daryanavard &amp; Porr, "Closed-Loop Deep
 * Learning: Generating Forward Models With Backpropagation", Neural Computation 32(11), 2020:
 *
 * <pre>
 *   delta_m^(L) = E_m * f'(v_m^(L))            (or E_m, without the output derivative)
 *   delta_k^(l) = f'(v_k^(l)) * sum_j w_jk^(l+1) * delta_j^(l+1)
 *   dw_ji^(l)   = + eta * A_i^(l-1) * delta_j^(l)     (biases: input 1)
 * </pre>
 *
 * <p>With {@code E = t - y} this is gradient descent on {@code 0.5 * |t - y|^2}. The closed-loop gain
 * {@code K_cl} (docs/ALGORITHMS.md &sect;2) is absorbed into {@code eta}. BP has no modulation: it ignores the
 * context's cues and given modulation.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class Backprop implements LearningRule {

    private final double eta;
    private final boolean outputDerivative;

    private Backprop(Builder b) {
        this.eta = b.eta;
        this.outputDerivative = b.outputDerivative;
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

    @Override
    public Learner newLearner(Network network) {
        return new BackpropLearner(this, network);
    }

    @Override
    public String toString() {
        return "Backprop[eta=" + eta + ", outputDerivative=" + outputDerivative + "]";
    }

    /** Builds a {@link Backprop}. */
    public static final class Builder {
        private double eta = Double.NaN;
        private boolean outputDerivative = true;

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
         * Sets whether the output error is multiplied by {@code f'(v)} (default {@code true}; one CLDL
         * variant leaves it out).
         *
         * @param value whether to use the output derivative
         * @return this builder
         */
        public Builder outputDerivative(boolean value) {
            this.outputDerivative = value;
            return this;
        }

        /**
         * Builds the rule.
         *
         * @return the rule
         * @throws IllegalStateException if {@code eta} was not set
         */
        public Backprop build() {
            if (Double.isNaN(eta)) {
                throw new IllegalStateException("eta must be set: call eta(...) before build()");
            }
            return new Backprop(this);
        }
    }
}
