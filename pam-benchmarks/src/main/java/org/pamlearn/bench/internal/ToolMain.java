// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The {@code main} of the benchmark module's small command-line tools: UTF-8 output, exit status on failure. */
public final class ToolMain {

    /** A tool's work, without exiting: its lines to {@code out}, a one-line error to {@code err}. */
    @FunctionalInterface
    public interface Tool {
        /**
         * Runs the tool.
         *
         * @param args the command-line arguments; not modified
         * @param out where the tool's output goes
         * @param err where a one-line error goes
         * @return the exit status: 0 on success
         */
        int run(String[] args, PrintStream out, PrintStream err);
    }

    private ToolMain() {
    }

    /**
     * Runs the tool with standard output as UTF-8 and exits the JVM with its status when it is not 0.
     *
     * @param args the command-line arguments
     * @param tool the tool
     */
    public static void run(String[] args, Tool tool) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int status = tool.run(args, out, System.err);
        out.flush();
        if (status != 0) {
            System.exit(status);
        }
    }
}
