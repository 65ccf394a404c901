// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WholeFileWriter}: creates and replaces a file, refuses a directory, and leaves no temporary file. */
class WholeFileWriterTest {

    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void createsThenReplacesTheFileWithNothingLeftBeside() throws IOException {
        Path file = dir.resolve("a.txt");
        WholeFileWriter.write(file, "first".getBytes(StandardCharsets.UTF_8));
        assertEquals("first", Files.readString(file));
        WholeFileWriter.write(file, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
        assertEquals(List.of(file), files());
    }

    @Test
    void refusesADirectoryEvenAnEmptyOneAndLeavesItAsItWas() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        FileSystemException e = assertThrows(FileSystemException.class, () -> WholeFileWriter.write(sub, new byte[1]));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(sub));
        assertEquals(List.of(sub), files());
    }

    @Test
    void aMissingDirectoryFailsWithoutATemporaryFile() {
        Path file = dir.resolve("missing").resolve("a.txt");
        assertThrows(IOException.class, () -> WholeFileWriter.write(file, new byte[1]));
        assertTrue(Files.notExists(file.getParent()));
    }
}
