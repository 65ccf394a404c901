// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.core.Network;
import org.pamlearn.robot.ClosedLoopController;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LineFollowerRun.Result;
import org.pamlearn.robot.DifferentialDrive;

/**
 * The simulated line-follower loop on the built-in track (docs/ALGORITHMS.md &sect;5): the learning rules reach FCL's
 * success criterion on a small network for several seeds, the reflex alone never does within the budget, and a
 * robot forced off the line never "succeeds" however long it circles. Steps to success measured when these tests
 * were written (hidden layers 8, 6; sensor rows; seeds 0, 1, 2, 3): PaM at eta 0.001: 3468, 4583, 4584, 5717;
 * BP at eta 1: 11508, 10342, 8072, 10353; SaR at eta 0.1: 4578, 4588, 4565, 5654; PaM with the camera:
 * 8991, 6854, 7931, 10123. At eta 0.001 BP and SaR do not succeed within 200,000 steps (with the symmetric
 * initialisation BP fails up to eta 0.01, SaR up to eta 0.001).
 */
class LineFollowerRunTest {

    /** Give up at 200,000 steps, the budget of {@code pamlearn compare} (docs/ALGORITHMS.md &sect;5). */
    private static final long BUDGET = 200_000;

    private static Result run(LearningMode rule, double eta, long seed) {
        return LineFollowerRun.builder().rule(rule).eta(eta).hidden(8, 6).seed(seed).maxSteps(BUDGET).build().run();
    }

