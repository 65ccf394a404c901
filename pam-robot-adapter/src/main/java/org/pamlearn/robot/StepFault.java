// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * Why a control step fell back to reflex-only control. Each kind is counted by the
 * {@link ClosedLoopController} and reported in its {@link StepRecord}.
 */
public enum StepFault {
    /** No fault: the step ran as configured. */
    NONE,
    /** The learner threw; no weight changed (a failed {@code learn} changes nothing). */
    LEARNER,
    /** The network's forward pass overflowed or gave a NaN or infinite output. */
    OUTPUT,
    /** A sensor threw a {@link SensorException}, gave a non-finite value, or the reflex error was not finite. */
    SENSOR,
    /**
     * The drive threw from {@code drive(left, right)} or {@code stop()}; the controller tried to stop the motors
     * and goes on (or ends, after too many in a row: {@link ClosedLoopController.Builder#maxDriveFaults}).
     */
    DRIVE
}
