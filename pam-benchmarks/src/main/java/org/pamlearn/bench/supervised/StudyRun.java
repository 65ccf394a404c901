// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.supervised;

import java.util.Arrays;
import java.util.Locale;
import org.pamlearn.bench.internal.CsvLines;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Engine;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInit;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.data.IdxDataSet;
import org.pamlearn.core.data.SupervisedTraining;
import org.pamlearn.core.learning.BatchLearner;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.LearningRules;

/**
 * One run of the supervised study: a network of {@code depth} hidden layers of {@value #HIDDEN} neurons (the
 * variant's activation and initialisation, with bias) and a LINEAR output layer of one neuron per class, trained with
 * the softmax cross-entropy loss, one rule at one learning rate {@code eta = 10^(k/2)}, for a fixed number of epochs.
 * The weights and the sample order come from {@link #seed()}, which depends on the variant, the depth and the seed
 * index only: every rule and rate at one seed index starts from the same weights and sees the same batches.
 *
 * @param variant {@code sigmoid} (logistic hidden units, Glorot uniform) or {@code relu} (ReLU, He uniform)
 * @param depth the hidden layers
 * @param rule {@code bp}, {@code sar} or {@code pam}
 * @param k the rate's index: {@code eta = 10^(k/2)}
 * @param seedIndex 1-based
 */
public record StudyRun(String variant, int depth, String rule, int k, int seedIndex) {

    /** Neurons per hidden layer. */
    public static final int HIDDEN = 100;

    /**
     * Returns the learning rate.
     *
     * @return {@code 10^(k/2)}
     */
    public double eta() {
        return Math.pow(10.0, k / 2.0);
    }

    /**
     * Returns the seed of the weights and of the sample order.
     *
     * @return a seed shared by every rule and rate at this variant, depth and seed index
     */
    public long seed() {
        return ((long) variant.hashCode() * 1_000_003L + depth) * 1_000_003L + seedIndex;
    }

    /**
     * Returns the run's key in {@code study.csv}.
     *
     * @return {@code variant,depth,rule,k,seed}
     */
    public String key() {
        return CsvLines.join(variant, Integer.toString(depth), rule, Integer.toString(k), Integer.toString(seedIndex));
    }

    /**
     * Builds the run's network ({@link Classifiers#network}: the output layer LINEAR with Glorot's range).
     *
     * @param inputs pixels per image
     * @param classes outputs
     * @param engine the engine
     * @return the seeded network
     */
    public Network network(int inputs, int classes, Engine engine) {
        Activation f;
        WeightInit init;
        switch (variant) {
            case "sigmoid":
                f = Activation.SIGMOID;
                init = WeightInits.xavier();
                break;
            case "relu":
                f = Activation.RELU;
                init = WeightInits.he();
                break;
            default:
                throw new IllegalArgumentException("unknown variant '" + variant + "': use sigmoid or relu");
        }
        int[] hidden = new int[depth];
        Arrays.fill(hidden, HIDDEN);
        return Classifiers.network(inputs, hidden, f, init, classes, BatchLearner.Loss.SOFTMAX_CROSS_ENTROPY, true,
                engine, seed());
    }

    /**
     * Returns the rule at this run's rate, with its defaults (SaR's relevance: the batch's mean |E|; PaM's
     * modulation: the loss trend).
     *
     * @return the rule
     */
    public LearningRule learningRule() {
        return LearningRules.create(LearningRules.Name.parse(rule), LearningRules.Options.eta(eta()));
    }

    /**
     * Trains the run's network and returns its row.
     *
     * @param data the data set
     * @param epochs epochs
     * @param batch the batch size
     * @param engine the engine
     * @return the row: {@code key,eta,epochs,batch,test_accuracy,train_loss,seconds,samples_per_s}
     */
    public String run(IdxDataSet data, int epochs, int batch, Engine engine) {
        int inputs = data.train().images().rows() * data.train().images().columns();
        Network network = network(inputs, IdxDataSet.CLASSES, engine);
        BatchLearner learner = BatchLearner.builder(learningRule(), network)
                .loss(BatchLearner.Loss.SOFTMAX_CROSS_ENTROPY).maxRows(batch).build();
        long start = System.nanoTime();
        double accuracy;
        double loss;
        double samplesPerSecond;
        try {
            SupervisedTraining.Result r = new SupervisedTraining(learner, data).run(epochs, seed(), () -> false,
                    new SupervisedTraining.Listener() { });
            SupervisedTraining.Epoch last = r.epochs().get(r.epochs().size() - 1);
            accuracy = last.testAccuracy();
            loss = last.trainLoss();
            samplesPerSecond = r.epochs().stream().mapToDouble(SupervisedTraining.Epoch::samplesPerSecond).average()
                    .orElse(Double.NaN);
        } catch (IllegalArgumentException e) {
            // A refused step (the rate overflowed the weights): the run failed to learn, which is a result.
            accuracy = Double.NaN;
            loss = Double.NaN;
            samplesPerSecond = Double.NaN;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return CsvLines.join(variant, Integer.toString(depth), rule, Integer.toString(k), Integer.toString(seedIndex),
                Double.toString(eta()), Integer.toString(epochs), Integer.toString(batch),
                Double.toString(accuracy), Double.toString(loss), String.format(Locale.ROOT, "%.2f", seconds),
                String.format(Locale.ROOT, "%.0f", samplesPerSecond));
    }
}
