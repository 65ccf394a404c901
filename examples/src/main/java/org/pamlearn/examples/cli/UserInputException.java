// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

/**
 * A bad input file (missing, unreadable, not a checkpoint, a bad replay log) or an output file that cannot be
 * written: reported as one line and exit code {@link PamlearnCommand#EXIT_BAD_INPUT}, without a stack trace.
 */
final class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserInputException(String message, Throwable cause) {
        super(message, cause);
    }

    UserInputException(String message) {
        super(message);
    }
}
