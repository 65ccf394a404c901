// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import java.nio.ByteOrder;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.pamlearn.core.internal.Checks;
import org.pamlearn.robot.DifferentialDrive;
import org.pamlearn.robot.SampleProvider;
import org.pamlearn.robot.SensorException;

/**
 * The original Arduino line-follower robot over a serial port: its 8 light sensors as a {@link SampleProvider}
 * and its steering as a {@link DifferentialDrive} (one object; pass it as both). The framing is described in
 * the {@linkplain org.pamlearn.robot.serial package documentation}.
 *
 * <p><b>Sensors.</b> {@link #fetchSample} reads until at least one valid frame has arrived, then takes whatever
 * else is already buffered (up to 16 reads of 64 bytes, about 110 frames), so that it returns the <em>latest</em>
 * frame rather than a stale backlog; after a longer stall it catches up over the next few fetches. It throws a
 * {@link SensorException} naming the port when no byte arrives within the read timeout, when no valid frame is
 * found within the byte limit (torn frames it cannot realign on), or when the port is lost or cannot be opened.
 *
 * <p><b>Reconnecting.</b> A lost port, and {@code faultsBeforeReconnect} failed fetches in a row, close the port
 * and schedule a reopening: later calls of {@code fetchSample} try to reopen it at most once every
 * {@code reconnectBackoffMillis} (on the injectable clock), failing fast in between, and send {@code 'd'} again
 * {@code handshakeDelayMillis} after each opening. Until then every fetch throws at once instead of blocking.
 *
 * <p><b>Steering.</b> The robot takes a single differential command; its own firmware sets the forward speed.
 * {@code drive(left, right)} clamps both sides to {@code [-maxSpeed, maxSpeed]} (NaN &rarr; 0), forms
 * {@code d = (left - right) / 2} (positive: left wheel faster, the robot turns right) and sends the int16
 * {@code round(commandGain * d)}, clamped to {@code ±}{@link CommandFrameEncoder#MAX_COMMAND}. The forward part
 * {@code (left + right) / 2} is not sent, so {@link #stop()} (command 0) centres the steering; whether the robot
 * then stands still is up to its firmware. {@code drive}, {@code stop} and {@code close} never throw: a write on a
 * lost or closed port is dropped and counted in {@link SerialLinkStats#writeFailures()}.
 *
 * <p>Allocation-free per fetch and per command (buffers are preallocated); exception messages allocate, but only
 * on a fault. The public methods are synchronized so that {@link #close()} may come from another thread (a
 * shutdown hook); a fetch blocks at most about one read timeout per read.
 */
public final class SerialRobot implements SampleProvider, DifferentialDrive {

    /** The handshake byte sent after every opening. */
    public static final byte HANDSHAKE = 'd';
    /** The original robot's baud rate. */
    public static final int DEFAULT_BAUD_RATE = 115_200;
    /** Default clamp of each side's command, in the simulator's wheel-speed units. */
    public static final double DEFAULT_MAX_SPEED = 100.0;
    /** Default command gain: a full differential ({@link #DEFAULT_MAX_SPEED}) maps to the full int16 range. */
    public static final double DEFAULT_COMMAND_GAIN = CommandFrameEncoder.MAX_COMMAND / DEFAULT_MAX_SPEED;
    /** Default read timeout, in milliseconds. */
    public static final int DEFAULT_READ_TIMEOUT_MILLIS = 100;
    /** Default byte limit of one fetch without a valid frame: four frames. */
    public static final int DEFAULT_MAX_BYTES_WITHOUT_FRAME = 4 * SensorFrameDecoder.FRAME_BYTES;
    /** Default least time between two attempts to reopen the port, in milliseconds. */
    public static final long DEFAULT_RECONNECT_BACKOFF_MILLIS = 1000;
    /** Default number of failed fetches in a row that make the link reopen the port. */
    public static final int DEFAULT_FAULTS_BEFORE_RECONNECT = 3;

    private static final int READ_BUFFER_BYTES = 64;
    private static final int MAX_DRAIN_READS = 16;

    private final SerialTransport transport;
    private final SensorFrameDecoder decoder;
    private final CommandFrameEncoder encoder;
    private final double maxSpeed;
    private final int readTimeoutMillis;
    private final int maxBytesWithoutFrame;
    private final long reconnectBackoffMillis;
    private final long handshakeDelayMillis;
    private final int faultsBeforeReconnect;
    private final LongSupplier clockMillis;

