// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import org.pamlearn.robot.SampleProvider;

/**
 * The simulator's camera grid ({@code R x C} mirrored patch differences, positive when the line is on the left)
 * unfolded into {@code R} rows of {@code 2C} non-negative predictors from left to right, like the sensor rows:
 * column {@code c} (0-based, from the centre outwards) of a row gives {@code max(0, v)} at position
 * {@code C - 1 - c} (left half) and {@code max(0, -v)} at {@code C + c} (right half). So a
 * {@link org.pamlearn.robot.LookaheadPosition} over the farthest row's {@code 2C} values gives the look-ahead
 * position {@code q} of the camera, centre {@code (2C + 1) / 2}. Allocation-free.
 */
final class UnfoldedCamera implements SampleProvider {

    private final SampleProvider camera;
    private final int rows;
    private final int columns;
    private final double[] raw;

    /**
     * Unfolds a camera sample.
     *
     * @param camera the camera, sample size {@code rows * columns}
     * @param rows the camera rows {@code R}
     * @param columns the camera columns {@code C}
     */
    UnfoldedCamera(SampleProvider camera, int rows, int columns) {
        if (camera.sampleSize() != rows * columns) {
            throw new IllegalArgumentException("camera sample size " + camera.sampleSize() + " is not rows * columns = "
                    + rows + " * " + columns);
        }
        this.camera = camera;
        this.rows = rows;
        this.columns = columns;
        this.raw = new double[rows * columns];
    }

    @Override
    public int sampleSize() {
        return 2 * rows * columns;
    }

    @Override
    public void fetchSample(double[] dst, int offset) {
        camera.fetchSample(raw, 0);
        for (int r = 0; r < rows; r++) {
            int out = offset + 2 * columns * r;
            for (int c = 0; c < columns; c++) {
                double v = raw[r * columns + c];
                dst[out + columns - 1 - c] = v > 0 ? v : 0.0;
                dst[out + columns + c] = v < 0 ? -v : 0.0;
            }
        }
    }
}
