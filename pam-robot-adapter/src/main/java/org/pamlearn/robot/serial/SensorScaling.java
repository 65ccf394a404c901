// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

/** How a raw light-sensor byte (unsigned, {@code 1..255} on the wire) becomes a sample value. */
public enum SensorScaling {

    /** {@code raw / 255}: values in {@code (0, 1]}, the same range as the simulator's ground sensors (default). */
    UNIT {
        @Override
        public double scale(int raw) {
            return raw * (1.0 / 255.0);
        }
    },

    /** The raw byte as it is: values {@code 1..255}, for firmware-level debugging and logs. */
    RAW {
        @Override
        public double scale(int raw) {
            return raw;
        }
    };

    /**
     * Scales one raw byte.
     *
     * @param raw the unsigned byte, {@code 0..255}
     * @return the sample value
     */
    public abstract double scale(int raw);
}
