// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pamlearn.robot.serial.Frames.bytes;

import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The command frame: exact bytes in both byte orders, the start marker, scaling, clamping and NaN. */
class CommandFrameEncoderTest {

    private static byte[] encode(CommandFrameEncoder e, int command) {
        byte[] b = new byte[CommandFrameEncoder.FRAME_BYTES];
        e.encode(command, b, 0);
        return b;
    }

    @Test
    void littleEndianFrameIsCommandZeroZeroMarker() {
        CommandFrameEncoder e = new CommandFrameEncoder(ByteOrder.LITTLE_ENDIAN, 1.0);
        // 2000 = 0x07D0; 32767 = 0x7FFF
        assertArrayEquals(bytes(0xD0, 0x07, 0, 0, 0, 0, 0xFF, 0x7F), encode(e, 2000));
        // -2 = 0xFFFE in two's complement
        assertArrayEquals(bytes(0xFE, 0xFF, 0, 0, 0, 0, 0xFF, 0x7F), encode(e, -2));
        assertArrayEquals(bytes(0, 0, 0, 0, 0, 0, 0xFF, 0x7F), encode(e, 0));
    }

    @Test
    void bigEndianFrameIsCommandZeroZeroMarker() {
        CommandFrameEncoder e = new CommandFrameEncoder(ByteOrder.BIG_ENDIAN, 1.0);
        assertArrayEquals(bytes(0x07, 0xD0, 0, 0, 0, 0, 0x7F, 0xFF), encode(e, 2000));
        // -32766 = 0x8002
        assertArrayEquals(bytes(0x80, 0x02, 0, 0, 0, 0, 0x7F, 0xFF), encode(e, -32766));
    }

    @Test
    void encodeWritesOnlyItsRange() {
        CommandFrameEncoder e = new CommandFrameEncoder(ByteOrder.LITTLE_ENDIAN, 1.0);
        byte[] b = new byte[12];
        java.util.Arrays.fill(b, (byte) 0x55);
        e.encode(1, b, 2);
        assertArrayEquals(bytes(0x55, 0x55, 1, 0, 0, 0, 0, 0, 0xFF, 0x7F, 0x55, 0x55), b);
        assertThrows(IndexOutOfBoundsException.class, () -> e.encode(1, b, 5));
    }

    @Test
    void commandIsScaledRoundedClampedAndNanIsZero() {
        CommandFrameEncoder e = new CommandFrameEncoder(ByteOrder.LITTLE_ENDIAN, 100.0);
        assertEquals(2000, e.command(20.0));
        assertEquals(-1234, e.command(-12.34));
        assertEquals(0, e.command(Double.NaN));
        assertEquals(CommandFrameEncoder.MAX_COMMAND, e.command(1e9));
        assertEquals(-CommandFrameEncoder.MAX_COMMAND, e.command(-1e9));
        assertEquals(CommandFrameEncoder.MAX_COMMAND, e.command(Double.POSITIVE_INFINITY));
        assertEquals(-CommandFrameEncoder.MAX_COMMAND, e.command(Double.NEGATIVE_INFINITY));
        // the clamp stays one below the start marker so that a command never equals it
        assertEquals(32766, CommandFrameEncoder.MAX_COMMAND);
        assertEquals(32767, CommandFrameEncoder.START_MARKER);
    }

    @Test
    void preconditions() {
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
            () -> new CommandFrameEncoder(ByteOrder.LITTLE_ENDIAN, 0.0));
        assertTrue(g.getMessage().contains("gain must be finite and > 0, got 0.0"), g.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
            () -> new CommandFrameEncoder(ByteOrder.LITTLE_ENDIAN, Double.NaN));
        assertTrue(n.getMessage().contains("got NaN"), n.getMessage());
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
            () -> new CommandFrameEncoder(ByteOrder.LITTLE_ENDIAN, Double.POSITIVE_INFINITY));
        assertTrue(i.getMessage().contains("got Infinity"), i.getMessage());
        NullPointerException o = assertThrows(NullPointerException.class, () -> new CommandFrameEncoder(null, 1.0));
        assertTrue(o.getMessage().contains("order"), o.getMessage());
        CommandFrameEncoder e = new CommandFrameEncoder(ByteOrder.LITTLE_ENDIAN, 1.0);
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
            () -> e.encode(32767, new byte[8], 0));
        assertTrue(r.getMessage().contains("command must be in [-32766, 32766], got 32767"), r.getMessage());
    }
}
