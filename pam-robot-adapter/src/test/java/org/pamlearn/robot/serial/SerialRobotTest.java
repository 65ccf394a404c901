// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pamlearn.robot.serial.Frames.bytes;
import static org.pamlearn.robot.serial.Frames.concat;
import static org.pamlearn.robot.serial.Frames.ramp;
import static org.pamlearn.robot.serial.Frames.rampValues;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.pamlearn.robot.SensorException;

/** The serial robot against the in-memory port: handshake, frames, faults, reconnects, commands and closing. */
class SerialRobotTest {

    private static final byte D = 'd';

    /** A settable millisecond clock. */
    private static final class FakeClock implements LongSupplier {
        private long now = 5_000;

        @Override
        public long getAsLong() {
            return now;
        }

        void advance(long millis) {
            now += millis;
        }
    }

    private final FakeSerialTransport port = new FakeSerialTransport();
    private final FakeClock clock = new FakeClock();

    private SerialRobot.Builder builder() {
        return SerialRobot.builder(port).scaling(SensorScaling.RAW).clock(clock).commandGain(100.0);
    }

    private static double[] fetch(SerialRobot robot) {
        double[] v = new double[robot.sampleSize()];
        robot.fetchSample(v, 0);
        return v;
    }

    private static SensorException fetchFails(SerialRobot robot) {
        return assertThrows(SensorException.class, () -> fetch(robot));
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "\"" + e.getMessage() + "\" should contain \"" + part + "\"");
        }
    }

    // --- handshake and frames ---

    @Test
    void openSendsTheHandshakeByte() {
        SerialRobot robot = builder().build();
        assertEquals(0, port.opens());
        robot.open();
        assertEquals(1, port.opens());
        assertTrue(robot.isConnected());
        assertArrayEquals(new byte[] {D}, port.written());
        assertEquals(8, robot.sampleSize());
        assertEquals("fake0", robot.portName());
    }

    @Test
    void firstFetchOpensThePortAndSendsTheHandshake() {
        SerialRobot robot = builder().build();
        port.chunk(ramp(1));
        assertArrayEquals(rampValues(1), fetch(robot), 0.0);
        assertEquals(1, port.opens());
        assertArrayEquals(new byte[] {D}, port.written());
    }

    @Test
    void cleanFramesAreDecodedOnePerFetch() {
        SerialRobot robot = builder().build();
        port.chunk(ramp(1)).chunk(ramp(50)).chunk(ramp(200));
        assertArrayEquals(rampValues(1), fetch(robot), 0.0);
        assertArrayEquals(rampValues(50), fetch(robot), 0.0);
        assertArrayEquals(rampValues(200), fetch(robot), 0.0);
        assertEquals(3, robot.stats().frames());
        assertEquals(0, robot.stats().tornFrames());
    }

    @Test
    void unitScalingIsTheDefault() {
        SerialRobot robot = SerialRobot.builder(port).clock(clock).build();
        port.chunk(ramp(248));
        double[] v = fetch(robot);
        for (int s = 0; s < 8; s++) {
            assertEquals((248 + s) / 255.0, v[s], 1e-15, "sensor " + s);
        }
    }

    @Test
    void fetchWritesOnlyItsRange() {
        SerialRobot robot = builder().build();
        port.chunk(ramp(1));
        double[] dst = new double[11];
        Arrays.fill(dst, -1.0);
        robot.fetchSample(dst, 2);
        assertEquals(-1.0, dst[1], 0.0);
        assertEquals(1.0, dst[2], 0.0);
        assertEquals(8.0, dst[9], 0.0);
        assertEquals(-1.0, dst[10], 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> robot.fetchSample(dst, 4));
    }

    @Test
    void tornFrameIsSkippedAndTheFreshFrameIsRead() {
        SerialRobot robot = builder().build();
        // a frame that lost its sync byte, then a fresh frame
        port.chunk(ramp(1)).chunk(concat(bytes(90, 91, 92, 93, 94, 95, 96, 97), ramp(30)));
        assertArrayEquals(rampValues(1), fetch(robot), 0.0);
        assertArrayEquals(rampValues(30), fetch(robot), 0.0);
        assertEquals(1, robot.stats().tornFrames());
        assertEquals(2, robot.stats().frames());
    }

    @Test
    void frameSplitAcrossReadsIsAssembled() {
        SerialRobot robot = builder().build();
        port.chunks(ramp(40), 3, 4, 2);
        assertArrayEquals(rampValues(40), fetch(robot), 0.0);
        assertEquals(3, port.reads());
        assertTrue(port.scriptDone());
    }

    @Test
    void latestFrameWinsOverABacklog() {
        SerialRobot robot = builder().build();
        // three frames arrive at once, and a fourth is partly there already
        port.chunk(concat(ramp(1), ramp(2), ramp(3), bytes(7, 7)));
        assertArrayEquals(rampValues(3), fetch(robot), 0.0);
        // the partial frame is kept: its rest completes it
        port.chunk(bytes(7, 7, 7, 7, 7, 7, 0));
        assertArrayEquals(new double[] {7, 7, 7, 7, 7, 7, 7, 7}, fetch(robot), 0.0);
    }

    @Test
    void backlogBeyondOneReadIsDrained() {
        SerialRobot robot = builder().build();
        byte[] many = new byte[0];
        for (int i = 1; i <= 20; i++) {
            many = concat(many, ramp(i));
        }
        // 180 bytes in one chunk: the first read takes 36 (the frame limit), the drain the rest
        port.chunk(many);
        assertArrayEquals(rampValues(20), fetch(robot), 0.0);
        assertTrue(port.scriptDone());
    }

    // --- faults ---

    @Test
    void timeoutThrowsAndTheNextFrameRecovers() {
        SerialRobot robot = builder().build();
        port.chunk(ramp(1)).timeout().chunk(ramp(2));
        fetch(robot);
        SensorException e = fetchFails(robot);
        assertMessage(e, "fake0", "no data within 100 ms", "timeout");
        assertArrayEquals(rampValues(2), fetch(robot), 0.0);
        assertEquals(1, robot.stats().timeouts());
        assertEquals(1, port.opens(), "one timeout does not reopen the port");
    }

    @Test
    void streamWithoutAValidFrameThrowsAfterTheByteLimit() {
        SerialRobot robot = builder().build();
        byte[] garbage = new byte[40];
        Arrays.fill(garbage, (byte) 0x11);
        for (int k = 5; k < garbage.length; k += 6) {
            garbage[k] = 0; // zeros every 6 bytes: runs too short to be frames
        }
        garbage[garbage.length - 1] = 0; // ends on a sync byte, so the frame after it is cleanly aligned
        port.chunk(garbage).chunk(ramp(3));
        SensorException e = fetchFails(robot);
        assertMessage(e, "fake0", "no valid sensor frame in 36 bytes", "torn frames so far: 5");
        assertEquals(1, robot.stats().unalignedFetches());
        assertArrayEquals(rampValues(3), fetch(robot), 0.0);
    }

    @Test
    void repeatedTimeoutsReopenThePortAndResendTheHandshake() {
        SerialRobot robot = builder().faultsBeforeReconnect(3).reconnectBackoffMillis(200).build();
        port.chunk(ramp(1)).timeout().timeout().timeout();
        fetch(robot);
        fetchFails(robot);
        fetchFails(robot);
        SensorException third = fetchFails(robot);
        assertMessage(third, "3 failed fetches in a row", "reopening the port in 200 ms");
        assertFalse(port.isOpen());
        assertFalse(robot.isConnected());
        assertMessage(fetchFails(robot), "next attempt to reopen in 200 ms");
        assertEquals(1, port.opens());
        clock.advance(200);
        port.chunk(ramp(9));
        assertArrayEquals(rampValues(9), fetch(robot), 0.0);
        assertEquals(2, port.opens());
        // 'd', then a zero command (little-endian 0, 0, 0, 32767) before the port was let go, then 'd' again.
        assertArrayEquals(new byte[] {D, 0, 0, 0, 0, 0, 0, (byte) 0xFF, 0x7F, D}, port.written());
        assertEquals(1, robot.stats().reconnects());
        assertEquals(3, robot.stats().timeouts());
    }

    @Test
    void lostPortThrowsThenReopensWithBackoffAndHandshakesAgain() {
        SerialRobot robot = builder().reconnectBackoffMillis(1000).build();
        port.chunk(ramp(1)).loss();
        assertArrayEquals(rampValues(1), fetch(robot), 0.0);

        SensorException lost = fetchFails(robot);
        assertMessage(lost, "fake0", "lost while reading", "reopening in 1000 ms");
        assertFalse(robot.isConnected());
        assertEquals(1, robot.stats().portLosses());

        // within the back-off: fail fast, no attempt to open
        assertMessage(fetchFails(robot), "next attempt to reopen in 1000 ms");
        clock.advance(999);
        assertMessage(fetchFails(robot), "next attempt to reopen in 1 ms");
        assertEquals(0, port.failedOpens());

        // back-off over, the device still absent: one failed attempt, then the next back-off
        clock.advance(1);
        assertMessage(fetchFails(robot), "fake0", "cannot open the port", "next attempt in 1000 ms");
        assertEquals(1, port.failedOpens());
        assertEquals(1, robot.stats().failedOpens());
        clock.advance(500);
        assertMessage(fetchFails(robot), "next attempt to reopen in 500 ms");
        assertEquals(1, port.failedOpens());

        // the device is back: reopened, 'd' sent again, frames again
        port.plugIn();
        clock.advance(500);
        port.chunk(ramp(77));
        assertArrayEquals(rampValues(77), fetch(robot), 0.0);
        assertTrue(robot.isConnected());
        assertEquals(2, port.opens());
        assertArrayEquals(new byte[] {D, D}, port.written());
        assertEquals(1, robot.stats().reconnects());
        assertEquals(1, robot.stats().portLosses());
    }

    @Test
    void portThatCannotBeOpenedAtStartIsRetriedWithBackoff() {
        SerialRobot robot = builder().reconnectBackoffMillis(300).build();
        port.unplug();
        SensorException e = assertThrows(SensorException.class, robot::open);
        assertMessage(e, "fake0", "cannot open the port");
        assertMessage(fetchFails(robot), "next attempt to reopen in 300 ms");
        port.plugIn();
        clock.advance(300);
        port.chunk(ramp(5));
        assertArrayEquals(rampValues(5), fetch(robot), 0.0);
        assertEquals(0, robot.stats().reconnects(), "the first successful opening is not a reconnect");
    }

    @Test
    void handshakeWaitsForTheConfiguredDelayAfterOpening() {
        SerialRobot robot = builder().handshakeDelayMillis(2000).build();
        robot.open();
        assertEquals(0, port.written().length);
        assertFalse(robot.isConnected());
        clock.advance(1500);
        assertMessage(fetchFails(robot), "waiting 500 ms more", "'d'");
        assertEquals(0, port.written().length);
        clock.advance(500);
        port.chunk(ramp(4));
        assertArrayEquals(rampValues(4), fetch(robot), 0.0);
        assertArrayEquals(new byte[] {D}, port.written());
    }

    @Test
    void transportThatThrowsIsTreatedAsALostPort() {
        FakeSerialTransport throwing = new FakeSerialTransport() {
            @Override
            public int read(byte[] dst, int off, int len, int timeoutMillis) {
                throw new IllegalStateException("driver failure");
            }

            @Override
            public int write(byte[] src, int off, int len) {
                if (len == 1) {
                    return super.write(src, off, len);
                }
                throw new IllegalStateException("driver failure");
            }
        };
        SerialRobot robot = SerialRobot.builder(throwing).clock(clock).build();
        robot.open();
        robot.drive(10, -10); // must not throw
        assertEquals(1, robot.stats().writeFailures());
        assertEquals(1, robot.stats().portLosses());
        clock.advance(SerialRobot.DEFAULT_RECONNECT_BACKOFF_MILLIS);
        SensorException e = assertThrows(SensorException.class, () -> robot.fetchSample(new double[8], 0));
        assertMessage(e, "lost while reading");
        assertEquals(2, robot.stats().portLosses());
        robot.close();
    }

    // --- commands ---

    @Test
    void driveSendsHalfTheDifferenceLittleEndianByDefault() {
        SerialRobot robot = builder().build();
        robot.open();
        port.clearWritten();
        robot.drive(60, 20); // (60 - 20) / 2 = 20 -> 20 * 100 = 2000 = 0x07D0
        assertArrayEquals(bytes(0xD0, 0x07, 0, 0, 0, 0, 0xFF, 0x7F), port.written());
        assertEquals(2000, robot.lastCommand());
        assertEquals(1, robot.stats().commandsSent());
    }

    @Test
    void driveSendsBigEndianWhenConfigured() {
        SerialRobot robot = builder().byteOrder(ByteOrder.BIG_ENDIAN).build();
        robot.open();
        port.clearWritten();
        robot.drive(20, 60); // -20 -> -2000 = 0xF830
        assertArrayEquals(bytes(0xF8, 0x30, 0, 0, 0, 0, 0x7F, 0xFF), port.written());
        assertEquals(-2000, robot.lastCommand());
    }

    @Test
    void driveClampsEachSideAndTurnsNanIntoZero() {
        SerialRobot robot = builder().maxSpeed(100).commandGain(1000).build();
        robot.open();
        robot.drive(1e9, -1e9); // sides clamped to +-100 -> d = 100 -> 100000, clamped to 32766
        assertEquals(CommandFrameEncoder.MAX_COMMAND, robot.lastCommand());
        robot.drive(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        assertEquals(-CommandFrameEncoder.MAX_COMMAND, robot.lastCommand());
        robot.drive(Double.NaN, 5); // NaN -> 0: d = -2.5
        assertEquals(-2500, robot.lastCommand());
        robot.drive(Double.NaN, Double.NaN);
        assertEquals(0, robot.lastCommand());
        robot.drive(150, 50); // 150 is clamped to 100: d = 25
        assertEquals(25_000, robot.lastCommand());
        assertEquals(100.0, robot.maxSpeed(), 0.0);
        // the default gain maps a full differential to the full command range
        SerialRobot full = SerialRobot.builder(new FakeSerialTransport()).build();
        full.open();
        full.drive(100, -100);
        assertEquals(32766, full.lastCommand());
        full.drive(-100, 100);
        assertEquals(-32766, full.lastCommand());
    }

    @Test
    void stopSendsZero() {
        SerialRobot robot = builder().build();
        robot.open();
        robot.drive(50, 0);
        port.clearWritten();
        robot.stop();
        assertArrayEquals(bytes(0, 0, 0, 0, 0, 0, 0xFF, 0x7F), port.written());
        assertEquals(0, robot.lastCommand());
    }

    @Test
    void commandsOnALostOrUnopenedPortAreDroppedAndCountedNeverThrown() {
        SerialRobot robot = builder().build();
        robot.drive(10, 0); // not opened yet
        assertEquals(1, robot.stats().writeFailures());
        robot.open();
        port.unplug();
        robot.drive(10, 0);
        robot.stop();
        robot.drive(Double.NaN, 3);
        assertEquals(4, robot.stats().writeFailures());
        assertEquals(0, robot.stats().commandsSent());
        assertEquals(1, robot.stats().portLosses());
        robot.close();
        assertEquals(5, robot.stats().writeFailures());
    }

    @Test
    void closeSendsZeroClosesThePortAndIsIdempotent() {
        SerialRobot robot = builder().build();
        robot.open();
        robot.drive(80, 0);
        port.clearWritten();
        robot.close();
        assertArrayEquals(bytes(0, 0, 0, 0, 0, 0, 0xFF, 0x7F), port.written());
        assertFalse(port.isOpen());
        assertEquals(1, port.closes());
        robot.close();
        assertEquals(1, port.closes());
        robot.drive(10, 0);
        robot.stop();
        assertEquals(8, port.written().length, "nothing is written after close");
        SensorException e = fetchFails(robot);
        assertMessage(e, "fake0", "closed");
        IllegalStateException o = assertThrows(IllegalStateException.class, robot::open);
        assertMessage(o, "closed");
    }

    @Test
    void statsStartAtZero() {
        SerialLinkStats s = builder().build().stats();
        assertEquals(new SerialLinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0), s);
    }

    @Test
    void builderPreconditions() {
        NullPointerException t = assertThrows(NullPointerException.class, () -> SerialRobot.builder(null));
        assertMessage(t, "transport");
        SerialRobot.Builder b = SerialRobot.builder(port);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.maxSpeed(0)),
            "maxSpeed must be finite and > 0, got 0.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.maxSpeed(Double.NaN)),
            "maxSpeed must be finite and > 0, got NaN");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.commandGain(-1)),
            "commandGain must be finite and > 0, got -1.0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.commandGain(Double.POSITIVE_INFINITY)),
            "commandGain must be finite and > 0, got Infinity");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.readTimeoutMillis(0)),
            "readTimeoutMillis must be >= 1, got 0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.maxBytesWithoutFrame(17)),
            "maxBytesWithoutFrame must be >= 18, got 17");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.reconnectBackoffMillis(-1)),
            "reconnectBackoffMillis must be >= 0, got -1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.handshakeDelayMillis(-5)),
            "handshakeDelayMillis must be >= 0, got -5");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> b.faultsBeforeReconnect(0)),
            "faultsBeforeReconnect must be >= 1, got 0");
        assertMessage(assertThrows(NullPointerException.class, () -> b.byteOrder(null)), "order");
        assertMessage(assertThrows(NullPointerException.class, () -> b.scaling(null)), "sensorScaling");
        assertMessage(assertThrows(NullPointerException.class, () -> b.clock(null)), "millis");
    }

    /** A port that streams the same two frames for ever, allocating nothing per read. */
    private static final class EndlessPort implements SerialTransport {
        private final byte[] stream = concat(ramp(1), bytes(5, 5), ramp(2));
        private int at;

        @Override
        public String name() {
            return "endless";
        }

        @Override
        public boolean open() {
            return true;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public int available() {
            return 0;
        }

        @Override
        public int read(byte[] dst, int off, int len, int timeoutMillis) {
            int n = Math.min(len, 7);
            for (int k = 0; k < n; k++) {
                dst[off + k] = stream[at];
                at = at == stream.length - 1 ? 0 : at + 1;
            }
            return n;
        }

        @Override
        public int write(byte[] src, int off, int len) {
            return len;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void fetchAndDriveAllocateNothingPerStep() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SerialRobot robot = SerialRobot.builder(new EndlessPort()).clock(clock).build();
        robot.open();
        double[] v = new double[8];
        for (int i = 0; i < 20_000; i++) { // warm up so that the JIT has compiled the step
            robot.fetchSample(v, 0);
            robot.drive(v[0], v[1]);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            robot.fetchSample(v, 0);
            robot.drive(v[0], v[1]);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        // any per-step object (>= 16 bytes) would show up as >= 160,000 bytes
        assertTrue(allocated < 10_000, "allocated " + allocated + " bytes for 10,000 steps");
        assertEquals(0, robot.stats().writeFailures());
    }
}
