// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import java.util.SplittableRandom;

/**
 * The network and data shared by the mini-batch benchmarks ({@link BatchStepBenchmark}, {@link Dl4jBatchBenchmark},
 * {@link GemmBenchmark}): a 784-256-128-10 network (an MNIST-sized classifier) and a table of {@value #BATCHES}
 * seeded batches of random inputs {@code U[0, 1)} with one-hot targets, used in turn.
 *
 * <p>FLOPs per training sample, counting the matrix products only (a multiply and an add per term): the forward
 * pass {@code 2 (784*256 + 256*128 + 128*10) = 469,504}; the error signals of the two hidden layers
 * {@code 2 (128*256 + 10*128) = 68,096} (the input layer needs none); the weight gradients {@code 469,504}; in all
 * {@value #FLOPS_PER_SAMPLE}. The elementwise work (activations, derivatives, biases, loss, the update) is
 * {@code O(784 + 256 + 128 + 10)} per sample plus {@code O(weights)} per batch, under 1 % at batch 32.
 *
 * @param inputs {@value #BATCHES} batches, each row-major {@code batch x 784}
 * @param targets {@value #BATCHES} batches of one-hot rows, each row-major {@code batch x 10}
 */
record BatchTables(double[][] inputs, double[][] targets) {

    /** Layer sizes, inputs first. */
    static final int[] SIZES = {784, 256, 128, 10};

    /** Matrix-product FLOPs of one training sample (see the class comment). */
    static final long FLOPS_PER_SAMPLE = 1_007_104L;

    /** Batches in the table (a power of two). */
    static final int BATCHES = 8;

    /**
     * Training samples per benchmark invocation, a multiple of every batch size measured: JMH's
     * {@code @OperationsPerInvocation} must be a constant.
     */
    static final int SAMPLES = 256;

    /** Seed of the data and of the weights. */
    static final long SEED = 20261204L;

    /** The SGD learning rate of both our back-propagation and DL4J's. */
    static final double ETA = 0.05;

    /**
     * Checks that a batch size divides {@link #SAMPLES}.
     *
     * @param batch rows per batch
     * @throws IllegalArgumentException if it does not
     */
    static void requireBatch(int batch) {
        if (batch < 1 || SAMPLES % batch != 0) {
            throw new IllegalArgumentException("batch must divide " + SAMPLES + " (the samples of one invocation), got "
                    + batch);
        }
    }

    /**
     * Draws the seeded table.
     *
     * @param batch rows per batch, {@code >= 1}
     * @return the table
     */
    static BatchTables of(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int nIn = SIZES[0];
        int nOut = SIZES[SIZES.length - 1];
        double[][] inputs = new double[BATCHES][batch * nIn];
        double[][] targets = new double[BATCHES][batch * nOut];
        for (int k = 0; k < BATCHES; k++) {
            for (int i = 0; i < inputs[k].length; i++) {
                inputs[k][i] = random.nextDouble();
            }
            for (int b = 0; b < batch; b++) {
                targets[k][b * nOut + random.nextInt(nOut)] = 1.0;
            }
        }
        return new BatchTables(inputs, targets);
    }

    /**
     * The matrix-product FLOPs of a network with these layer sizes per training sample.
     *
     * @param sizes layer sizes, inputs first. Not modified.
     * @return forward, hidden error signals and weight gradients together
     */
    static long flopsPerSample(int[] sizes) {
        long weights = 0;
        long hiddenDeltas = 0;
        for (int l = 1; l < sizes.length; l++) {
            weights += (long) sizes[l - 1] * sizes[l];
            if (l > 1) {
                hiddenDeltas += (long) sizes[l - 1] * sizes[l];
            }
        }
        return 2 * (2 * weights + hiddenDeltas);
    }
}
