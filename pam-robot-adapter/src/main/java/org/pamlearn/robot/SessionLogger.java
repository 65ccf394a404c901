// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.pamlearn.core.replay.ReplayLogWriter;

/**
 * Writes a control session as a tab-separated log that is also a replay log (docs/DESIGN.md, "Replay log"), so
 * that {@code pamlearn replay} reproduces the controller's weights from the initial network.
 *
 * <p>Columns, from the controller's {@link StepRecord}, written as the header by {@link #onStart} when the
 * controller is built (so that a session stopped before its first step leaves a log that replays to the initial
 * network), or with the first row if a listener in between did not pass {@code onStart} on:
 * <pre>
 *   in0 .. in{N-1}  err  mod  [q]  mon_step  mon_learned  mon_paused  mon_fault  mon_reflex_only  mon_left
 *   mon_right  mon_out0 .. mon_out{M-1}  mon_wd0 .. mon_wd{L-1}
 * </pre>
 * {@code q} is there only when the controller has a {@link LookaheadPosition}. The {@code mon_} columns are for
 * monitoring (step number; 1/0 flags for learned, paused, reflex-only; the fault's {@link StepFault} name; the
 * motor commands the drive took, {@link StepRecord#left()}; the network outputs of the step's forward pass;
 * each layer's weight distance from its initial weights) and are ignored by the replay reader.
 *
 * <p><b>Pairing for replay.</b> A replay row means "forward(inputs), then learn(err) on that forward pass". The
 * controller, in its default order, learns with {@code E(n)} on the forward pass of the previous step,
 * {@code u(n-1)}. So the row of step {@code n} pairs the inputs of the forward pass the learner actually used
 * ({@link StepRecord#learnedInput}: {@code u(n-1)} by default, {@code u(n)} with forward-then-learn) with the error
 * {@code E(n)}, the modulation {@code M(n)} the learner used ({@code Learner.lastModulation()}) and {@code q(n)} of
 * that learning step. Replaying with {@code mod} gives Sign-and-Relevance and Prime-and-Modulate exactly the step
 * size the controller used, whatever the learner's error history was (the controller resets it after a gap);
 * back-propagation ignores {@code mod}. Forward passes that no learning step used change no weight, so leaving
 * them out keeps the replay exact.
 *
 * <p><b>Steps without learning</b> (the first step, paused steps, faults, no rule) are written as comment lines:
 * {@code #} followed by the same cells ({@code in} cells and {@code mod} are {@code NaN}), so the replay reader
 * skips them and a monitoring reader gets every step back by dropping the leading {@code #}. With
 * {@link #SessionLogger(Writer, boolean)} and {@code false} they are left out instead.
 *
 * <p>The cells go through a {@link ReplayLogWriter}, the replay format's writer beside its reader: numbers are
 * written with {@link Double#toString(double)}'s digits, which parse back to the same double, so the replay
 * reproduces the weights bit for bit (same network, same rule, same engine).
 *
 * <p><b>Size.</b> A full log ({@link Detail#FULL}) holds every network input of every step: about 3 kB per step
 * with the simulator's 150 inputs. A {@link Detail#COMPACT} log leaves the {@code in} columns out (the rest is
 * the same, cell for cell): it is for monitoring (errors, modulation, motor commands, outputs, weight distances)
 * and costs a few hundred bytes per step, but it does not replay, since a replay needs the inputs. It starts with
 * the comment line {@link #COMPACT_MARK}, by which tools tell it from a log with a bad header. A file whose name
 * ends with {@code .gz} is written gzip-compressed ({@link ReplayLogWriter#open}).
 *
 * <p>{@link #onStep} never throws: an I/O failure stops the logging and is kept for {@link #failure()} and
 * {@link #close()}. Not thread-safe: use it on the control thread.
 */
public final class SessionLogger implements StepListener, AutoCloseable {

    /** The first line of a {@link Detail#COMPACT compact} log. */
    public static final String COMPACT_MARK = ReplayLogWriter.COMPACT_MARK;

    /** What the log is called in messages. */
    private static final String NAME = "session log";

    /** What a session log holds. */
    public enum Detail {
        /** Every column: the replay log plus the monitoring columns. */
        FULL,
        /** Every column but the network inputs: monitoring only, not replayable. */
        COMPACT
    }

    private final ReplayLogWriter out;
    private final boolean commentUnlearned;
    private final boolean inputs;
    private boolean headerWritten;
    private boolean hasLookahead;

    /**
     * A logger writing to {@code out}, with steps that did not learn as comment lines.
     *
     * @param out receives the log; closed by {@link #close()}
     */
    public SessionLogger(Writer out) {
        this(out, true);
    }

