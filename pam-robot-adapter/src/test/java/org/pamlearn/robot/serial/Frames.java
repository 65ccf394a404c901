// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

/** Builds sensor-stream bytes for tests. */
final class Frames {

    private Frames() {
    }

    /** One wire frame: the 8 raw sensor bytes (1..255) and the 0 sync byte. */
    static byte[] frame(int... raw) {
        if (raw.length != SensorFrameDecoder.SENSORS) {
            throw new IllegalArgumentException("a frame has 8 sensor bytes, got " + raw.length);
        }
        byte[] f = new byte[SensorFrameDecoder.FRAME_BYTES];
        for (int s = 0; s < raw.length; s++) {
            f[s] = (byte) raw[s];
        }
        return f;
    }

    /** The frame whose sensor bytes are base, base+1, ..., base+7 (base in 1..248). */
    static byte[] ramp(int base) {
        int[] raw = new int[SensorFrameDecoder.SENSORS];
        for (int s = 0; s < raw.length; s++) {
            raw[s] = base + s;
        }
        return frame(raw);
    }

    /** The values {@link #ramp} decodes to with raw scaling. */
    static double[] rampValues(int base) {
        double[] v = new double[SensorFrameDecoder.SENSORS];
        for (int s = 0; s < v.length; s++) {
            v[s] = base + s;
        }
        return v;
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Bytes from ints. */
    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            b[k] = (byte) values[k];
        }
        return b;
    }
}
