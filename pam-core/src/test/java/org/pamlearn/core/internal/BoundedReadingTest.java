// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading stops at the first byte past the limit, also of a stream that never ends. */
class BoundedReadingTest {

    @TempDir
    Path dir;

    /** Endless bytes that count what they handed out. */
    private static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'a';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            served += len;
            return len;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 1000, 1 << 20})
    void anEndlessStreamFailsJustPastTheLimit(long limit) {
        Endless endless = new Endless();
        InputStream in = BoundedReading.limit(endless, limit);
        BoundedReading.TooLargeException e = assertThrows(BoundedReading.TooLargeException.class, in::readAllBytes);
        assertEquals("larger than " + limit + " bytes, the limit", e.getMessage());
        assertEquals(limit + 1, endless.served, "one byte past the limit is read, no more");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 999, 1000})
    void aFileUpToTheLimitIsReadWhole(int length) throws IOException {
        Path file = dir.resolve("f");
        byte[] bytes = new byte[length];
        for (int k = 0; k < length; k++) {
            bytes[k] = (byte) (k * 31);
        }
        Files.write(file, bytes);
        assertArrayEquals(bytes, BoundedReading.readAllBytes(file, 1000));
        if (length > 0) {
            assertThrows(BoundedReading.TooLargeException.class, () -> BoundedReading.readAllBytes(file, length - 1));
        }
    }

    @Test
    void devZeroIsRefusedAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertTrue(assertThrows(BoundedReading.TooLargeException.class,
                () -> BoundedReading.readString(zero, 4096)).getMessage().contains("4096"));
    }
}
