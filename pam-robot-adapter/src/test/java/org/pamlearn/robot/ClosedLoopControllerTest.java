// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.StepContext;
import org.pamlearn.zspace.filter.FilterArray;

/** The controller's step: motor law, learning order, pauses, look-ahead, and every fail-safe path. */
class ClosedLoopControllerTest {

    /** What a listener saw at one step (copied, since the record is reused). */
    record Seen(long step, double error, double q, double mod, double left, double right, boolean learned,
            boolean reflexOnly, StepFault fault, RuntimeException cause, boolean paused, double in0) {
    }

    private final RecordingDrive drive = new RecordingDrive();
    private final List<Seen> seen = new ArrayList<>();
    /** L2, L1, R1, R2: E = (0.1 + 2 * 0) - (0 + 2 * 0.05) = 0. */
    private final ScriptedSensor reflex = new ScriptedSensor(0.0, 0.1, 0.0, 0.05);
    private final ScriptedSensor predictors = new ScriptedSensor(0.0, 1.0, 0.0);

    private void listen(StepRecord r) {
        seen.add(new Seen(r.step(), r.error(), r.lookahead(), r.modulation(), r.left(), r.right(), r.learned(),
                r.reflexOnly(), r.fault(), r.faultCause(), r.learningPaused(),
                r.inputCount() > 0 ? r.learnedInput(0) : Double.NaN));
    }

    private static Network linearNetwork(double weight) {
        // 3 inputs (one per predictor, one tap) -> 1 LINEAR output with equal weights.
        return Network.builder(3).activation(Activation.LINEAR)
                .init(WeightInits.explicit(new double[][] {{weight, weight, weight}}, null)).layers(1).build();
    }

    private ClosedLoopController.Builder learning(Network network, LearningRule rule) {
        return ClosedLoopController.builder().reflexSensor(reflex).predictorSensor(predictors).drive(drive)
                .network(network).filters(FilterArray.delayTaps(3, 1)).rule(rule)
                .outputMix(new double[] {2.0}, new double[] {3.0}).reflexGain(10.0).baseSpeed(20.0)
                .lookahead(new LookaheadPosition(3, 0)).listener(this::listen);
    }

    @Test
    void motorLawMixesReflexAndNetworkPerSide() {
        reflex.values[1] = 0.3; // E = 0.3 - 0.1 = 0.2
        try (ClosedLoopController c = learning(linearNetwork(0.5), null).networkGain(4.0).build()) {
            c.step();
            // o = 0.5 * (0 + 1 + 0) = 0.5; left = 20 + 10 * 0.2 + 4 * 2 * 0.5, right = 20 - 10 * 0.2 - 4 * 3 * 0.5
            assertEquals(20 + 2.0 + 4.0, drive.left, 1e-12, "left");
            assertEquals(20 - 2.0 - 6.0, drive.right, 1e-12, "right");
            assertFalse(seen.get(0).reflexOnly(), "the network acted");
            assertFalse(seen.get(0).learned(), "no rule, no learning");
            assertEquals(2.0, seen.get(0).q(), "q: the predictor row's argmax column");
        }
    }

    @Test
    void commandsAreClampedToTheDrivesMaxSpeed() {
        reflex.values[1] = 50.0;
        try (ClosedLoopController c = ClosedLoopController.builder().reflexSensor(reflex).drive(drive).build()) {
            c.step();
            assertEquals(100.0, drive.left, "left clamped");
            assertEquals(-100.0, drive.right, "right clamped");
            assertEquals(100.0, c.lastStep().left(), "the record holds the clamped command");
            assertTrue(c.lastStep().reflexOnly(), "no network: reflex only");
        }
    }

    @Test
    void learnThenForwardLearnsOnThePreviousStepsInputs() {
        Network net = linearNetwork(0.1);
        try (ClosedLoopController c = learning(net, Backprop.builder().eta(0.01).build()).build()) {
            predictors.values[0] = 0.25;
            c.step();
            predictors.values[0] = 0.75;
            c.step();
            c.step();
        }
        assertFalse(seen.get(0).learned(), "step 1 has no previous forward pass");
        assertTrue(seen.get(1).learned(), "step 2 learns");
        assertEquals(0.25, seen.get(1).in0(), "step 2 learned on u(1)");
        assertEquals(0.75, seen.get(2).in0(), "step 3 learned on u(2)");
        assertEquals(1.0, seen.get(1).mod(), "back-propagation's modulation");
    }

