// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import org.pamlearn.core.internal.Checks;

/**
 * FCL's success criterion (docs/ALGORITHMS.md &sect;5): an exponential moving average
 * {@code avg <- avg + alpha (E - avg)} of the error, and success when {@code |avg| < threshold} for more than
 * {@code runLength} consecutive counted steps. Defaults: {@code alpha = 0.01}, {@code threshold = 0.001},
 * {@code runLength = 1000}.
 *
 * <p>The average takes every step's error (the simulator feeds {@code E = 0} while it repositions the robot); the
 * run counts only steps on the line with {@code |avg| < threshold}, and any other step resets it to 0.
 */
public final class EmaSuccess implements SuccessDetector {

    /** The default smoothing factor. */
    public static final double DEFAULT_ALPHA = 0.01;
    /** The default threshold on {@code |avg|}. */
    public static final double DEFAULT_THRESHOLD = 0.001;
    /** The default run length: success needs more than this many consecutive counted steps. */
    public static final int DEFAULT_RUN_LENGTH = 1000;

    private final double alpha;
    private final double threshold;
    private final int runLength;
    private double average;
    private long run;
    private long steps;
    private long stepsToSuccess = -1;

    /** The criterion with the defaults. */
    public EmaSuccess() {
        this(DEFAULT_ALPHA, DEFAULT_THRESHOLD, DEFAULT_RUN_LENGTH);
    }

    /**
     * The criterion with given parameters.
     *
     * @param alpha the smoothing factor, in {@code (0, 1]}
     * @param threshold the bound on {@code |avg|}, finite and {@code > 0}
     * @param runLength success needs more than this many consecutive counted steps, {@code >= 0}
     * @throws IllegalArgumentException if a parameter is out of range or NaN
     */
    public EmaSuccess(double alpha, double threshold, int runLength) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        }
        Checks.requirePositive("threshold", threshold);
        if (runLength < 0) {
            throw new IllegalArgumentException("runLength must be >= 0, got " + runLength);
        }
        this.alpha = alpha;
        this.threshold = threshold;
        this.runLength = runLength;
    }

    @Override
    public boolean update(double error, boolean onLine) {
        steps++;
        if (!Double.isFinite(error)) {
            run = 0;
            return succeeded();
        }
        average += alpha * (error - average);
        if (onLine && Math.abs(average) < threshold) {
            run++;
        } else {
            run = 0;
        }
        if (stepsToSuccess < 0 && run > runLength) {
            stepsToSuccess = steps;
        }
        return succeeded();
    }

    @Override
    public long stepsToSuccess() {
        return stepsToSuccess;
    }

    @Override
    public long steps() {
        return steps;
    }

    /**
     * Returns the moving average of the error.
     *
     * @return {@code avg}
     */
    public double average() {
        return average;
    }

    /**
     * Returns the current run of counted steps with {@code |avg| < threshold}.
     *
     * @return the run length so far
     */
    public long run() {
        return run;
    }

    @Override
    public void reset() {
        average = 0.0;
        run = 0;
        steps = 0;
        stepsToSuccess = -1;
    }

    @Override
    public String toString() {
        return "EmaSuccess[alpha " + alpha + ", threshold " + threshold + ", runLength " + runLength + "]";
    }
}
