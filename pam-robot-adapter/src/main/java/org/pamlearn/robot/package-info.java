// SPDX-License-Identifier: Apache-2.0
/**
 * Closing the loop on a robot: sensors, motors, the closed-loop controller and success detectors
 * (ALGORITHMS.md &sect;1 and &sect;5). Not yet implemented: this module is a placeholder of the build.
 */
package org.pamlearn.robot;
