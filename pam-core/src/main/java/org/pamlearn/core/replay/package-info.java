// SPDX-License-Identifier: Apache-2.0
/**
 * Replaying a recorded closed-loop session into a network (docs/DESIGN.md, "Replay log"):
 * {@link org.pamlearn.core.replay.ReplayLog} reads the log row by row, {@link org.pamlearn.core.replay.Replay}
 * runs {@code forward} then {@code learn} for each row.
 */
package org.pamlearn.core.replay;
