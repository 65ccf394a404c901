// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Objects;
import org.pamlearn.robot.serial.SerialTransport;

/**
 * An in-memory serial port for {@code pamlearn serial} tests (the idea of pam-robot-adapter's test
 * {@code FakeSerialTransport}): reads consume a script in order, one scripted chunk per read at most (a chunk is
 * {@link #available()} only once a read has started it); a scripted timeout makes one read return 0; a scripted
 * loss makes one read return -1 and closes the port (it can be opened again at once). An empty script reads as a
 * timeout. Writes are recorded while the port is open. A port built {@link #absent()} never opens.
 */
final class FakePort implements SerialTransport {

    private static final byte[] TIMEOUT = new byte[0];
    private static final byte[] LOSS = new byte[0];

    private final ArrayDeque<byte[]> script = new ArrayDeque<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final boolean present;
    private String name = "fake";
    private int headPos;
    private boolean open;
    private int opens;

    private FakePort(boolean present) {
        this.present = present;
    }

    /** A port that opens. */
    static FakePort present() {
        return new FakePort(true);
    }

    /** A port that cannot be opened (a missing device). */
    static FakePort absent() {
        return new FakePort(false);
    }

    /** Names the port as the real transport would; returns this port. */
    FakePort named(String portName, int baud) {
        this.name = portName + " at " + baud + " baud";
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean open() {
        if (!present) {
            return false;
        }
        if (!open) {
            open = true;
            opens++;
        }
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
            open = false;
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
        open = false;
    }

    /** Scripts one chunk that arrives whole at one read. */
    FakePort chunk(byte[] bytes) {
        script.addLast(bytes.clone());
        return this;
    }

    /** Scripts one frame: the 8 raw sensor bytes (1..255) and the 0 sync byte. */
    FakePort frame(int... raw) {
        if (raw.length != 8) {
            throw new IllegalArgumentException("a frame has 8 sensor bytes, got " + raw.length);
        }
        byte[] f = new byte[9];
        for (int s = 0; s < 8; s++) {
            f[s] = (byte) raw[s];
        }
        return chunk(f);
    }

    /** Scripts a read that times out. */
    FakePort timeout() {
        script.addLast(TIMEOUT);
        return this;
    }

    /** Scripts the port's loss at that point of the stream. */
    FakePort loss() {
        script.addLast(LOSS);
        return this;
    }

    /** Everything written while open, in order. */
    byte[] written() {
        return written.toByteArray();
    }

    /** How many times the port was opened. */
    int opens() {
        return opens;
    }
}
