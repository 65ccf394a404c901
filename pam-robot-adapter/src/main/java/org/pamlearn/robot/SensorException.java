// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * A sensor could not deliver a sample: a torn frame, a timeout, a lost connection. The controller turns it into a
 * reflex-only step (with the last good sample) and counts it; it never ends the control loop by itself.
 */
public class SensorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the sensor or port
     */
    public SensorException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, naming the sensor or port
     * @param cause the underlying failure, for example an {@link java.io.IOException}
     */
    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
