// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Network;
import org.pamlearn.core.NetworkFixtures;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.BatchLearner;
import org.pamlearn.core.learning.Cue;
import org.pamlearn.core.learning.SignAndRelevance;

/**
 * {@link SupervisedTraining} on small in-memory data sets: 3 x 3 images of 3 classes, 10 for training and 7 for
 * testing. The order in which the images are used is observed through a cue that records what it sees and returns
 * {@code M = 0}, so that the weights never change: each training image then has its own fixed mean {@code |E|}, and
 * the sequence of those values is the sequence of images.
 */
class SupervisedTrainingTest {

    private static final int TRAIN = 10;
    private static final int TEST = 7;
    private static final int CLASSES = 3;
    private static final int PIXELS = 9;

    private static final IdxDataSet DATA = new IdxDataSet(split(TRAIN, 1), split(TEST, 2));

    /** Random pixels, brighter in the row of the image's label. */
    private static IdxDataSet.Split split(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * PIXELS];
        byte[] labels = new byte[n];
        for (int k = 0; k < n; k++) {
            labels[k] = (byte) random.nextInt(CLASSES);
            for (int p = 0; p < PIXELS; p++) {
                pixels[k * PIXELS + p] = (byte) (p / 3 == labels[k] ? 160 + random.nextInt(96) : random.nextInt(96));
            }
        }
        return new IdxDataSet.Split(new Idx.Images(n, 3, 3, pixels), new Idx.Labels(n, labels));
    }

    private static Network network(int inputs, int outputs) {
        return Network.builder(inputs).layer(4).layer(outputs, Activation.SIGMOID).activation(Activation.TANH)
                .init(WeightInits.uniform(-1.0, 1.0)).bias(true).seed(17).build();
    }

    /** A learner whose weights never change ({@code M = 0}) and whose cue records each batch's mean |E|. */
    private static BatchLearner recording(Network net, int maxRows, List<Double> seen) {
        Cue cue = context -> {
            seen.add(context.error());
            return 0.0;
        };
        return BatchLearner.builder(SignAndRelevance.builder().eta(0.1).build(), net).maxRows(maxRows)
                .modulation(cue).build();
    }

    /** The test's own forward pass through {@link Network#forward}, on the pixels scaled to [0, 1]. */
    private static double[] outputs(Network net, IdxDataSet.Split split, int k) {
        byte[] all = split.images().pixels();
        double[] x = new double[PIXELS];
        for (int p = 0; p < PIXELS; p++) {
            x[p] = (all[k * PIXELS + p] & 0xff) / 255.0;
        }
        double[] y = new double[net.outputCount()];
        net.forward(x, y);
        return y;
    }

    private static double meanAbsError(Network net, IdxDataSet.Split split, int k) {
        double[] y = outputs(net, split, k);
        double sum = 0.0;
        for (int m = 0; m < y.length; m++) {
            sum += Math.abs((m == split.labels().label(k) ? 1.0 : 0.0) - y[m]);
        }
        return sum / y.length;
    }

    /** Maps each recorded mean |E| back to its training image. */
    private static int[] images(Network net, List<Double> seen) {
        double[] own = new double[TRAIN];
        for (int k = 0; k < TRAIN; k++) {
            own[k] = meanAbsError(net, DATA.train(), k);
        }
        double[] sorted = own.clone();
        Arrays.sort(sorted);
        for (int k = 1; k < TRAIN; k++) {
            assertTrue(sorted[k] - sorted[k - 1] > 1e-9, "the images must be told apart by their mean |E|");
        }
        int[] order = new int[seen.size()];
        for (int s = 0; s < order.length; s++) {
            order[s] = -1;
            for (int k = 0; k < TRAIN; k++) {
                if (Math.abs(own[k] - seen.get(s)) <= 1e-12) {
                    order[s] = k;
                }
            }
            assertTrue(order[s] >= 0, "batch " + s + ": mean |E| " + seen.get(s) + " is no training image's");
        }
        return order;
    }

    private static int[] orderOfRun(long seed, int epochs) {
        Network net = network(PIXELS, CLASSES);
        List<Double> seen = new ArrayList<>();
        new SupervisedTraining(recording(net, 1, seen), DATA).run(epochs, seed, () -> false,
                new SupervisedTraining.Listener() { });
        return images(net, seen);
    }

    @Test
    void everyTrainingImageIsUsedOncePerEpochInAReproducibleShuffledOrder() {
        int[] order = orderOfRun(5, 3);
        assertEquals(3 * TRAIN, order.length, "one single-row batch per image and epoch");
        int[][] epochs = new int[3][];
        for (int e = 0; e < 3; e++) {
            epochs[e] = Arrays.copyOfRange(order, e * TRAIN, (e + 1) * TRAIN);
            int[] sorted = epochs[e].clone();
            Arrays.sort(sorted);
            int[] all = new int[TRAIN];
            Arrays.setAll(all, k -> k);
            assertArrayEquals(all, sorted, "epoch " + (e + 1) + " uses each image once: " + Arrays.toString(epochs[e]));
        }
        assertFalse(Arrays.equals(epochs[0], epochs[1]), "a new order in epoch 2");
        assertFalse(Arrays.equals(epochs[1], epochs[2]), "a new order in epoch 3");
        assertArrayEquals(order, orderOfRun(5, 3), "the same seed gives the same order");
        assertFalse(Arrays.equals(order, orderOfRun(6, 3)), "another seed gives another order");
    }

    /**
     * Ten images in batches of at most 4 (4, 4, 2): each complete epoch reports 10 samples, and, since the weights
     * never change here, its train loss is the mean loss over the ten images, whatever the batches.
     */
    @Test
    void completeEpochsReportEverySampleAndTheirMeanLoss() {
        Network net = network(PIXELS, CLASSES);
        List<Double> seen = new ArrayList<>();
        List<long[]> batches = new ArrayList<>();
        List<SupervisedTraining.Epoch> reported = new ArrayList<>();
        SupervisedTraining training = new SupervisedTraining(recording(net, 4, seen), DATA);
        SupervisedTraining.Result result = training.run(2, 1, () -> false, new SupervisedTraining.Listener() {
            @Override
            public void batch(int epoch, long done, long total) {
                batches.add(new long[] {epoch, done, total});
            }

            @Override
            public void epoch(SupervisedTraining.Epoch epoch) {
                reported.add(epoch);
            }
        });
        assertFalse(result.stopped());
        assertEquals(result.epochs(), reported, "the listener hears every epoch");
        double ownLoss = 0.0;
        for (int k = 0; k < TRAIN; k++) {
            double[] y = outputs(net, DATA.train(), k);
            for (int m = 0; m < CLASSES; m++) {
                double e = (m == DATA.train().labels().label(k) ? 1.0 : 0.0) - y[m];
                ownLoss += 0.5 * e * e;
            }
        }
        ownLoss /= TRAIN;
        for (int e = 0; e < 2; e++) {
            SupervisedTraining.Epoch epoch = result.epochs().get(e);
            assertEquals(e + 1, epoch.epoch());
            assertEquals(TRAIN, epoch.samples(), "samples of epoch " + (e + 1));
            assertTrue(epoch.complete());
            assertTrue(epoch.seconds() >= 0.0);
            assertEquals(ownLoss, epoch.trainLoss(), 1e-12, "train loss of epoch " + (e + 1));
        }
        long[][] expected = {{1, 4, 10}, {1, 8, 10}, {1, 10, 10}, {2, 4, 10}, {2, 8, 10}, {2, 10, 10}};
        assertArrayEquals(expected, batches.toArray(new long[0][]), "progress after each batch");
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        double[][] first = trainedWeights(7);
        double[][] again = trainedWeights(7);
        double[][] other = trainedWeights(8);
        for (int l = 0; l < first.length; l++) {
            assertArrayEquals(first[l], again[l], 0.0, "layer " + l);
        }
        assertFalse(Arrays.deepEquals(first, other), "another seed, another order, other weights");
    }

    private static double[][] trainedWeights(long seed) {
        Network net = network(PIXELS, CLASSES);
        BatchLearner learner = BatchLearner.builder(Backprop.builder().eta(0.5).build(), net).maxRows(3).build();
        new SupervisedTraining(learner, DATA).run(3, seed, () -> false, new SupervisedTraining.Listener() { });
        double[][] w = new double[net.layerCount()][];
        for (int l = 0; l < w.length; l++) {
            w[l] = NetworkFixtures.parameters(net, l);
        }
        return w;
    }

    /** Batches of 3 (3, 3, 3, 1): stopped before the third batch of epoch 2, that epoch is partial with 6 samples. */
    @Test
    void aStopMidEpochEndsWithAPartialEpoch() {
        Network net = network(PIXELS, CLASSES);
        BatchLearner learner = BatchLearner.builder(Backprop.builder().eta(0.5).build(), net).maxRows(3).build();
        SupervisedTraining training = new SupervisedTraining(learner, DATA);
        SupervisedTraining.Result result = training.run(5, 3, stopAtCall(7), new SupervisedTraining.Listener() { });
        assertTrue(result.stopped());
        assertEquals(2, result.epochs().size());
        assertTrue(result.epochs().get(0).complete());
        assertEquals(TRAIN, result.epochs().get(0).samples());
        SupervisedTraining.Epoch partial = result.epochs().get(1);
        assertFalse(partial.complete());
        assertEquals(6, partial.samples());
        assertEquals(ownAccuracy(net, DATA.test()), partial.testAccuracy(), 0.0, "accuracy after the partial epoch");

        // Stopped at the first batch of epoch 2 there is nothing to report for it; at the very first, nothing at all.
        SupervisedTraining.Result atEpochStart = new SupervisedTraining(learner, DATA).run(5, 3, stopAtCall(5),
                new SupervisedTraining.Listener() { });
        assertTrue(atEpochStart.stopped());
        assertEquals(1, atEpochStart.epochs().size());
        SupervisedTraining.Result atOnce = training.run(5, 3, () -> true, new SupervisedTraining.Listener() { });
        assertTrue(atOnce.stopped());
        assertTrue(atOnce.epochs().isEmpty());
        assertTrue(Double.isNaN(atOnce.testAccuracy()));
    }

    private static BooleanSupplier stopAtCall(int call) {
        int[] calls = {0};
        return () -> ++calls[0] >= call;
    }

    @Test
    void accuracyIsTheShareOfTestImagesWhoseLargestOutputIsTheirLabel() {
        Network net = network(PIXELS, CLASSES);
        BatchLearner learner = BatchLearner.builder(Backprop.builder().eta(0.5).build(), net).maxRows(4).build();
        SupervisedTraining training = new SupervisedTraining(learner, DATA);
        SupervisedTraining.Result result = training.run(4, 11, () -> false, new SupervisedTraining.Listener() { });
        double own = ownAccuracy(net, DATA.test());
        assertEquals(own, result.testAccuracy(), 0.0);
        assertEquals(own, training.accuracy(DATA.test()), 0.0);
        assertEquals(ownAccuracy(net, DATA.train()), training.accuracy(DATA.train()), 0.0);
        assertNotEquals(0.0, own, "a trivial count would not test much");
    }

    private static double ownAccuracy(Network net, IdxDataSet.Split split) {
        int right = 0;
        int n = split.images().count();
        for (int k = 0; k < n; k++) {
            double[] y = outputs(net, split, k);
            int best = 0;
            for (int m = 1; m < y.length; m++) {
                best = y[m] > y[best] ? m : best;
            }
            right += best == split.labels().label(k) ? 1 : 0;
        }
        return (double) right / n;
    }

    @Test
    void aNetworkOrDataThatDoNotFitOrNoEpochsAreRefused() {
        Backprop bp = Backprop.builder().eta(0.1).build();
        IllegalArgumentException inputs = assertThrows(IllegalArgumentException.class, () -> new SupervisedTraining(
                BatchLearner.builder(bp, network(8, CLASSES)).build(), DATA));
        assertEquals("the network has 8 inputs, the images 3 x 3 = 9 pixels", inputs.getMessage());
        IllegalArgumentException outputs = assertThrows(IllegalArgumentException.class, () -> new SupervisedTraining(
                BatchLearner.builder(bp, network(PIXELS, 2)).build(), DATA));
        assertEquals("the network has 2 outputs, the data has label 2", outputs.getMessage());
        IdxDataSet mixed = new IdxDataSet(DATA.train(), new IdxDataSet.Split(new Idx.Images(2, 4, 4, new byte[32]),
                new Idx.Labels(2, new byte[2])));
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class, () -> new SupervisedTraining(
                BatchLearner.builder(bp, network(PIXELS, CLASSES)).build(), mixed));
        assertEquals("the training images are 3 x 3, the test images 4 x 4", sizes.getMessage());
        SupervisedTraining training = new SupervisedTraining(BatchLearner.builder(bp, network(PIXELS, CLASSES))
                .build(), DATA);
        for (int epochs : new int[] {0, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> training.run(epochs, 1, () -> false, new SupervisedTraining.Listener() { }));
            assertEquals("epochs must be >= 1, got " + epochs, e.getMessage());
        }
    }
}
