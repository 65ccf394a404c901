// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines of the result files: cells survive a join and a split, plain cells are not quoted, bad lines are refused. */
class CsvLinesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void cellsSurviveAJoinAndASplit(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ab,\"x 1+-.e\t";
        String[] cells = new String[1 + random.nextInt(15)];
        for (int c = 0; c < cells.length; c++) {
            StringBuilder b = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cells[c] = b.toString();
        }
        String line = CsvLines.join(cells);
        assertArrayEquals(cells, CsvLines.split(line), "seed " + seed + ", line " + line);
    }

    @Test
    void plainCellsAreNotQuoted() {
        assertEquals("bp,4x10,1.00000e-05,0.000000e+00,,true", CsvLines.join("bp", "4x10", "1.00000e-05",
                "0.000000e+00", "", "true"));
        assertEquals("\"png:a,b\",\"say \"\"hi\"\"\"", CsvLines.join("png:a,b", "say \"hi\""));
    }

    @Test
    void anEmptyLineIsOneEmptyCell() {
        assertArrayEquals(new String[] {""}, CsvLines.split(""));
        assertArrayEquals(new String[] {"a", "b", ""}, CsvLines.split("a,b,"));
    }

    @Test
    void anOpenQuoteOrASecondRecordIsRefusedWithAShortQuote() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvLines.split("a,\"b"));
        assertEquals("not one CSV line: 'a,\"b'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvLines.split("a\nb"));
        assertEquals("not one CSV line: 'a\nb'", e.getMessage());
        String longLine = "x".repeat(1000) + ",\"";
        e = assertThrows(IllegalArgumentException.class, () -> CsvLines.split(longLine));
        assertEquals("not one CSV line: '" + "x".repeat(40) + "...'", e.getMessage());
    }
}
