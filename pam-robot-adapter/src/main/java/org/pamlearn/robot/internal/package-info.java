// SPDX-License-Identifier: Apache-2.0
/** Helpers of the robot adapter (one-line failure descriptions) that are not API and may change without notice. */
package org.pamlearn.robot.internal;
