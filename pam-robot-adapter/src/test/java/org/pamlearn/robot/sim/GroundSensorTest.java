// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.robot.SampleProvider;

/** Ground-sensor values on synthetic images, the reflex sign convention, the look-ahead rows and the camera. */
class GroundSensorTest {

    /** logistic(1) = 1 / (1 + e^-1), Python 3: 1 / (1 + math.exp(-1)). */
    private static final double WHITE = 0.7310585786300049;
    /** logistic(0.5), Python 3: 1 / (1 + math.exp(-0.5)). */
    private static final double EDGE = 0.6224593312018546;

    static LongStream seeds() {
        return LongStream.range(0, 20);
    }

    @Test
    void whiteAndBlackReadTheLogisticEnds() {
        assertEquals(WHITE, LineFollowerSim.WHITE, 1e-16);
        // A single dark pixel far away: everything the sensors see is white.
        double[] d = new double[200 * 200];
        d[0] = 1.0;
        LineFollowerSim white = SimFixtures.exact(Tracks.fromDarkness(d, 200, 200, 1.0));
        white.setPose(100, 100, 0.7);
        double[] r = new double[4];
        white.reflexSensors().fetchSample(r, 0);
        for (double v : r) {
            assertEquals(WHITE, v, 1e-15, "white floor");
        }
        double[] p = new double[30];
        white.predictorSensors().fetchSample(p, 0);
        for (double v : p) {
            assertEquals(0.0, v, 1e-15, "no predictor on white");
        }
        LineFollowerSim black = SimFixtures.exact(SimFixtures.allDark(200, 200));
        black.setPose(100, 100, -2.0);
        black.reflexSensors().fetchSample(r, 0);
        for (double v : r) {
            assertEquals(0.5, v, 1e-12, "black line");
        }
        black.predictorSensors().fetchSample(p, 0);
        for (double v : p) {
            assertEquals(10 * (WHITE - 0.5), v, 1e-11, "predictor on black");
        }
    }

