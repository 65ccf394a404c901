// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

/**
 * A byte port: the small seam between {@link SerialRobot} and a serial library, so that the robot link is tested
 * against an in-memory port. Lost ports are reported by return values ({@code false}, {@code -1}), not by
 * exceptions, because a control loop has to go on; an implementation that throws a {@link RuntimeException}
 * anyway is treated by {@link SerialRobot} as a lost port.
 *
 * <p>Lifecycle: {@link #open()} &rarr; reads and writes &rarr; {@link #close()}; after a loss (a {@code -1}
 * return) the transport is closed and may be opened again. Not thread-safe: one thread at a time.
 */
public interface SerialTransport extends AutoCloseable {

    /**
     * Returns a short human-readable name for messages, for example {@code "/dev/ttyUSB0 at 115200 baud"}.
     *
     * @return the name, never {@code null}
     */
    String name();

    /**
     * Opens the port (with its configured baud rate and framing) if it is not open.
     *
     * @return {@code true} if the port is open afterwards, {@code false} if it could not be opened (absent,
     *     busy, no permission); never throws for that
     */
    boolean open();

    /**
     * Tells whether the port is open, as far as the transport knows (a USB adapter that was pulled out may still
     * look open until a read or a write fails).
     *
     * @return {@code true} while open
     */
    boolean isOpen();

    /**
     * Returns how many bytes can be read at once without waiting.
     *
     * @return the count, {@code >= 0}; {@code 0} when none, when the port is closed or when it is unknown
     */
    int available();

    /**
     * Reads at least one and at most {@code len} bytes, waiting at most {@code timeoutMillis} for the first one.
     *
     * @param dst receives the bytes in {@code dst[off .. off + n - 1]}. Modified only in that range.
     * @param off where to store the first byte
     * @param len the largest number of bytes to read, {@code >= 1}
     * @param timeoutMillis the longest wait for the first byte, in milliseconds, {@code >= 0} ({@code 0}: return
     *     at once with what is available)
     * @return the number of bytes read, {@code 1..len}; {@code 0} if none arrived within the timeout; {@code -1}
     *     if the port is lost or closed (the transport is then closed)
     * @throws IndexOutOfBoundsException if the range does not fit in {@code dst}
     */
    int read(byte[] dst, int off, int len, int timeoutMillis);

    /**
     * Writes bytes, waiting at most the transport's own write timeout.
     *
     * @param src the bytes {@code src[off .. off + len - 1]}. Not modified.
     * @param off the first byte to write
     * @param len the number of bytes, {@code >= 0}
     * @return the number of bytes written, {@code 0..len} (fewer than {@code len} on a write timeout);
     *     {@code -1} if the port is lost or closed (the transport is then closed)
     * @throws IndexOutOfBoundsException if the range does not fit in {@code src}
     */
    int write(byte[] src, int off, int len);

    /** Closes the port; calling it again, or on a port that was never opened, does nothing. Never throws. */
    @Override
    void close();
}
