// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Reading replay logs: layout, skipped lines, line numbers, and what a bad row leaves behind. */
class ReplayLogTest {

    private static ReplayLog open(String text, int nInputs, int nOutputs) {
        return ReplayLog.open(new StringReader(text), "test.tsv", nInputs, nOutputs);
    }

    @Test
    void readsRowsSkippingCommentsAndBlankLinesAndCountingEveryLine() {
        String text = "\uFEFF# made by hand\r\n\r\n  \r\nin0\tin1\terr\tmod\tq\r\n"
                + "0.5\t-1\t0.25\t2\t3.5\r\n# a comment between rows\r\n\r\n 1e-3 \t+2.\t-.5\t0\t-7E+1\r\n";
        try (ReplayLog log = open(text, 2, 3)) {
            assertTrue(log.hasScalarError(), "scalar err");
            assertEquals(1, log.errorCount(), "error columns");
            assertTrue(log.hasModulation(), "mod");
            assertTrue(log.hasLookahead(), "q");
            assertEquals(2, log.inputCount(), "inputs");
            double[] in = new double[2];
            double[] err = new double[1];

            assertTrue(log.next(), "first row");
            log.copyInputsInto(in);
            log.copyErrorsInto(err);
            assertArrayEquals(new double[] {0.5, -1.0}, in, "inputs of line 5");
            assertArrayEquals(new double[] {0.25}, err, "errors of line 5");
            assertEquals(0.25, log.error(), "err of line 5");
            assertEquals(2.0, log.modulation(), "mod of line 5");
            assertEquals(3.5, log.lookahead(), "q of line 5");
            assertEquals(5, log.lineNumber(), "line of the first row");

            assertTrue(log.next(), "second row");
            log.copyInputsInto(in);
            assertArrayEquals(new double[] {1e-3, 2.0}, in, "inputs of line 8, cells stripped");
            assertEquals(-0.5, log.error(), "err of line 8");
            assertEquals(0.0, log.modulation(), "mod of line 8");
            assertEquals(-70.0, log.lookahead(), "q of line 8");
            assertEquals(8, log.lineNumber(), "line of the second row");
            assertEquals(2, log.rowCount(), "rows");

            assertFalse(log.next(), "end");
            assertFalse(log.next(), "still the end");
        }
    }

    @Test
    void perOutputErrorsWithQBeforeMod() {
        try (ReplayLog log = open("in0\terr0\terr1\tq\tmod\n1\t2\t3\t4\t5\n", 1, 2)) {
            assertFalse(log.hasScalarError(), "per-output errors");
            assertEquals(2, log.errorCount(), "error columns");
            assertTrue(log.next(), "row");
            double[] err = new double[2];
            log.copyErrorsInto(err);
            assertArrayEquals(new double[] {2.0, 3.0}, err, "errors");
            assertEquals(4.0, log.lookahead(), "q");
            assertEquals(5.0, log.modulation(), "mod");
            IllegalStateException e = assertThrows(IllegalStateException.class, log::error);
            assertEquals("the log has per-output errors err0..; use copyErrorsInto", e.getMessage());
        }
    }

    @Test
    void absentOptionalColumnsReadAsNaN() {
        try (ReplayLog log = open("in0\terr\n1\t2\n", 1, 1)) {
            assertFalse(log.hasModulation(), "mod");
            assertFalse(log.hasLookahead(), "q");
            assertTrue(log.next(), "row");
            assertTrue(Double.isNaN(log.modulation()), "mod");
            assertTrue(Double.isNaN(log.lookahead()), "q");
        }
    }

    @Test
    void aBadRowLeavesThePreviousRowCurrentAndReadingGoesOn() {
        try (ReplayLog log = open("in0\terr\n1\t2\n3\tx\n5\t6\n", 1, 1)) {
            assertTrue(log.next(), "first row");
            ReplayLogException e = assertThrows(ReplayLogException.class, log::next);
            assertEquals("test.tsv line 3, column 2 (err): not a number: 'x'", e.getMessage());
            assertEquals("test.tsv", e.source(), "source");
            assertEquals(3, e.line(), "line");
            assertEquals(2, e.column(), "column");
            assertEquals(2.0, log.error(), "the first row is still current");
            assertEquals(2, log.lineNumber(), "its line");
            assertTrue(log.next(), "the row after the bad one");
            assertEquals(6.0, log.error(), "line 4");
        }
    }

