// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress on the error stream, for every long-running subcommand: on a terminal a {@code \r}-updated bar,
 * redrawn at most every 100 ms ({@code [#####.....] 2000/50000 steps  4085 steps/s |error avg| 0.00004}); otherwise
 * plain lines ({@code steps 2000  steps/s 4085  |error avg| 0.00004}), on every update or about {@code plainLines}
 * times over the run (each time the count passes a multiple of {@code total / plainLines}, also when it goes up in
 * batches) and at its end, so that a log file is not flooded. Not thread-safe: callers update it from one thread at
 * a time.
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private final String unit;
    private long total;
    private final String rateFormat;
    private final boolean totalInPlainLines;
    private final int plainLines;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private long lastDone;
    private String lastSuffix = "";

    /**
     * Starts the clock.
     *
     * @param err the error stream
     * @param terminal whether it is a terminal (a bar) or not (lines)
     * @param unit what is counted, e.g. {@code steps} or {@code runs}
     * @param rateFormat the format of the rate, e.g. {@code %.0f}
     * @param totalInPlainLines whether plain lines show {@code done/total} or {@code done}
     * @param plainLines 0: a plain line on every update; {@code n > 0}: one every {@code total / n} of {@code done}
     */
    ProgressBar(PrintWriter err, boolean terminal, String unit, String rateFormat, boolean totalInPlainLines,
            int plainLines) {
        this.err = err;
        this.terminal = terminal;
        this.unit = unit;
        this.rateFormat = rateFormat;
        this.totalInPlainLines = totalInPlainLines;
        this.plainLines = plainLines;
    }

    /**
     * Seconds since construction.
     *
     * @return wall-clock seconds
     */
    double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * Reports progress.
     *
     * @param done the count so far
     * @param of the count at the end, {@code >= 0}
     * @param suffix text after the rate (e.g. {@code |error avg| 0.00004}), or empty
     */
    void update(long done, long of, String suffix) {
        long previous = lastDone;
        lastDone = done;
        total = of;
        lastSuffix = suffix;
        if (terminal) {
            long now = System.nanoTime();
            if (drawn && now - lastDraw < REDRAW_NANOS && done < total) {
                return;
            }
            lastDraw = now;
            draw();
        } else if (done > 0 && (plainLines == 0 || done == total || crossed(previous, done))) {
            draw();
        }
    }

    /**
     * Whether a plain line is due: {@code done} has reached the next multiple of {@code total / plainLines}. Counted
     * by crossing, not by {@code done % step == 0}, so that a count going up in batches (not one by one) still gets
     * its lines.
     */
    private boolean crossed(long previous, long done) {
        long step = Math.max(1, total / plainLines);
        return done / step > previous / step;
    }

    /** Draws the bar a last time and ends its line (terminal only). */
    void finish() {
        if (terminal && drawn) {
            draw();
            err.println();
            err.flush();
        }
    }

    private void draw() {
        double seconds = elapsedSeconds();
        String rate = String.format(Locale.ROOT, rateFormat, seconds > 0 ? lastDone / seconds : 0.0);
        String tail = lastSuffix.isEmpty() ? "" : "  " + lastSuffix;
        if (terminal) {
            int filled = total <= 0 ? WIDTH : (int) (WIDTH * Math.min(1.0, (double) lastDone / total));
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + lastDone + "/" + total + " "
                    + unit + "  " + rate + " " + unit + "/s" + tail + " ");
            drawn = true;
        } else {
            err.println(unit + " " + lastDone + (totalInPlainLines ? "/" + total : "") + "  " + unit + "/s " + rate
                    + tail);
        }
        err.flush();
    }
}
