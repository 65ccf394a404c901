// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * Receives every control step of a {@link ClosedLoopController}, after the motors have been commanded: for
 * monitoring, logging ({@link SessionLogger}) and success detection.
 */
@FunctionalInterface
public interface StepListener {

    /**
     * Called once per step, on the control thread.
     *
     * @param step the step's record: a read-only view that the controller reuses and overwrites at the next step,
     *     so read it here and do not keep it
     */
    void onStep(StepRecord step);
}
