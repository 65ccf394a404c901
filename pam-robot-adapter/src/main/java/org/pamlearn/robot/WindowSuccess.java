// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import org.pamlearn.core.internal.Checks;

/**
 * The real robot's success criterion (docs/ALGORITHMS.md &sect;5): the mean of {@code |E|} over the last
 * {@code window} samples (default 800) below a threshold, checked once {@code startAfter} samples (default 400)
 * have been counted since the line was met. Until the window is full, the mean is over the samples counted so
 * far.
 *
 * <p>Only steps on the line count. A step off the line empties the window: counting starts again when the line
 * is met again, and the check waits another {@code startAfter} samples. So a robot circling on white never
 * succeeds. Preallocates the window; allocation-free afterwards.
 */
public final class WindowSuccess implements SuccessDetector {

    /** The default window, in samples. */
    public static final int DEFAULT_WINDOW = 800;
    /** The default number of samples on the line before the first check. */
    public static final int DEFAULT_START_AFTER = 400;

    private final double threshold;
    private final int startAfter;
    private final double[] window;
    private int next;
    private int filled;
    private long counted;
    private double sum;
    private long steps;
    private long stepsToSuccess = -1;

    /**
     * The criterion with the default window (800) and start (400).
     *
     * @param threshold success when the mean {@code |E|} is below this; finite and {@code > 0}
     * @throws IllegalArgumentException if {@code threshold} is not finite and positive
     */
    public WindowSuccess(double threshold) {
        this(threshold, DEFAULT_WINDOW, DEFAULT_START_AFTER);
    }

    /**
     * The criterion with given parameters.
     *
     * @param threshold success when the mean {@code |E|} is below this; finite and {@code > 0}
     * @param window the number of samples averaged, {@code >= 1}
     * @param startAfter the samples counted on the line before the first check, {@code >= 1}
     * @throws IllegalArgumentException if a parameter is out of range or NaN
     */
    public WindowSuccess(double threshold, int window, int startAfter) {
        Checks.requirePositive("threshold", threshold);
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        if (startAfter < 1) {
            throw new IllegalArgumentException("startAfter must be >= 1, got " + startAfter);
        }
        this.threshold = threshold;
        this.startAfter = startAfter;
        this.window = new double[window];
    }

    @Override
    public boolean update(double error, boolean onLine) {
        steps++;
        if (!onLine || !Double.isFinite(error)) {
            clearWindow();
            return succeeded();
        }
        double a = Math.abs(error);
        if (filled == window.length) {
            sum -= window[next];
        } else {
            filled++;
        }
        window[next] = a;
        sum += a;
        next = next + 1 == window.length ? 0 : next + 1;
        counted++;
        if (stepsToSuccess < 0 && counted >= startAfter && mean() < threshold) {
            stepsToSuccess = steps;
        }
        return succeeded();
    }

    /**
     * Returns the mean {@code |E|} over the samples in the window.
     *
     * @return the mean, or {@code NaN} when the window is empty
     */
    public double mean() {
        // A running sum drifts; the window is short, and the sum is of non-negative terms, so the drift stays in the
        // last bits. Clamp the tiny negative values it could give after removals.
        return filled == 0 ? Double.NaN : Math.max(0.0, sum) / filled;
    }

    private void clearWindow() {
        next = 0;
        filled = 0;
        counted = 0;
        sum = 0.0;
    }

    @Override
    public long stepsToSuccess() {
        return stepsToSuccess;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void reset() {
        clearWindow();
        steps = 0;
        stepsToSuccess = -1;
    }

    @Override
    public String toString() {
        return "WindowSuccess[threshold " + threshold + ", window " + window.length + ", startAfter " + startAfter
                + "]";
    }
}
