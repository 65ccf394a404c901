// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import org.pamlearn.robot.SessionLogger;

/** What the commands that log a session share. */
final class SessionLogs {

    private SessionLogs() {
    }

    /**
     * Closes a session log after a failure, keeping what was written; a failure to close is dropped, because the
     * caller reports the failure that ended the run (or has already reported this one).
     *
     * @param logger the log, or {@code null}
     */
    static void closeQuietly(SessionLogger logger) {
        if (logger == null) {
            return;
        }
        try {
            logger.close();
        } catch (RuntimeException suppressed) {
            // see above
        }
    }
}
