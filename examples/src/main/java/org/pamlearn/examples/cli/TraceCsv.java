// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.pamlearn.robot.sim.Trace;

/**
 * {@code DIR/trace.csv} of {@code line-follower --trace}: a compact per-step record of a session (about 30 bytes a
 * step, against the session log's 3 kB), enough to recompute the learning time. A header, then one row per step
 * {@code 0..n-1}: {@code step,err,on_line}, and over a horizon also {@code reflex_err,reflex_on_line}, the same
 * step of the reflex-only run that {@code R} comes from. {@code err} is printed with {@link Double#toString(double)},
 * which parses back to the same double; {@code on_line} is {@code 1} or {@code 0}, as the session log's flags. The
 * file is written after the session, also after a Ctrl-C, so it holds whole rows: those of the steps run.
 */
final class TraceCsv {

    /** The file name in the output directory. */
    static final String FILE = "trace.csv";
    /** The header without a horizon. */
    static final String HEADER = "step,err,on_line";
    /** The header over a horizon. */
    static final String HORIZON_HEADER = HEADER + ",reflex_err,reflex_on_line";

    private TraceCsv() {
    }

    /**
     * Writes the file.
     *
     * @param file the file
     * @param run the session's trace
     * @param reflex the trace of its reflex-only run over the same horizon, at least as long as {@code run}'s, or
     *     {@code null} without a horizon
     * @throws UserInputException if the file cannot be written: {@code cannot write <file>: <reason>}
     */
    static void write(Path file, Trace run, Trace reflex) {
        double[] err = run.error();
        boolean[] on = run.onLine();
        double[] reflexErr = reflex == null ? null : reflex.error();
        boolean[] reflexOn = reflex == null ? null : reflex.onLine();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(reflex == null ? HEADER : HORIZON_HEADER);
            w.write('\n');
            StringBuilder row = new StringBuilder(64);
            for (int k = 0; k < err.length; k++) {
                row.setLength(0);
                row.append(k).append(',').append(err[k]).append(',').append(on[k] ? '1' : '0');
                if (reflex != null) {
                    row.append(',').append(reflexErr[k]).append(',').append(reflexOn[k] ? '1' : '0');
                }
                w.append(row).append('\n');
            }
        } catch (IOException e) {
            throw IoMessages.cannotWrite(file, e);
        }
    }
}
