// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.StringJoiner;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bounded reading of replay logs: an endless line, too many columns or rows stop the reader at the limit with one
 * short line; offending text is quoted by a short prefix; {@code .gz} logs are unpacked, corrupt ones refused.
 */
class ReplayLogLimitsTest {

    /** Longer than any message may be: a message quotes at most 40 characters of the offending text. */
    private static final int SHORT_MESSAGE = 300;

    @TempDir
    Path dir;

    /**
     * A start, then endless text without a line break; fails the test once it has handed out {@code failAfter}
     * characters.
     */
    private static final class EndlessReader extends Reader {
        private final Reader start;
        private final char fill;
        private final long failAfter;
        private long served;

        EndlessReader(String start, char fill, long failAfter) {
            this.start = new StringReader(start);
            this.fill = fill;
            this.failAfter = failAfter;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (served > failAfter) {
                throw new AssertionError("read " + served + " characters: the reader did not stop at the limit");
            }
            int n = start.read(buffer, offset, length);
            if (n < 0) {
                Arrays.fill(buffer, offset, offset + length, fill);
                n = length;
            }
            served += n;
            return n;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    @ParameterizedTest
    @ValueSource(chars = {'x', '\0', ' '})
    void anEndlessLineStopsAtTheDefaultLimitWithOneShortLine(char fill) {
        EndlessReader endless = new EndlessReader("", fill, 16L << 20);
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> ReplayLog.open(endless, "endless", 2, 1));
        assertEquals("endless line 1: longer than 1048576 characters, the line length limit; the rest of the log is"
                + " not read", e.getMessage());
        assertTrue(endless.served <= (1 << 20) + 65_536, "read " + endless.served + " characters");
    }

    @Test
    void anEndlessLineAfterGoodRowsNamesItsLine() {
        Reader text = new EndlessReader("in0\terr\n# c\n1\t2\n", '7', 1 << 20);
        try (ReplayLog log = ReplayLog.open(text, "log", 1, 1, new ReplayLog.Limits(1000, 10, 10))) {
            assertTrue(log.next());
            ReplayLogException e = assertThrows(ReplayLogException.class, log::next);
            assertEquals("log line 4: longer than 1000 characters, the line length limit; the rest of the log is not"
                    + " read", e.getMessage());
            assertEquals(3, log.lineNumber(), "the previous row stays current");
        }
    }

