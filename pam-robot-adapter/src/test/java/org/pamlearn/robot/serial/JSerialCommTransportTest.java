// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pamlearn.robot.SensorException;

/**
 * The jSerialComm transport without hardware: its preconditions, its closed state, and a port that does not
 * exist (which loads jSerialComm's native library and must fail softly, as an unplugged robot does).
 */
class JSerialCommTransportTest {

    private static final String ABSENT = "/dev/ttyPAMLEARN-absent-port";

    @Test
    void nameTellsPortAndBaudRate() {
        assertEquals("/dev/ttyUSB0 at 115200 baud", new JSerialCommTransport("/dev/ttyUSB0", 115_200).name());
    }

    @Test
    void closedTransportReportsALostPortAndNothingAvailable() {
        JSerialCommTransport t = new JSerialCommTransport(ABSENT, 115_200);
        assertFalse(t.isOpen());
        assertEquals(0, t.available());
        assertEquals(-1, t.read(new byte[9], 0, 9, 10));
        assertEquals(-1, t.write(new byte[8], 0, 8));
        t.close();
        t.close();
    }

    @Test
    void absentPortDoesNotOpen() {
        JSerialCommTransport t = new JSerialCommTransport(ABSENT, 115_200);
        assertFalse(t.open());
        assertFalse(t.isOpen());
        t.close();
    }

    @Test
    void serialRobotOnAnAbsentPortFailsWithAClearMessage() {
        SerialRobot robot = SerialRobot.builder(new JSerialCommTransport(ABSENT, 115_200)).build();
        SensorException e = assertThrows(SensorException.class, robot::open);
        assertTrue(e.getMessage().contains(ABSENT + " at 115200 baud: cannot open the port"), e.getMessage());
        robot.drive(10, 0);
        robot.close();
        assertEquals(2, robot.stats().writeFailures());
    }

    @Test
    void preconditions() {
        NullPointerException n = assertThrows(NullPointerException.class, () -> new JSerialCommTransport(null, 9600));
        assertTrue(n.getMessage().contains("portName"), n.getMessage());
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
            () -> new JSerialCommTransport(" ", 9600));
        assertTrue(blank.getMessage().contains("portName must not be blank"), blank.getMessage());
        IllegalArgumentException baud = assertThrows(IllegalArgumentException.class,
            () -> new JSerialCommTransport("COM3", 0));
        assertTrue(baud.getMessage().contains("baudRate must be >= 1, got 0"), baud.getMessage());
        IllegalArgumentException wt = assertThrows(IllegalArgumentException.class,
            () -> new JSerialCommTransport("COM3", 9600, 0));
        assertTrue(wt.getMessage().contains("writeTimeoutMillis must be >= 1, got 0"), wt.getMessage());
        JSerialCommTransport t = new JSerialCommTransport("COM3", 9600);
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
            () -> t.read(new byte[4], 0, 0, 10));
        assertTrue(len.getMessage().contains("len must be >= 1, got 0"), len.getMessage());
        IllegalArgumentException to = assertThrows(IllegalArgumentException.class,
            () -> t.read(new byte[4], 0, 4, -1));
        assertTrue(to.getMessage().contains("timeoutMillis must be >= 0, got -1"), to.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> t.read(new byte[4], 2, 4, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> t.write(new byte[4], 2, 4));
    }
}
