// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * Whether a real robot is on the line, for a {@link SuccessDetector}: "some sensor saw the line within the last
 * {@code K} steps" (docs/ALGORITHMS.md &sect;5). A sensor sees the line when its value is above a threshold
 * (predictors, {@code p > 0} on a dark line: {@link #above}) or below one (raw ground-sensor brightness, black &asymp;
 * 0.5 and white &asymp; 0.731: {@link #below}).
 *
 * <p>Allocation-free; not thread-safe.
 */
public final class LineContact {

    private final double threshold;
    private final boolean seesAbove;
    private final int k;
    private long step;
    private long lastSeen = Long.MIN_VALUE;

    private LineContact(double threshold, boolean seesAbove, int k) {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.threshold = threshold;
        this.seesAbove = seesAbove;
        this.k = k;
    }

    /**
     * A sensor sees the line when its value is above {@code threshold}.
     *
     * @param threshold the threshold, finite
     * @param k the number of steps a sighting lasts, {@code >= 1} (1: this step only)
     * @return the detector
     * @throws IllegalArgumentException if {@code threshold} is not finite or {@code k < 1}
     */
    public static LineContact above(double threshold, int k) {
        return new LineContact(threshold, true, k);
    }

    /**
     * A sensor sees the line when its value is below {@code threshold}.
     *
     * @param threshold the threshold, finite
     * @param k the number of steps a sighting lasts, {@code >= 1} (1: this step only)
     * @return the detector
     * @throws IllegalArgumentException if {@code threshold} is not finite or {@code k < 1}
     */
    public static LineContact below(double threshold, int k) {
        return new LineContact(threshold, false, k);
    }

    /**
     * Feeds one step's sample and returns whether the robot counts as on the line: some value of this step's
     * sample, or of one of the {@code K - 1} steps before, saw the line. NaN values see nothing.
     *
     * @param sample the sensor values. Not modified.
     * @param offset the first value to look at
     * @param length the number of values to look at, {@code >= 0}
     * @return whether on the line
     * @throws IndexOutOfBoundsException if the range does not fit in {@code sample}
     */
    public boolean update(double[] sample, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > sample.length) {
            throw new IndexOutOfBoundsException("range " + offset + " + " + length + " does not fit in a sample of "
                    + sample.length + " values");
        }
        step++;
        for (int i = offset; i < offset + length; i++) {
            double v = sample[i];
            if (seesAbove ? v > threshold : v < threshold) {
                lastSeen = step;
                break;
            }
        }
        return onLine();
    }

    /**
     * Returns whether the robot counted as on the line at the last {@link #update}.
     *
     * @return whether on the line; {@code false} before the first update
     */
    public boolean onLine() {
        return lastSeen != Long.MIN_VALUE && step - lastSeen < k;
    }

    /** Forgets every sighting. */
    public void reset() {
        step = 0;
        lastSeen = Long.MIN_VALUE;
    }

    @Override
    public String toString() {
        return "LineContact[" + (seesAbove ? "above " : "below ") + threshold + " within " + k + " steps]";
    }
}
