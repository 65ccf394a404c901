// SPDX-License-Identifier: Apache-2.0
/**
 * Closing the loop on a robot (ALGORITHMS.md &sect;1 and &sect;5): sensors as {@link org.pamlearn.robot.SampleProvider}s,
 * motors as a fail-safe {@link org.pamlearn.robot.DifferentialDrive}, the closed-loop controller, cue sources and
 * success detectors. {@code .sim} holds the line-follower simulator, {@code .serial} the link to a real robot.
 */
package org.pamlearn.robot;
