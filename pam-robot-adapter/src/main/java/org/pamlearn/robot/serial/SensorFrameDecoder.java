// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import java.util.Objects;

/**
 * Decodes the robot's sensor stream, fed in chunks of any size, into frames of {@link #SENSORS} values.
 *
 * <p><b>Frame rule.</b> The robot sends 8 light-sensor bytes and a {@code 0} sync byte. A frame is the 8 bytes
 * immediately before a {@code 0}, and it is valid only when none of those 8 bytes is {@code 0}; the decoder
 * assumes that the firmware never sends a sensor byte of {@code 0}, so that the sync byte is unique. Realigning:
 * <ul>
 *   <li>a {@code 0} preceded by exactly 8 non-zero bytes (since the previous {@code 0}) ends a clean frame;</li>
 *   <li>a {@code 0} preceded by exactly 16 non-zero bytes ends a valid frame too (its last 8 bytes): the first 8
 *       are a whole frame that lost its sync byte, counted as one torn frame;</li>
 *   <li>a {@code 0} preceded by any other number of non-zero bytes yields no frame and counts as one torn frame:
 *       fewer than 8 is a frame that lost bytes (or a {@code 0} data byte); 9 to 15, or more than 16, means that
 *       bytes were lost <em>and</em> a sync byte too, and the last 8 bytes may straddle two frames (a frame that
 *       lost its sync byte followed by one that lost a data byte gives 15), so they are not trusted.</li>
 * </ul>
 * Bytes before the first {@code 0} after a {@link #reset()} are the tail of a frame the link joined mid-way: they
 * are skipped but not counted as torn (unless they end in a valid frame). So a lost byte or a lost sync byte
 * never gives a wrong frame, and a frame is only dropped with the fault that hit it (or, after a double fault, the
 * frame after it). A frame corrupted by inserted non-zero bytes cannot always be told from a clean one; byte loss,
 * the common serial fault, always can.
 *
 * <p>Allocation-free after construction: the last 8 non-zero bytes are kept in a ring. Not thread-safe.
 */
public final class SensorFrameDecoder {

    /** Light-sensor values per frame. */
    public static final int SENSORS = 8;
    /** Bytes per frame on the wire: the sensors and the sync byte. */
    public static final int FRAME_BYTES = SENSORS + 1;
    /** The sync byte that ends every frame. */
    public static final byte SYNC = 0;

    private final SensorScaling scaling;
    private final int[] ring = new int[SENSORS];
    private final double[] latest = new double[SENSORS];
    private int run;
    private int pos;
    private boolean synced;
    private boolean hasFrame;
    private long frames;
    private long tornFrames;

    /**
     * Creates a decoder.
     *
     * @param scaling how raw bytes become values
     * @throws NullPointerException if {@code scaling} is {@code null}
     */
    public SensorFrameDecoder(SensorScaling scaling) {
        this.scaling = Objects.requireNonNull(scaling, "scaling");
    }

    /**
     * Returns the scaling of the decoded values.
     *
     * @return the scaling
     */
    public SensorScaling scaling() {
        return scaling;
    }

    /**
     * Feeds bytes from the stream; a frame may span several calls.
     *
     * @param src the bytes {@code src[off .. off + len - 1]}. Not modified.
     * @param off the first byte
     * @param len the number of bytes, {@code >= 0}
     * @return the number of valid frames completed by these bytes; the latest is then in {@link #copyLatest}
     * @throws IndexOutOfBoundsException if the range does not fit in {@code src}
     */
    public int decode(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        int completed = 0;
        final int end = off + len;
        for (int k = off; k < end; k++) {
            final int b = src[k] & 0xFF;
            if (b != SYNC) {
                ring[pos] = b;
                pos = pos == SENSORS - 1 ? 0 : pos + 1;
                if (run <= 2 * SENSORS) {
                    // only the counts up to 16 and "more than 16" matter: the cap keeps it from overflowing
                    run++;
                }
                continue;
            }
            if (run == SENSORS || run == 2 * SENSORS) {
                // the ring holds the 8 newest bytes; the oldest of them, the frame's first, is where pos points
                for (int s = 0, r = pos; s < SENSORS; s++, r = r == SENSORS - 1 ? 0 : r + 1) {
                    latest[s] = scaling.scale(ring[r]);
                }
                hasFrame = true;
                frames++;
                completed++;
                if (run > SENSORS && synced) {
                    tornFrames++;
                }
            } else if (synced) {
                tornFrames++;
            }
            synced = true;
            run = 0;
        }
        return completed;
    }

    /**
     * Tells whether a valid frame has been decoded since construction or the last {@link #reset()}.
     *
     * @return {@code true} once a frame is available
     */
    public boolean hasFrame() {
        return hasFrame;
    }

    /**
     * Copies the latest valid frame's values.
     *
     * @param dst receives the values in {@code dst[offset .. offset + SENSORS - 1]}. Modified only in that range.
     * @param offset where the values start
     * @throws IllegalStateException if no frame has been decoded yet
     * @throws IndexOutOfBoundsException if the range does not fit in {@code dst}
     */
    public void copyLatest(double[] dst, int offset) {
        Objects.checkFromIndexSize(offset, SENSORS, dst.length);
        if (!hasFrame) {
            throw new IllegalStateException("no sensor frame has been decoded yet");
        }
        System.arraycopy(latest, 0, dst, offset, SENSORS);
    }

    /**
     * Returns the number of valid frames decoded since construction (not cleared by {@link #reset()}).
     *
     * @return the count
     */
    public long frames() {
        return frames;
    }

    /**
     * Returns the number of torn frames skipped since construction (not cleared by {@link #reset()}).
     *
     * @return the count
     */
    public long tornFrames() {
        return tornFrames;
    }

    /**
     * Forgets the partial frame and the latest frame, as after reopening the port; the counters are kept.
     */
    public void reset() {
        run = 0;
        pos = 0;
        synced = false;
        hasFrame = false;
    }
}
