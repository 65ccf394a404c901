// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.SplittableRandom;

/**
 * A 1-D line follower for tests: {@code y} is the line's lateral offset from the robot (positive: line to the
 * left), and each drive command moves the plant one step, {@code y <- decay * y + D(n) + beta * (left - right)}.
 * The disturbance {@code D(n)} is a seeded sequence of left and right bends of magnitude {@code bend} between
 * straights. The reflex sensor's four values give {@code E = -clamp(y, -1, 1)} with {@link ReflexErrors#authors()};
 * the predictor sensor is a row of 5 columns showing a unit blob at column {@code 3 + 2 sgn(D(n + T))}: the bend
 * {@code T} steps ahead.
 */
final class LinePlant implements DifferentialDrive {

    static final int COLUMNS = 5;

    private final double[] disturbance;
    private final int lookahead;
    private final double beta;
    private final double decay;
    private double y;
    private int n;
    private double left;
    private double right;
    private int stops;
    private boolean closed;

    LinePlant(long seed, int steps, int lookahead, double bend, double beta) {
        this.lookahead = lookahead;
        this.beta = beta;
        this.decay = 1.0;
        this.disturbance = new double[steps + lookahead + 1];
        SplittableRandom random = new SplittableRandom(seed);
        int k = 0;
        double sign = random.nextBoolean() ? 1.0 : -1.0;
        while (k < disturbance.length) {
            int straight = 20 + random.nextInt(40);
            k += straight;
            int length = 30 + random.nextInt(40);
            for (int j = 0; j < length && k < disturbance.length; j++, k++) {
                disturbance[k] = sign * bend;
            }
            sign = -sign;
        }
    }

    final SampleProvider reflex = new SampleProvider() {
        @Override
        public int sampleSize() {
            return 4;
        }

        @Override
        public void fetchSample(double[] dst, int offset) {
            double e = -Math.max(-1.0, Math.min(1.0, y));
            dst[offset] = 0.0;
            dst[offset + 1] = e / 2;
            dst[offset + 2] = -e / 2;
            dst[offset + 3] = 0.0;
        }
    };

    final SampleProvider predictors = new SampleProvider() {
        @Override
        public int sampleSize() {
            return COLUMNS;
        }

        @Override
        public void fetchSample(double[] dst, int offset) {
            double ahead = disturbance[Math.min(n + lookahead, disturbance.length - 1)];
            int column = 3 + (int) (2 * Math.signum(ahead));
            for (int c = 1; c <= COLUMNS; c++) {
                dst[offset + c - 1] = c == column ? 1.0 : 0.0;
            }
        }
    };

    @Override
    public double maxSpeed() {
        return 100.0;
    }

    @Override
    public void drive(double l, double r) {
        left = DifferentialDrive.safe(l, 100.0);
        right = DifferentialDrive.safe(r, 100.0);
        y = decay * y + disturbance[Math.min(n, disturbance.length - 1)] + beta * (left - right);
        n++;
    }

    @Override
    public void stop() {
        left = 0.0;
        right = 0.0;
        stops++;
    }

    @Override
    public void close() {
        stop();
        closed = true;
    }

    double offset() {
        return y;
    }

    boolean onLine() {
        return Math.abs(y) < 1.0;
    }

    int stops() {
        return stops;
    }

    boolean closed() {
        return closed;
    }
}
