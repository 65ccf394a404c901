// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * An in-memory {@link SerialTransport} driven by a script. Reads consume the script in order: a chunk of bytes
 * arrives at the read that reaches it (one read never crosses into the next chunk, a read shorter than the chunk
 * leaves the rest {@link #available()}), a scripted timeout makes one read return 0, a scripted loss makes the
 * device disappear (read returns -1, the port closes, opening fails until {@link #plugIn()}). An empty script
 * reads as a timeout. Writes are recorded while the port is open and the device present.
 */
class FakeSerialTransport implements SerialTransport {

    private static final byte[] TIMEOUT = new byte[0];
    private static final byte[] LOSS = new byte[0];

    private final ArrayDeque<byte[]> script = new ArrayDeque<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private int headPos;
    private boolean present = true;
    private boolean open;
    private int opens;
    private int failedOpens;
    private int closes;
    private int reads;

    @Override
    public String name() {
        return "fake0";
    }

    @Override
    public boolean open() {
        if (open) {
            return true;
        }
        if (!present) {
            failedOpens++;
            return false;
        }
        open = true;
        opens++;
        return true;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public int available() {
        if (!open || script.isEmpty() || headPos == 0) {
            return 0;
        }
        return script.peekFirst().length - headPos;
    }

    @Override
    public int read(byte[] dst, int off, int len, int timeoutMillis) {
        Objects.checkFromIndexSize(off, len, dst.length);
        reads++;
        if (!open) {
            return -1;
        }
        final byte[] head = script.peekFirst();
        if (head == null) {
            return 0;
        }
        if (head == TIMEOUT) {
            script.removeFirst();
            return 0;
        }
        if (head == LOSS) {
            script.removeFirst();
            unplug();
            return -1;
        }
        final int n = Math.min(len, head.length - headPos);
        System.arraycopy(head, headPos, dst, off, n);
        headPos += n;
        if (headPos == head.length) {
            script.removeFirst();
            headPos = 0;
        }
        return n;
    }

    @Override
    public int write(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        if (!open) {
            return -1;
        }
        written.write(src, off, len);
        return len;
    }

    @Override
    public void close() {
        if (open) {
            closes++;
        }
        open = false;
    }

    /** Scripts one chunk that arrives whole at one read. */
    FakeSerialTransport chunk(byte... bytes) {
        if (bytes.length > 0) {
            script.addLast(bytes.clone());
        }
        return this;
    }

    /** Scripts {@code bytes} cut into chunks of the given sizes (the rest, if any, as a last chunk). */
    FakeSerialTransport chunks(byte[] bytes, int... sizes) {
        int at = 0;
        for (int size : sizes) {
            final int n = Math.min(size, bytes.length - at);
            chunk(Arrays.copyOfRange(bytes, at, at + n));
            at += n;
        }
        return chunk(Arrays.copyOfRange(bytes, at, bytes.length));
    }

    /** Scripts a read that times out. */
    FakeSerialTransport timeout() {
        script.addLast(TIMEOUT);
        return this;
    }

    /** Scripts the device's disappearance at that point of the stream. */
    FakeSerialTransport loss() {
        script.addLast(LOSS);
        return this;
    }

    /** The device disappears now: the port closes and cannot be opened. */
    void unplug() {
        present = false;
        open = false;
    }

    /** The device is back: the port can be opened again. */
    void plugIn() {
        present = true;
    }

    /** Everything written while open, in order. */
    byte[] written() {
        return written.toByteArray();
    }

    void clearWritten() {
        written.reset();
    }

    int opens() {
        return opens;
    }

    int failedOpens() {
        return failedOpens;
    }

    int closes() {
        return closes;
    }

    int reads() {
        return reads;
    }

    boolean scriptDone() {
        return script.isEmpty();
    }
}