    @Test
    void forwardThenLearnLearnsOnThisStepsInputs() {
        try (ClosedLoopController c = learning(linearNetwork(0.1), Backprop.builder().eta(0.01).build())
                .order(ClosedLoopController.StepOrder.FORWARD_THEN_LEARN).build()) {
            predictors.values[0] = 0.25;
            c.step();
            predictors.values[0] = 0.75;
            c.step();
            assertEquals(2, c.learnedSteps(), "both steps learned");
        }
        assertEquals(0.25, seen.get(0).in0(), "step 1 learned on u(1)");
        assertEquals(0.75, seen.get(1).in0(), "step 2 learned on u(2)");
    }

    @Test
    void pausesAreCountedAndResumeResetsNothingButThePause() {
        try (ClosedLoopController c = learning(linearNetwork(0.1), Backprop.builder().eta(0.01).build()).build()) {
            c.step();
            c.pauseLearningFor(3);
            assertTrue(c.isLearningPaused(), "paused");
            for (int k = 0; k < 4; k++) {
                c.step();
            }
            assertEquals(3, c.pausedSteps(), "paused steps");
            assertEquals(1, c.learnedSteps(), "only the step after the pause learned");
            c.pauseLearning();
            c.step();
            c.step();
            c.resumeLearning();
            c.step();
            assertEquals(5, c.pausedSteps(), "paused steps");
            assertEquals(2, c.learnedSteps(), "learned again after resume");
            assertThrows(IllegalArgumentException.class, () -> c.pauseLearningFor(-1));
        }
        assertTrue(seen.get(1).paused() && seen.get(3).paused() && !seen.get(4).paused(), "record flags");
    }

    @Test
    void aLearnerThatThrowsLeavesTheRobotOnItsReflex() {
        reflex.values[1] = 0.3; // E = 0.2
        Network net = linearNetwork(0.5);
        double[][] before = net.weights(0);
        try (ClosedLoopController c = learning(net, new ThrowingRule()).build()) {
            for (int k = 0; k < 5; k++) {
                c.step();
            }
            assertEquals(4, c.learnerFaults(), "every step with a forward pass before it");
            assertEquals(0, c.learnedSteps(), "learned steps");
        }
        for (Seen s : seen.subList(1, 5)) {
            assertEquals(StepFault.LEARNER, s.fault(), "fault at step " + s.step());
            assertEquals("learner broke", s.cause().getMessage(), "cause at step " + s.step());
            assertTrue(s.reflexOnly(), "reflex only at step " + s.step());
            assertEquals(20 + 2.0, s.left(), 1e-12, "left = v0 + G_R E at step " + s.step());
            assertEquals(20 - 2.0, s.right(), 1e-12, "right = v0 - G_R E at step " + s.step());
        }
        assertArrayEquals(before[0], net.weights(0)[0], "weights untouched");
    }

    @Test
    void aNetworkThatOverflowsLeavesTheRobotOnItsReflex() {
        reflex.values[1] = 0.3;
        predictors.values[1] = 10.0;
        // 10 * 1e308 overflows the LINEAR output: forward refuses it.
        try (ClosedLoopController c = learning(linearNetwork(1e308), Backprop.builder().eta(0.01).build()).build()) {
            for (int k = 0; k < 3; k++) {
                c.step();
            }
            assertEquals(3, c.outputFaults(), "output faults");
            assertEquals(0, c.learnedSteps(), "nothing to learn on");
            assertEquals(0, c.learnerFaults(), "the learner was not asked");
        }
        for (Seen s : seen) {
            assertEquals(StepFault.OUTPUT, s.fault(), "fault at step " + s.step());
            assertTrue(s.cause().getMessage().startsWith("forward overflowed"), s.cause().getMessage());
            assertEquals(22.0, s.left(), 1e-12, "left at step " + s.step());
            assertEquals(18.0, s.right(), 1e-12, "right at step " + s.step());
        }
    }

