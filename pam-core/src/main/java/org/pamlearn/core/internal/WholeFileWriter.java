// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole: first into a temporary file beside it, then moved over it (atomically where the file system
 * allows). A program stopped or failing while it writes leaves the previous version, never half a file, and a reader
 * never sees half a file.
 */
public final class WholeFileWriter {

    private WholeFileWriter() {
    }

    /**
     * Replaces a file's content.
     *
     * @param file the file; its directory exists
     * @param bytes the content
     * @throws IOException if it cannot be written, also if {@code file} is a directory or has no file name; the file
     *     is then as it was and no temporary file is left
     * @throws NullPointerException if an argument is null
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Objects.requireNonNull(bytes, "bytes");
        if (Files.isDirectory(file)) {
            // The move would replace an empty directory; a file someone asked for is never a directory.
            throw new FileSystemException(file.toString(), null, "is a directory");
        }
        Path name = file.getFileName();
        if (name == null) {
            throw new FileSystemException(file.toString(), null, "not a file name");
        }
        Path temporary = file.resolveSibling("." + name + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }
}