    /**
     * A logger writing to {@code out}.
     *
     * @param out receives the log; closed by {@link #close()}
     * @param keepUnlearned whether steps that did not learn are written (as comment lines) or left out
     */
    public SessionLogger(Writer out, boolean keepUnlearned) {
        this(new ReplayLogWriter(Objects.requireNonNull(out, "out"), NAME), keepUnlearned, Detail.FULL);
    }

    private SessionLogger(ReplayLogWriter out, boolean keepUnlearned, Detail detail) {
        this.out = out;
        this.commentUnlearned = keepUnlearned;
        this.inputs = detail == Detail.FULL;
    }

    /**
     * A full logger writing a UTF-8 file, created or truncated (gzip-compressed if its name ends with
     * {@code .gz}).
     *
     * @param file the log file
     * @return the logger
     * @throws UncheckedIOException if the file cannot be opened
     */
    public static SessionLogger open(Path file) {
        return open(file, Detail.FULL);
    }

    /**
     * A logger writing a UTF-8 file, created or truncated (gzip-compressed if its name ends with {@code .gz}).
     *
     * @param file the log file
     * @param detail what the log holds
     * @return the logger
     * @throws UncheckedIOException if the file cannot be opened
     * @throws NullPointerException if an argument is null
     */
    public static SessionLogger open(Path file, Detail detail) {
        Objects.requireNonNull(detail, "detail");
        return new SessionLogger(ReplayLogWriter.open(file, NAME), true, detail);
    }

    /** Writes the header, so that a session stopped before its first step leaves a log that replays. */
    @Override
    public void onStart(StepRecord shape) {
        if (out.isWriting() && !headerWritten) {
            header(shape);
        }
    }

    @Override
    public void onStep(StepRecord r) {
        if (!out.isWriting()) {
            return;
        }
        if (!r.learned() && !commentUnlearned) {
            return;
        }
        if (!headerWritten) {
            // A listener in between that does not pass onStart on: the header comes with the first row.
            header(r);
        }
        final boolean learned = r.learned();
        out.startRow(!learned);
        final int n = inputs ? r.inputCount() : 0;
        for (int i = 0; i < n; i++) {
            out.cell(learned ? r.learnedInput(i) : Double.NaN);
        }
        out.cell(r.error()).cell(learned ? r.modulation() : Double.NaN);
        if (hasLookahead) {
            out.cell(r.lookahead());
        }
        out.cell(r.step()).cell(learned ? 1 : 0).cell(r.learningPaused() ? 1 : 0).cell(r.fault().name())
                .cell(r.reflexOnly() ? 1 : 0).cell(r.left()).cell(r.right());
        for (int m = 0; m < r.outputCount(); m++) {
            out.cell(r.forwarded() ? r.output(m) : Double.NaN);
        }
        for (int l = 0; l < r.layerCount(); l++) {
            out.cell(r.weightDistance(l));
        }
        out.endRow();
    }

    private void header(StepRecord r) {
        hasLookahead = r.hasLookahead();
        if (!inputs) {
            out.startRow(false).cell(COMPACT_MARK).endRow();
        }
        out.header(inputs ? r.inputCount() : 0, true, hasLookahead, monitors(r));
        headerWritten = true;
    }

    private static List<String> monitors(StepRecord r) {
        List<String> names = new ArrayList<>(List.of("step", "learned", "paused", "fault", "reflex_only", "left",
                "right"));
        for (int m = 0; m < r.outputCount(); m++) {
            names.add("out" + m);
        }
        for (int l = 0; l < r.layerCount(); l++) {
            names.add("wd" + l);
        }
        return names;
    }

    /**
     * Returns the I/O failure that stopped the logging.
     *
     * @return the failure, or {@code null}
     */
    public IOException failure() {
        return out.failure();
    }

    /**
     * Flushes what has been written.
     *
     * @throws UncheckedIOException if flushing fails, or logging has failed before
     */
    public void flush() {
        out.flush();
    }

    /**
     * Closes a log after a failure, keeping what was written; a failure to close is dropped, because the caller
     * reports the failure that ended the run (or has already reported this one).
     *
     * @param logger the log, or {@code null}
     */
    public static void closeQuietly(SessionLogger logger) {
        if (logger == null) {
            return;
        }
        try {
            logger.close();
        } catch (RuntimeException suppressed) {
            // see above
        }
    }

    /**
     * Flushes and closes the writer; calling it again does nothing.
     *
     * @throws UncheckedIOException if logging failed, or flushing or closing fails
     */
    @Override
    public void close() {
        out.close();
    }
}
