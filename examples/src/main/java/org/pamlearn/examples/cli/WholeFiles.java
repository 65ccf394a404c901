// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file whole: first into a temporary file beside it, then moved over it (atomically where the file system
 * allows), as {@code Checkpoints.save} does. A command stopped or failing while it writes leaves the previous
 * version, never half a file; a command that rewrites its outputs after every epoch relies on that.
 */
final class WholeFiles {

    private WholeFiles() {
    }

    /**
     * Replaces a file's content.
     *
     * @param file the file; its directory exists
     * @param bytes the content
     * @throws UserInputException {@code cannot write <file>: <reason>}; the file is then as it was
     */
    static void write(Path file, byte[] bytes) {
        Path name = file.getFileName();
        Path temporary = file.resolveSibling("." + name + "."
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        try {
            if (Files.isDirectory(file)) {
                // The move would replace an empty directory; a file the user asked for is never a directory.
                throw new FileSystemException(file.toString(), null, "is a directory");
            }
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
            throw IoMessages.cannotWrite(file, e);
        }
    }
}
