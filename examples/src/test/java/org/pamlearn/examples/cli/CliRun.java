// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * What one in-process run of the {@code pamlearn} command line printed, and the checks every command's tests share.
 *
 * @param exit the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CliRun(int exit, String out, String err) {

    /**
     * Runs {@code pamlearn} with these arguments, capturing both streams.
     *
     * @param args the command line
     * @return what it printed
     */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = PamlearnCommand.newCommandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /**
     * Runs {@code pamlearn} with these arguments.
     *
     * @param args the command line
     * @return what it printed
     */
    static CliRun of(List<String> args) {
        return of(args.toArray(new String[0]));
    }

    /**
     * Asserts that the error stream holds exactly one line, without a stack trace, that nothing went to standard
     * output, and the exit code.
     *
     * @param exit the expected exit code
     * @param what names the case in failure messages
     */
    void assertOneLineError(int exit, String what) {
        assertEquals(exit, exit(), what + ": exit code; stderr " + err);
        assertTrue(err.endsWith(System.lineSeparator()), what + ": ends with a newline: " + err);
        assertEquals(1, err.lines().count(), what + ": one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), what + ": no stack trace: " + err);
        assertEquals("", out, what + ": nothing on stdout");
    }
}
