// SPDX-License-Identifier: Apache-2.0
/**
 * The network checkpoint format, JSON version 1 (docs/DESIGN.md, "Network checkpoint JSON"):
 * {@link org.pamlearn.core.checkpoint.Checkpoints} writes a {@link org.pamlearn.core.Network} and reads one
 * back, bit-exactly; a file it cannot accept is rejected with a
 * {@link org.pamlearn.core.checkpoint.CheckpointFormatException} that names the offending field.
 *
 * <p>The format is a stable contract that other tools read and write: fields are added, never renamed.
 */
package org.pamlearn.core.checkpoint;
