// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import java.util.Arrays;

/**
 * What a {@link LineFollowerRun} recorded for its plots: per step the closed-loop error {@code E}, its
 * exponential moving average (the success criterion's average) and the robot's position; every
 * {@link #WEIGHT_EVERY} steps the weight distance of each layer from its initial weights. Grows as the run goes
 * (amortised, a doubling array); read it after the run.
 */
public final class Trace {

    /** Weight distances are sampled every this many steps. */
    public static final int WEIGHT_EVERY = 10;

    private final int layers;
    private double[] error = new double[1024];
    private double[] average = new double[1024];
    private double[] x = new double[1024];
    private double[] y = new double[1024];
    private boolean[] onLine = new boolean[1024];
    private int n;
    private double[] weightStep = new double[128];
    private double[] weights;
    private int nWeights;

    Trace(int layers) {
        this.layers = layers;
        this.weights = new double[128 * Math.max(layers, 1)];
    }

    void add(double e, double avg, double px, double py, boolean on) {
        if (n == error.length) {
            int size = 2 * n;
            error = Arrays.copyOf(error, size);
            average = Arrays.copyOf(average, size);
            x = Arrays.copyOf(x, size);
            y = Arrays.copyOf(y, size);
            onLine = Arrays.copyOf(onLine, size);
        }
        error[n] = e;
        average[n] = avg;
        x[n] = px;
        y[n] = py;
        onLine[n] = on;
        n++;
    }

    void addWeights(long step, double[] distances) {
        if (nWeights == weightStep.length) {
            weightStep = Arrays.copyOf(weightStep, 2 * nWeights);
            weights = Arrays.copyOf(weights, 2 * nWeights * layers);
        }
        weightStep[nWeights] = step;
        System.arraycopy(distances, 0, weights, nWeights * layers, layers);
        nWeights++;
    }

    /**
     * Returns the number of steps recorded.
     *
     * @return the steps
     */
    public int steps() {
        return n;
    }

    /**
     * Returns whether the robot was on the line at each step (before the step; the simulator's distance to the line).
     *
     * @return one flag per step (a copy)
     */
    public boolean[] onLine() {
        return Arrays.copyOf(onLine, n);
    }

    /**
     * Returns the closed-loop error of each step.
     *
     * @return a copy, one value per step
     */
    public double[] error() {
        return Arrays.copyOf(error, n);
    }

    /**
     * Returns the success criterion's moving average of the error after each step.
     *
     * @return a copy, one value per step
     */
    public double[] average() {
        return Arrays.copyOf(average, n);
    }

    /**
     * Returns the robot's x (world units) at each step, before the step's move.
     *
     * @return a copy, one value per step
     */
    public double[] x() {
        return Arrays.copyOf(x, n);
    }

    /**
     * Returns the robot's y (world units) at each step, before the step's move.
     *
     * @return a copy, one value per step
     */
    public double[] y() {
        return Arrays.copyOf(y, n);
    }

    /**
     * Returns the number of network layers (0 without a network).
     *
     * @return the layers
     */
    public int layers() {
        return layers;
    }

    /**
     * Returns the steps (1-based) at which the weight distances were sampled.
     *
     * @return a copy
     */
    public double[] weightSteps() {
        return Arrays.copyOf(weightStep, nWeights);
    }

    /**
     * Returns one layer's weight distance from its initial weights at each sample of {@link #weightSteps()}.
     *
     * @param layer the layer, 0-based
     * @return a new array
     * @throws IndexOutOfBoundsException if {@code layer} is not a layer
     */
    public double[] weightDistance(int layer) {
        if (layer < 0 || layer >= layers) {
            throw new IndexOutOfBoundsException("layer " + layer + " of " + layers);
        }
        double[] d = new double[nWeights];
        for (int k = 0; k < nWeights; k++) {
            d[k] = weights[k * layers + layer];
        }
        return d;
    }
}
