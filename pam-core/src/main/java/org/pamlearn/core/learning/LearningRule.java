// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.pamlearn.core.Network;

/**
 * A learning rule: immutable configuration, shareable between networks and threads. Its per-network
 * state (previous error, buffers) lives in the {@link Learner} it creates for each network.
 *
 * <p>The three rules of closed-loop learning are {@link Backprop}, {@link SignAndRelevance} and
 * {@link PrimeAndModulate}.
 */
public interface LearningRule {

    /**
     * Returns the learning rate {@code eta}.
     *
     * @return {@code eta}, finite and {@code > 0}
     */
    double eta();

    /**
     * Creates the stateful learner that applies this rule to one network; it preallocates everything, so
     * that learning allocates nothing.
     *
     * @param network the network it trains
     * @return a new learner, with no history
     */
    Learner newLearner(Network network);
}
