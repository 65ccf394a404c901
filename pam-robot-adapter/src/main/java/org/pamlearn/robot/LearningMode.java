// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.Locale;
import org.pamlearn.core.learning.LearningRules;

/**
 * What a controller learns with: one of the three rules, or nothing ({@link #NONE}: no network, the reflex alone).
 * The command line and the result files use {@link #label()}.
 */
public enum LearningMode {
    /** Back-propagation of the closed-loop error. */
    BP,
    /** Sign-and-Relevance, relevance {@code |E|}. */
    SAR,
    /** Prime-and-Modulate, modulation error-rate cue times look-ahead cue. */
    PAM,
    /** No learning and no network: the reflex alone. */
    NONE;

    /**
     * Returns the learning rule's name.
     *
     * @return the name, for every rule but {@link #NONE}
     * @throws IllegalStateException for {@link #NONE}
     */
    public LearningRules.Name learningRule() {
        if (this == NONE) {
            throw new IllegalStateException("rule none has no learning rule");
        }
        return LearningRules.Name.valueOf(name());
    }

    /**
     * Returns the command-line name.
     *
     * @return {@code bp}, {@code sar}, {@code pam} or {@code none}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
