// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;

/** The checkpoint loader reads at most {@link Checkpoints#MAX_BYTES} and says what is wrong in the user's words. */
class CheckpointsBoundsTest {

    @TempDir
    Path dir;

    @Test
    void aTenGigabyteCheckpointIsRefusedByItsSizeInOneLine() throws IOException {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(10L << 30); // sparse: no disk space, no time
        }
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Checkpoints.load(big));
        assertEquals("cannot load checkpoint " + big + ": larger than 268435456 bytes, the limit", e.getMessage());
    }

    @Test
    void aTruncatedCheckpointNamesLinesAndColumnsNotTheParsersSource() throws IOException {
        Network network = Network.builder(3).layer(LayerSpec.of(2)).layer(LayerSpec.of(1)).build();
        String json = Checkpoints.toJson(network);
        Path cut = dir.resolve("cut.json");
        Files.writeString(cut, json.substring(0, json.indexOf("]") - 3), StandardCharsets.UTF_8);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.load(cut));
        assertFalse(e.getMessage().contains("Source") || e.getMessage().contains("REDACTED")
                || e.getMessage().contains("`"), e.getMessage());
        assertTrue(e.getMessage().matches("checkpoint field \\$: invalid JSON at line \\d+, column \\d+: Unexpected"
                + " end-of-input: expected close marker for Array \\(start marker at line \\d+, column \\d+\\) \\(in "
                + "\\Q" + cut + "\\E\\)"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
