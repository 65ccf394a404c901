// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pamlearn.robot.serial.Frames.bytes;
import static org.pamlearn.robot.serial.Frames.concat;
import static org.pamlearn.robot.serial.Frames.frame;
import static org.pamlearn.robot.serial.Frames.ramp;
import static org.pamlearn.robot.serial.Frames.rampValues;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sensor-stream decoder: the frame rule, realignment, scaling, counters, chunking and allocation. */
class SensorFrameDecoderTest {

    private static double[] latest(SensorFrameDecoder d) {
        double[] v = new double[SensorFrameDecoder.SENSORS];
        d.copyLatest(v, 0);
        return v;
    }

    @Test
    void cleanFrameIsDecodedWithUnitScaling() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.UNIT);
        byte[] f = frame(255, 1, 128, 200, 17, 64, 3, 254);
        assertEquals(1, d.decode(f, 0, f.length));
        double[] expected = {1.0, 1 / 255.0, 128 / 255.0, 200 / 255.0, 17 / 255.0, 64 / 255.0, 3 / 255.0,
            254 / 255.0};
        assertArrayEquals(expected, latest(d), 1e-15);
        assertEquals(1, d.frames());
        assertEquals(0, d.tornFrames());
    }

    @Test
    void rawScalingKeepsTheBytes() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        byte[] f = ramp(248);
        d.decode(f, 0, f.length);
        assertArrayEquals(rampValues(248), latest(d), 0.0);
    }

    @Test
    void copyLatestWritesOnlyItsRange() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        byte[] f = ramp(10);
        d.decode(f, 0, f.length);
        double[] dst = new double[12];
        java.util.Arrays.fill(dst, -1.0);
        d.copyLatest(dst, 3);
        assertEquals(-1.0, dst[2], 0.0);
        assertEquals(10.0, dst[3], 0.0);
        assertEquals(17.0, dst[10], 0.0);
        assertEquals(-1.0, dst[11], 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> d.copyLatest(dst, 5));
    }

    @Test
    void frameFedOneByteAtATimeCompletesOnItsSyncByte() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        byte[] f = ramp(1);
        for (int k = 0; k < f.length - 1; k++) {
            assertEquals(0, d.decode(f, k, 1), "byte " + k);
            assertFalse(d.hasFrame());
        }
        assertEquals(1, d.decode(f, f.length - 1, 1));
        assertArrayEquals(rampValues(1), latest(d), 0.0);
    }

    @Test
    void tailOfAFrameJoinedMidwayIsSkippedWithoutCountingATornFrame() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        byte[] s = concat(bytes(7, 7, 7, 0), ramp(20));
        assertEquals(1, d.decode(s, 0, s.length));
        assertArrayEquals(rampValues(20), latest(d), 0.0);
        assertEquals(0, d.tornFrames());
    }

    @Test
    void frameThatLostItsSyncByteIsTornAndTheNextFrameIsRead() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        // a clean frame, a whole frame without its sync byte, then a fresh frame: 16 bytes before the 0
        byte[] s = concat(ramp(1), bytes(90, 91, 92, 93, 94, 95, 96, 97), ramp(30));
        assertEquals(2, d.decode(s, 0, s.length));
        assertArrayEquals(rampValues(30), latest(d), 0.0);
        assertEquals(2, d.frames());
        assertEquals(1, d.tornFrames());
    }

    @Test
    void bytesThatStraddleTwoFramesAreNeverReadAsOne() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        // a frame without its sync byte, then a frame that lost a data byte: 15 bytes before the 0, whose last 8
        // would mix the two frames
        byte[] s = concat(ramp(1), bytes(90, 91, 92, 93, 94, 95, 96, 97, 31, 32, 33, 34, 35, 36, 37, 0));
        assertEquals(1, d.decode(s, 0, s.length));
        assertArrayEquals(rampValues(1), latest(d), 0.0);
        assertEquals(1, d.tornFrames());
        // a cut-off frame (5 bytes, no sync) before a fresh frame: 13 bytes, not trusted either
        byte[] t = concat(bytes(90, 91, 92, 93, 94), ramp(30));
        assertEquals(0, d.decode(t, 0, t.length));
        assertEquals(2, d.tornFrames());
        assertArrayEquals(rampValues(1), latest(d), 0.0);
    }

    @Test
    void frameThatLostAByteIsDroppedAsTorn() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        byte[] s = concat(ramp(1), bytes(50, 51, 52, 53, 54, 55, 56, 0));
        assertEquals(1, d.decode(s, 0, s.length));
        assertArrayEquals(rampValues(1), latest(d), 0.0);
        assertEquals(1, d.tornFrames());
    }

    @Test
    void zeroDataByteIsNeverReadAsAFrame() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        // the 0 in the middle splits the frame into two short runs: both dropped
        byte[] s = concat(ramp(1), bytes(60, 61, 62, 0, 64, 65, 66, 67, 0));
        assertEquals(1, d.decode(s, 0, s.length));
        assertArrayEquals(rampValues(1), latest(d), 0.0);
        assertEquals(2, d.tornFrames());
    }

    @Test
    void resetForgetsThePartialAndTheLatestFrameButKeepsTheCounters() {
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        byte[] f = ramp(1);
        d.decode(f, 0, f.length);
        d.decode(f, 0, 4);
        d.reset();
        assertFalse(d.hasFrame());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> latest(d));
        assertTrue(e.getMessage().contains("no sensor frame"), e.getMessage());
        // the 4 bytes fed before the reset do not join 4 later bytes into a frame (without the reset they would)
        byte[] g = concat(bytes(9, 9, 9, 9, 0), ramp(100));
        assertEquals(0, d.decode(g, 0, 5));
        assertEquals(1, d.frames());
        assertEquals(0, d.tornFrames());
        assertEquals(1, d.decode(g, 5, 9));
        assertArrayEquals(rampValues(100), latest(d), 0.0);
    }

    @Test
    void preconditions() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new SensorFrameDecoder(null));
        assertTrue(e.getMessage().contains("scaling"), e.getMessage());
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.UNIT);
        assertThrows(IndexOutOfBoundsException.class, () -> d.decode(new byte[4], 2, 3));
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /**
     * Random streams of intact frames with faults between them (random garbage, frames cut short, frames that lost
     * one byte, frames missing their sync byte), fed in random chunks, decode to exactly what an independent
     * reference of the frame rule gives; every decoded frame was sent intact (never a frame made of two), and
     * at most the frame after each fault is lost with it.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomStreamsDecodeToExactlyTheIntactFrames(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<byte[]> parts = new ArrayList<>();
        List<int[]> intact = new ArrayList<>();
        int nFrames = 1 + rnd.nextInt(40);
        int faults = 0;
        if (rnd.nextBoolean()) {
            parts.add(fault(rnd));
            faults++;
        }
        for (int i = 0; i < nFrames; i++) {
            int[] raw = new int[SensorFrameDecoder.SENSORS];
            for (int s = 0; s < raw.length; s++) {
                raw[s] = 1 + rnd.nextInt(255);
            }
            parts.add(frame(raw));
            intact.add(raw);
            if (rnd.nextInt(3) == 0) {
                parts.add(fault(rnd));
                faults++;
            }
        }
        byte[] stream = concat(parts.toArray(new byte[0][]));

        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.RAW);
        double[] v = new double[SensorFrameDecoder.SENSORS];
        List<double[]> decoded = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int n = Math.min(stream.length - at, 1 + rnd.nextInt(2 * SensorFrameDecoder.FRAME_BYTES));
            // feed byte by byte inside the chunk so every frame is seen, not only a chunk's latest
            for (int k = at; k < at + n; k++) {
                if (d.decode(stream, k, 1) == 1) {
                    d.copyLatest(v, 0);
                    decoded.add(v.clone());
                }
            }
            at += n;
        }
        List<int[]> expected = reference(stream);
        assertEquals(expected.size(), decoded.size(), "seed " + seed + ": frames decoded");
        assertEquals(expected.size(), d.frames(), "seed " + seed + ": frame counter");
        for (int i = 0; i < expected.size(); i++) {
            for (int s = 0; s < SensorFrameDecoder.SENSORS; s++) {
                assertEquals(expected.get(i)[s], decoded.get(i)[s], 0.0,
                    "seed " + seed + ": frame " + i + " sensor " + s);
            }
        }
        // Never a wrong frame: every decoded frame is one that was sent intact, in order.
        int next = 0;
        for (double[] frame : decoded) {
            while (next < intact.size() && !same(intact.get(next), frame)) {
                next++;
            }
            assertTrue(next < intact.size(), "seed " + seed + ": decoded a frame that was never sent intact");
            next++;
        }
        // A frame is lost only next to a fault: at least the intact frames that follow a clean frame are decoded.
        assertTrue(decoded.size() >= intact.size() - 2 * faults, "seed " + seed + ": too many frames lost");
    }

    /** The frame rule written out independently: at each 0, the 8 bytes before it if 8 or 16 non-zero bytes came. */
    private static List<int[]> reference(byte[] stream) {
        List<int[]> frames = new ArrayList<>();
        int run = 0;
        for (int k = 0; k < stream.length; k++) {
            if (stream[k] != 0) {
                run++;
                continue;
            }
            if (run == SensorFrameDecoder.SENSORS || run == 2 * SensorFrameDecoder.SENSORS) {
                int[] f = new int[SensorFrameDecoder.SENSORS];
                for (int s = 0; s < f.length; s++) {
                    f[s] = stream[k - SensorFrameDecoder.SENSORS + s] & 0xFF;
                }
                frames.add(f);
            }
            run = 0;
        }
        return frames;
    }

    private static boolean same(int[] raw, double[] values) {
        for (int s = 0; s < raw.length; s++) {
            if (raw[s] != values[s]) {
                return false;
            }
        }
        return true;
    }

    /** Chunked feeding (whole chunks at once) yields the same frame count and latest frame as byte-wise feeding. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void chunkBoundariesDoNotMatter(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] stream = new byte[300];
        for (int k = 0; k < stream.length; k++) {
            stream[k] = rnd.nextInt(6) == 0 ? 0 : (byte) (1 + rnd.nextInt(255));
        }
        SensorFrameDecoder byteWise = new SensorFrameDecoder(SensorScaling.RAW);
        for (int k = 0; k < stream.length; k++) {
            byteWise.decode(stream, k, 1);
        }
        SensorFrameDecoder chunked = new SensorFrameDecoder(SensorScaling.RAW);
        int at = 0;
        while (at < stream.length) {
            int n = Math.min(stream.length - at, rnd.nextInt(40));
            chunked.decode(stream, at, n);
            at += n;
        }
        assertEquals(byteWise.frames(), chunked.frames(), "seed " + seed);
        assertEquals(byteWise.tornFrames(), chunked.tornFrames(), "seed " + seed);
        assertEquals(byteWise.hasFrame(), chunked.hasFrame(), "seed " + seed);
        if (byteWise.hasFrame()) {
            assertArrayEquals(latest(byteWise), latest(chunked), 0.0, "seed " + seed);
        }
    }

    private static byte[] fault(SplittableRandom rnd) {
        int len = 1 + rnd.nextInt(SensorFrameDecoder.SENSORS);
        byte[] f = new byte[len];
        switch (rnd.nextInt(3)) {
            case 0: // garbage: any bytes, zeros included
                for (int k = 0; k < len; k++) {
                    f[k] = (byte) rnd.nextInt(256);
                }
                return f;
            case 1: // a frame cut short, or missing its sync byte: non-zero bytes only
                for (int k = 0; k < len; k++) {
                    f[k] = (byte) (1 + rnd.nextInt(255));
                }
                return f;
            default: // a frame that lost one of its bytes: 7 non-zero bytes and the sync byte
                byte[] lost = new byte[SensorFrameDecoder.SENSORS];
                for (int k = 0; k < lost.length - 1; k++) {
                    lost[k] = (byte) (1 + rnd.nextInt(255));
                }
                return lost;
        }
    }

    @Test
    void decodingAllocatesNothingPerFrame() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SensorFrameDecoder d = new SensorFrameDecoder(SensorScaling.UNIT);
        byte[] s = concat(ramp(1), bytes(3, 4, 5), ramp(9));
        double[] v = new double[SensorFrameDecoder.SENSORS];
        for (int i = 0; i < 20_000; i++) { // warm up so that the JIT has compiled the loop
            d.decode(s, 0, s.length);
            d.copyLatest(v, 0);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            d.decode(s, 0, s.length);
            d.copyLatest(v, 0);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // 20,000 frames: any per-frame object (>= 16 bytes) would show up as >= 320,000 bytes
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 20,000 frames");
    }
}