    @Test
    void aSensorFaultUsesTheLastGoodSampleOrStopsWithoutOne() {
        reflex.values[1] = 0.3; // E = 0.2
        reflex.faultyReads.add(1);
        reflex.faultyReads.add(3);
        try (ClosedLoopController c = learning(linearNetwork(0.1), Backprop.builder().eta(0.01).build()).build()) {
            c.step(); // fault, no good sample yet: stop
            assertEquals(0.0, drive.left, "stopped");
            assertEquals(1, drive.stops, "drive.stop()");
            c.step(); // good
            reflex.values[1] = 0.9; // would be E = 0.8, but the next read fails
            c.step(); // fault: last good E = 0.2
            c.step(); // good again, but no fresh forward pass to learn on
            c.step(); // learns
            assertEquals(2, c.sensorFaults(), "sensor faults");
            assertEquals(1, c.learnedSteps(), "only the last step learned");
        }
        assertEquals(StepFault.SENSOR, seen.get(0).fault(), "step 1");
        assertTrue(seen.get(0).reflexOnly(), "step 1");
        assertEquals(StepFault.SENSOR, seen.get(2).fault(), "step 3");
        assertEquals("scripted fault on read 3", seen.get(2).cause().getMessage(), "step 3 cause");
        assertEquals(0.2, seen.get(2).error(), 1e-12, "step 3 acts on the last good error");
        assertEquals(22.0, seen.get(2).left(), 1e-12, "step 3 left, reflex only");
        assertTrue(seen.get(2).reflexOnly(), "step 3 reflex only");
        assertFalse(seen.get(3).learned(), "step 4: no pass to learn on");
        assertTrue(seen.get(4).learned(), "step 5 learns");
    }

