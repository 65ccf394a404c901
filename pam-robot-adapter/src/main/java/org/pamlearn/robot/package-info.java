// SPDX-License-Identifier: Apache-2.0
/**
 * Closing the loop on a robot (docs/ALGORITHMS.md &sect;1 and &sect;5): sensors as
 * {@link org.pamlearn.robot.SampleProvider}s,
 * motors as a fail-safe {@link org.pamlearn.robot.DifferentialDrive}, the
 * {@link org.pamlearn.robot.ClosedLoopController} (reflex + filtered predictors + learning network, fail-safe) run
 * by a {@link org.pamlearn.robot.FixedRateLoop}, cue sources ({@link org.pamlearn.robot.LookaheadPosition}),
 * success detectors ({@link org.pamlearn.robot.EmaSuccess}, {@link org.pamlearn.robot.WindowSuccess},
 * {@link org.pamlearn.robot.LineContact}) and monitoring ({@link org.pamlearn.robot.StepListener},
 * {@link org.pamlearn.robot.SessionLogger}, whose log replays with {@code pamlearn replay}). {@code .sim} holds
 * the line-follower simulator, {@code .serial} the link to a real robot.
 */
package org.pamlearn.robot;
