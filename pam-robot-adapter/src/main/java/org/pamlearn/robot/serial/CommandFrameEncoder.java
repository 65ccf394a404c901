// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import java.nio.ByteOrder;
import java.util.Objects;
import org.pamlearn.core.internal.Checks;

/**
 * Encodes the robot's command frame: four int16, {@code (command, 0, 0, START_MARKER)}, in a configured byte
 * order (little-endian on the original robot). Immutable and allocation-free; thread-safe.
 */
public final class CommandFrameEncoder {

    /** Bytes per command frame: four int16. */
    public static final int FRAME_BYTES = 8;
    /** The fourth int16 of every command frame, by which the firmware finds the frame start. */
    public static final int START_MARKER = 32767;
    /**
     * The largest command magnitude sent: one below {@link #START_MARKER}, so that a command never equals the
     * marker; the negative limit is symmetric.
     */
    public static final int MAX_COMMAND = START_MARKER - 1;

    private final ByteOrder order;
    private final double gain;

    /**
     * Creates an encoder.
     *
     * @param order the byte order of each int16
     * @param gain the command units per differential drive unit: the int16 sent for a differential {@code d} is
     *     {@code round(gain * d)}, clamped to {@code [-MAX_COMMAND, MAX_COMMAND]}; finite and {@code > 0}
     * @throws NullPointerException if {@code order} is {@code null}
     * @throws IllegalArgumentException if {@code gain} is not finite and {@code > 0}
     */
    public CommandFrameEncoder(ByteOrder order, double gain) {
        this.order = Objects.requireNonNull(order, "order");
        Checks.requirePositive("gain", gain);
        this.gain = gain;
    }

    /**
     * Returns the byte order.
     *
     * @return the byte order of each int16
     */
    public ByteOrder order() {
        return order;
    }

    /**
     * Returns the gain.
     *
     * @return command units per differential drive unit
     */
    public double gain() {
        return gain;
    }

    /**
     * Converts a differential drive value to the int16 command: {@code round(gain * differential)} clamped to
     * {@code [-MAX_COMMAND, MAX_COMMAND]}; NaN gives {@code 0}. Never throws.
     *
     * @param differential the differential value, in drive units
     * @return the command
     */
    public int command(double differential) {
        if (Double.isNaN(differential)) {
            return 0;
        }
        final double scaled = gain * differential;
        if (scaled >= MAX_COMMAND) {
            return MAX_COMMAND;
        }
        if (scaled <= -MAX_COMMAND) {
            return -MAX_COMMAND;
        }
        return (int) Math.round(scaled);
    }

    /**
     * Writes the frame {@code (command, 0, 0, START_MARKER)}.
     *
     * @param command the int16 command, in {@code [-MAX_COMMAND, MAX_COMMAND]}
     * @param dst receives the frame in {@code dst[offset .. offset + FRAME_BYTES - 1]}. Modified only in that
     *     range.
     * @param offset where the frame starts
     * @throws IllegalArgumentException if {@code command} is out of range
     * @throws IndexOutOfBoundsException if the range does not fit in {@code dst}
     */
    public void encode(int command, byte[] dst, int offset) {
        if (command < -MAX_COMMAND || command > MAX_COMMAND) {
            throw new IllegalArgumentException("command must be in [-" + MAX_COMMAND + ", " + MAX_COMMAND
                    + "], got " + command);
        }
        Objects.checkFromIndexSize(offset, FRAME_BYTES, dst.length);
        putInt16(command, dst, offset);
        putInt16(0, dst, offset + 2);
        putInt16(0, dst, offset + 4);
        putInt16(START_MARKER, dst, offset + 6);
    }

    private void putInt16(int value, byte[] dst, int at) {
        final byte lo = (byte) value;
        final byte hi = (byte) (value >> 8);
        if (order == ByteOrder.LITTLE_ENDIAN) {
            dst[at] = lo;
            dst[at + 1] = hi;
        } else {
            dst[at] = hi;
            dst[at + 1] = lo;
        }
    }
}
