// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * Decides when closed-loop learning has succeeded (docs/ALGORITHMS.md &sect;5), from the closed-loop error of each
 * step and whether the robot is on the line. A step counts towards success only while the robot is on the line;
 * a step off the line resets the run, so that a robot circling on white (where {@code E = 0}) never succeeds.
 * Once reached, success stays until {@link #reset()}.
 *
 * <p>Implementations allocate nothing per update and are not thread-safe.
 */
public interface SuccessDetector {

    /**
     * Feeds one step.
     *
     * @param error the step's closed-loop error {@code E(n)}; a non-finite value counts as off the line
     * @param onLine whether the robot is on the line in this step
     * @return whether success has been reached (in this step or before)
     */
    boolean update(double error, boolean onLine);

    /**
     * Returns whether success has been reached.
     *
     * @return whether successful
     */
    default boolean succeeded() {
        return stepsToSuccess() >= 0;
    }

    /**
     * Returns the number of updates until success, counting the one that reached it.
     *
     * @return the steps to success, or -1 if not reached
     */
    long stepsToSuccess();

    /**
     * Returns the number of updates so far.
     *
     * @return the steps seen
     */
    long steps();

    /** Forgets everything: as if newly made. */
    void reset();
}