    @Test
    void aDevZeroLogIsRefusedAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> ReplayLog.open(zero, 2, 1,
                new ReplayLog.Limits(4096, 10, 10)));
        assertEquals("/dev/zero line 1: longer than 4096 characters, the line length limit; the rest of the log is"
                + " not read", e.getMessage());
    }

    @Test
    void aLongHeaderNameIsQuotedByAShortPrefix() {
        String name = "x".repeat(5_000_000);
        ReplayLogException e = assertThrows(ReplayLogException.class,
                () -> ReplayLog.open(new StringReader("in0\t" + name + "\n"), "log", 1, 1, limitsFor(name)));
        assertTrue(e.getMessage().startsWith("log line 1: unknown column '" + "x".repeat(40) + "...' (column 2)"),
                e.getMessage());
        assertTrue(e.getMessage().length() < SHORT_MESSAGE, "message length " + e.getMessage().length());
    }

    @Test
    void aLongHeaderNameUnderTheDefaultLimitGivesAShortMessage() {
        String name = "y".repeat(500_000);
        ReplayLogException e = assertThrows(ReplayLogException.class,
                () -> ReplayLog.open(new StringReader("in0\terr\t" + name + "\n"), "log", 1, 1));
        assertTrue(e.getMessage().length() < SHORT_MESSAGE, "message length " + e.getMessage().length());
        assertTrue(e.getMessage().contains("'" + "y".repeat(40) + "...'"), e.getMessage().substring(0, 100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1", "-1"})
    void aLongCellIsQuotedByAShortPrefix(String unit) {
        // "abc...": not a number; "111...": a number beyond the double range; "-1-1...": not a number either
        String cell = unit.repeat(300_000);
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> {
            try (ReplayLog log = ReplayLog.open(new StringReader("in0\terr\n1\t" + cell + "\n"), "log", 1, 1)) {
                log.next();
            }
        });
        assertTrue(e.getMessage().startsWith("log line 2, column 2 (err): "), e.getMessage().substring(0, 60));
        assertTrue(e.getMessage().length() < SHORT_MESSAGE, "message length " + e.getMessage().length());
        assertTrue(e.getMessage().contains(cell.substring(0, 40) + "..."), e.getMessage());
    }

    @Test
    void tooManyColumnsStopAtTheDefaultLimit() {
        StringJoiner header = new StringJoiner("\t", "in0\terr\t", "\n");
        for (int k = 0; k < 100_000; k++) {
            header.add("mon_" + k);
        }
        ReplayLogException e = assertThrows(ReplayLogException.class,
                () -> ReplayLog.open(new StringReader(header.toString()), "wide", 1, 1));
        assertEquals("wide line 1: more than 100000 cells, the column limit", e.getMessage());
    }

    @Test
    void aRowWithTooManyCellsStopsAtTheColumnLimit() {
        try (ReplayLog log = ReplayLog.open(new StringReader("in0\terr\n1\t2\n" + "3\t".repeat(50) + "\n"), "log", 1,
                1, new ReplayLog.Limits(1000, 5, 10))) {
            assertTrue(log.next());
            ReplayLogException e = assertThrows(ReplayLogException.class, log::next);
            assertEquals("log line 3: more than 5 cells, the column limit", e.getMessage());
        }
    }

    @Test
    void moreRowsThanTheLimitAreRefused() {
        try (ReplayLog log = ReplayLog.open(new StringReader("in0\terr\n1\t2\n3\t4\n\n5\t6\n"), "log", 1, 1,
                new ReplayLog.Limits(1000, 5, 2))) {
            assertTrue(log.next());
            assertTrue(log.next());
            ReplayLogException e = assertThrows(ReplayLogException.class, log::next);
            assertEquals("log line 5: more than 2 rows, the row limit; the rest of the log is not read",
                    e.getMessage());
            assertEquals(2, log.rowCount());
        }
    }

    @Test
    void limitsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReplayLog.Limits(0, 1, 1));
        assertEquals("maxLineChars must be > 0, got 0", e.getMessage());
    }

    @Test
    void aGzipLogReadsAsItsText() throws IOException {
        String text = "# session\nin0\tin1\terr\tmod\n0.5\t-1\t0.25\t2\n1e-3\t2\t-0.5\t0\n";
        Path gz = dir.resolve("session.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        try (ReplayLog fromGzip = ReplayLog.open(gz, 2, 1);
                ReplayLog plain = ReplayLog.open(new StringReader(text), "plain", 2, 1)) {
            int rows = 0;
            while (plain.next()) {
                assertTrue(fromGzip.next(), "row " + rows);
                double[] a = new double[2];
                double[] b = new double[2];
                plain.copyInputsInto(a);
                fromGzip.copyInputsInto(b);
                assertArrayEqualsBits(a, b);
                assertEquals(plain.error(), fromGzip.error());
                assertEquals(plain.modulation(), fromGzip.modulation());
                assertEquals(plain.lineNumber(), fromGzip.lineNumber());
                rows++;
            }
            assertFalse(fromGzip.next());
            assertEquals(2, rows);
        }
    }

    @Test
    void aCorruptGzipLogIsOneLine() throws IOException {
        Path gz = dir.resolve("bad.tsv.gz");
        Files.writeString(gz, "in0\terr\n1\t2\n", StandardCharsets.UTF_8);
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> ReplayLog.open(gz, 1, 1));
        assertEquals(gz + ": corrupt or truncated gzip data (not in gzip format)", e.getMessage());
    }

    @Test
    void aTruncatedGzipLogIsOneLine() throws IOException {
        StringBuilder text = new StringBuilder("in0\terr\n");
        for (int k = 0; k < 20_000; k++) {
            text.append(k).append('\t').append(k * 0.37).append('\n');
        }
        Path whole = dir.resolve("whole.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.tsv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> {
            try (ReplayLog log = ReplayLog.open(cut, 1, 1)) {
                while (log.next()) {
                    assertTrue(log.rowCount() < 20_000);
                }
            }
        });
        assertEquals(cut + ": corrupt or truncated gzip data (unexpected end of zlib input stream)", e.getMessage());
    }

    private static ReplayLog.Limits limitsFor(String text) {
        return new ReplayLog.Limits(text.length() + 100, 10, 10);
    }

    private static void assertArrayEqualsBits(double[] expected, double[] actual) {
        for (int k = 0; k < expected.length; k++) {
            assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(actual[k]),
                    "[" + k + "]");
        }
    }
}