    @ParameterizedTest(name = "{0} eta {1} seed {2}")
    @CsvSource({"PAM, 0.001, 0", "PAM, 0.001, 1", "PAM, 0.001, 2", "PAM, 0.001, 3",
        "BP, 1.0, 0", "BP, 1.0, 1", "BP, 1.0, 2", "BP, 1.0, 3",
        "SAR, 0.1, 0", "SAR, 0.1, 1", "SAR, 0.1, 2", "SAR, 0.1, 3"})
    void aRuleOnASmallNetworkLearnsToFollowTheLine(LearningMode rule, double eta, long seed) {
        Result r = run(rule, eta, seed);
        String what = rule + " eta " + eta + " seed " + seed + ": " + r.resultLine() + ", " + r.repositions()
                + " repositionings";
        assertTrue(r.success(), what);
        assertTrue(r.steps() > 1000 && r.steps() < 50_000, what + ": steps within (1000, 50000)");
        assertEquals(0, r.faults(), what + ": no controller faults");
        assertTrue(r.network().weightDistance(0) > 0, what + ": the first layer learned");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, 3})
    void theReflexAloneNeverMeetsTheCriterionWithinTheBudget(long seed) {
        Result r = run(LearningMode.NONE, 1.0, seed);
        assertFalse(r.success(), "seed " + seed + ": " + r.resultLine());
        assertEquals(BUDGET, r.steps(), "seed " + seed + ": ran the whole budget");
        assertEquals(0, r.repositions(), "seed " + seed + ": the reflex alone keeps the robot on the line");
    }

    @ParameterizedTest(name = "speed {0}, seed {1}")
    @CsvSource({"0.5, 0", "2, 1", "3, 2"})
    void theSpeedFactorScalesTheDistanceDrivenPerStep(double speed, long seed) {
        // The start is a 40-unit straight along +x: 14 reflex-only steps cover 11.7 units at speed 1 and 35.1 at
        // speed 3, so every run stays on it and the path length is the wheels' mean speed times the time, within
        // the +-5 % motor noise.
        int steps = 14;
        double slow = pathLength(LineFollowerRun.builder().rule(LearningMode.NONE).seed(seed).maxSteps(steps).build()
                .run().trace());
        double quick = pathLength(LineFollowerRun.builder().rule(LearningMode.NONE).seed(seed).speed(speed)
                .maxSteps(steps).build().run().trace());
        assertEquals(0.9 * (steps - 1), slow, 0.05 * 0.9 * (steps - 1), "speed 1");
        assertEquals(speed * slow, quick, 0.1 * speed * slow, "speed " + speed);
    }

    /** The length of the polyline through the trace's positions. */
    private static double pathLength(Trace trace) {
        double length = 0;
        for (int k = 1; k < trace.steps(); k++) {
            length += Math.hypot(trace.x()[k] - trace.x()[k - 1], trace.y()[k] - trace.y()[k - 1]);
        }
        return length;
    }

    @ParameterizedTest(name = "right wheel {0}, seed {1}")
    @CsvSource({"-100, 0", "0, 1", "50, 2", "80, 3", "90, 4", "95, 5"})
    void aRobotForcedOffTheLineNeverSucceedsHoweverLongItCircles(double right, long seed) {
        // Whatever the controller commands, the left wheel runs at full speed and the right one at `right`: the
        // robot turns on the spot (-100) or circles with a radius from 1.3 to 100 units, leaving the line.
        Result r = LineFollowerRun.builder().rule(LearningMode.PAM).hidden(8, 6).seed(seed).maxSteps(BUDGET)
                .driveWrapper(d -> new ForcedTurn(d, right)).build().run();
        String what = "right wheel " + right + " seed " + seed + ": " + r.resultLine() + ", " + r.repositions()
                + " repositionings";
        assertFalse(r.success(), what);
        assertEquals(BUDGET, r.steps(), what);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void theAuthorsInitIsAllPositiveAndAThousandTimesSmallerOnTheFirstLayer(long seed) {
        Network net = LineFollowerRun.builder().hidden(4, 3).init(NetworkInit.AUTHORS).seed(seed)
                .initialNetwork();
        for (int l = 0; l < net.layerCount(); l++) {
            double high = l == 0 ? 0.001 : 1.0;
            double max = 0.0;
            for (double[] row : net.weights(l)) {
                for (double w : row) {
                    assertTrue(w >= 0 && w < high, "seed " + seed + " layer " + l + " weight " + w);
                    max = Math.max(max, w);
                }
            }
            assertTrue(max > high / 2, "seed " + seed + " layer " + l + ": spans its range, max " + max);
        }
        Network symmetric = LineFollowerRun.builder().hidden(4, 3).seed(seed).initialNetwork();
        boolean negative = false;
        for (double[] row : symmetric.weights(1)) {
            for (double w : row) {
                negative |= w < 0;
                assertTrue(Math.abs(w) <= 0.1, "seed " + seed + " default symmetric weight " + w);
            }
        }
        assertTrue(negative, "seed " + seed + ": the default stays symmetric");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1})
    void theSameSeedGivesTheSameSession(long seed) {
        Result a = run(LearningMode.PAM, 0.001, seed);
        Result b = run(LearningMode.PAM, 0.001, seed);
        assertEquals(a.steps(), b.steps(), "seed " + seed);
        for (int l = 0; l < a.network().layerCount(); l++) {
            assertEquals(a.network().weightDistance(l), b.network().weightDistance(l), "seed " + seed + " layer " + l);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1})
    void pamLearnsWithTheCameraToo(long seed) {
        Result r = LineFollowerRun.builder().sensors(LookaheadSensors.CAMERA).seed(seed).maxSteps(BUDGET).build()
                .run();
        assertTrue(r.success(), "camera seed " + seed + ": " + r.resultLine());
    }

    /** A drive that dies mid-session: the run ends cleanly after the controller's limit of faults in a row. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1})
    void aDriveThatDiesEndsTheRunCleanlyWithTheFailuresReported(long seed) {
        int[] calls = new int[3];
        Result r = LineFollowerRun.builder().rule(LearningMode.PAM).hidden(8, 6).seed(seed).maxSteps(BUDGET)
                .driveWrapper(d -> new DyingDrive(d, 100, calls)).build().run();
        String what = "seed " + seed + ": " + r.resultLine();
        assertFalse(r.success(), what);
        assertEquals(100 + ClosedLoopController.DEFAULT_MAX_DRIVE_FAULTS, r.steps(), what);
        assertEquals(ClosedLoopController.DEFAULT_MAX_DRIVE_FAULTS, r.faults(), what);
        assertEquals(ClosedLoopController.DEFAULT_MAX_DRIVE_FAULTS + 1, calls[1], "a stop after each failure and"
                + " one on close");
        assertEquals(1, calls[2], "the drive is closed once");
        assertEquals("the drive failed in 5 steps (last: IllegalStateException: motor driver gone); the controller"
                + " stopped after 5 in a row", r.driveReport(), what);
    }

    /** A drive that throws on every command after the first {@code good} ones; counts drives, stops and closes. */
    private static final class DyingDrive implements DifferentialDrive {
        private final DifferentialDrive drive;
        private final int good;
        private final int[] calls;

        DyingDrive(DifferentialDrive drive, int good, int[] calls) {
            this.drive = drive;
            this.good = good;
            this.calls = calls;
        }

        @Override
        public double maxSpeed() {
            return drive.maxSpeed();
        }

        @Override
        public void drive(double left, double right) {
            if (++calls[0] > good) {
                throw new IllegalStateException("motor driver gone");
            }
            drive.drive(left, right);
        }

        @Override
        public void stop() {
            calls[1]++;
            drive.stop();
        }

        @Override
        public void close() {
            calls[2]++;
            drive.close();
        }
    }

    /** A drive that ignores the controller's commands and always turns hard to the right. */
    @ParameterizedTest(name = "stop before step {0}")
    @ValueSource(longs = {1, 2, 250, 1999})
    void aStopEndsTheSessionAfterWholeStepsAndSaysSo(long stopAt) {
        long[] listened = new long[1];
        long[] asked = new long[1];
        Result r = LineFollowerRun.builder().rule(LearningMode.PAM).seed(1).maxSteps(2000)
                .listener(step -> listened[0]++).stopWhen(() -> ++asked[0] >= stopAt).build().run();
        assertTrue(r.stopped(), "stopped");
        assertFalse(r.success(), "no success");
        assertEquals(stopAt - 1, r.steps(), "the steps before the stop, each whole");
        assertEquals(stopAt - 1, listened[0], "one listener call per step run");
        assertEquals(stopAt - 1, r.learnedSteps() + (stopAt > 1 ? 1 : 0), "every step but the first learned");
        Result unstopped = LineFollowerRun.builder().rule(LearningMode.PAM).seed(1).maxSteps(stopAt).build().run();
        assertFalse(unstopped.stopped(), "a session that ends by itself is not stopped");
    }

    private static final class ForcedTurn implements DifferentialDrive {
        private final DifferentialDrive drive;
        private final double right;

        ForcedTurn(DifferentialDrive drive, double right) {
            this.drive = drive;
            this.right = right;
        }

        @Override
        public double maxSpeed() {
            return drive.maxSpeed();
        }

        @Override
        public void drive(double left, double ignored) {
            drive.drive(drive.maxSpeed(), right);
        }

        @Override
        public void stop() {
            drive.stop();
        }

        @Override
        public void close() {
            drive.close();
        }
    }
}
