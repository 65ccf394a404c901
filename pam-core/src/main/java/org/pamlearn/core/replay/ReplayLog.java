// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.pamlearn.core.internal.Texts;

/**
 * Reads a replay log (docs/DESIGN.md, "Replay log") row by row, checking it against the shape of the network
 * it will be replayed into.
 *
 * <p>The format: a header line, then one row per step, cells separated by tabs. Columns {@code in0 ..
 * in{N-1}} (the network's inputs, in order), then either {@code err} (a scalar error, sent to every output) or
 * {@code err0 .. err{M-1}} (one per output), then optional {@code mod} (the modulation, {@code >= 0}) and
 * {@code q} (the look-ahead position), in either order. Columns whose names start with {@code mon_} (monitoring
 * columns, as the robot adapter's session logger writes: step, motor commands, weight distances) may follow the
 * error columns, mixed with {@code mod} and {@code q} in any order; their cells are not read at all (any text,
 * also empty) and they do not change how a log without them reads. Blank lines and lines starting with {@code #} are
 * skipped anywhere, also before the header. Every cell of a row is required and must be a finite decimal
 * number ({@code 1}, {@code -0.25}, {@code 1.5e-3}); {@code NaN}, {@code Infinity} and hexadecimal are not
 * accepted. Lines are counted from 1, comments and blank lines included, and every message names the log,
 * the line and, for a bad cell, the column by number (from 1) and name; offending text is quoted by its first
 * 40 characters at most.
 *
 * <p>Streaming: {@link #open} reads and checks the header, each {@link #next()} one row, so a log of any
 * length takes constant memory. A row that fails leaves the previous row current. Not thread-safe.
 *
 * <p>Bounded: a line may hold at most {@link Limits#maxLineChars()} characters, a line at most
 * {@link Limits#maxColumns()} cells and the log at most {@link Limits#maxRows()} rows ({@link Limits#DEFAULT}:
 * 1 MiB, 100,000 and {@link Integer#MAX_VALUE}). Reading stops at the first character past a limit, so a log
 * without line breaks ({@code /dev/zero}, a binary file) or an endless stream fails at once, in one line. A file
 * whose name ends in {@code .gz} is read through gzip.
 */
public final class ReplayLog implements Closeable {

    /** The name of the scalar error column. */
    public static final String SCALAR_ERROR = "err";
    /** The name of the modulation column. */
    public static final String MODULATION = "mod";
    /** The name of the look-ahead position column. */
    public static final String LOOKAHEAD = "q";

    /** The prefix of monitoring columns, which are ignored. */
    public static final String MONITORING_PREFIX = "mon_";

    /** The prefix of the input columns, {@code in0 .. in{N-1}}. */
    public static final String INPUT_PREFIX = "in";
    private static final String ERROR_PREFIX = "err";
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /**
     * Tab-separated cells, no quoting or escapes (cells are numbers and names). Comment and blank lines are
     * recognised here, not by the parser, whose skipping also drops leading blanks (a line {@code "  #x"} is no
     * comment).
     */
    private static final CsvSchema TSV = CsvSchema.emptySchema().withColumnSeparator('\t').withoutQuoteChar()
            .withoutEscapeChar();
    private static final CsvFactory CSV = new CsvFactory();

    /**
     * How much a log may hold; every limit is {@code > 0}.
     *
     * @param maxLineChars the most characters on one line, line break excluded
     * @param maxColumns the most cells on one line (the header's columns, a row's cells)
     * @param maxRows the most rows (lines that are neither the header, blank nor a comment)
     */
    public record Limits(int maxLineChars, int maxColumns, int maxRows) {

        /** The default of {@link #maxLineChars()}: 1 MiB characters. */
        public static final int DEFAULT_MAX_LINE_CHARS = 1 << 20;
        /** The default of {@link #maxColumns()}. */
        public static final int DEFAULT_MAX_COLUMNS = 100_000;
        /** The default of {@link #maxRows()}: as many as a row count can hold. */
        public static final int DEFAULT_MAX_ROWS = Integer.MAX_VALUE;
        /** The default limits: 1 MiB characters per line, 100,000 columns, {@link Integer#MAX_VALUE} rows. */
        public static final Limits DEFAULT = new Limits(DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_COLUMNS,
                DEFAULT_MAX_ROWS);

