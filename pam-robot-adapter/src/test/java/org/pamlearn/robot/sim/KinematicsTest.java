// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential-drive kinematics against closed-form poses (no noise, to 1e-9), the wheel clamp and the motor
 * noise bounds. The track is black everywhere so that the robot never counts as lost.
 */
class KinematicsTest {

    private static final double TOL = 1e-9;
    private static Track field;

    @BeforeAll
    static void track() {
        field = SimFixtures.allDark(600, 600);
    }

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    @Test
    void straightDriveMovesAlongTheHeading() {
        LineFollowerSim sim = SimFixtures.exact(field);
        sim.setPose(300, 300, 0.3);
        sim.drive().drive(90, 90);
        for (int k = 0; k < 100; k++) {
            sim.advance();
        }
        // 90 speed units * 1/3 = 30 units/s over 100 steps of 0.03 s = 90 units.
        assertEquals(300 + 90 * Math.cos(0.3), sim.x(), TOL);
        assertEquals(300 + 90 * Math.sin(0.3), sim.y(), TOL);
        assertEquals(0.3, sim.heading(), TOL);
        assertEquals(100, sim.stepCount());
    }

    @Test
    void turningOnTheSpotKeepsThePosition() {
        LineFollowerSim sim = SimFixtures.exact(field);
        sim.setPose(300, 300, 0);
        sim.drive().drive(-50, 50);
        double omega = 100.0 / 3.0 / LineFollowerSim.WHEEL_DISTANCE; // rad/s, counter-clockwise
        for (int k = 1; k <= 100; k++) {
            sim.advance();
            assertEquals(300, sim.x(), TOL, "step " + k);
            assertEquals(300, sim.y(), TOL, "step " + k);
            assertEquals(0, Angles.wrap(sim.heading() - omega * 0.03 * k), TOL, "step " + k);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void constantArcMatchesTheCircle(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double left = random.nextDouble(-100, 100);
        double right = random.nextDouble(-100, 100);
        if (Math.abs(right - left) < 1) {
            right = left + 1;
        }
        double x0 = random.nextDouble(250, 350);
        double y0 = random.nextDouble(250, 350);
        double h0 = random.nextDouble(-Math.PI, Math.PI);
        LineFollowerSim sim = SimFixtures.exact(field);
        sim.setPose(x0, y0, h0);
        sim.drive().drive(left, right);
        double v = 0.5 * (left + right) / 3.0;
        double omega = (right - left) / 3.0 / LineFollowerSim.WHEEL_DISTANCE;
        for (int k = 1; k <= 50; k++) {
            sim.advance();
            double t = 0.03 * k;
            double h = h0 + omega * t;
            assertEquals(x0 + v / omega * (Math.sin(h) - Math.sin(h0)), sim.x(), TOL, "seed " + seed + " step " + k);
            assertEquals(y0 - v / omega * (Math.cos(h) - Math.cos(h0)), sim.y(), TOL, "seed " + seed + " step " + k);
            assertEquals(0, Angles.wrap(sim.heading() - h), TOL, "seed " + seed + " step " + k);
            assertTrue(sim.heading() > -Math.PI && sim.heading() <= Math.PI, "seed " + seed + " heading wrapped");
        }
    }

    @Test
    void aSpeedScaleScalesTheMotion() {
        LineFollowerSim sim = LineFollowerSim.builder().track(field).motorNoise(false).speedScale(1.0).build();
        sim.setPose(100, 100, 0);
        sim.drive().drive(90, 90);
        sim.advance();
        assertEquals(100 + 90 * 0.03, sim.x(), TOL, "90 units/s for 0.03 s");
        assertEquals(1.0, sim.speedScale(), 0.0);
    }

    @Test
    void commandsAreClampedAndNanIsZero() {
        LineFollowerSim sim = SimFixtures.exact(field);
        sim.setPose(300, 300, 0);
        assertEquals(100.0, sim.drive().maxSpeed(), 0.0);
        sim.drive().drive(250, -1e9);
        assertEquals(100.0, sim.leftCommand(), 0.0);
        assertEquals(-100.0, sim.rightCommand(), 0.0);
        sim.advance();
        assertEquals(100.0, sim.leftWheelSpeed(), 0.0);
        assertEquals(-100.0, sim.rightWheelSpeed(), 0.0);
        sim.drive().drive(Double.NaN, Double.POSITIVE_INFINITY);
        assertEquals(0.0, sim.leftCommand(), 0.0);
        assertEquals(100.0, sim.rightCommand(), 0.0);
        sim.drive().drive(Double.NEGATIVE_INFINITY, Double.NaN);
        assertEquals(-100.0, sim.leftCommand(), 0.0);
        assertEquals(0.0, sim.rightCommand(), 0.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void motorNoiseStaysWithinFivePercent(long seed) {
        LineFollowerSim sim = LineFollowerSim.builder().track(field).seed(seed).build();
        sim.setPose(300, 300, 0);
        SplittableRandom commands = new SplittableRandom(seed);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = 4000;
        for (int k = 0; k < n; k++) {
            double left = commands.nextDouble(-100, 100);
            double right = commands.nextDouble(-100, 100);
            sim.drive().drive(left, right);
            sim.setPose(300, 300, 0);
            sim.advance();
            double rl = sim.leftWheelSpeed() / left;
            double rr = sim.rightWheelSpeed() / right;
            assertTrue(rl >= 0.95 && rl <= 1.05, "seed " + seed + ": left factor " + rl);
            assertTrue(rr >= 0.95 && rr <= 1.05, "seed " + seed + ": right factor " + rr);
            min = Math.min(min, Math.min(rl, rr));
            max = Math.max(max, Math.max(rl, rr));
            sum += rl + rr;
        }
        // 8000 uniform factors in [0.95, 1.05): the extremes come within 1e-3 of the bounds with probability
        // 1 - 2 (0.99)^8000; the mean's standard deviation is 0.0289 / sqrt(8000) = 3.2e-4.
        assertTrue(min < 0.951 && max > 1.049, "seed " + seed + ": the noise spans the band, got " + min + " to "
                + max);
        assertEquals(1.0, sum / (2 * n), 0.002, "seed " + seed + ": the noise is unbiased");
    }

    @Test
    void withoutNoiseTheWheelsRunAtTheCommand() {
        LineFollowerSim sim = SimFixtures.exact(field);
        sim.setPose(300, 300, 0);
        sim.drive().drive(37.5, -12.25);
        sim.advance();
        assertEquals(37.5, sim.leftWheelSpeed(), 0.0);
        assertEquals(-12.25, sim.rightWheelSpeed(), 0.0);
    }
}
