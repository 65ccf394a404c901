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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.pamlearn.zspace.filter.FilterArray;
import org.pamlearn.zspace.filter.Resonator;

/**
 * The filter array of one control sample: {@value #PREDICTORS} predictor signals, each through a bank of
 * {@value #RESONATORS} resonators (the authors' bank: periods 3 to 10 samples, {@code Q = 0.51}), into
 * {@code 48 * 5 = 240} network inputs, by {@code FilterArray.filter(predictors, u, 0)}. One operation is one
 * sample, so the score is ns per sample.
 *
 * <p>The predictor samples cycle through {@value #TABLE_SIZE} seeded, precomputed rows in {@code [0, 1)}, so
 * no sample is constant.
 *
 * <p>Run from the repository root:
 * <pre>
 *   ./mvnw -B -ntp -q -pl pam-benchmarks -am package -DskipTests
 *   java -jar pam-benchmarks/target/benchmarks.jar ResonatorBankBenchmark -prof gc
 * </pre>
 * {@code -prof gc} adds {@code gc.alloc.rate.norm} (bytes allocated per sample), which should be about 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ResonatorBankBenchmark {

    /**
     * Predictor signals: 48, as in the {@code robot} shape of {@link ControllerStepBenchmark} (the authors' camera
     * robot, 48 x 5 = 240 inputs). The simulated line follower of docs/ALGORITHMS.md &sect;5 has 30 (two rows of
     * 15).
     */
    static final int PREDICTORS = 48;

    /** Resonators per predictor. */
    static final int RESONATORS = 5;

    /** Rows of the precomputed predictor table; a power of two. */
    static final int TABLE_SIZE = 1024;

    private static final long SEED = 20230907L;

    private FilterArray array;
    private double[][] predictors;
    private double[] u;
    private int step;

    /** Builds the filter array and the seeded predictor table. */
    @Setup(Level.Trial)
    public void setUp() {
        array = FilterArray.resonators(PREDICTORS, RESONATORS, 3, 10, Resonator.DEFAULT_Q);
        u = new double[array.outputCount()];
        SplittableRandom random = new SplittableRandom(SEED);
        predictors = new double[TABLE_SIZE][PREDICTORS];
        for (double[] row : predictors) {
            for (int p = 0; p < PREDICTORS; p++) {
                row[p] = random.nextDouble();
            }
        }
        step = 0;
    }

    /**
     * Filters one sample of every predictor.
     *
     * @return one of the outputs, so that the filtering is consumed
     */
    @Benchmark
    public double filter() {
        final int k = step;
        step = (k + 1) & (TABLE_SIZE - 1);
        array.filter(predictors[k], u, 0);
        return u[k % u.length];
    }
}