    @Test
    void headerErrorsNameTheHeaderLineButNoColumn() {
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> open("\n#\nin0\tin1\n", 2, 1));
        assertEquals("test.tsv line 3: no error column: after the inputs comes err or err0", e.getMessage());
        assertEquals(3, e.line(), "line");
        assertEquals(0, e.column(), "column");
    }

    @Test
    void aSingleInputModelNamesItsOnlyColumn() {
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> open("in0\tin1\terr\n", 1, 1));
        assertEquals("test.tsv line 1: column 2 (in1): the model has 1 input, in0", e.getMessage());
    }

    @Test
    void rowAccessorsNeedARow() {
        try (ReplayLog log = open("in0\terr\n", 1, 1)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, log::error);
            assertEquals("no current row: call next() first", e.getMessage());
            assertThrows(IllegalStateException.class, log::lineNumber);
            assertThrows(IllegalStateException.class, () -> log.copyInputsInto(new double[1]));
            assertFalse(log.next(), "a header without rows");
            assertEquals(0, log.rowCount(), "rows");
        }
    }

    @Test
    void copyIntoChecksTheLength() {
        try (ReplayLog log = open("in0\tin1\terr\n1\t2\t3\n", 2, 1)) {
            assertTrue(log.next(), "row");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> log.copyInputsInto(new double[3]));
            assertEquals("dst.length must be 2, got 3", e.getMessage());
        }
    }

    @Test
    void openChecksTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> open("in0\terr\n", 0, 1));
        assertEquals("nInputs must be > 0, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> open("in0\terr\n", 1, -2));
        assertEquals("nOutputs must be > 0, got -2", e.getMessage());
    }

    @Test
    void monitoringColumnsAfterTheErrorsAreIgnoredWhateverTheyHold() {
        String text = "in0\tin1\terr\tmon_step\tmod\tmon_fault\tq\tmon_left\n"
                + "1\t2\t3\t7\t4\tLEARNER\t5\t\n"
                + "#NaN\tNaN\t0.5\t8\tNaN\tNONE\t6\t90.0\n"
                + "-1\t-2\t-3\tNaN\t0\t\t6.5\tInfinity\n";
        try (ReplayLog log = open(text, 2, 1)) {
            assertTrue(log.hasModulation(), "mod found among mon_ columns");
            assertTrue(log.hasLookahead(), "q found among mon_ columns");
            double[] in = new double[2];
            assertTrue(log.next(), "first row");
            log.copyInputsInto(in);
            assertArrayEquals(new double[] {1.0, 2.0}, in, "inputs of line 2");
            assertEquals(3.0, log.error(), "err of line 2");
            assertEquals(4.0, log.modulation(), "mod of line 2, after mon_step");
            assertEquals(5.0, log.lookahead(), "q of line 2, after mon_fault");
            assertTrue(log.next(), "second row: the commented line is skipped");
            assertEquals(4, log.lineNumber(), "line of the second row");
            log.copyInputsInto(in);
            assertArrayEquals(new double[] {-1.0, -2.0}, in, "inputs of line 4");
            assertEquals(-3.0, log.error(), "err of line 4");
            assertEquals(0.0, log.modulation(), "mod of line 4");
            assertEquals(6.5, log.lookahead(), "q of line 4");
            assertFalse(log.next(), "end");
        }
    }

    @Test
    void aLogWithOnlyMonitoringExtrasReadsLikeTheSameLogWithoutThem() {
        String plain = "in0\terr\n0.5\t-0.25\n2\t1e-3\n";
        String monitored = "in0\terr\tmon_a\tmon_b\n0.5\t-0.25\tx\ty\n2\t1e-3\t\t\n";
        try (ReplayLog a = open(plain, 1, 1); ReplayLog b = open(monitored, 1, 1)) {
            double[] ia = new double[1];
            double[] ib = new double[1];
            while (a.next()) {
                assertTrue(b.next(), "same number of rows, row " + a.rowCount());
                a.copyInputsInto(ia);
                b.copyInputsInto(ib);
                assertArrayEquals(ia, ib, "inputs of row " + a.rowCount());
                assertEquals(a.error(), b.error(), "err of row " + a.rowCount());
                assertEquals(a.modulation(), b.modulation(), "mod (absent) of row " + a.rowCount());
            }
            assertFalse(b.next(), "same end");
        }
    }

    @Test
    void monitoringColumnsStillNeedACellAndAUniqueName() {
        try (ReplayLog log = open("in0\terr\tmon_x\n1\t2\n", 1, 1)) {
            ReplayLogException e = assertThrows(ReplayLogException.class, log::next);
            assertEquals("test.tsv line 2: 2 cells, but the header has 3 columns", e.getMessage());
        }
        ReplayLogException e = assertThrows(ReplayLogException.class,
                () -> open("in0\terr\tmon_x\tmon_x\n", 1, 1));
        assertEquals("test.tsv line 1: column 'mon_x' appears twice (columns 3 and 4)", e.getMessage());
    }

    @Test
    void aMonitoringColumnBeforeTheErrorIsOutOfPlace() {
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> open("in0\tmon_x\terr\n", 1, 1));
        assertEquals("test.tsv line 1: column 2 is 'mon_x', expected err: the error column follows the inputs",
                e.getMessage());
    }

    @Test
    void aColumnThatOnlyLooksLikeMonitoringIsStillUnknown() {
        ReplayLogException e = assertThrows(ReplayLogException.class, () -> open("in0\terr\tmonx\n", 1, 1));
        assertTrue(e.getMessage().startsWith("test.tsv line 1: unknown column 'monx' (column 3); "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(and mon_ monitoring columns, ignored)"), e.getMessage());
    }

    @Test
    void onlyALineStartingWithAHashIsAComment() {
        try (ReplayLog log = open("in0\terr\n  #x\n", 1, 1)) {
            ReplayLogException e = assertThrows(ReplayLogException.class, log::next);
            assertEquals("test.tsv line 2: 1 cell, but the header has 2 columns", e.getMessage());
        }
        try (ReplayLog log = open("in0\terr\n#x\n \t \n1\t2\n", 1, 1)) {
            assertTrue(log.next(), "the row after a comment and a blank line");
            assertEquals(2.0, log.error(), 0.0);
        }
    }
}
