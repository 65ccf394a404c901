// SPDX-License-Identifier: Apache-2.0
/**
 * The learning rules of closed-loop learning (docs/ALGORITHMS.md &sect;3): {@link org.pamlearn.core.learning.Backprop},
 * {@link org.pamlearn.core.learning.SignAndRelevance} and {@link org.pamlearn.core.learning.PrimeAndModulate}.
 *
 * <p>A {@link org.pamlearn.core.learning.LearningRule} is immutable configuration; the
 * {@link org.pamlearn.core.learning.Learner} it creates per network holds the state. Relevance and modulation
 * come from {@link org.pamlearn.core.learning.Cue}s ({@link org.pamlearn.core.learning.Cues} holds the standard
 * ones), which read the environment through a per-step {@link org.pamlearn.core.learning.StepContext}.
 */
package org.pamlearn.core.learning;
