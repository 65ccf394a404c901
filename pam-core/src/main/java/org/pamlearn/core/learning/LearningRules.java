// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Locale;
import java.util.Objects;
import org.pamlearn.core.internal.Texts;

/**
 * Builds the three learning rules from a name and options: the one place where a rule's name (as a command
 * line, a CSV column or a benchmark parameter spells it) becomes a {@link LearningRule}.
 *
 * <pre>
 *   LearningRule pam = LearningRules.create(LearningRules.Name.PAM, LearningRules.Options.eta(1e-3));
 *   LearningRule sar = LearningRules.create(LearningRules.Name.parse("sar"),
 *           LearningRules.Options.eta(1e-3).withSignPropagation(SignPropagation.SIGN_ONLY));
 * </pre>
 *
 * <p>Options a rule does not use are ignored by it: BP ignores the sign propagation, the relevance, the
 * modulation and the cue error limit; SaR ignores the modulation; PaM ignores the relevance.
 */
public final class LearningRules {

    private LearningRules() {
    }

    /** The rules, by the names the command line and the result files use. */
    public enum Name {
        /** Back-propagation of the closed-loop error ({@link Backprop}). */
        BP,
        /** Sign and Relevance ({@link SignAndRelevance}). */
        SAR,
        /** Prime and Modulate ({@link PrimeAndModulate}). */
        PAM;

        /**
         * Returns the lower-case name used on command lines and in result files.
         *
         * @return {@code bp}, {@code sar} or {@code pam}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Returns the rule of a label, case-insensitively.
         *
         * @param label {@code bp}, {@code sar} or {@code pam}
         * @return the rule's name
         * @throws IllegalArgumentException if the label names no rule (the message quotes at most 40 characters of it)
         * @throws NullPointerException if {@code label} is null
         */
        public static Name parse(String label) {
            Objects.requireNonNull(label, "label");
            for (Name n : values()) {
                if (n.label().equalsIgnoreCase(label)) {
                    return n;
                }
            }
            throw new IllegalArgumentException("rule must be bp, sar or pam, got " + Texts.quote(label));
        }
    }

    /**
     * Builds a rule.
     *
     * @param name the rule
     * @param options its options
     * @return a new immutable rule
     * @throws NullPointerException if an argument is null
     */
    public static LearningRule create(Name name, Options options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(options, "options");
        switch (name) {
            case BP:
                return Backprop.builder().eta(options.eta).outputDerivative(options.outputDerivative).build();
            case SAR:
                return SignAndRelevance.builder().eta(options.eta).outputDerivative(options.outputDerivative)
                        .signPropagation(options.signPropagation).relevance(options.relevance)
                        .cueErrorLimit(options.cueErrorLimit).build();
            case PAM:
                return PrimeAndModulate.builder().eta(options.eta).outputDerivative(options.outputDerivative)
                        .signPropagation(options.signPropagation).modulation(options.modulation)
                        .cueErrorLimit(options.cueErrorLimit).build();
            default:
                throw new AssertionError(name);
        }
    }

    /**
     * PaM's default modulation with the look-ahead cue set for a sensor array: the error-rate cue times the
     * look-ahead cue, {@code Cues.product(Cues.errorRate(), Cues.lookahead(centre, kappa))}.
     *
     * @param centre the look-ahead centre {@code q_c}, e.g. {@code (columns + 1) / 2}
     * @param kappa the look-ahead constant {@code kappa}
     * @return the cue
     * @throws IllegalArgumentException as {@link Cues#lookahead(double, double)}
     */
    public static Cue errorRateTimesLookahead(double centre, double kappa) {
        return Cues.product(Cues.errorRate(), Cues.lookahead(centre, kappa));
    }

    /**
     * The options a rule is built from; immutable, each {@code with} method returns a copy. Defaults: output
     * derivative on, {@link SignPropagation#EXACT_THEN_SIGN}, relevance {@link Cues#absError()}, modulation
     * {@code Cues.product(Cues.errorRate(), Cues.lookahead())}, cue error limit
     * {@link Cues#DEFAULT_CUE_ERROR_LIMIT}.
     */
    public static final class Options {

        private final double eta;
        private final boolean outputDerivative;
        private final SignPropagation signPropagation;
        private final Cue relevance;
        private final Cue modulation;
        private final double cueErrorLimit;

        private Options(double eta, boolean outputDerivative, SignPropagation signPropagation, Cue relevance,
                Cue modulation, double cueErrorLimit) {
            this.eta = eta;
            this.outputDerivative = outputDerivative;
            this.signPropagation = signPropagation;
            this.relevance = relevance;
            this.modulation = modulation;
            this.cueErrorLimit = cueErrorLimit;
        }

        /**
         * Starts from the defaults with this learning rate.
         *
         * @param eta the learning rate, finite and {@code > 0}
         * @return the options
         * @throws IllegalArgumentException if {@code eta} is not finite and {@code > 0}
         */
        public static Options eta(double eta) {
            return new Options(Rules.requireEta(eta), true, SignPropagation.EXACT_THEN_SIGN, Cues.absError(),
                    Cues.product(Cues.errorRate(), Cues.lookahead()), Cues.DEFAULT_CUE_ERROR_LIMIT);
        }

        /**
         * Returns the learning rate.
         *
         * @return {@code eta}
         */
        public double eta() {
            return eta;
        }

        /**
         * Sets whether the output layer's delta includes {@code f'(v)}.
         *
         * @param value {@code true} (default) or {@code false}
         * @return a copy with this value
         */
        public Options withOutputDerivative(boolean value) {
            return new Options(eta, value, signPropagation, relevance, modulation, cueErrorLimit);
        }

        /**
         * Sets how signs travel through the layers (SaR, PaM).
         *
         * @param value the mode
         * @return a copy with this value
         * @throws NullPointerException if {@code value} is null
         */
        public Options withSignPropagation(SignPropagation value) {
            return new Options(eta, outputDerivative, Objects.requireNonNull(value, "signPropagation"), relevance,
                    modulation, cueErrorLimit);
        }

        /**
         * Sets SaR's relevance cue.
         *
         * @param value the cue
         * @return a copy with this value
         * @throws NullPointerException if {@code value} is null
         */
        public Options withRelevance(Cue value) {
            return new Options(eta, outputDerivative, signPropagation, Objects.requireNonNull(value, "relevance"),
                    modulation, cueErrorLimit);
        }

        /**
         * Sets PaM's modulation cue.
         *
         * @param value the cue
         * @return a copy with this value
         * @throws NullPointerException if {@code value} is null
         */
        public Options withModulation(Cue value) {
            return new Options(eta, outputDerivative, signPropagation, relevance,
                    Objects.requireNonNull(value, "modulation"), cueErrorLimit);
        }

        /**
         * Sets the limit {@code L} of the error the sign rules' cues see (SaR, PaM); see
         * {@link SignAndRelevance.Builder#cueErrorLimit(double)}.
         *
         * @param value {@code L}, {@code > 0}, or {@code Double.POSITIVE_INFINITY} to turn the limit off
         * @return a copy with this value
         * @throws IllegalArgumentException if {@code value} is NaN or {@code <= 0}
         */
        public Options withCueErrorLimit(double value) {
            return new Options(eta, outputDerivative, signPropagation, relevance, modulation,
                    Rules.requireCueErrorLimit(value));
        }
    }
}
