// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

/**
 * A global factor built from the environment that sets the size of the sign rules' steps: the relevance
 * {@code R(n)} of Sign-and-Relevance, or the modulation {@code M(n)} of Prime-and-Modulate
 * (docs/ALGORITHMS.md &sect;3). {@link Cues} holds the standard ones and their products.
 *
 * <p>A cue reads what it needs from the {@link StepContext}: the learner has set {@link StepContext#error()}
 * and {@link StepContext#previousError()} before it calls {@link #value}. History beyond {@code E(n-1)}
 * belongs in the context (as user signals), so that a cue stays an immutable function that any number
 * of learners can share.
 */
@FunctionalInterface
public interface Cue {

    /**
     * Evaluates the cue for the current step. Must not allocate on the real-time path.
     *
     * @param context the step's context. Not modified.
     * @return the cue, finite and {@code >= 0} (the learner rejects anything else, naming this cue)
     * @throws IllegalArgumentException if the context lacks something this cue needs
     */
    double value(StepContext context);
}
