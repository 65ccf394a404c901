// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reading files and streams with a byte limit, so that a huge file, {@code /dev/zero} or a FIFO that never ends is
 * refused as soon as the limit is passed instead of filling the memory. The file's size is not trusted (a device or
 * a FIFO has none): the bytes are counted as they are read. Not API: may change without notice.
 */
public final class BoundedReading {

    private BoundedReading() {
    }

    /** More bytes than the limit; its message reads well after {@code "cannot read <file>: "}. */
    public static final class TooLargeException extends IOException {

        private static final long serialVersionUID = 1L;

        private final long limit;

        /**
         * Creates the exception.
         *
         * @param limit the limit that was passed, in bytes
         */
        public TooLargeException(long limit) {
            super("larger than " + limit + " bytes, the limit");
            this.limit = limit;
        }

        /**
         * Returns the limit that was passed.
         *
         * @return the limit, in bytes
         */
        public long limit() {
            return limit;
        }
    }

    /**
     * Wraps a stream so that reading more than {@code maxBytes} from it fails.
     *
     * @param in the stream; closed when the result is closed
     * @param maxBytes the most bytes that may be read, {@code >= 0}
     * @return a stream that throws {@link TooLargeException} on the first read past the limit
     */
    public static InputStream limit(InputStream in, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        return new Limited(in, maxBytes);
    }

    /**
     * Reads a whole file, refusing it once it holds more than {@code maxBytes}: a regular file at once by its size,
     * anything else ({@code /dev/zero}, a FIFO) after {@code maxBytes + 1} bytes.
     *
     * @param file the file
     * @param maxBytes the most bytes it may hold, {@code >= 0}
     * @return its bytes
     * @throws TooLargeException if it holds more
     * @throws IOException if it cannot be read
     */
    public static byte[] readAllBytes(Path file, long maxBytes) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        try (InputStream in = limit(Files.newInputStream(file), maxBytes)) {
            return in.readAllBytes();
        }
    }

    /**
     * Reads a whole file as strict UTF-8 text, as {@link Files#readString(Path)} does, with the limit of
     * {@link #readAllBytes(Path, long)}.
     *
     * @param file the file
     * @param maxBytes the most bytes it may hold, {@code >= 0}
     * @return its text
     * @throws TooLargeException if it holds more
     * @throws java.nio.charset.CharacterCodingException if it is not UTF-8
     * @throws IOException if it cannot be read
     */
    public static String readString(Path file, long maxBytes) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(readAllBytes(file, maxBytes))).toString();
    }

    /** Counts the bytes read and fails on the first one past the limit (before handing any of them out). */
    private static final class Limited extends FilterInputStream {
        private final long maxBytes;
        private long left;

        Limited(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
            this.left = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLargeException(maxBytes);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // Ask for one byte past the limit at most, so that an endless source is never read further.
            int n = super.read(b, off, (int) Math.min(len, room()));
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw new TooLargeException(maxBytes);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, room()));
            left -= skipped;
            if (left < 0) {
                throw new TooLargeException(maxBytes);
            }
            return skipped;
        }

        /** The most bytes worth asking for: one past the limit, to notice that it is passed. */
        private long room() {
            return left == Long.MAX_VALUE ? left : left + 1;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
