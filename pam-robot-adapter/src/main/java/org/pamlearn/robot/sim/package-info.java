// SPDX-License-Identifier: Apache-2.0
/**
 * The line-follower simulator (docs/ALGORITHMS.md &sect;5), the embedded default robot: {@link
 * org.pamlearn.robot.sim.LineFollowerSim} (differential drive, blurred logistic ground sensors, reflex pairs,
 * look-ahead rows or a camera grid, repositioning) on a {@link org.pamlearn.robot.sim.Track} built by {@link
 * org.pamlearn.robot.sim.Tracks} (the built-in loop, a PNG, a darkness array). World frame: x right, y up,
 * world units; robot frame: x forward, y left. Reflex samples are ordered L2, L1, R1, R2 (left to right) and
 * {@code E = (L1 + 2 L2) - (R1 + 2 R2) < 0} means the line is on the robot's left.
 *
 * <p>Beside the plant sits the session protocol that drives it, as a hardware library keeps a simulated twin
 * next to the device it stands for: {@link org.pamlearn.robot.sim.LineFollowerRun} wires the simulator, the filter
 * array, the network, a learning rule and the closed-loop controller, and runs it until the success criterion
 * holds or the step budget is spent; {@link org.pamlearn.robot.sim.Trace} keeps what plots of a session show.
 */
package org.pamlearn.robot.sim;
