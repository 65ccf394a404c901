// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

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
import org.openjdk.jmh.annotations.Warmup;
import org.pamlearn.robot.DifferentialDrive;
import org.pamlearn.robot.SampleProvider;
import org.pamlearn.robot.sim.LineFollowerSim;
import org.pamlearn.robot.sim.LookaheadSensors;

/**
 * One simulator step, the cost the simulated robot adds to a control step: {@code drive(left, right)} with a
 * proportional reflex ({@code left = 90 + 300 E}, {@code right = 90 - 300 E}), {@code advance()} (one 30 ms world
 * step in 3 arc sub-steps with motor noise and the leaving-the-line check), then reading the 4 reflex sensors and
 * the look-ahead sensors ({@link #sensors}: {@code ROWS}, 2 x 15 ground sensors, the default; or {@code CAMERA},
 * 4 x 5 mirrored patch pairs) on the built-in track. The reflex keeps the robot on the line, so the steps are the
 * ones a learning run sees. Target: at least 50,000 steps per second on one core, i.e. at most 20 us per step.
 *
 * <p>Run from the repository root:
 * <pre>
 *   ./mvnw -B -ntp -q -pl pam-benchmarks -am package -DskipTests
 *   java -jar pam-benchmarks/target/benchmarks.jar SimulatorBenchmark -prof gc
 * </pre>
 * {@code -prof gc} adds {@code gc.alloc.rate.norm} (bytes allocated per step), which should be about 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SimulatorBenchmark {

    private static final long SEED = 20230907L;

    /** The look-ahead sensors: {@code ROWS} (default) or {@code CAMERA}. */
    @Param({"ROWS", "CAMERA"})
    public String sensors;

    private LineFollowerSim sim;
    private DifferentialDrive drive;
    private SampleProvider reflex;
    private SampleProvider predictors;
    private double[] reflexSample;
    private double[] predictorSample;

    /** Builds the seeded simulator on the built-in track. */
    @Setup(Level.Trial)
    public void setUp() {
        sim = LineFollowerSim.builder().seed(SEED).sensors(LookaheadSensors.valueOf(sensors)).build();
        drive = sim.drive();
        reflex = sim.reflexSensors();
        predictors = sim.predictorSensors();
        reflexSample = new double[reflex.sampleSize()];
        predictorSample = new double[predictors.sampleSize()];
        reflex.fetchSample(reflexSample, 0);
    }

    /**
     * One simulated step.
     *
     * @return the sum of the new samples' first values, so that the reads are consumed
     */
    @Benchmark
    public double step() {
        final double[] r = reflexSample;
        final double e = (r[1] + 2 * r[0]) - (r[2] + 2 * r[3]);
        drive.drive(90 + 300 * e, 90 - 300 * e);
        sim.advance();
        reflex.fetchSample(r, 0);
        predictors.fetchSample(predictorSample, 0);
        return r[0] + predictorSample[predictorSample.length / 2];
    }
}
