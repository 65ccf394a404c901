// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pamlearn.robot.DifferentialDrive;
import org.pamlearn.robot.FixedRateLoop;

/**
 * Stops a robot's drive when the JVM exits while its control loop runs (Ctrl-C, SIGTERM, {@code System.exit}):
 * a shutdown hook asks the loop to stop, waits for it to end (the loop stops the motors itself when it ends, also
 * when a step throws), then closes the drive, whose {@code close()} sends the last zero command. It lives in the
 * robot library, not in an application, so that every program that drives a robot gets it.
 *
 * <p>Use one per session, closed when the loop has ended:
 *
 * <pre>
 *   MotorSafety safety = MotorSafety.arm(loop, robot, 3000, true);
 *   try {
 *       loop.run();
 *   } finally {
 *       safety.close();
 *   }
 * </pre>
 *
 * <p>With a jSerialComm port the hook is registered with {@link SerialPort#addShutdownHook(Thread)}: jSerialComm
 * closes every port in its own shutdown hook, and hooks given to it run before that, so the zero command still
 * reaches the robot. Otherwise (tests, other transports) it is a plain {@link Runtime} hook, removed again by
 * {@link #close()}.
 */
public final class MotorSafety implements AutoCloseable {

    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private final Thread hook;
    private final boolean viaJSerialComm;

    private MotorSafety(FixedRateLoop loop, DifferentialDrive drive, long waitMillis, boolean viaJSerialComm) {
        this.viaJSerialComm = viaJSerialComm;
        this.hook = new Thread(() -> {
            loop.stop();
            try {
                loopEnded.await(waitMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drive.close();
        }, "pamlearn-motor-safety");
    }

    /**
     * Registers the stop for the JVM's exit.
     *
     * @param loop the control loop
     * @param drive the drive it commands; closed on exit
     * @param waitMillis how long the hook waits for the loop to end before it closes the drive, {@code >= 0}
     * @param viaJSerialComm whether the drive talks through a jSerialComm port (see the class comment)
     * @return the armed stop; {@link #close()} it when the loop has ended
     * @throws IllegalArgumentException if {@code waitMillis < 0}
     * @throws NullPointerException if {@code loop} or {@code drive} is null
     */
    public static MotorSafety arm(FixedRateLoop loop, DifferentialDrive drive, long waitMillis,
            boolean viaJSerialComm) {
        Objects.requireNonNull(loop, "loop");
        Objects.requireNonNull(drive, "drive");
        if (waitMillis < 0) {
            throw new IllegalArgumentException("waitMillis must be >= 0, got " + waitMillis);
        }
        MotorSafety safety = new MotorSafety(loop, drive, waitMillis, viaJSerialComm);
        if (viaJSerialComm) {
            SerialPort.addShutdownHook(safety.hook);
        } else {
            Runtime.getRuntime().addShutdownHook(safety.hook);
        }
        return safety;
    }

    /**
     * Tells the hook that the loop has ended and, for a plain hook, removes it (jSerialComm offers no removal;
     * its hook then only closes a drive that is already closed, which does nothing). Never throws.
     */
    @Override
    public void close() {
        loopEnded.countDown();
        if (!viaJSerialComm) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and finds the loop ended
            }
        }
    }
}
