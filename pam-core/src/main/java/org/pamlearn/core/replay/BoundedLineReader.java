// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Passes text through and fails as soon as one line holds more than a limit of characters, so that a log without
 * line breaks ({@code /dev/zero}, a binary file) is refused after that many characters instead of being read into
 * one ever-growing cell. Lines end at {@code \n}, {@code \r} or {@code \r\n}, as for the CSV parser, and are
 * counted from 1 so that the failure names the line; more than {@link Integer#MAX_VALUE} lines fail too.
 */
final class BoundedLineReader extends FilterReader {

    private final int maxLineChars;
    /** Characters of the current line so far. */
    private int lineChars;
    /** The current line, from 1. */
    private long line = 1;
    private boolean afterCarriageReturn;
    /**
     * A limit passed inside the last chunk read: the characters before it were handed out (the rows before the
     * long line are read as usual), and the next read fails.
     */
    private LimitException pending;

    BoundedLineReader(Reader in, int maxLineChars) {
        super(in);
        this.maxLineChars = maxLineChars;
    }

    /** A line longer than the limit, or too many lines. */
    static final class LimitException extends IOException {

        private static final long serialVersionUID = 1L;

        /** The 1-based line at fault, at most {@link Integer#MAX_VALUE}. */
        private final int line;

        LimitException(int line, String reason) {
            super(reason);
            this.line = line;
        }

        int line() {
            return line;
        }
    }

    @Override
    public int read() throws IOException {
        char[] one = new char[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (pending != null) {
            throw pending;
        }
        int n = super.read(buffer, offset, length);
        for (int k = offset; k < offset + n; k++) {
            pending = count(buffer[k]);
            if (pending != null) {
                if (k == offset) {
                    throw pending;
                }
                return k - offset;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("skip: every character is counted");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Counts one character; returns the failure if it passes a limit, else {@code null}. */
    private LimitException count(char ch) {
        if (ch == '\n' || ch == '\r') {
            if (!(ch == '\n' && afterCarriageReturn)) {
                line++;
                if (line > Integer.MAX_VALUE) {
                    return new LimitException(Integer.MAX_VALUE, "more than " + Integer.MAX_VALUE + " lines");
                }
            }
            lineChars = 0;
            afterCarriageReturn = ch == '\r';
            return null;
        }
        afterCarriageReturn = false;
        if (++lineChars > maxLineChars) {
            return new LimitException((int) line, "longer than " + maxLineChars
                    + " characters, the line length limit; the rest of the log is not read");
        }
        return null;
    }
}
