// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * The two wheels of a differential-drive robot. Commands are fail-safe: an implementation clamps each command to
 * {@code [-maxSpeed(), maxSpeed()]} and turns NaN into 0 (with {@link #safe}) instead of throwing inside a control
 * loop (WPILib's {@code MotorController.set} convention).
 */
public interface DifferentialDrive extends AutoCloseable {

    /**
     * Returns the largest speed command magnitude.
     *
     * @return the clamp, finite and {@code > 0}, in the drive's own units (the simulator: wheel speed units)
     */
    double maxSpeed();

    /**
     * Sets both wheel speeds; never throws for a bad value.
     *
     * @param left the left wheel's command; clamped, NaN becomes 0
     * @param right the right wheel's command; clamped, NaN becomes 0
     */
    void drive(double left, double right);

    /** Stops both wheels (sets them to 0). */
    void stop();

    /** Stops both wheels and releases the drive; calling it again does nothing. Never throws. */
    @Override
    void close();

    /**
     * The command a fail-safe drive applies: {@code x} clamped to {@code [-limit, limit]}, 0 for NaN.
     *
     * @param x the requested command
     * @param limit the clamp, {@code > 0}
     * @return the safe command
     */
    static double safe(double x, double limit) {
        if (Double.isNaN(x)) {
            return 0.0;
        }
        return Math.max(-limit, Math.min(limit, x));
    }
}
