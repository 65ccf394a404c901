// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.pamlearn.core.learning.BatchLearner;

/**
 * Trains a classifier on an {@link IdxDataSet} with a {@link BatchLearner} (docs/ALGORITHMS.md &sect;6): epochs of
 * mini-batches over the training images in a seeded random order (a new permutation each epoch), inputs scaled to
 * {@code [0, 1]}, one-hot targets; after each epoch the accuracy on the test images (the arg-max of the outputs).
 * The last batch of an epoch holds the remainder, so every image is seen once per epoch.
 *
 * <p>A stop request (for example Ctrl-C) is honoured between batches: the epoch in progress ends there, and is
 * reported, with its test accuracy, as a partial epoch.
 */
public final class SupervisedTraining {

    /**
     * One epoch's numbers.
     *
     * @param epoch 1-based
     * @param trainLoss the mean loss of its batches (before each batch's update), weighted by rows
     * @param testAccuracy the fraction of test images classified right after it
     * @param samples the training samples it used (fewer than the training set if stopped early)
     * @param seconds the wall time of its training (not of the test)
     * @param complete whether it went through every training image
     */
    public record Epoch(int epoch, double trainLoss, double testAccuracy, long samples, double seconds,
            boolean complete) {

        /**
         * Returns the training throughput.
         *
         * @return samples per second of training
         */
        public double samplesPerSecond() {
            return seconds > 0 ? samples / seconds : Double.NaN;
        }
    }

    /** What a run reports while it runs; every method does nothing by default. */
    public interface Listener {
        /**
         * Called after each batch.
         *
         * @param epoch the 1-based epoch
         * @param done training samples done in this epoch
         * @param total training samples of an epoch
         */
        default void batch(int epoch, long done, long total) {
        }

        /**
         * Called after each epoch (also a partial one, stopped early).
         *
         * @param result its numbers
         */
        default void epoch(Epoch result) {
        }
    }

    /**
     * A run's result.
     *
     * @param epochs every epoch run, the last one partial when stopped
     * @param stopped whether a stop request ended it early
     */
    public record Result(List<Epoch> epochs, boolean stopped) {

        /**
         * Returns the test accuracy after the last epoch.
         *
         * @return the accuracy, NaN when no epoch ran
         */
        public double testAccuracy() {
            return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
        }
    }

    private final BatchLearner learner;
    private final IdxDataSet data;
    private final int classes;
    private final double[] inputs;
    private final double[] targets;
    private final double[] outputs;
    /** Pixels per image: the width of a row of {@link #inputs}. */
    private final int size;

    /**
     * Prepares training.
     *
     * @param learner the learner; its network has {@code rows * columns} inputs and one output per class
     * @param data the data set
     * @throws IllegalArgumentException if the network does not fit the images or the classes, or the training and
     *     test images differ in size
     */
    public SupervisedTraining(BatchLearner learner, IdxDataSet data) {
        this.learner = Objects.requireNonNull(learner, "learner");
        this.data = Objects.requireNonNull(data, "data");
        Idx.Images images = data.train().images();
        int size = images.rows() * images.columns();
        if (learner.network().inputCount() != size) {
            throw new IllegalArgumentException("the network has " + learner.network().inputCount()
                    + " inputs, the images " + images.rows() + " x " + images.columns() + " = " + size + " pixels");
        }
        // IdxDataSet.load checks this for files; a data set built in memory may not have, and the test images
        // would otherwise only fail after the first epoch of training.
        Idx.Images test = data.test().images();
        if (test.rows() != images.rows() || test.columns() != images.columns()) {
            throw new IllegalArgumentException("the training images are " + images.rows() + " x " + images.columns()
                    + ", the test images " + test.rows() + " x " + test.columns());
        }
        this.classes = learner.network().outputCount();
        int maxLabel = Math.max(maxLabel(data.train().labels()), maxLabel(data.test().labels()));
        if (maxLabel >= classes) {
            throw new IllegalArgumentException("the network has " + classes + " outputs, the data has label "
                    + maxLabel);
        }
        int rows = learner.maxRows();
        this.inputs = new double[rows * size];
        this.targets = new double[rows * classes];
        this.outputs = new double[rows * classes];
        this.size = size;
    }

    private static int maxLabel(Idx.Labels labels) {
        int max = 0;
        for (int k = 0; k < labels.count(); k++) {
            max = Math.max(max, labels.label(k));
        }
        return max;
    }

    /**
     * Runs {@code epochs} epochs.
     *
     * @param epochs epochs, {@code >= 1}
     * @param seed the seed of the sample order
     * @param stop asked between batches; {@code true} ends the run
     * @param listener told of progress
     * @return the epochs run
     * @throws IllegalArgumentException if {@code epochs < 1}, or a step is refused (overflow); the network then
     *     holds the weights of the batches before it
     */
    public Result run(int epochs, long seed, BooleanSupplier stop, Listener listener) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(listener, "listener");
        SplittableRandom random = new SplittableRandom(seed);
        IdxDataSet.Split train = data.train();
        int n = train.images().count();
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        List<Epoch> done = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            shuffle(order, random);
            long start = System.nanoTime();
            double lossSum = 0.0;
            long samples = 0;
            boolean stopped = false;
            for (int from = 0; from < n; from += learner.maxRows()) {
                if (stop.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                int rows = Math.min(learner.maxRows(), n - from);
                fill(train, order, from, rows);
                lossSum += learner.step(inputs, targets, rows) * rows;
                samples += rows;
                listener.batch(e, samples, n);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (samples == 0) {
                return new Result(Collections.unmodifiableList(done), true);
            }
            Epoch epoch = new Epoch(e, lossSum / samples, accuracy(data.test()), samples, seconds, !stopped);
            done.add(epoch);
            listener.epoch(epoch);
            if (stopped) {
                return new Result(Collections.unmodifiableList(done), true);
            }
        }
        return new Result(Collections.unmodifiableList(done), false);
    }

    /**
     * Returns the fraction of a split's images whose largest output is their label's.
     *
     * @param split the images and labels
     * @return the accuracy in {@code [0, 1]}
     */
    public double accuracy(IdxDataSet.Split split) {
        int n = split.images().count();
        int right = 0;
        for (int from = 0; from < n; from += learner.maxRows()) {
            int rows = Math.min(learner.maxRows(), n - from);
            for (int b = 0; b < rows; b++) {
                split.images().scaled(from + b, inputs, b * size);
            }
            learner.predict(inputs, rows, outputs);
            for (int b = 0; b < rows; b++) {
                if (argMax(outputs, b * classes, classes) == split.labels().label(from + b)) {
                    right++;
                }
            }
        }
        return (double) right / n;
    }

    private void fill(IdxDataSet.Split split, int[] order, int from, int rows) {
        Arrays.fill(targets, 0, rows * classes, 0.0);
        for (int b = 0; b < rows; b++) {
            int sample = order[from + b];
            split.images().scaled(sample, inputs, b * size);
            targets[b * classes + split.labels().label(sample)] = 1.0;
        }
    }

    private static int argMax(double[] x, int offset, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (x[offset + k] > x[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int k = order.length - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = order[k];
            order[k] = order[j];
            order[j] = t;
        }
    }
}