    private final byte[] readBuffer = new byte[READ_BUFFER_BYTES];
    private final byte[] commandBuffer = new byte[CommandFrameEncoder.FRAME_BYTES];
    private final byte[] handshakeBuffer = {HANDSHAKE};

    private boolean portOpen;
    private boolean handshakeSent;
    private boolean everOpened;
    private boolean closed;
    private long openedAtMillis;
    private long nextOpenAtMillis;
    private boolean openScheduled;
    private int consecutiveFaults;
    private int lastCommand;

    private long timeouts;
    private long unalignedFetches;
    private long portLosses;
    private long reconnects;
    private long failedOpens;
    private long commandsSent;
    private long writeFailures;

    private SerialRobot(Builder b) {
        this.transport = b.transport;
        this.decoder = new SensorFrameDecoder(b.scaling);
        this.encoder = new CommandFrameEncoder(b.byteOrder, b.commandGain);
        this.maxSpeed = b.maxSpeed;
        this.readTimeoutMillis = b.readTimeoutMillis;
        this.maxBytesWithoutFrame = b.maxBytesWithoutFrame;
        this.reconnectBackoffMillis = b.reconnectBackoffMillis;
        this.handshakeDelayMillis = b.handshakeDelayMillis;
        this.faultsBeforeReconnect = b.faultsBeforeReconnect;
        this.clockMillis = b.clockMillis;
    }

    /**
     * Starts building a link over a transport.
     *
     * @param transport the byte port; the robot opens and closes it
     * @return a builder with the original robot's defaults
     * @throws NullPointerException if {@code transport} is {@code null}
     */
    public static Builder builder(SerialTransport transport) {
        return new Builder(transport);
    }

    /**
     * Opens the port now (ignoring the back-off) and, unless a handshake delay is configured, sends {@code 'd'};
     * useful to fail fast at start-up. {@link #fetchSample} opens the port by itself when needed.
     *
     * @throws SensorException if the port cannot be opened or the handshake cannot be written
     * @throws IllegalStateException if the robot has been closed
     */
    public synchronized void open() {
        if (closed) {
            throw new IllegalStateException(transport.name() + ": the serial robot is closed");
        }
        openScheduled = false;
        final long now = clockMillis.getAsLong();
        openPort(now);
        if (handshakeDelayMillis == 0) {
            sendHandshake(now);
        }
    }

    /**
     * Tells whether the port is open and the handshake has been sent.
     *
     * @return {@code true} while connected
     */
    public synchronized boolean isConnected() {
        return portOpen && handshakeSent;
    }

    /** {@inheritDoc} Always {@link SensorFrameDecoder#SENSORS}. */
    @Override
    public int sampleSize() {
        return SensorFrameDecoder.SENSORS;
    }

    /**
     * Writes the latest frame's 8 light-sensor values, scaled as configured, blocking until a frame arrives or a
     * read times out.
     *
     * @param dst receives the values in {@code dst[offset .. offset + 7]}. Modified only in that range, and only
     *     on success.
     * @param offset where the values start
     * @throws SensorException on a timeout, on torn frames that cannot be realigned within the byte limit, on a
     *     lost port, while the port cannot be (re)opened or the robot is booting, and after {@link #close()}
     * @throws IndexOutOfBoundsException if the range does not fit in {@code dst}
     */
    @Override
    public synchronized void fetchSample(double[] dst, int offset) {
        Objects.checkFromIndexSize(offset, SensorFrameDecoder.SENSORS, dst.length);
        if (closed) {
            throw new SensorException(transport.name() + ": the serial robot is closed");
        }
        if (!isConnected()) {
            connect(clockMillis.getAsLong());
        }
        int bytesWithoutFrame = 0;
        boolean gotFrame = false;
        while (!gotFrame) {
            final int want = Math.min(readBuffer.length, maxBytesWithoutFrame - bytesWithoutFrame);
            final int n = read(want);
            if (n < 0) {
                throw lost("lost while reading");
            }
            if (n == 0) {
                timeouts++;
                throw fault("no data within " + readTimeoutMillis + " ms (timeout)");
            }
            gotFrame = decoder.decode(readBuffer, 0, n) > 0;
            bytesWithoutFrame += n;
            if (!gotFrame && bytesWithoutFrame >= maxBytesWithoutFrame) {
                unalignedFetches++;
                throw fault("no valid sensor frame in " + bytesWithoutFrame + " bytes (torn frames so far: "
                        + decoder.tornFrames() + ")");
            }
        }
        drainBacklog();
        decoder.copyLatest(dst, offset);
        consecutiveFaults = 0;
    }

