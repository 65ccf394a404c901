// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link ReplayLogWriter} writes, {@link ReplayLog} reads back bit for bit; comment rows are skipped. A file
 * named {@code *.gz} is a complete gzip stream of the same text.
 */
class ReplayLogWriterTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void aWrittenLogReadsBackBitForBit(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int nInputs = 1 + random.nextInt(20);
        int rows = 1 + random.nextInt(50);
        double[][] inputs = new double[rows][nInputs];
        double[] errors = new double[rows];
        double[] mods = new double[rows];
        double[] qs = new double[rows];
        StringWriter text = new StringWriter();
        ReplayLogWriter writer = new ReplayLogWriter(text);
        writer.header(nInputs, true, true, List.of("step", "fault"));
        for (int r = 0; r < rows; r++) {
            writer.startRow(true).cell(Double.NaN).cell("comment").endRow();
            writer.startRow(false);
            for (int i = 0; i < nInputs; i++) {
                inputs[r][i] = Math.scalb(random.nextDouble(-1, 1), random.nextInt(-300, 300));
                writer.cell(inputs[r][i]);
            }
            errors[r] = random.nextDouble(-2, 2);
            mods[r] = Math.abs(random.nextGaussian());
            qs[r] = 1 + random.nextDouble(15);
            writer.cell(errors[r]).cell(mods[r]).cell(qs[r]).cell((long) r).cell("NONE").endRow();
        }
        writer.close();
        try (ReplayLog log = ReplayLog.open(new StringReader(text.toString()), "log", nInputs, 1)) {
            assertTrue(log.hasModulation() && log.hasLookahead() && log.hasScalarError(), "columns, seed " + seed);
            double[] u = new double[nInputs];
            for (int r = 0; r < rows; r++) {
                assertTrue(log.next(), "row " + r + ", seed " + seed);
                log.copyInputsInto(u);
                for (int i = 0; i < nInputs; i++) {
                    assertEquals(Double.doubleToRawLongBits(inputs[r][i]), Double.doubleToRawLongBits(u[i]),
                            "in" + i + " of row " + r + ", seed " + seed);
                }
                assertEquals(errors[r], log.error(), 0.0, "err, seed " + seed);
                assertEquals(mods[r], log.modulation(), 0.0, "mod, seed " + seed);
                assertEquals(qs[r], log.lookahead(), 0.0, "q, seed " + seed);
            }
            assertFalse(log.next(), "no more rows, seed " + seed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"log.tsv", "log.tsv.gz", "LOG.TSV.GZ", "log.gzip"})
    void aFileHoldsTheTextAndIsGzipWhenItsNameEndsWithGz(String name, @TempDir Path dir) throws IOException {
        StringWriter text = new StringWriter();
        Path file = dir.resolve(name);
        try (ReplayLogWriter inMemory = new ReplayLogWriter(text); ReplayLogWriter onDisk = ReplayLogWriter.open(file,
                "test log")) {
            for (ReplayLogWriter w : List.of(inMemory, onDisk)) {
                w.header(2, true, false, List.of("step"));
                for (int r = 0; r < 2000; r++) {
                    w.startRow(r % 7 == 0).cell(r * 0.1).cell(-r / 3.0).cell(Math.sqrt(r)).cell(r * 1e-3)
                            .cell((long) r).endRow();
                }
            }
        }
        boolean gzip = name.toLowerCase(Locale.ROOT).endsWith(".gz");
        assertEquals(gzip, ReplayLogWriter.isGzip(file), "one rule for the writer and the reader");
        byte[] bytes;
        try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            bytes = in.readAllBytes();
        }
        assertEquals(text.toString(), new String(bytes, StandardCharsets.UTF_8), "the same text");
        assertTrue(!gzip || Files.size(file) * 2 < bytes.length, "compressed: " + Files.size(file));
        try (ReplayLog log = ReplayLog.open(file, 2, 1)) {
            int rows = 0;
            while (log.next()) {
                rows++;
            }
            assertEquals(2000 - 286, rows, "the reader unpacks what the writer packed (all but the 286 comments)");
        }
    }
}
