// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.data;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a well-formed IDX file of the kind asked for; the message is one line naming the file. */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * An error in a file.
     *
     * @param file the file
     * @param reason what is wrong, one line
     */
    IdxFormatException(Path file, String reason) {
        super(file + ": " + reason);
    }
}
