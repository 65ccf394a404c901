// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.Network;

/**
 * Applies a {@link LearningRule} to one {@link Network}, holding the state the rule needs from step to
 * step. Lifecycle: created by {@link LearningRule#newLearner}; then, each step, the network runs
 * {@code forward} and the learner {@code learn}s from the closed-loop error on the activations of that last
 * forward pass (in either order across steps: the controller decides, docs/ALGORITHMS.md &sect;1);
 * {@link #reset()} forgets the history.
 *
 * <p>Every {@code learn} computes all error signals from the current weights before any weight changes,
 * and checks everything first: a call that throws changes no weight, no error signal and no history. That
 * includes a step whose finite error, inputs and rate would still overflow a weight: it is refused rather than
 * leaving an infinite or NaN weight behind. Learning allocates
 * nothing. Not thread-safe.
 */
public interface Learner {

    /**
     * Learns from a scalar closed-loop error {@code E(n)}, sent to every output neuron.
     *
     * @param error {@code E(n)}, "desired minus actual"; finite
     * @param context the step's context; the learner sets its error fields. Modified.
     * @throws IllegalArgumentException if {@code error} is not finite, a cue rejects the context or gives a
     *     value that is negative or not finite, or the step would make a weight, bias or error signal NaN or
     *     infinite (the message names the layer, the index and the value)
     * @throws IllegalStateException if the network has not run {@code forward} yet
     */
    void learn(double error, StepContext context);

    /**
     * Learns from per-output errors {@code E_m}; cues see their mean as {@code E(n)}.
     *
     * @param errors the errors, length {@code network().outputCount()}, finite. Not modified.
     * @param context the step's context; the learner sets its error fields. Modified.
     * @throws IllegalArgumentException if the length is wrong, an error is not finite, a cue rejects the
     *     context or gives a value that is negative or not finite, or the step would make a weight, bias or error
     *     signal NaN or infinite
     * @throws IllegalStateException if the network has not run {@code forward} yet
     */
    void learn(double[] errors, StepContext context);

    /**
     * Returns the modulation {@code M(n)} (relevance for SaR) of the last successful step: {@code NaN}
     * before the first; always 1 for back-propagation, which has none.
     *
     * @return the last modulation
     */
    double lastModulation();

    /**
     * Returns the scalar error of the last successful step, which the next step sees as {@code E(n-1)}; 0
     * before the first.
     *
     * @return the previous error
     */
    double previousError();

    /** Forgets the history: the next step sees {@code E(n-1) = 0}. Weights are not touched. */
    void reset();

    /**
     * Returns the network this learner trains.
     *
     * @return the network
     */
    Network network();

    /**
     * Returns the rule this learner applies.
     *
     * @return the rule
     */
    LearningRule rule();
}
