// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

/**
 * A robot pose in the world frame (x right, y up, world units; see {@link Track}).
 *
 * @param x the position of the robot's reference point (the middle of the wheel axle, the body centre)
 * @param y the position's y
 * @param heading the direction the robot faces, radians counter-clockwise from +x, in {@code (-pi, pi]}
 */
public record Pose(double x, double y, double heading) {
}
