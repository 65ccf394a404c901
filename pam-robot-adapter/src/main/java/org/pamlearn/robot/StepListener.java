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

    /**
     * Called once when the controller is built, before its first step, so that a listener can prepare what does not
     * depend on any step: a log writes its header here, so that a session stopped before its first step still
     * leaves a complete (empty) log. Does nothing by default.
     *
     * @param shape the controller's record before any step: its {@link StepRecord#inputCount()},
     *     {@link StepRecord#outputCount()}, {@link StepRecord#layerCount()} and {@link StepRecord#hasLookahead()}
     *     are those of every step; its other values mean nothing yet. Do not keep it.
     */
    default void onStart(StepRecord shape) {
        // nothing to prepare
    }
}
