// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.Cues;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.PrimeAndModulate;
import org.pamlearn.core.learning.SignAndRelevance;
import org.pamlearn.core.replay.Replay;
import org.pamlearn.core.replay.ReplayLog;
import org.pamlearn.robot.ClosedLoopController;
import org.pamlearn.robot.DifferentialDrive;
import org.pamlearn.robot.LookaheadPosition;
import org.pamlearn.robot.SampleProvider;
import org.pamlearn.robot.SensorException;
import org.pamlearn.robot.SessionLogger;
import org.pamlearn.zspace.filter.FilterArray;

/**
 * A session logged by the robot controller replays to the controller's final weights, bit for bit: through
 * {@link Replay} and through {@code pamlearn replay}, for every rule and both step orders, with pauses and sensor
 * faults in the session.
 */
class SessionReplayTest {

    private static final int COLUMNS = 5;
    private static final int TAPS = 4;
    private static final int STEPS = 400;
    private static final double ETA = 0.001953125; // 2^-9: prints and parses exactly as a command-line option

    /** A 1-D line follower: line offset y, bends seen 3 steps ahead as a blob in a row of 5 columns. */
    private static final class Plant implements DifferentialDrive {
        final double[] bends = new double[STEPS + 10];
        double y;
        int n;
        int reads;

        Plant(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int k = 0; k < bends.length; k++) {
                bends[k] = (k / 25) % 3 == 1 ? (r.nextBoolean() ? 0.02 : -0.02) : 0.0;
            }
        }

        final SampleProvider reflex = new SampleProvider() {
            @Override
            public int sampleSize() {
                return 4;
            }

            @Override
            public void fetchSample(double[] dst, int offset) {
                if (++reads % 97 == 0) {
                    throw new SensorException("fake read " + reads + " torn");
                }
                dst[offset] = 0.0;
                dst[offset + 1] = -y / 2;
                dst[offset + 2] = y / 2;
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
                double ahead = bends[n + 3];
                for (int c = 0; c < COLUMNS; c++) {
                    dst[offset + c] = c == 2 + (int) Math.signum(ahead) * 2 ? 1.0 : 0.05 * c;
                }
            }
        };

        @Override
        public double maxSpeed() {
            return 100.0;
        }

        @Override
        public void drive(double left, double right) {
            y += bends[n] + 0.1 * (DifferentialDrive.safe(left, 100) - DifferentialDrive.safe(right, 100));
            n++;
        }

        @Override
        public void stop() {
        }

        @Override
        public void close() {
        }
    }

    private static LearningRule rule(String name) {
        switch (name) {
            case "bp":
                return Backprop.builder().eta(ETA).build();
            case "sar":
                return SignAndRelevance.builder().eta(ETA).build();
            default:
                return PrimeAndModulate.builder().eta(ETA)
                        .modulation(Cues.product(Cues.errorRate(), Cues.lookahead(3.0, 1.0))).build();
        }
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @CsvSource({"bp, LEARN_THEN_FORWARD, 1", "sar, LEARN_THEN_FORWARD, 2", "pam, LEARN_THEN_FORWARD, 3",
        "bp, FORWARD_THEN_LEARN, 4", "sar, FORWARD_THEN_LEARN, 5", "pam, FORWARD_THEN_LEARN, 6"})
    void aLoggedSessionReplaysToTheSameWeightsBitForBit(String name, ClosedLoopController.StepOrder order, long seed,
            @TempDir Path dir) {
        Network network = Network.builder(COLUMNS * TAPS).layer(LayerSpec.of(4).withBias(true)).layer(1)
                .init(WeightInits.symmetric(0.5)).seed(seed).build();
        Network initial = network.copy();
        Path model = dir.resolve("initial.json");
        Checkpoints.save(initial, model);
        Path logFile = dir.resolve("session.tsv");
        Plant plant = new Plant(seed);
        long learned;
        try (SessionLogger logger = SessionLogger.open(logFile);
                ClosedLoopController c = ClosedLoopController.builder().reflexSensor(plant.reflex)
                        .predictorSensor(plant.predictors).drive(plant).network(network)
                        .filters(FilterArray.delayTaps(COLUMNS, TAPS)).rule(rule(name)).order(order)
                        .lookahead(new LookaheadPosition(COLUMNS, 0)).outputMix(new double[] {1}, new double[] {1})
                        .reflexGain(1.0).listener(logger).build()) {
            for (int k = 0; k < STEPS; k++) {
                if (k == 150) {
                    c.pauseLearningFor(10);
                }
                c.step();
            }
            learned = c.learnedSteps();
            assertTrue(c.sensorFaults() > 0 && c.pausedSteps() == 10, "faults and pauses in the session, " + name);
        }
        assertTrue(learned > STEPS - 40, name + ": learned steps " + learned);

        Network replayed = Checkpoints.load(model);
        try (ReplayLog log = ReplayLog.open(logFile, replayed.inputCount(), replayed.outputCount())) {
            assertEquals(learned, Replay.run(log, rule(name).newLearner(replayed)), name + ": replayed rows");
        }
        assertSameWeights(network, replayed, name + " " + order + " seed " + seed + " via Replay");

        Path out = dir.resolve("replayed.json");
        CliRun run = CliRun.of("replay", "--model", model.toString(), "--log", logFile.toString(), "--rule", name,
                "--eta", Double.toString(ETA), "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertSameWeights(network, Checkpoints.load(out), name + " " + order + " seed " + seed + " via the CLI");
    }

    private static void assertSameWeights(Network expected, Network actual, String what) {
        assertTrue(expected.weightDistance(0) > 0, what + ": the session moved the weights");
        for (int l = 0; l < expected.layerCount(); l++) {
            double[][] w = expected.weights(l);
            double[][] v = actual.weights(l);
            for (int j = 0; j < w.length; j++) {
                assertArrayEquals(w[j], v[j], what + ": layer " + l + " neuron " + j);
            }
            assertArrayEquals(expected.bias(l), actual.bias(l), what + ": bias of layer " + l);
        }
    }
}