    /** A silent link must not leave the robot on a stale steering command: after maxStaleSteps faults it stops. */
    @Test
    void sensorFaultsInARowBeyondTheStaleLimitStopTheDriveUntilAGoodSample() {
        reflex.values[1] = 0.3; // E = 0.2
        for (int read = 2; read <= 5; read++) {
            reflex.faultyReads.add(read);
        }
        try (ClosedLoopController c = learning(linearNetwork(0.1), null).maxStaleSteps(2).build()) {
            c.step(); // good
            c.step(); // fault 1: stale E
            c.step(); // fault 2: stale E
            int stopsBefore = drive.stops;
            c.step(); // fault 3 > 2: stop
            assertEquals(stopsBefore + 1, drive.stops, "stopped at the third fault in a row");
            c.step(); // fault 4: still stopped
            c.step(); // good again: steers
            assertEquals(4, c.sensorFaults(), "sensor faults");
        }
        assertEquals(22.0, seen.get(1).left(), 1e-12, "fault 1 steers on the last good error");
        assertEquals(22.0, seen.get(2).left(), 1e-12, "fault 2 steers on the last good error");
        for (int k = 3; k <= 4; k++) {
            assertEquals(0.0, seen.get(k).left(), 0.0, "step " + (k + 1) + " left stopped");
            assertEquals(0.0, seen.get(k).right(), 0.0, "step " + (k + 1) + " right stopped");
            assertEquals(StepFault.SENSOR, seen.get(k).fault(), "step " + (k + 1));
        }
        assertEquals(StepFault.NONE, seen.get(5).fault(), "a good sample again");
        assertTrue(seen.get(5).left() > 20.0, "a good sample drives again: " + seen.get(5).left());
        assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopController.builder().maxStaleSteps(-1), "negative stale limit");
    }

    @Test
    void aNonFiniteSensorValueIsASensorFault() {
        try (ClosedLoopController c = learning(linearNetwork(0.1), null).build()) {
            c.step();
            predictors.values[2] = Double.NaN;
            c.step();
            assertEquals(1, c.sensorFaults(), "sensor faults");
        }
        assertEquals(StepFault.SENSOR, seen.get(1).fault(), "fault");
        assertNull(seen.get(1).cause(), "no exception behind a NaN");
        assertTrue(Double.isFinite(seen.get(1).left()) && Double.isFinite(seen.get(1).right()), "finite commands");
    }

    @Test
    void closeStopsAndClosesTheDriveAndLaterStepsDoNothing() {
        ClosedLoopController c = learning(linearNetwork(0.1), null).build();
        c.step();
        assertTrue(drive.left != 0.0, "driving");
        c.close();
        assertEquals(0.0, drive.left, "left stopped");
        assertEquals(0.0, drive.right, "right stopped");
        assertTrue(drive.closed, "drive closed");
        c.step();
        c.close();
        assertEquals(1, c.steps(), "no step after close");
        assertEquals(1, drive.drives, "no command after close");
        assertTrue(c.isClosed(), "closed");
    }

    @Test
    void theLookaheadPositionGoesIntoTheLearnersContext() {
        CapturingRule rule = new CapturingRule();
        try (ClosedLoopController c = learning(linearNetwork(0.1), rule).build()) {
            c.step();
            predictors.values[1] = 0.0;
            predictors.values[2] = 0.5;
            c.step();
            predictors.values[2] = 0.0;
            c.step();
        }
        assertEquals(3.0, rule.lookaheads.get(0), "q at step 2: column 3");
        assertEquals(2.0, rule.lookaheads.get(1), "q at step 3: nothing seen, the centre (3 + 1) / 2");
        assertEquals(3.0, seen.get(1).q(), "record q at step 2");
    }

    @Test
    void theBuilderChecksEverything() {
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> ClosedLoopController.builder().drive(drive).build());
        assertEquals("reflexSensor must be set", s.getMessage());
        s = assertThrows(IllegalStateException.class, () -> ClosedLoopController.builder().reflexSensor(reflex)
                .build());
        assertEquals("drive must be set", s.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopController.builder().reflexSensor(new ScriptedSensor(1, 2, 3)).drive(drive).build());
        assertEquals("reflex error authors(L2, L1, R1, R2) reads beyond the reflex sample of 3 values",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> learning(linearNetwork(0.1), null)
                .outputMix(new double[] {1, 2}, new double[] {1, 2}).build());
        assertEquals("the output mixes have 2 weights, but the network has 1 outputs: set outputMix(left, right) "
                + "to match", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> learning(linearNetwork(0.1), null)
                .filters(FilterArray.delayTaps(3, 2)).build());
        assertEquals("filters give 6 inputs, but the network has 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> learning(linearNetwork(0.1), null)
                .filters(FilterArray.delayTaps(1, 3)).build());
        assertEquals("filters take 1 predictors, but the predictor sample has 3 values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> learning(linearNetwork(0.1), null)
                .lookahead(new LookaheadPosition(3, 1)).build());
        assertEquals("the lookahead row 1 .. 3 does not fit the predictor sample of 3 values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClosedLoopController.builder().reflexGain(Double.NaN));
        assertEquals("reflexGain must be finite, got NaN", e.getMessage());
        s = assertThrows(IllegalStateException.class, () -> ClosedLoopController.builder().reflexSensor(reflex)
                .drive(drive).rule(Backprop.builder().eta(0.1).build()).build());
        assertEquals("a rule needs a network: call network(...)", s.getMessage());
    }

    @Test
    void defaultMixesNeedThreeOutputs() {
        Network three = Network.builder(3).init(WeightInits.symmetric(0.1)).layers(3).build();
        try (ClosedLoopController c = ClosedLoopController.builder().reflexSensor(reflex).predictorSensor(predictors)
                .drive(drive).network(three).filters(FilterArray.delayTaps(3, 1)).listener(this::listen).build()) {
            c.step();
            double[] o = new double[3];
            three.forward(new double[] {0, 1, 0}, o);
            double mix = 50 * o[0] + 10 * o[1] + 2 * o[2];
            assertEquals(90 + mix, drive.left, 1e-12, "left with v0 = 90, E = 0");
            assertEquals(90 - mix, drive.right, 1e-12, "right");
            assertSame(three, c.network(), "network");
        }
    }

    /** A rule whose learner always throws, changing nothing. */
    static final class ThrowingRule implements LearningRule {
        @Override
        public double eta() {
            return 1.0;
        }

        @Override
        public Learner newLearner(Network network) {
            return new DelegatingLearner(Backprop.builder().eta(1.0).build().newLearner(network), this) {
                @Override
                public void learn(double error, StepContext context) {
                    throw new IllegalStateException("learner broke");
                }
            };
        }
    }

    /** A back-propagation rule that records the look-ahead position each learning step saw. */
    static final class CapturingRule implements LearningRule {
        final List<Double> lookaheads = new ArrayList<>();

        @Override
        public double eta() {
            return 0.01;
        }

        @Override
        public Learner newLearner(Network network) {
            return new DelegatingLearner(Backprop.builder().eta(0.01).build().newLearner(network), this) {
                @Override
                public void learn(double error, StepContext context) {
                    lookaheads.add(context.lookahead());
                    super.learn(error, context);
                }
            };
        }
    }

    /** Forwards everything to a learner. */
    static class DelegatingLearner implements Learner {
        private final Learner inner;
        private final LearningRule rule;

        DelegatingLearner(Learner inner, LearningRule rule) {
            this.inner = inner;
            this.rule = rule;
        }

        @Override
        public void learn(double error, StepContext context) {
            inner.learn(error, context);
        }

        @Override
        public void learn(double[] errors, StepContext context) {
            inner.learn(errors, context);
        }

        @Override
        public double lastModulation() {
            return inner.lastModulation();
        }

        @Override
        public double previousError() {
            return inner.previousError();
        }

        @Override
        public void reset() {
            inner.reset();
        }

        @Override
        public Network network() {
            return inner.network();
        }

        @Override
        public LearningRule rule() {
            return rule;
        }
    }
}
