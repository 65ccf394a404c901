// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

/**
 * A replay log that does not follow the format (docs/DESIGN.md, "Replay log"), or a row the learner
 * rejected. The message names the file and the 1-based line (counting every line, comments and blank
 * lines included), and for a bad cell its 1-based column and the column's name.
 */
public final class ReplayLogException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private boolean compactSessionLog;

    /**
     * Creates the exception.
     *
     * @param source the log's name, as the user gave it
     * @param line the 1-based line at fault, or 0 when the fault is not on one line
     * @param reason what is wrong; the message becomes {@code "<source> line <line>: <reason>"}
     */
    public ReplayLogException(String source, int line, String reason) {
        super(location(source, line) + ": " + reason);
        this.source = source;
        this.line = line;
        this.column = 0;
    }

    /**
     * Creates the exception for a bad cell.
     *
     * @param source the log's name, as the user gave it
     * @param line the 1-based line at fault
     * @param column the 1-based column at fault
     * @param name the column's name
     * @param reason what is wrong; the message becomes {@code "<source> line <line>, column <column> (<name>):
     *     <reason>"}
     */
    public ReplayLogException(String source, int line, int column, String name, String reason) {
        super(location(source, line) + ", column " + column + " (" + name + "): " + reason);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /**
     * Creates the exception for a row that the learner rejected.
     *
     * @param source the log's name, as the user gave it
     * @param line the 1-based line of the row
     * @param reason what is wrong
     * @param cause the learner's exception
     */
    public ReplayLogException(String source, int line, String reason, Throwable cause) {
        super(location(source, line) + ": " + reason, cause);
        this.source = source;
        this.line = line;
        this.column = 0;
    }

    private static String location(String source, int line) {
        return line > 0 ? source + " line " + line : source;
    }

    /**
     * Returns the log's name.
     *
     * @return the name, as the user gave it
     */
    public String source() {
        return source;
    }

    /**
     * Returns the line at fault.
     *
     * @return the 1-based line, or 0 when the fault is not on one line
     */
    public int line() {
        return line;
    }

    /**
     * Returns the column at fault.
     *
     * @return the 1-based column of a bad cell, or 0 when the fault is not in one cell
     */
    public int column() {
        return column;
    }

    /**
     * Whether the log whose header failed starts with {@link ReplayLogWriter#COMPACT_MARK}: a compact session log,
     * which has no input columns and so cannot replay (the message is the header's fault, as for any log).
     *
     * @return whether the log is a compact session log
     */
    public boolean compactSessionLog() {
        return compactSessionLog;
    }

    /** Marks the exception as the header fault of a compact session log. */
    ReplayLogException markCompactSessionLog() {
        compactSessionLog = true;
        return this;
    }
}
