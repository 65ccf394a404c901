// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Objects;

/**
 * A {@link SerialTransport} over a real serial port with jSerialComm: 8 data bits, no parity, one stop bit, no
 * flow control, at a configured baud rate. Reads are semi-blocking (they return as soon as at least one byte is
 * there, or after the timeout with none); writes block for at most the write timeout.
 *
 * <p>A disconnected device shows up in jSerialComm as a read or a write returning {@code -1}; since jSerialComm
 * 2.10 {@code SerialPort.isOpen()} stays {@code true} after a USB adapter is pulled out, so this transport closes
 * the port on the first {@code -1} and reports the loss. Some adapters report nothing and just go silent: those
 * show up as timeouts, which {@link SerialRobot} also answers by reopening the port. Not thread-safe.
 */
public final class JSerialCommTransport implements SerialTransport {

    /** Default write timeout, in milliseconds. */
    public static final int DEFAULT_WRITE_TIMEOUT_MILLIS = 50;

    private final String portName;
    private final int baudRate;
    private final int writeTimeoutMillis;
    private final String name;
    private SerialPort port;
    private int currentReadTimeout = -1;

    /**
     * Creates a transport for a port; nothing is opened yet.
     *
     * @param portName the system port name or path, for example {@code /dev/ttyUSB0} or {@code COM3}
     * @param baudRate the baud rate, {@code >= 1} (the original robot: 115200)
     * @param writeTimeoutMillis the longest a write may block, in milliseconds, {@code >= 1}
     * @throws NullPointerException if {@code portName} is {@code null}
     * @throws IllegalArgumentException if {@code portName} is blank or a number is out of range
     */
    public JSerialCommTransport(String portName, int baudRate, int writeTimeoutMillis) {
        Objects.requireNonNull(portName, "portName");
        if (portName.isBlank()) {
            throw new IllegalArgumentException("portName must not be blank, got \"" + portName + "\"");
        }
        if (baudRate < 1) {
            throw new IllegalArgumentException("baudRate must be >= 1, got " + baudRate);
        }
        if (writeTimeoutMillis < 1) {
            throw new IllegalArgumentException("writeTimeoutMillis must be >= 1, got " + writeTimeoutMillis);
        }
        this.portName = portName;
        this.baudRate = baudRate;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.name = portName + " at " + baudRate + " baud";
    }

    /**
     * Creates a transport with the default write timeout.
     *
     * @param portName the system port name or path, for example {@code /dev/ttyUSB0} or {@code COM3}
     * @param baudRate the baud rate, {@code >= 1} (the original robot: 115200)
     * @throws NullPointerException if {@code portName} is {@code null}
     * @throws IllegalArgumentException if {@code portName} is blank or {@code baudRate < 1}
     */
    public JSerialCommTransport(String portName, int baudRate) {
        this(portName, baudRate, DEFAULT_WRITE_TIMEOUT_MILLIS);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Opens the port, configured as 8N1 at the baud rate; loads jSerialComm's native library on first use.
     *
     * @return {@code true} if open; {@code false} if the port is absent, busy, not permitted or invalid
     */
    @Override
    public boolean open() {
        if (port != null) {
            return true;
        }
        final SerialPort p;
        try {
            p = SerialPort.getCommPort(portName);
        } catch (RuntimeException e) {
            // SerialPortInvalidPortException: no such port descriptor
            return false;
        }
        p.setComPortParameters(baudRate, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                SerialRobot.DEFAULT_READ_TIMEOUT_MILLIS, writeTimeoutMillis);
        currentReadTimeout = SerialRobot.DEFAULT_READ_TIMEOUT_MILLIS;
        if (!p.openPort()) {
            return false;
        }
        port = p;
        return true;
    }

    @Override
    public boolean isOpen() {
        return port != null && port.isOpen();
    }

    @Override
    public int available() {
        if (port == null) {
            return 0;
        }
        return Math.max(0, port.bytesAvailable());
    }

    @Override
    public int read(byte[] dst, int off, int len, int timeoutMillis) {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len < 1) {
            throw new IllegalArgumentException("len must be >= 1, got " + len);
        }
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis must be >= 0, got " + timeoutMillis);
        }
        if (port == null) {
            return -1;
        }
        if (timeoutMillis != currentReadTimeout) {
            // a semi-blocking read with timeout 0 would block forever in jSerialComm: 0 means non-blocking here
            final int mode = timeoutMillis == 0
                    ? SerialPort.TIMEOUT_NONBLOCKING
                    : SerialPort.TIMEOUT_READ_SEMI_BLOCKING;
            port.setComPortTimeouts(mode | SerialPort.TIMEOUT_WRITE_BLOCKING, timeoutMillis, writeTimeoutMillis);
            currentReadTimeout = timeoutMillis;
        }
        final int n = port.readBytes(dst, len, off);
        if (n < 0) {
            close();
            return -1;
        }
        return n;
    }

    @Override
    public int write(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        if (port == null) {
            return -1;
        }
        final int n = port.writeBytes(src, len, off);
        if (n < 0) {
            close();
            return -1;
        }
        return n;
    }

    @Override
    public void close() {
        final SerialPort p = port;
        port = null;
        currentReadTimeout = -1;
        if (p != null) {
            try {
                p.closePort();
            } catch (RuntimeException e) {
                // the device is gone already; nothing else to release
            }
        }
    }
}