    /** {@inheritDoc} */
    @Override
    public double maxSpeed() {
        return maxSpeed;
    }

    /**
     * Sends the differential command {@code (safe(left) - safe(right)) / 2} (see the class documentation); never
     * throws. Dropped and counted when the port is not open.
     *
     * @param left the left wheel's command; clamped to {@code [-maxSpeed, maxSpeed]}, NaN becomes 0
     * @param right the right wheel's command; clamped to {@code [-maxSpeed, maxSpeed]}, NaN becomes 0
     */
    @Override
    public synchronized void drive(double left, double right) {
        final double l = DifferentialDrive.safe(left, maxSpeed);
        final double r = DifferentialDrive.safe(right, maxSpeed);
        send(encoder.command(0.5 * (l - r)));
    }

    /**
     * Sends the differential command 0: the steering is centred (the forward speed is the firmware's, so the robot
     * may keep driving straight). Never throws.
     */
    @Override
    public synchronized void stop() {
        send(0);
    }

    /**
     * Sends the command 0 (if the port is open) and closes the port; later calls do nothing, later fetches throw
     * a {@link SensorException} and later commands are dropped. Never throws.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        send(0);
        closed = true;
        closeTransport();
    }

    /**
     * Returns the int16 command of the latest {@link #drive}, {@link #stop} or {@link #close} (sent or not).
     *
     * @return the command, in {@code [-MAX_COMMAND, MAX_COMMAND]}
     */
    public synchronized int lastCommand() {
        return lastCommand;
    }

    /** Whether the port is a jSerialComm port, whose library closes every port in its own shutdown hook. */
    boolean usesJSerialComm() {
        return transport instanceof JSerialCommTransport;
    }

    /**
     * Returns the name of the port, for messages.
     *
     * @return the transport's name
     */
    public String portName() {
        return transport.name();
    }

    /**
     * Returns a snapshot of the counters.
     *
     * @return the counters since the robot was built
     */
    public synchronized SerialLinkStats stats() {
        return new SerialLinkStats(decoder.frames(), decoder.tornFrames(), timeouts, unalignedFetches, portLosses,
                reconnects, failedOpens, commandsSent, writeFailures);
    }

    // Opens the port if needed (respecting the back-off once a reopening is scheduled) and sends the handshake once
    // the start-up delay has passed; throws a SensorException while not connected.
    private void connect(long now) {
        openPort(now);
        sendHandshake(now);
    }

    private void openPort(long now) {
        if (portOpen) {
            return;
        }
        if (openScheduled && now < nextOpenAtMillis) {
            throw new SensorException(transport.name() + ": port not open; next attempt to reopen in "
                    + (nextOpenAtMillis - now) + " ms");
        }
        boolean opened;
        Throwable cause = null;
        try {
            opened = transport.open();
        } catch (RuntimeException e) {
            opened = false;
            cause = e;
        }
        if (!opened) {
            failedOpens++;
            scheduleReopen(now);
            throw new SensorException(transport.name() + ": cannot open the port; next attempt in "
                    + reconnectBackoffMillis + " ms", cause);
        }
        portOpen = true;
        openScheduled = false;
        handshakeSent = false;
        openedAtMillis = now;
        decoder.reset();
        if (everOpened) {
            reconnects++;
        }
        everOpened = true;
    }

    private void sendHandshake(long now) {
        if (handshakeSent) {
            return;
        }
        final long waited = now - openedAtMillis;
        if (waited < handshakeDelayMillis) {
            throw new SensorException(transport.name() + ": waiting " + (handshakeDelayMillis - waited)
                    + " ms more for the robot to start before sending 'd'");
        }
        if (write(handshakeBuffer, 1) != 1) {
            throw lost("cannot send the handshake 'd'");
        }
        handshakeSent = true;
    }