    @Test
    void anEdgeReadsInBetweenAndMonotone() {
        // Black for x >= 100. The robot heads +x, so all four reflex sensors sit at x = robot x + 10.
        LineFollowerSim sim = SimFixtures.exact(SimFixtures.halfPlane(200, 200, 100));
        double[] r = new double[4];
        double previous = Double.POSITIVE_INFINITY;
        for (double sensorX = 90; sensorX <= 110; sensorX += 0.25) {
            sim.setPose(sensorX - 10, 100, 0);
            sim.reflexSensors().fetchSample(r, 0);
            for (int k = 1; k < 4; k++) {
                assertEquals(r[0], r[k], 1e-15, "the edge is perpendicular to the row at x = " + sensorX);
            }
            assertTrue(r[0] <= previous + 1e-15, "darker towards the line at x = " + sensorX);
            assertTrue(r[0] >= 0.5 - 1e-12 && r[0] <= WHITE + 1e-15, "in [black, white] at x = " + sensorX);
            previous = r[0];
        }
        sim.setPose(80, 100, 0);
        sim.reflexSensors().fetchSample(r, 0);
        assertEquals(WHITE, r[0], 1e-12, "10 units (> 3 sigma) before the edge");
        sim.setPose(100, 100, 0);
        sim.reflexSensors().fetchSample(r, 0);
        assertEquals(0.5, r[0], 1e-12, "10 units past the edge");
        // On the edge the symmetric blur gives darkness 0.5 exactly (up to rounding).
        sim.setPose(90, 100, 0);
        sim.reflexSensors().fetchSample(r, 0);
        assertEquals(EDGE, r[0], 1e-12, "on the edge");
        assertTrue(r[0] > 0.5 + 0.1 && r[0] < WHITE - 0.1, "strictly in between");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void reflexValuesAreTheLogisticOfTheBlurredDarkness(long seed) {
        Track track = Tracks.builtin();
        Field blurred = track.darknessField().blurred(LineFollowerSim.REFLEX_BLUR);
        LineFollowerSim sim = SimFixtures.exact(track);
        SplittableRandom random = new SplittableRandom(seed);
        double[] r = new double[4];
        double[] sy = {15, 10, -10, -15};
        for (int n = 0; n < 50; n++) {
            double x = random.nextDouble(0, 400);
            double y = random.nextDouble(0, 300);
            double h = random.nextDouble(-Math.PI, Math.PI);
            sim.setPose(x, y, h);
            sim.reflexSensors().fetchSample(r, 0);
            for (int k = 0; k < 4; k++) {
                double wx = x + 10 * Math.cos(h) - sy[k] * Math.sin(h);
                double wy = y + 10 * Math.sin(h) + sy[k] * Math.cos(h);
                assertEquals(SimFixtures.groundValue(blurred.sample(wx, wy)), r[k], 1e-12,
                        "seed " + seed + " sensor " + k + " at " + wx + ", " + wy);
            }
        }
    }

    @Test
    void reflexErrorIsNegativeWhenTheLineIsOnTheLeft() {
        // A horizontal line 6 units wide centred on y = 100; the robot heads +x.
        LineFollowerSim sim = SimFixtures.exact(SimFixtures.band(300, 200, 97, 103));
        double[] r = new double[4];
        sim.setPose(100, 100, 0);
        sim.reflexSensors().fetchSample(r, 0);
        assertEquals(0.0, SimFixtures.reflexError(r), 1e-12, "centred: symmetric");
        sim.setPose(100, 88, 0); // line at robot-frame y = +12: between L1 (+10) and L2 (+15)
        sim.reflexSensors().fetchSample(r, 0);
        double left = SimFixtures.reflexError(r);
        assertTrue(left < -0.1, "line on the left gives E < 0, got " + left);
        assertTrue(r[0] < WHITE - 0.01 && r[1] < WHITE - 0.01, "L2 and L1 see it");
        assertEquals(WHITE, r[2], 1e-12, "R1 does not");
        assertEquals(WHITE, r[3], 1e-12, "R2 does not");
        sim.setPose(100, 112, 0);
        sim.reflexSensors().fetchSample(r, 0);
        assertEquals(-left, SimFixtures.reflexError(r), 1e-12, "mirror image: E > 0 on the right");
        // left = v0 + G E, right = v0 - G E turns towards the line.
        sim.setPose(100, 88, 0);
        sim.reflexSensors().fetchSample(r, 0);
        double e = SimFixtures.reflexError(r);
        sim.drive().drive(90 + 300 * e, 90 - 300 * e);
        sim.advance();
        assertTrue(sim.heading() > 0, "turns left, towards the line: heading " + sim.heading());
    }

    @Test
    void rowPredictorsSeeTheLineAheadAndGiveItsColumn() {
        LineFollowerSim sim = SimFixtures.exact(SimFixtures.band(300, 200, 97, 103));
        assertEquals(LookaheadSensors.ROWS, sim.lookaheadSensors());
        assertEquals(2, sim.predictorRows());
        assertEquals(15, sim.predictorColumns());
        assertEquals(30, sim.predictorSensors().sampleSize());
        double[] p = new double[30];
        // Heading +x along the line and centred: the middle column (8, 1-based) of each row is the strongest.
        sim.setPose(100, 100, 0);
        sim.predictorSensors().fetchSample(p, 0);
        assertEquals(7, argmax(p, 0), "near row centred");
        assertEquals(7, argmax(p, 15), "far row centred");
        assertTrue(p[0] < 0.02 * p[7], "near row's left end (7 units from the line's edge) is nearly white: " + p[0]);
        // The line 10 units to the left: the far row (+-20) sees it at y = +10, column 1 + 14 * 10/40 = 4.5.
        sim.setPose(100, 90, 0);
        sim.predictorSensors().fetchSample(p, 0);
        int q = argmax(p, 15) + 1;
        assertTrue(q >= 4 && q <= 5, "far row: 1-based column left of centre, got " + q);
        assertEquals(0, argmax(p, 0), "near row (+-10): its leftmost column is the nearest");
        for (double v : p) {
            assertTrue(v >= 0 && v <= 10 * (WHITE - 0.5) + 1e-12, "predictor in [0, 2.31], got " + v);
        }
    }

    @Test
    void cameraDifferencesAreZeroWhenCentredAndPositiveForALineOnTheLeft() {
        Track track = SimFixtures.band(300, 200, 97, 103);
        LineFollowerSim sim = LineFollowerSim.builder().track(track).motorNoise(false)
                .sensors(LookaheadSensors.CAMERA).camera(3, 7).build();
        assertEquals(3, sim.predictorRows());
        assertEquals(7, sim.predictorColumns());
        SampleProvider camera = sim.predictorSensors();
        assertEquals(21, camera.sampleSize());
        double[] c = new double[21];
        sim.setPose(100, 100, 0);
        camera.fetchSample(c, 0);
        for (double v : c) {
            assertEquals(0.0, v, 1e-12, "centred on a straight line: mirrored patches agree");
        }
        sim.setPose(100, 92, 0); // line at robot-frame y = +8
        camera.fetchSample(c, 0);
        double max = 0;
        for (double v : c) {
            assertTrue(v >= -1e-12 && v <= 1, "line on the left: no negative difference, got " + v);
            max = Math.max(max, v);
        }
        assertTrue(max > 0.5, "some patch pair sees the line, max " + max);
        sim.setPose(100, 108, 0);
        double[] mirrored = new double[21];
        camera.fetchSample(mirrored, 0);
        for (int k = 0; k < 21; k++) {
            assertEquals(-c[k], mirrored[k], 1e-12, "the line on the right flips every sign, value " + k);
        }
        LineFollowerSim defaults = LineFollowerSim.builder().track(track).sensors(LookaheadSensors.CAMERA).build();
        assertEquals(LineFollowerSim.DEFAULT_CAMERA_ROWS * LineFollowerSim.DEFAULT_CAMERA_COLUMNS,
                defaults.predictorSensors().sampleSize());
    }

    @Test
    void samplesGoToTheOffsetAndNowhereElse() {
        LineFollowerSim sim = SimFixtures.exact(Tracks.builtin());
        double[] dst = new double[40];
        Arrays.fill(dst, -7.0);
        sim.reflexSensors().fetchSample(dst, 3);
        double[] direct = new double[4];
        sim.reflexSensors().fetchSample(direct, 0);
        assertArrayEquals(direct, Arrays.copyOfRange(dst, 3, 7), 0.0);
        assertEquals(-7.0, dst[2], 0.0);
        assertEquals(-7.0, dst[7], 0.0);
        sim.predictorSensors().fetchSample(dst, 10);
        assertEquals(-7.0, dst[9], 0.0);
        assertThrows(IndexOutOfBoundsException.class, () -> sim.reflexSensors().fetchSample(new double[4], 1));
        assertThrows(IndexOutOfBoundsException.class, () -> sim.predictorSensors().fetchSample(dst, 11));
        assertEquals(4, sim.reflexSensors().sampleSize());
    }

    private static int argmax(double[] a, int from) {
        int best = from;
        for (int k = from; k < from + 15; k++) {
            if (a[k] > a[best]) {
                best = k;
            }
        }
        return best - from;
    }
}
