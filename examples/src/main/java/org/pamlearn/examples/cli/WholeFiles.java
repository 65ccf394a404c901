// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.pamlearn.core.internal.WholeFileWriter;

/**
 * Writes a file whole ({@link WholeFileWriter}, as {@code Checkpoints.save} does: a temporary file beside it, then
 * moved over it), with the commands' message. A command stopped or failing while it writes leaves the previous
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
        try {
            WholeFileWriter.write(file, bytes);
        } catch (IOException e) {
            throw IoMessages.cannotWrite(file, e);
        }
    }
}
