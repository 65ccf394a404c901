// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

/**
 * Which look-ahead (predictor) sensors the simulated robot carries; see {@link LineFollowerSim#predictorSensors()}
 * for the sample layouts.
 */
public enum LookaheadSensors {

    /**
     * Two rows of 15 ground sensors (docs/ALGORITHMS.md &sect;5): 2 x 15 predictors
     * {@code p = max(0, -10 (value - WHITE))}, columns from left to right.
     */
    ROWS,

    /**
     * A camera-like grid: rows at increasing distance ahead, columns of mirrored patch pairs from the centre
     * outwards, each value {@code darkness(left patch) - darkness(right patch)} (as on the real robot).
     */
    CAMERA
}
