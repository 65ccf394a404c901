// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a replay log (docs/DESIGN.md, "Replay log") that {@link ReplayLog} reads back: a header with the column
 * names {@link ReplayLog} defines, then rows of tab-separated cells, optionally as {@code #} comment rows that the
 * reader skips. Doubles are written with {@link Double#toString(double)}'s digits, which parse back to the same
 * double, so a replay reproduces the weights bit for bit.
 *
 * <p>Allocation-free per row once its buffer has grown (a real-time control loop writes one row per step): cells go
 * into a reused {@link StringBuilder} and reach the writer through a reused {@code char[]}.
 *
 * <p>Never throws while writing: an I/O failure stops the writing and is kept for {@link #failure()},
 * {@link #flush()} and {@link #close()}. Not thread-safe.
 */
public final class ReplayLogWriter implements AutoCloseable {

    /**
     * The comment line that starts a compact session log (one without input columns, which does not replay), by
     * which a reader tells it from a log with a bad header.
     */
    public static final String COMPACT_MARK = "# pamlearn compact session log: no input columns, so it does not replay";


    /**
     * Files whose names end with this, in any case, are written gzip-compressed by {@link #open} and read through
     * gzip by {@link ReplayLog#open(Path, int, int)}.
     */
    public static final String GZIP_SUFFIX = ".gz";
    /** The buffer of a compressed stream, both ways: the default 512 bytes would call the file system per row. */
    static final int GZIP_BUFFER = 1 << 16;

    private final Writer out;
    private final String name;
    private final StringBuilder line = new StringBuilder(256);
    /** The line's characters for the writer: Writer.append(CharSequence) would make a String per row. */
    private char[] chars = new char[256];
    private boolean firstCell;
    private IOException failure;
    private boolean closed;

    /**
     * A writer to {@code out}, named {@code replay log} in its messages.
     *
     * @param out receives the log; closed by {@link #close()}
     * @throws NullPointerException if {@code out} is null
     */
    public ReplayLogWriter(Writer out) {
        this(out, "replay log");
    }

    /**
     * A writer to {@code out}.
     *
     * @param out receives the log; closed by {@link #close()}
     * @param name what the log is called in messages, e.g. {@code session log}
     * @throws NullPointerException if an argument is null
     */
    public ReplayLogWriter(Writer out, String name) {
        this.out = Objects.requireNonNull(out, "out");
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * A writer to a UTF-8 file, created or truncated; gzip-compressed when the file name ends with
     * {@value #GZIP_SUFFIX}. {@link #close()} ends the compressed stream, so close the writer also when a session
     * is interrupted: a gzip file that was not closed is cut short.
     *
     * @param file the log file
     * @param name what the log is called in messages, e.g. {@code session log}
     * @return the writer
     * @throws UncheckedIOException if the file cannot be opened: {@code cannot open <name> <file>: <reason>}
     * @throws NullPointerException if an argument is null
     */
    public static ReplayLogWriter open(Path file, String name) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        try {
            if (!isGzip(file)) {
                return new ReplayLogWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), name);
            }
            OutputStream raw = Files.newOutputStream(file);
            try {
                return new ReplayLogWriter(new BufferedWriter(new OutputStreamWriter(
                        new GZIPOutputStream(raw, GZIP_BUFFER), StandardCharsets.UTF_8)), name);
            } catch (IOException e) {
                ReplayLog.closeAfterFailure(raw, e);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + name + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Tells whether {@link #open} compresses this file (and {@link ReplayLog} unpacks it).
     *
     * @param file a log file
     * @return whether its name ends with {@value #GZIP_SUFFIX}, in any case
     */
    public static boolean isGzip(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(GZIP_SUFFIX);
    }

    /**
     * Writes the header: {@code in0 .. in{N-1}}, {@code err}, then {@code mod} and {@code q} if asked for, then
     * {@code mon_<name>} for each monitoring column (ignored by the reader).
     *
     * @param nInputs network inputs {@code N}, {@code >= 0} (0: a reflex-only session, no network)
     * @param modulation whether rows carry a {@code mod} cell
     * @param lookahead whether rows carry a {@code q} cell
     * @param monitors monitoring column names without the {@code mon_} prefix; not modified
     * @throws IllegalArgumentException if {@code nInputs < 0}
     * @throws NullPointerException if {@code monitors} is null
     */
    public void header(int nInputs, boolean modulation, boolean lookahead, List<String> monitors) {
        if (nInputs < 0) {
            throw new IllegalArgumentException("nInputs must be >= 0, got " + nInputs);
        }
        startRow(false);
        for (int i = 0; i < nInputs; i++) {
            separate();
            line.append(ReplayLog.INPUT_PREFIX).append(i);
        }
        cell(ReplayLog.SCALAR_ERROR);
        if (modulation) {
            cell(ReplayLog.MODULATION);
        }
        if (lookahead) {
            cell(ReplayLog.LOOKAHEAD);
        }
        for (String m : monitors) {
            separate();
            line.append(ReplayLog.MONITORING_PREFIX).append(m);
        }
        endRow();
    }

    /**
     * Starts a row.
     *
     * @param comment whether the row is a {@code #} comment (skipped by the reader)
     * @return this writer
     */
    public ReplayLogWriter startRow(boolean comment) {
        line.setLength(0);
        if (comment) {
            line.append('#');
        }
        firstCell = true;
        return this;
    }

    /**
     * Appends a number cell.
     *
     * @param x the value, NaN and infinities included
     * @return this writer
     */
    public ReplayLogWriter cell(double x) {
        separate();
        line.append(x);
        return this;
    }

    /**
     * Appends an integer cell.
     *
     * @param x the value
     * @return this writer
     */
    public ReplayLogWriter cell(long x) {
        separate();
        line.append(x);
        return this;
    }

    /**
     * Appends a text cell (monitoring columns only: the reader takes numbers).
     *
     * @param text the text, without tabs or line breaks
     * @return this writer
     */
    public ReplayLogWriter cell(String text) {
        separate();
        line.append(text);
        return this;
    }

    /** Ends the row and writes it, unless the writer is closed or has failed. */
    public void endRow() {
        line.append('\n');
        if (closed || failure != null) {
            return;
        }
        try {
            final int length = line.length();
            if (chars.length < length) {
                chars = new char[Math.max(length, 2 * chars.length)];
            }
            line.getChars(0, length, chars, 0);
            out.write(chars, 0, length);
        } catch (IOException e) {
            failure = e;
        }
    }

    private void separate() {
        if (!firstCell) {
            line.append('\t');
        }
        firstCell = false;
    }

    /**
     * Returns the I/O failure that stopped the writing.
     *
     * @return the failure, or {@code null}
     */
    public IOException failure() {
        return failure;
    }

    /**
     * Tells whether rows are still written.
     *
     * @return {@code false} once closed or failed
     */
    public boolean isWriting() {
        return !closed && failure == null;
    }

    /**
     * Flushes what has been written.
     *
     * @throws UncheckedIOException if flushing fails, or writing has failed before
     */
    public void flush() {
        rethrow();
        try {
            out.flush();
        } catch (IOException e) {
            failure = e;
            rethrow();
        }
    }

    /**
     * Flushes and closes the writer; calling it again does nothing.
     *
     * @throws UncheckedIOException if writing failed, or flushing or closing fails
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        rethrow();
    }

    private void rethrow() {
        if (failure != null) {
            throw new UncheckedIOException(name + ": " + failure.getMessage(), failure);
        }
    }
}
