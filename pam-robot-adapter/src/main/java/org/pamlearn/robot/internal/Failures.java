// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.internal;

/** What a part of the robot threw, as a short piece of a one-line report. Not API: may change without notice. */
public final class Failures {

    /** At most this many characters of an exception's message are shown. */
    private static final int MESSAGE_CHARS = 100;

    private Failures() {
    }

    /**
     * Describes an exception in one line: its simple class name and the first line of its message, cut to
     * {@value #MESSAGE_CHARS} characters.
     *
     * @param ex the exception
     * @return e.g. {@code IllegalStateException: port closed}
     */
    public static String describe(RuntimeException ex) {
        String message = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
        if (message.length() > MESSAGE_CHARS) {
            message = message.substring(0, MESSAGE_CHARS) + "...";
        }
        return ex.getClass().getSimpleName() + ": " + message;
    }
}
