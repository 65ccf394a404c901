// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import java.util.Objects;
import org.pamlearn.robot.SampleProvider;

/**
 * Splits one sensor frame of a robot (its 8 light sensors) into the reflex sensor and the predictor sensor of a
 * {@code ClosedLoopController}, reading the robot <em>once</em> per control step: the {@link #reflex()} view
 * fetches a frame and keeps it; the {@link #predictors()} view, read next in the same step, uses that frame (it
 * fetches one of its own only if the reflex view has not fetched since its last read).
 *
 * <p>The reflex view gives the chosen sensors' values as they are. The predictor view gives the darkness of the
 * chosen sensors, {@code p_i = max(0, gain * (white - s_i))}: about 0 on a white floor, large over a dark line,
 * like the simulator's look-ahead predictors (docs/ALGORITHMS.md &sect;5).
 *
 * <p>Allocation-free per step. Not thread-safe: the control thread only.
 */
public final class RobotSensors {

    private final SampleProvider robot;
    private final int[] reflexIndex;
    private final int[] predictorIndex;
    private final double white;
    private final double gain;
    private final double[] frame;
    private boolean fresh;

    private final SampleProvider reflexView = new SampleProvider() {
        @Override
        public int sampleSize() {
            return reflexIndex.length;
        }

        @Override
        public void fetchSample(double[] dst, int offset) {
            fetch();
            fresh = true;
            for (int k = 0; k < reflexIndex.length; k++) {
                dst[offset + k] = frame[reflexIndex[k]];
            }
        }
    };

    private final SampleProvider predictorView = new SampleProvider() {
        @Override
        public int sampleSize() {
            return predictorIndex.length;
        }

        @Override
        public void fetchSample(double[] dst, int offset) {
            if (!fresh) {
                fetch();
            }
            fresh = false;
            for (int k = 0; k < predictorIndex.length; k++) {
                dst[offset + k] = Math.max(0.0, gain * (white - frame[predictorIndex[k]]));
            }
        }
    };

    /**
     * Splits a robot's sample.
     *
     * @param robot the robot's sensors
     * @param reflexIndex the sensors of the reflex sample, in its order. Not modified (copied).
     * @param predictorIndex the sensors of the predictor sample, in its order. Not modified (copied).
     * @param white the sensor value on a white floor
     * @param gain the predictor gain
     * @throws IllegalArgumentException if an index is outside the robot's sample
     * @throws NullPointerException if {@code robot} or an index array is null
     */
    public RobotSensors(SampleProvider robot, int[] reflexIndex, int[] predictorIndex, double white, double gain) {
        this.robot = Objects.requireNonNull(robot, "robot");
        this.reflexIndex = reflexIndex.clone();
        this.predictorIndex = predictorIndex.clone();
        this.white = white;
        this.gain = gain;
        this.frame = new double[robot.sampleSize()];
        checkIndices("reflex", this.reflexIndex);
        checkIndices("predictor", this.predictorIndex);
    }

    private void checkIndices(String what, int[] index) {
        for (int i : index) {
            if (i < 0 || i >= frame.length) {
                throw new IllegalArgumentException(what + " sensor " + i + " is not one of the robot's sensors 0.."
                        + (frame.length - 1));
            }
        }
    }

    private void fetch() {
        fresh = false;
        robot.fetchSample(frame, 0);
    }

    /**
     * Returns the reflex sensor view.
     *
     * @return the view; its sample holds the chosen reflex sensors' values
     */
    public SampleProvider reflex() {
        return reflexView;
    }

    /**
     * Returns the predictor sensor view.
     *
     * @return the view; its sample holds the chosen predictor sensors' darkness
     */
    public SampleProvider predictors() {
        return predictorView;
    }
}