    // Reads what is already buffered beyond the first frame, so that the latest frame wins over a backlog.
    private void drainBacklog() {
        for (int i = 0; i < MAX_DRAIN_READS; i++) {
            final int available;
            try {
                available = transport.available();
            } catch (RuntimeException e) {
                return;
            }
            if (available <= 0) {
                return;
            }
            final int n = read(Math.min(available, readBuffer.length));
            if (n < 0) {
                // the frame already read is good; the loss is reported by the next fetch
                markLost();
                return;
            }
            if (n == 0) {
                return;
            }
            decoder.decode(readBuffer, 0, n);
        }
    }

    private int read(int len) {
        try {
            return transport.read(readBuffer, 0, len, readTimeoutMillis);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private int write(byte[] src, int len) {
        try {
            return transport.write(src, 0, len);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void send(int command) {
        lastCommand = command;
        if (closed || !portOpen || !handshakeSent) {
            writeFailures++;
            return;
        }
        encoder.encode(command, commandBuffer, 0);
        final int n = write(commandBuffer, commandBuffer.length);
        if (n == commandBuffer.length) {
            commandsSent++;
            return;
        }
        writeFailures++;
        if (n < 0) {
            markLost();
        }
    }

    private SensorException lost(String what) {
        markLost();
        consecutiveFaults = 0;
        return new SensorException(transport.name() + ": port " + what + "; reopening in " + reconnectBackoffMillis
                + " ms");
    }

    private SensorException fault(String what) {
        consecutiveFaults++;
        if (consecutiveFaults >= faultsBeforeReconnect) {
            final int inARow = consecutiveFaults;
            consecutiveFaults = 0;
            // The port still takes writes: centre the steering before letting go of it, so that the robot does not
            // keep the last command while the link is down.
            send(0);
            closeTransport();
            scheduleReopen(clockMillis.getAsLong());
            return new SensorException(transport.name() + ": " + what + "; " + inARow
                    + " failed fetches in a row, reopening the port in " + reconnectBackoffMillis + " ms");
        }
        return new SensorException(transport.name() + ": " + what);
    }

    private void markLost() {
        portLosses++;
        closeTransport();
        scheduleReopen(clockMillis.getAsLong());
    }

    private void scheduleReopen(long now) {
        openScheduled = true;
        nextOpenAtMillis = now + reconnectBackoffMillis;
    }

    private void closeTransport() {
        portOpen = false;
        handshakeSent = false;
        try {
            transport.close();
        } catch (RuntimeException e) {
            // closing is best effort: the port is gone either way
        }
    }

    /**
     * Configures a {@link SerialRobot}. Defaults are the original robot's: little-endian commands, sensors scaled
     * to {@code raw / 255}, {@code maxSpeed} 100, full-scale command gain, 100 ms read timeout, 36 bytes per fetch
     * without a frame, 1000 ms reconnect back-off, no handshake delay, reopening after 3 failed fetches in a row,
     * and a monotonic millisecond clock.
     */
    public static final class Builder {

        private final SerialTransport transport;
        private ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
        private SensorScaling scaling = SensorScaling.UNIT;
        private double maxSpeed = DEFAULT_MAX_SPEED;
        private double commandGain = DEFAULT_COMMAND_GAIN;
        private int readTimeoutMillis = DEFAULT_READ_TIMEOUT_MILLIS;
        private int maxBytesWithoutFrame = DEFAULT_MAX_BYTES_WITHOUT_FRAME;
        private long reconnectBackoffMillis = DEFAULT_RECONNECT_BACKOFF_MILLIS;
        private long handshakeDelayMillis;
        private int faultsBeforeReconnect = DEFAULT_FAULTS_BEFORE_RECONNECT;
        private LongSupplier clockMillis = () -> System.nanoTime() / 1_000_000L;

        private Builder(SerialTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
        }

        /**
         * Sets the byte order of the command int16s.
         *
         * @param order {@link ByteOrder#LITTLE_ENDIAN} (default) or {@link ByteOrder#BIG_ENDIAN}
         * @return this builder
         * @throws NullPointerException if {@code order} is {@code null}
         */
        public Builder byteOrder(ByteOrder order) {
            this.byteOrder = Objects.requireNonNull(order, "order");
            return this;
        }

        /**
         * Sets how sensor bytes become values.
         *
         * @param sensorScaling the scaling (default {@link SensorScaling#UNIT})
         * @return this builder
         * @throws NullPointerException if {@code sensorScaling} is {@code null}
         */
        public Builder scaling(SensorScaling sensorScaling) {
            this.scaling = Objects.requireNonNull(sensorScaling, "sensorScaling");
            return this;
        }

        /**
         * Sets the clamp of each side's command.
         *
         * @param speed the clamp, finite and {@code > 0}, in drive units (default 100)
         * @return this builder
         * @throws IllegalArgumentException if {@code speed} is not finite and {@code > 0}
         */
        public Builder maxSpeed(double speed) {
            Checks.requirePositive("maxSpeed", speed);
            this.maxSpeed = speed;
            return this;
        }

        /**
         * Sets the int16 command units per differential drive unit.
         *
         * @param gain the gain, finite and {@code > 0} (default 32766 / 100 = 327.66, so that a full differential
         *     of 100 is the full int16 range); it must match the robot's firmware
         * @return this builder
         * @throws IllegalArgumentException if {@code gain} is not finite and {@code > 0}
         */
        public Builder commandGain(double gain) {
            Checks.requirePositive("commandGain", gain);
            this.commandGain = gain;
            return this;
        }

        /**
         * Sets how long one read waits for the first byte.
         *
         * @param millis the timeout in milliseconds, {@code >= 1} (default 100)
         * @return this builder
         * @throws IllegalArgumentException if {@code millis < 1}
         */
        public Builder readTimeoutMillis(int millis) {
            if (millis < 1) {
                throw new IllegalArgumentException("readTimeoutMillis must be >= 1, got " + millis);
            }
            this.readTimeoutMillis = millis;
            return this;
        }

        /**
         * Sets how many bytes one fetch reads without finding a valid frame before it gives up.
         *
         * @param bytes the limit, {@code >= 2 * 9 = 18} so that a frame is always found after joining a stream
         *     mid-frame (default 36)
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes < 18}
         */
        public Builder maxBytesWithoutFrame(int bytes) {
            if (bytes < 2 * SensorFrameDecoder.FRAME_BYTES) {
                throw new IllegalArgumentException("maxBytesWithoutFrame must be >= "
                        + 2 * SensorFrameDecoder.FRAME_BYTES + ", got " + bytes);
            }
            this.maxBytesWithoutFrame = bytes;
            return this;
        }

        /**
         * Sets the least time between two attempts to reopen a lost port.
         *
         * @param millis the back-off in milliseconds, {@code >= 0} (default 1000)
         * @return this builder
         * @throws IllegalArgumentException if {@code millis < 0}
         */
        public Builder reconnectBackoffMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("reconnectBackoffMillis must be >= 0, got " + millis);
            }
            this.reconnectBackoffMillis = millis;
            return this;
        }

        /**
         * Sets how long after opening the port the handshake {@code 'd'} is sent. Boards that reset when the port
         * opens (an Arduino Uno through DTR) need about 2000 ms; fetches fail fast until then.
         *
         * @param millis the delay in milliseconds, {@code >= 0} (default 0: at once)
         * @return this builder
         * @throws IllegalArgumentException if {@code millis < 0}
         */
        public Builder handshakeDelayMillis(long millis) {
            if (millis < 0) {
                throw new IllegalArgumentException("handshakeDelayMillis must be >= 0, got " + millis);
            }
            this.handshakeDelayMillis = millis;
            return this;
        }

        /**
         * Sets how many failed fetches in a row (timeouts, or no valid frame) make the link close and reopen the
         * port and send {@code 'd'} again; a lost port is reopened regardless.
         *
         * @param faults the count, {@code >= 1} (default 3)
         * @return this builder
         * @throws IllegalArgumentException if {@code faults < 1}
         */
        public Builder faultsBeforeReconnect(int faults) {
            if (faults < 1) {
                throw new IllegalArgumentException("faultsBeforeReconnect must be >= 1, got " + faults);
            }
            this.faultsBeforeReconnect = faults;
            return this;
        }

        /**
         * Sets the clock of the reconnect back-off and the handshake delay (tests inject a fake one).
         *
         * @param millis a monotonic clock in milliseconds
         * @return this builder
         * @throws NullPointerException if {@code millis} is {@code null}
         */
        public Builder clock(LongSupplier millis) {
            this.clockMillis = Objects.requireNonNull(millis, "millis");
            return this;
        }

        /**
         * Builds the robot link; the port is opened by {@link SerialRobot#open()} or the first fetch.
         *
         * @return the robot
         */
        public SerialRobot build() {
            return new SerialRobot(this);
        }
    }
}
