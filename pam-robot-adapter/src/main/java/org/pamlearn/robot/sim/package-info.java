// SPDX-License-Identifier: Apache-2.0
/**
 * The line-follower simulator (ALGORITHMS.md &sect;5), the embedded default robot: {@link
 * org.pamlearn.robot.sim.LineFollowerSim} (differential drive, blurred logistic ground sensors, reflex pairs,
 * look-ahead rows or a camera grid, repositioning) on a {@link org.pamlearn.robot.sim.Track} built by {@link
 * org.pamlearn.robot.sim.Tracks} (the built-in loop, a PNG, a darkness array). World frame: x right, y up,
 * world units; robot frame: x forward, y left. Reflex samples are ordered L2, L1, R1, R2 (left to right) and
 * {@code E = (L1 + 2 L2) - (R1 + 2 R2) < 0} means the line is on the robot's left.
 */
package org.pamlearn.robot.sim;
