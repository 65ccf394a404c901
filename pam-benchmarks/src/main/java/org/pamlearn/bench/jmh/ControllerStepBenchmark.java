// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.pamlearn.core.Network;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.ClosedLoopController;
import org.pamlearn.robot.DifferentialDrive;
import org.pamlearn.robot.LookaheadPosition;
import org.pamlearn.robot.SampleProvider;
import org.pamlearn.zspace.filter.FilterArray;

/**
 * One {@link ClosedLoopController#step()}, the whole per-sample cost of the learning controller without a
 * simulator or a serial port: read the in-memory reflex and predictor sensors, the reflex error, the look-ahead
 * position, learn, filter the predictors through the {@link FilterArray}, forward, mix the outputs into the
 * motor commands and send them to an in-memory drive.
 *
 * <p>Shapes ({@link #shape}), all with {@code CENTERED_SIGMOID}, no bias, the authors' initialisation (first layer
 * {@code U[0, 0.001)}, the others {@code U[0, 1)}) and the authors' output mix (50, 10, 2):
 * <ul>
 *   <li>{@code sim}: the simulator's 2 x 15 look-ahead predictors through a resonator bank of 5 (periods 3 to 10
 *       samples, Q 0.51): 150 inputs; layers 6, 3;</li>
 *   <li>{@code robot}: 48 predictors (the authors' camera robot) through 5 resonators: 240 inputs; layers 13, 12,
 *       11, 10, 9, 8, 7, 6, 5, 4, 3 (as {@code StepBenchmark}'s {@code robot});</li>
 *   <li>{@code serial}: {@code pamlearn serial}'s defaults, 4 predictors through 10 delay taps: 40 inputs;
 *       layers 8, 3.</li>
 * </ul>
 * Rules ({@link #rule}): {@code bp} ({@code eta = 1e-4}), {@code sar} and {@code pam} ({@code eta = 1e-5}; pam with
 * the error-rate times look-ahead cue, centred on the farthest row). Sensor samples cycle through
 * {@value #TABLE_SIZE} seeded, precomputed entries. {@link #checkNoFault()} fails the run if any step fell back to
 * reflex-only control (then the steps measured would not be learning steps).
 *
 * <p>Run from the repository root:
 * <pre>
 *   ./mvnw -B -ntp -q -pl pam-benchmarks -am package -DskipTests
 *   java -jar pam-benchmarks/target/benchmarks.jar ControllerStepBenchmark -prof gc
 * </pre>
 * {@code -prof gc} adds {@code gc.alloc.rate.norm} (bytes allocated per step), which should be about 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ControllerStepBenchmark {

    /** Entries of the precomputed sensor tables; a power of two. */
    static final int TABLE_SIZE = 1024;

    private static final long SEED = 20230907L;

    /** The controller's shape: {@code sim}, {@code robot} or {@code serial}. */
    @Param({"sim", "robot", "serial"})
    public String shape;

    /** The learning rule: {@code bp}, {@code sar} or {@code pam}. */
    @Param({"bp", "sar", "pam"})
    public String rule;

    private ClosedLoopController controller;
    private TableSensor reflex;
    private TableSensor predictors;
    private SinkDrive drive;

    /** A sensor that cycles through a table of samples. */
    static final class TableSensor implements SampleProvider {
        private final double[][] table;
        private int next;

        TableSensor(double[][] table) {
            this.table = table;
        }

        @Override
        public int sampleSize() {
            return table[0].length;
        }

        @Override
        public void fetchSample(double[] dst, int offset) {
            final double[] s = table[next];
            next = (next + 1) & (TABLE_SIZE - 1);
            System.arraycopy(s, 0, dst, offset, s.length);
        }
    }

    /** A drive that keeps the last command. */
    static final class SinkDrive implements DifferentialDrive {
        double left;
        double right;

        @Override
        public double maxSpeed() {
            return 100.0;
        }

        @Override
        public void drive(double l, double r) {
            left = DifferentialDrive.safe(l, 100.0);
            right = DifferentialDrive.safe(r, 100.0);
        }

        @Override
        public void stop() {
            left = 0.0;
            right = 0.0;
        }

        @Override
        public void close() {
            stop();
        }
    }

    /** Builds the seeded controller and the sensor tables. */
    @Setup(Level.Trial)
    public void setUp() {
        final int nPredictors;
        final int rowOffset;
        final int rowColumns;
        final FilterArray filters;
        final Network network;
        switch (shape) {
            case "sim":
                nPredictors = 30;
                rowOffset = 15;
                rowColumns = 15;
                filters = FilterArray.resonators(nPredictors, 5, 3.0, 10.0, 0.51);
                network = StepBenchmark.authors(150, 6, 3);
                break;
            case "robot":
                nPredictors = 48;
                rowOffset = 0;
                rowColumns = 8;
                filters = FilterArray.resonators(nPredictors, 5, 3.0, 10.0, 0.51);
                network = StepBenchmark.authors(240, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3);
                break;
            case "serial":
                nPredictors = 4;
                rowOffset = 0;
                rowColumns = 4;
                filters = FilterArray.delayTaps(nPredictors, 10);
                network = StepBenchmark.authors(40, 8, 3);
                break;
            default:
                throw new IllegalArgumentException("shape must be sim, robot or serial, got " + shape);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        double[][] reflexTable = new double[TABLE_SIZE][4];
        double[][] predictorTable = new double[TABLE_SIZE][nPredictors];
        for (int k = 0; k < TABLE_SIZE; k++) {
            for (int i = 0; i < 4; i++) {
                reflexTable[k][i] = random.nextDouble(0.5, 0.731);
            }
            for (int i = 0; i < nPredictors; i++) {
                predictorTable[k][i] = random.nextDouble(0.0, 2.31);
            }
        }
        reflex = new TableSensor(reflexTable);
        predictors = new TableSensor(predictorTable);
        drive = new SinkDrive();
        LookaheadPosition lookahead = new LookaheadPosition(rowColumns, rowOffset);
        controller = ClosedLoopController.builder().reflexSensor(reflex).predictorSensor(predictors).drive(drive)
                .filters(filters).network(network).rule(rule(rule, lookahead.centre())).lookahead(lookahead)
                .build();
    }

    /**
     * One control step.
     *
     * @return the left motor command, so that the step is consumed
     */
    @Benchmark
    public double step() {
        controller.step();
        return drive.left;
    }

    /**
     * Fails the run if a step fell back to reflex-only control or the network never learned.
     *
     * @throws IllegalStateException on a fault
     */
    @TearDown(Level.Trial)
    public void checkNoFault() {
        if (controller.learnerFaults() + controller.outputFaults() + controller.sensorFaults() > 0
                || controller.learnedSteps() < controller.steps() - 1) {
            throw new IllegalStateException(shape + "/" + rule + ": " + controller.learnerFaults()
                    + " learner faults, " + controller.outputFaults() + " output faults, " + controller.sensorFaults()
                    + " sensor faults, " + controller.learnedSteps() + " of " + controller.steps() + " steps learned");
        }
    }

    /** {@link StepBenchmark#rule}, with PaM's look-ahead cue centred on this controller's predictor row. */
    private static LearningRule rule(String name, double centre) {
        return StepBenchmark.rule(name,
                LearningRules.Options.eta(1e-5).withModulation(LearningRules.errorRateTimesLookahead(centre, 1.0)));
    }
}