        /**
         * Checks the limits.
         *
         * @throws IllegalArgumentException if a limit is not positive
         */
        public Limits {
            requireLimit("maxLineChars", maxLineChars);
            requireLimit("maxColumns", maxColumns);
            requireLimit("maxRows", maxRows);
        }

        private static void requireLimit(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, got " + value);
            }
        }
    }

    private final Reader reader;
    private final CsvParser parser;
    /** The cells of the record being read; reused. */
    private final List<String> record = new ArrayList<>();
    private final String source;
    private final Limits limits;
    /** Whether the text is unpacked from gzip, whose errors then name the gzip data. */
    private final boolean gzip;
    /** Whether a comment line read so far was {@link ReplayLogWriter#COMPACT_MARK}. */
    private boolean compactMarkSeen;
    private final String[] names;
    private final int nInputs;
    private final int nErrors;
    private final boolean scalarError;
    private final int modulationColumn;
    private final int lookaheadColumn;
    private final boolean[] monitoring;
    private final double[] row;
    private final double[] scratch;
    private int linesRead;
    private int rowLine;
    private int rowCount;

    private ReplayLog(Reader reader, String source, int nInputs, int nOutputs, Limits limits, boolean gzip) {
        this.reader = reader;
        this.limits = limits;
        this.gzip = gzip;
        try {
            this.parser = CSV.createParser(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        parser.setSchema(TSV);
        this.source = source;
        this.nInputs = nInputs;
        String[] header = nextRecord();
        if (header == null) {
            throw new ReplayLogException(source, 0, "no header line (the log holds no columns)");
        }
        int headerLine = linesRead;
        this.names = header;
        for (int c = 0; c < names.length; c++) {
            names[c] = names[c].strip();
        }
        try {
            checkNames(headerLine, nOutputs);
            checkOrder(headerLine, nOutputs);
        } catch (ReplayLogException e) {
            throw compactMarkSeen ? e.markCompactSessionLog() : e;
        }
        this.scalarError = names[nInputs].equals(SCALAR_ERROR);
        this.nErrors = scalarError ? 1 : nOutputs;
        this.modulationColumn = find(MODULATION);
        this.lookaheadColumn = find(LOOKAHEAD);
        this.monitoring = new boolean[names.length];
        for (int c = 0; c < names.length; c++) {
            monitoring[c] = isMonitoring(names[c]);
        }
        this.row = new double[names.length];
        this.scratch = new double[names.length];
    }

    /**
     * Opens a log file with the {@link Limits#DEFAULT default limits}: {@link #open(Path, int, int, Limits)}.
     *
     * @param file the log; gzip-compressed if its name ends in {@code .gz}
     * @param nInputs the network's inputs, {@code > 0}
     * @param nOutputs the network's outputs, {@code > 0}
     * @return the log, positioned before its first row; close it when done
     * @throws ReplayLogException if the header is missing, does not match the network or passes a limit, or the
     *     gzip data is corrupt
     * @throws UncheckedIOException if the file cannot be read ({@link java.nio.file.NoSuchFileException} and
     *     others as the cause)
     * @throws IllegalArgumentException if {@code nInputs} or {@code nOutputs} is not positive
     */
    public static ReplayLog open(Path file, int nInputs, int nOutputs) {
        return open(file, nInputs, nOutputs, Limits.DEFAULT);
    }

    /**
     * Opens a log file (UTF-8; gzip-compressed UTF-8 if its name ends in {@code .gz}) and checks its header against
     * the network's shape. The file need not be a regular file: a FIFO or a device is read as a stream, within the
     * limits.
     *
     * @param file the log
     * @param nInputs the network's inputs, {@code > 0}
     * @param nOutputs the network's outputs, {@code > 0}
     * @param limits how much the log may hold
     * @return the log, positioned before its first row; close it when done
     * @throws ReplayLogException if the header is missing, does not match the network or passes a limit, or the
     *     gzip data is corrupt
     * @throws UncheckedIOException if the file cannot be read ({@link java.nio.file.NoSuchFileException} and
     *     others as the cause)
     * @throws IllegalArgumentException if {@code nInputs} or {@code nOutputs} is not positive
     */
    public static ReplayLog open(Path file, int nInputs, int nOutputs, Limits limits) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        requireShape(nInputs, nOutputs);
        boolean gzip = ReplayLogWriter.isGzip(file);
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (gzip) {
            try {
                in = new GZIPInputStream(in, ReplayLogWriter.GZIP_BUFFER);
            } catch (IOException e) {
                closeAfterFailure(in, e);
                throw notGzip(file.toString(), e);
            }
        }
        // A decoder of its own reports malformed input (as Files.newBufferedReader does) instead of replacing it.
        return open(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), file.toString(), nInputs,
                nOutputs, limits, gzip);
    }

    /**
     * Opens a log from a reader with the {@link Limits#DEFAULT default limits}:
     * {@link #open(Reader, String, int, int, Limits)}.
     *
     * @param in the log's text; closed by {@link #close()}, or at once if the header is bad
     * @param source the log's name for messages
     * @param nInputs the network's inputs, {@code > 0}
     * @param nOutputs the network's outputs, {@code > 0}
     * @return the log, positioned before its first row
     * @throws ReplayLogException if the header is missing, does not match the network or passes a limit
     * @throws UncheckedIOException if reading fails
     * @throws IllegalArgumentException if {@code nInputs} or {@code nOutputs} is not positive
     */
    public static ReplayLog open(Reader in, String source, int nInputs, int nOutputs) {
        return open(in, source, nInputs, nOutputs, Limits.DEFAULT);
    }

    /**
     * Opens a log from a reader and checks its header against the network's shape.
     *
     * @param in the log's text; closed by {@link #close()}, or at once if the header is bad
     * @param source the log's name for messages
     * @param nInputs the network's inputs, {@code > 0}
     * @param nOutputs the network's outputs, {@code > 0}
     * @param limits how much the log may hold
     * @return the log, positioned before its first row
     * @throws ReplayLogException if the header is missing, does not match the network or passes a limit
     * @throws UncheckedIOException if reading fails
     * @throws IllegalArgumentException if {@code nInputs} or {@code nOutputs} is not positive
     */
    public static ReplayLog open(Reader in, String source, int nInputs, int nOutputs, Limits limits) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(limits, "limits");
        requireShape(nInputs, nOutputs);
        return open(in, source, nInputs, nOutputs, limits, false);
    }

    private static ReplayLog open(Reader in, String source, int nInputs, int nOutputs, Limits limits,
            boolean gzip) {
        Reader reader = in;
        try {
            reader = withoutByteOrderMark(new BoundedLineReader(in, limits.maxLineChars()));
            return new ReplayLog(reader, source, nInputs, nOutputs, limits, gzip);
        } catch (IOException e) {
            closeAfterFailure(reader, e);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeAfterFailure(reader, e);
            throw e;
        }
    }

    private static void requireShape(int nInputs, int nOutputs) {
        if (nInputs <= 0) {
            throw new IllegalArgumentException("nInputs must be > 0, got " + nInputs);
        }
        if (nOutputs <= 0) {
            throw new IllegalArgumentException("nOutputs must be > 0, got " + nOutputs);
        }
    }

    private void checkNames(int headerLine, int nOutputs) {
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < names.length; c++) {
            String name = names[c];
            Integer first = seen.putIfAbsent(name, c);
            if (name.isEmpty()) {
                throw new ReplayLogException(source, headerLine, "column " + (c + 1) + " has no name; " + expected(
                        nOutputs));
            }
            if (first != null) {
                throw new ReplayLogException(source, headerLine,
                        "column " + Texts.quote(name) + " appears twice (columns " + (first + 1) + " and " + (c + 1)
                        + ")");
            }
            if (isMonitoring(name)) {
                continue;
            }
            int k = index(name, INPUT_PREFIX);
            if (k >= 0) {
                if (k >= nInputs) {
                    throw new ReplayLogException(source, headerLine, "column " + (c + 1) + " (" + name
                            + "): the model has " + plural(nInputs, "input") + ", " + range(INPUT_PREFIX, nInputs));
                }
                continue;
            }
            k = index(name, ERROR_PREFIX);
            if (k >= 0) {
                if (k >= nOutputs) {
                    throw new ReplayLogException(source, headerLine, "column " + (c + 1) + " (" + name
                            + "): the model has " + plural(nOutputs, "output") + ", " + range(ERROR_PREFIX, nOutputs));
                }
                continue;
            }
            if (!name.equals(SCALAR_ERROR) && !name.equals(MODULATION) && !name.equals(LOOKAHEAD)) {
                throw new ReplayLogException(source, headerLine,
                        "unknown column " + Texts.quote(name) + " (column " + (c + 1) + "); " + expected(nOutputs));
            }
        }
    }

    /** Called once every name is known, in range and unique: only the order and completeness remain. */
    private void checkOrder(int headerLine, int nOutputs) {
        for (int k = 0; k < nInputs; k++) {
            requireAt(headerLine, k, INPUT_PREFIX + k, "the model has " + plural(nInputs, "input") + ", "
                    + range(INPUT_PREFIX, nInputs) + ", first in the header");
        }
        boolean hasScalar = find(SCALAR_ERROR) >= 0;
        boolean hasPerOutput = false;
        for (int k = 0; k < nOutputs; k++) {
            hasPerOutput |= find(ERROR_PREFIX + k) >= 0;
        }
        if (hasScalar && hasPerOutput) {
            throw new ReplayLogException(source, headerLine,
                    "give either err or " + range(ERROR_PREFIX, nOutputs) + ", not both");
        }
        if (!hasScalar && !hasPerOutput) {
            throw new ReplayLogException(source, headerLine, "no error column: after the inputs comes err or "
                    + range(ERROR_PREFIX, nOutputs));
        }
        if (hasScalar) {
            requireAt(headerLine, nInputs, SCALAR_ERROR, "the error column follows the inputs");
        } else {
            for (int k = 0; k < nOutputs; k++) {
                requireAt(headerLine, nInputs + k, ERROR_PREFIX + k, "the model has " + plural(nOutputs, "output")
                        + ", " + range(ERROR_PREFIX, nOutputs) + ", right after the inputs");
            }
        }
        // What follows the errors can only be mod, q and mon_ columns: every other known name is already placed.
    }

    private void requireAt(int headerLine, int column, String name, String why) {
        if (column < names.length && names[column].equals(name)) {
            return;
        }
        if (find(name) < 0) {
            throw new ReplayLogException(source, headerLine, "missing column " + name + ": " + why);
        }
        throw new ReplayLogException(source, headerLine,
                "column " + (column + 1) + " is " + Texts.quote(names[column]) + ", expected " + name + ": " + why);
    }

    private String expected(int nOutputs) {
        return "the columns are " + range(INPUT_PREFIX, nInputs) + ", then err or " + range(ERROR_PREFIX, nOutputs)
                + ", then optional mod and q (and mon_ monitoring columns, ignored)";
    }

    private static boolean isMonitoring(String name) {
        return name.startsWith(MONITORING_PREFIX);
    }

    private static String range(String prefix, int n) {
        return n == 1 ? prefix + "0" : prefix + "0.." + prefix + (n - 1);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Returns {@code k} if {@code name} is {@code prefix} followed by {@code k} in canonical decimal, else -1. */
    private static int index(String name, String prefix) {
        int n = name.length();
        int start = prefix.length();
        if (!name.startsWith(prefix) || n == start || n - start > 9) {
            return -1;
        }
        if (name.charAt(start) == '0' && n > start + 1) {
            return -1;
        }
        int k = 0;
        for (int p = start; p < n; p++) {
            char ch = name.charAt(p);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            k = 10 * k + (ch - '0');
        }
        return k;
    }

    private int find(String name) {
        for (int c = 0; c < names.length; c++) {
            if (names[c].equals(name)) {
                return c;
            }
        }
        return -1;
    }

    /**
     * Reads the next row.
     *
     * @return {@code true} if a row was read and is now current, {@code false} at the end of the log
     * @throws ReplayLogException if the row has the wrong number of cells or a bad cell; the previous row then
     *     stays current
     * @throws UncheckedIOException if reading fails
     */
    public boolean next() {
        String[] cells = nextRecord();
        if (cells == null) {
            return false;
        }
        if (rowCount == limits.maxRows()) {
            throw new ReplayLogException(source, linesRead, "more than " + plural(limits.maxRows(), "row")
                    + ", the row limit; the rest of the log is not read");
        }
        if (cells.length != names.length) {
            throw new ReplayLogException(source, linesRead, plural(cells.length, "cell") + ", but the header has "
                    + plural(names.length, "column"));
        }
        for (int c = 0; c < cells.length; c++) {
            scratch[c] = monitoring[c] ? Double.NaN : parseCell(cells[c].strip(), c);
        }
        System.arraycopy(scratch, 0, row, 0, row.length);
        rowLine = linesRead;
        rowCount++;
        return true;
    }

    private double parseCell(String cell, int c) {
        if (cell.isEmpty()) {
            throw cellError(c, "empty cell (every cell is required)");
        }
        if (!isDecimal(cell)) {
            throw cellError(c, "not a number: " + Texts.quote(cell));
        }
        double x = Double.parseDouble(cell);
        if (!Double.isFinite(x)) {
            throw cellError(c, "must be finite, got " + Texts.prefix(cell));
        }
        if (c == modulationColumn && x < 0) {
            throw cellError(c, "the modulation must be >= 0, got " + Texts.prefix(cell));
        }
        return x;
    }

    private ReplayLogException cellError(int c, String reason) {
        return new ReplayLogException(source, linesRead, c + 1, Texts.prefix(names[c]), reason);
    }

    /** Plain decimal: optional sign, digits with an optional point, optional exponent. */
    private static boolean isDecimal(String s) {
        int n = s.length();
        int p = 0;
        if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            p++;
        }
        int digits = 0;
        while (p < n && isDigit(s.charAt(p))) {
            p++;
            digits++;
        }
        if (p < n && s.charAt(p) == '.') {
            p++;
            while (p < n && isDigit(s.charAt(p))) {
                p++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (p < n && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            p++;
            if (p < n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
                p++;
            }
            int exponentDigits = 0;
            while (p < n && isDigit(s.charAt(p))) {
                p++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return p == n;
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /**
     * Returns the cells of the next line that is neither blank (whitespace and tabs only) nor a comment (starting
     * with {@code #}), or {@code null} at the end, and sets {@link #linesRead} to its line.
     *
     * @throws ReplayLogException if a limit is passed or the gzip data is corrupt
     */
    private String[] nextRecord() {
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    return null;
                }
                linesRead = parser.currentLocation().getLineNr();
                record.clear();
                boolean blank = true;
                for (token = parser.nextToken(); token == JsonToken.VALUE_STRING; token = parser.nextToken()) {
                    if (record.size() == limits.maxColumns()) {
                        throw new ReplayLogException(source, linesRead, "more than "
                                + plural(limits.maxColumns(), "cell") + ", the column limit");
                    }
                    String cell = parser.getText();
                    blank &= cell.isBlank();
                    record.add(cell);
                }
                if (!blank && !record.get(0).startsWith("#")) {
                    return record.toArray(new String[0]);
                }
                compactMarkSeen |= record.size() == 1 && record.get(0).equals(ReplayLogWriter.COMPACT_MARK);
            }
        } catch (BoundedLineReader.LimitException e) {
            throw new ReplayLogException(source, e.line(), e.getMessage());
        } catch (ZipException | EOFException e) {
            if (!gzip) {
                throw new UncheckedIOException(e);
            }
            throw notGzip(source, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file named {@code .gz} whose data is no gzip or breaks off: one line, the JDK's reason in lower case. */
    private static ReplayLogException notGzip(String source, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ReplayLogException(source, 0, "corrupt or truncated gzip data ("
                + Texts.prefix(reason.toLowerCase(Locale.ROOT)) + ")");
    }

    /** Skips a leading byte order mark, which would otherwise hide a first comment line from the parser. */
    private static Reader withoutByteOrderMark(Reader in) throws IOException {
        PushbackReader pushback = new PushbackReader(in instanceof BufferedReader ? in : new BufferedReader(in));
        int first = pushback.read();
        if (first >= 0 && first != BYTE_ORDER_MARK) {
            pushback.unread(first);
        }
        return pushback;
    }

    /** Closes what a failed open left open; a failure to close is added to {@code failure}, which goes on. */
    static void closeAfterFailure(Closeable reader, Exception failure) {
        try {
            reader.close();
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    /**
     * Returns the log's name, as given when it was opened.
     *
     * @return the name
     */
    public String source() {
        return source;
    }

    /**
     * Returns the number of input columns, which equals the network's inputs.
     *
     * @return {@code N}
     */
    public int inputCount() {
        return nInputs;
    }

    /**
     * Returns whether the log has the scalar {@code err} column, sent to every output; otherwise it has one
     * column per output.
     *
     * @return whether the error is scalar
     */
    public boolean hasScalarError() {
        return scalarError;
    }

    /**
     * Returns the number of error columns: 1 for {@code err}, else the network's outputs.
     *
     * @return the number of error columns
     */
    public int errorCount() {
        return nErrors;
    }

    /**
     * Returns whether the log has a {@code mod} column.
     *
     * @return whether the modulation is given
     */
    public boolean hasModulation() {
        return modulationColumn >= 0;
    }

    /**
     * Returns whether the log has a {@code q} column.
     *
     * @return whether the look-ahead position is given
     */
    public boolean hasLookahead() {
        return lookaheadColumn >= 0;
    }

    /**
     * Returns the 1-based line of the current row.
     *
     * @return the line
     * @throws IllegalStateException if no row has been read yet
     */
    public int lineNumber() {
        requireRow();
        return rowLine;
    }

    /**
     * Returns how many rows have been read so far.
     *
     * @return the number of rows
     */
    public int rowCount() {
        return rowCount;
    }

    /**
     * Copies the current row's inputs.
     *
     * @param dst receives {@code in0 .. in{N-1}}; length {@link #inputCount()}. Modified.
     * @throws IllegalStateException if no row has been read yet
     * @throws IllegalArgumentException if {@code dst} has the wrong length
     */
    public void copyInputsInto(double[] dst) {
        copy(0, nInputs, dst);
    }

    /**
     * Copies the current row's errors.
     *
     * @param dst receives {@code err}, or {@code err0 .. err{M-1}}; length {@link #errorCount()}. Modified.
     * @throws IllegalStateException if no row has been read yet
     * @throws IllegalArgumentException if {@code dst} has the wrong length
     */
    public void copyErrorsInto(double[] dst) {
        copy(nInputs, nErrors, dst);
    }

    /**
     * Returns the current row's scalar error {@code err}.
     *
     * @return the error
     * @throws IllegalStateException if no row has been read yet, or the log has per-output errors
     */
    public double error() {
        requireRow();
        if (!scalarError) {
            throw new IllegalStateException("the log has per-output errors err0..; use copyErrorsInto");
        }
        return row[nInputs];
    }

    /**
     * Returns the current row's modulation {@code mod}.
     *
     * @return the modulation, finite and {@code >= 0}; {@code NaN} if the log has no {@code mod} column
     * @throws IllegalStateException if no row has been read yet
     */
    public double modulation() {
        requireRow();
        return modulationColumn >= 0 ? row[modulationColumn] : Double.NaN;
    }

    /**
     * Returns the current row's look-ahead position {@code q}.
     *
     * @return {@code q}, finite; {@code NaN} if the log has no {@code q} column
     * @throws IllegalStateException if no row has been read yet
     */
    public double lookahead() {
        requireRow();
        return lookaheadColumn >= 0 ? row[lookaheadColumn] : Double.NaN;
    }

    private void copy(int from, int length, double[] dst) {
        requireRow();
        Objects.requireNonNull(dst, "dst");
        if (dst.length != length) {
            throw new IllegalArgumentException("dst.length must be " + length + ", got " + dst.length);
        }
        System.arraycopy(row, from, dst, 0, length);
    }

    private void requireRow() {
        if (rowCount == 0) {
            throw new IllegalStateException("no current row: call next() first");
        }
    }

    /**
     * Closes the underlying reader.
     *
     * @throws UncheckedIOException if closing fails
     */
    @Override
    public void close() {
        try {
            parser.close();
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
