// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.Objects;

/**
 * Runs a control step (usually {@code controller::step}) at a fixed period, on the calling thread
 * ({@link #run()}) or on a thread of its own ({@link #start()}), waiting by parking until each deadline rather
 * than through an executor.
 *
 * <p>Step {@code k} is due at {@code t0 + k * period}. A step that ends after the next step's deadline is an
 * overrun: it is counted, the next step starts at once, and the schedule restarts from that moment (missed
 * periods are skipped, not caught up in a burst). When the loop ends, for whatever reason (a {@link #stop()},
 * an interrupt, or an exception from the step, which is rethrown by {@code run()}), the motors are stopped. A
 * drive whose {@code stop()} throws does not end the program there: the failure is counted
 * ({@link #stopFailures()}, {@link #lastStopFailure()}) and never escapes {@code run()} or {@link #close()}.
 *
 * <p>{@link #stop()} may be called from any thread, also from inside the step; the loop ends after the step in
 * progress. A loop runs once: after it has ended, {@code run()} and {@code start()} throw.
 */
public final class FixedRateLoop implements AutoCloseable {

    private final Runnable step;
    private final long periodNanos;
    private final DifferentialDrive drive;
    private final TimeSource time;
    private volatile boolean stopRequested;
    private volatile long steps;
    private volatile long overruns;
    private boolean started;
    private Thread thread;
    private volatile RuntimeException failure;
    private volatile int stopFailures;
    private volatile RuntimeException lastStopFailure;

    /**
     * A loop on the system clock.
     *
     * @param step the control step, run once per period
     * @param periodNanos the period in nanoseconds, {@code > 0} (30 ms: {@code 30_000_000})
     * @param drive the motors, stopped when the loop ends
     * @throws IllegalArgumentException if {@code periodNanos <= 0}
     */
    public FixedRateLoop(Runnable step, long periodNanos, DifferentialDrive drive) {
        this(step, periodNanos, drive, TimeSource.system());
    }

    /**
     * A loop on a given clock.
     *
     * @param step the control step, run once per period
     * @param periodNanos the period in nanoseconds, {@code > 0}
     * @param drive the motors, stopped when the loop ends
     * @param time the clock
     * @throws IllegalArgumentException if {@code periodNanos <= 0}
     */
    public FixedRateLoop(Runnable step, long periodNanos, DifferentialDrive drive, TimeSource time) {
        this.step = Objects.requireNonNull(step, "step");
        this.drive = Objects.requireNonNull(drive, "drive");
        this.time = Objects.requireNonNull(time, "time");
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("periodNanos must be > 0, got " + periodNanos);
        }
        this.periodNanos = periodNanos;
    }

    /**
     * Runs the loop on the calling thread until {@link #stop()} or an interrupt; then stops the motors.
     *
     * @throws IllegalStateException if the loop has already been started
     * @throws RuntimeException what the step threw, after the motors have been stopped
     */
    public void run() {
        claim();
        loop();
    }

    /** Marks the loop as started, once. */
    private synchronized void claim() {
        if (started) {
            throw new IllegalStateException("the loop has already run: a FixedRateLoop runs once");
        }
        started = true;
    }

    private void loop() {
        try {
            long deadline = time.nanoTime();
            while (!stopRequested && !Thread.currentThread().isInterrupted()) {
                step.run();
                steps++;
                deadline += periodNanos;
                long now = time.nanoTime();
                if (now > deadline) {
                    overruns++;
                    deadline = now;
                } else if (!stopRequested) {
                    time.parkUntil(deadline);
                }
            }
        } finally {
            stopMotors();
        }
    }

    /** Stops the motors; a drive that throws is counted, not passed on (it must not hide the step's exception). */
    private void stopMotors() {
        try {
            drive.stop();
        } catch (RuntimeException e) {
            synchronized (this) {
                stopFailures++;
                lastStopFailure = e;
            }
        }
    }

    /**
     * Runs the loop on a new thread named {@code pamlearn-control}.
     *
     * @throws IllegalStateException if the loop has already been started
     */
    public synchronized void start() {
        claim();
        Thread t = new Thread(() -> {
            try {
                loop();
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "pamlearn-control");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Asks the loop to end after the step in progress; returns at once. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Stops the loop, waits for its thread (if {@link #start()} made one; at most one step and one period) and
     * stops the motors. Never throws (a failing {@code stop()} is counted in {@link #stopFailures()}); an interrupt
     * while waiting is passed on (the flag is set again).
     */
    @Override
    public void close() {
        stop();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            // No interrupt: it would close an interruptible channel the step may be writing (a session log on
            // Files.newBufferedWriter). The loop sees the stop request after its current step and wait, so this
            // waits at most one step and one period.
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopMotors();
    }

    /**
     * Returns the number of steps run.
     *
     * @return the steps
     */
    public long steps() {
        return steps;
    }

    /**
     * Returns the number of steps that ended after the next step was due.
     *
     * @return the overruns
     */
    public long overruns() {
        return overruns;
    }

    /**
     * Returns the period.
     *
     * @return the period in nanoseconds
     */
    public long periodNanos() {
        return periodNanos;
    }

    /**
     * Returns how many times stopping the motors failed (the drive's {@code stop()} threw).
     *
     * @return the failed stops
     */
    public int stopFailures() {
        return stopFailures;
    }

    /**
     * Returns what the drive's {@code stop()} threw the last time it failed.
     *
     * @return the exception, or {@code null} if no stop failed
     */
    public RuntimeException lastStopFailure() {
        return lastStopFailure;
    }

    /**
     * Returns what the step threw on the thread made by {@link #start()}, if it ended that way.
     *
     * @return the exception, or {@code null}
     */
    public RuntimeException failure() {
        return failure;
    }
}
