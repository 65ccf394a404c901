// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.pamlearn.bench.supervised.Classifiers;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Engine;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInit;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.data.IdxDataSet;
import org.pamlearn.core.data.IdxFormatException;
import org.pamlearn.core.data.SupervisedTraining;
import org.pamlearn.core.data.SupervisedTraining.Epoch;
import org.pamlearn.core.learning.BatchLearner;
import org.pamlearn.core.learning.Cues;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.learning.SignPropagation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pamlearn supervised}: trains a classifier on MNIST-style IDX images with one of the three rules on
 * mini-batches ({@link BatchLearner}, {@link SupervisedTraining}; docs/ALGORITHMS.md &sect;6), on the ND4J or the
 * plain engine. Prints one line per epoch and last {@code result: rule=<rule> epochs=<n> test_accuracy=<x>}; writes
 * {@link SupervisedFiles} after every epoch. Ctrl-C or SIGTERM ({@link StopOnSignal}) ends the epoch in progress
 * after its current batch, which is then reported and written as a partial epoch.
 */
@Command(name = "supervised", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = PamlearnCommand.Version.class,
        description = {
            "Trains a multi-layer perceptron to classify the images of an IDX data set (MNIST, Fashion-MNIST) with"
                + " back-propagation (bp), Sign-and-Relevance (sar) or Prime-and-Modulate (pam) on mini-batches"
                + " (docs/ALGORITHMS.md section 6): the hidden layers of --layers with --activation, then one output"
                + " per class (10). Pixels are scaled to [0, 1], targets are one-hot. Each epoch visits the training"
                + " images once in a new random order, in batches of --batch (the last one holds the rest); after it"
                + " the test images are classified by their largest output.",
            "",
            "Rules on a batch: bp takes the batch-mean gradient of the loss; sar and pam change every weight by"
                + " eta * M * sign(the change summed over the batch), where M is one number per batch: for sar its"
                + " relevance of the batch's mean |E| (--relevance), for pam the loss trend exp(clamp(L (L - L_prev),"
                + " -10, 10)) of the batch's mean loss L against the previous batch's, both saturated to 1, so M = 1"
                + " while the loss is above 1 (--modulation). With --modulation const, pam is signSGD (Bernstein et"
                + " al., 2018). The default learning rates, bp "
                + SupervisedCommand.BP_ETA + ", sar " + SupervisedCommand.SAR_ETA + ", pam " + SupervisedCommand.PAM_ETA
                + ", were each rule's best on Fashion-MNIST with one hidden sigmoid layer of 100, batch 32, 3 epochs"
                + " (the study in docs/RESULTS.md); deeper networks want other rates. For layers of about 100 at batch"
                + " 32, --engine plain is faster than nd4j (measured in docs/RESULTS.md); nd4j pays off for wider"
                + " layers and larger batches.",
            "",
            "--loss cross-entropy (softmax over linear outputs) or squared (the outputs use --activation;"
                + " L = 1/2 sum (t - y)^2). --init defaults by activation: glorot (U[-a,a], a = sqrt(6/(fan_in +"
                + " fan_out))) for sigmoid and tanh, he (a = sqrt(6/fan_in)) for relu; glorot-logistic is glorot times"
                + " 4, uniform the closed-loop papers' U[0,1); with cross-entropy the linear outputs always start"
                + " from glorot. --seed S draws the initial weights and the sample order from S, as the supervised"
                + " study does: its row of seed S is reproduced by the same options on the same engine.",
            "",
            "Standard output: one line per epoch, 'epoch 3/5: train_loss=0.4321 test_accuracy=0.8612"
                + " samples/s=23456' (train_loss: the mean loss of the epoch's batches before each update;"
                + " samples/s: training only), and last exactly 'result: rule=<rule> epochs=<n> test_accuracy=<x>'"
                + " (n: the epochs run; x: the test accuracy of network.json, as Java's Double.toString prints"
                + " it). Progress goes to standard error.",
            "",
            "--out DIR (created if missing) receives, rewritten whole after every epoch: epochs.csv ("
                + SupervisedFiles.HEADER + "; one row per epoch), accuracy.png (test accuracy and train loss per"
                + " epoch) and network.json (checkpoint JSON version 1, loadable by 'pamlearn replay').",
            "",
            "Ctrl-C (SIGINT) or SIGTERM stops cleanly after the current batch: the epoch in progress is tested,"
                + " printed with '(partial: <n> samples)', written with complete=false, the files hold what was"
                + " learned, the result line counts that epoch, and the exit code is 130 (SIGINT) or 143 (SIGTERM).",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the training ran",
            "1:missing or malformed data (the message names the file), ND4J not available, a learning step refused"
                + " (a weight would overflow), or an output file that cannot be written",
            "2:usage error (bad or missing option, an option the rule or loss does not take, a value out of range)",
            "3:internal error (a bug; prints a stack trace)",
            "130:stopped by Ctrl-C (SIGINT), cleanly: the files hold what was learned",
            "143:stopped by SIGTERM, as for Ctrl-C"})
final class SupervisedCommand implements Callable<Integer> {

    /** bp's default learning rate: its best in the study at one hidden sigmoid layer of 100 (docs/RESULTS.md). */
    static final double BP_ETA = 1.0;
    /** sar's default learning rate, chosen as bp's (of two rates with equal mean accuracy, the lower). */
    static final double SAR_ETA = 0.01;
    /** pam's default learning rate, chosen as bp's. */
    static final double PAM_ETA = 0.001;
    /** The most epochs. */
    static final int MAX_EPOCHS = 1_000_000;
    /** The largest batch. */
    static final int MAX_BATCH = 65_536;
    /**
     * The most values of one batch's pass: {@code --batch} times (the inputs plus the neurons of every layer). The
     * training loop and the engine keep a few buffers of about this size (inputs, activations, error signals, in
     * double), so this keeps each under 128 MB and the whole well inside a default heap.
     */
    static final long MAX_BATCH_VALUES = 16_000_000L;
    /** The most native threads. */
    static final int MAX_THREADS = 1024;

    private static final String RULE = "--rule";
    private static final String ETA = "--eta";
    private static final String THREADS = "--threads";
    private static final String DTYPE = "--dtype";
    private static final String OUTPUT_DERIVATIVE = "--output-derivative";
    private static final String SIGN_PROPAGATION = "--sign-propagation";
    private static final String RELEVANCE = "--relevance";
    private static final String MODULATION = "--modulation";

    /** The loss at the output. */
    enum LossName {
        /** Softmax cross-entropy over linear outputs. */
        CROSS_ENTROPY,
        /** Squared error, outputs with the hidden activation. */
        SQUARED
    }

    /** The initial weights. */
    enum InitName {
        /** Glorot's uniform range. */
        GLOROT,
        /** Glorot's range times 4, for the logistic's slope. */
        GLOROT_LOGISTIC,
        /** He's uniform range, for ReLU. */
        HE,
        /** {@code U[0, 1)}, the closed-loop papers' choice. */
        UNIFORM
    }

    /** PaM's modulation per batch. */
    enum ModulationName {
        /** The loss trend, {@link BatchLearner}'s default. */
        LOSS_TREND,
        /** {@code M = 1}: signSGD. */
        CONST
    }

    /** The engine. */
    enum EngineName {
        /** ND4J's native matrix products. */
        ND4J,
        /** Plain Java, double precision, one thread. */
        PLAIN
    }

    /** The ND4J engine's arithmetic. */
    enum Dtype {
        /** Single precision. */
        FLOAT,
        /** Double precision. */
        DOUBLE
    }

    /** The hidden activations offered: the smooth ones the rules were written for, and ReLU. */
    enum ActivationName {
        /** The logistic function. */
        SIGMOID(Activation.SIGMOID),
        /** The logistic minus 0.5, the closed-loop papers' choice. */
        CENTERED_SIGMOID(Activation.CENTERED_SIGMOID),
        /** The hyperbolic tangent. */
        TANH(Activation.TANH),
        /** {@code max(0, v)}. */
        RELU(Activation.RELU);

        final Activation activation;

        ActivationName(Activation activation) {
            this.activation = activation;
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = IdxDataSet.FASHION_MNIST_DIR,
            description = "The directory of train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte"
                    + " and t10k-labels-idx1-ubyte, each raw or .gz; labels 0..9. The default is where Debian's"
                    + " package dataset-fashion-mnist installs Fashion-MNIST.")
    private Path data;

    @Option(names = RULE, paramLabel = "bp|sar|pam", defaultValue = "pam",
            description = "The learning rule: back-propagation, Sign-and-Relevance or Prime-and-Modulate.")
    private LearningRules.Name rule;

    @Option(names = "--layers", paramLabel = "NxS|S1,S2,...", defaultValue = "1x100",
            converter = LayersOption.class,
            description = "The hidden layers: NxS is N layers of S neurons (3x100), or a comma list of sizes"
                    + " (256,128). An output layer of one neuron per class is added.")
    private LayersOption.Hidden layers;

    @Option(names = "--activation", paramLabel = "sigmoid|centered-sigmoid|tanh|relu", defaultValue = "sigmoid",
            description = "The hidden layers' activation (and the outputs' with --loss squared).")
    private ActivationName activation;

    @Option(names = "--loss", paramLabel = "cross-entropy|squared", defaultValue = "cross-entropy",
            description = "The loss at the output: softmax cross-entropy over linear outputs, or squared error.")
    private LossName loss;

    @Option(names = "--init", paramLabel = "glorot|glorot-logistic|he|uniform", showDefaultValue = Visibility.NEVER,
            description = "The initial weights of the hidden layers, and of the outputs with --loss squared (biases"
                    + " start at 0). Default: he for relu, glorot otherwise.")
    private InitName init;

    @Option(names = "--bias", paramLabel = "true|false", defaultValue = "true",
            description = "Whether every layer has a bias (learned as a weight of a constant input 1).")
    private Choices.TrueFalse bias;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5",
            description = "Passes over the training images, 1.." + MAX_EPOCHS + ".")
    private int epochs;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32",
            description = "Images per batch (one update per batch), 1.." + MAX_BATCH + ", and batch x (inputs +"
                    + " every layer's width) at most " + MAX_BATCH_VALUES + ".")
    private int batch;

    @Option(names = ETA, paramLabel = "X", showDefaultValue = Visibility.NEVER,
            description = "The learning rate, finite and > 0. Default by rule (each one's best in the study at 1x100):"
                    + " bp " + BP_ETA + ", sar " + SAR_ETA + ", pam " + PAM_ETA + ".")
    private Double eta;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "The seed of the initial weights and of the sample order.")
    private long seed;

    @Option(names = "--engine", paramLabel = "nd4j|plain", defaultValue = "nd4j",
            description = "The compute engine: nd4j (native matrix products; needs ND4J, which pamlearn.jar"
                    + " carries for linux-x86_64) or plain (Java, double precision, one thread).")
    private EngineName engine;

    @Option(names = DTYPE, paramLabel = "float|double", showDefaultValue = Visibility.NEVER,
            description = "The nd4j engine's arithmetic (default float); plain is always double.")
    private Dtype dtype;

    @Option(names = THREADS, paramLabel = "T", defaultValue = "1",
            description = "The nd4j engine's native threads (OpenMP and OpenBLAS), 1.." + MAX_THREADS
                    + "; plain runs on one.")
    private int threads;

    @Option(names = OUTPUT_DERIVATIVE, paramLabel = "true|false", defaultValue = "true",
            description = "With --loss squared: multiply the output error by f'(v) (cross-entropy never does).")
    private Choices.TrueFalse outputDerivative;

    @Option(names = SIGN_PROPAGATION, paramLabel = "exact-then-sign|sign-only", defaultValue = "exact-then-sign",
            description = "sar, pam: propagate the real-valued error signals and take the sign of each synapse's"
                    + " summed change, or propagate signs only.")
    private SignPropagation signPropagation;

    @Option(names = RELEVANCE, paramLabel = "abs-error|const", defaultValue = "abs-error",
            description = "sar: M per batch, min(mean |E|, 1) of the batch, or the constant 1.")
    private Choices.Relevance relevance;

    @Option(names = MODULATION, paramLabel = "loss-trend|const", defaultValue = "loss-trend",
            description = "pam: M per batch, the loss trend (see above) or the constant 1 (signSGD).")
    private ModulationName modulation;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "supervised-out",
            description = "The directory (created if missing) of epochs.csv, accuracy.png and network.json.")
    private Path out;

    SupervisedCommand() {
        // Fields are set by picocli.
    }

    @Override
    public Integer call() {
        LearningRule learningRule = checkOptions();
        // The data first: a data error is reported before ND4J takes its seconds to load (and before anything it
        // might print).
        IdxDataSet set = loadData();
        checkBatchSize(inputs(set));
        Engine chosen = engine();
        Network network = network(set, chosen);
        SupervisedTraining training = new SupervisedTraining(learner(learningRule, network), set);
        createOut();
        PrintWriter err = spec.commandLine().getErr();
        int n = set.train().images().count();
        err.println(String.format(Locale.ROOT, "training %s (%s, %s init, %s) with %s, eta %s, batch %d, on %d"
                + " images, testing on %d; %s engine%s", shape(network), label(activation), label(initName()),
                loss == LossName.SQUARED ? "squared error" : "softmax cross-entropy", rule.label(), etaValue(), batch,
                n, set.test().images().count(), chosen.name(),
                engine == EngineName.ND4J ? ", " + threads + (threads == 1 ? " thread" : " threads") : ""));
        err.flush();
        try (StopOnSignal stop = StopOnSignal.install()) {
            train(training, set, network, stop);
        }
        return 0;
    }

    /** Runs the epochs, printing and writing after each, then the result line. */
    private void train(SupervisedTraining training, IdxDataSet set, Network network, StopOnSignal stop) {
        int n = set.train().images().count();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ProgressBar bar = new ProgressBar(err, System.console() != null, "samples", "%.0f", true, 20);
        long total = (long) epochs * n;
        List<Epoch> done = new ArrayList<>();
        String title = String.format(Locale.ROOT, "%s, eta %s, %s, batch %d, seed %d", rule.label(), etaValue(),
                shape(network), batch, seed);
        SupervisedTraining.Listener listener = new SupervisedTraining.Listener() {
            @Override
            public void batch(int epoch, long samples, long of) {
                bar.update((epoch - 1) * of + samples, total, "");
            }

            @Override
            public void epoch(Epoch result) {
                // Ends the bar's line on a terminal, so that the epoch's line stands on its own.
                bar.finish();
                done.add(result);
                stdout.println(SupervisedFiles.line(result, epochs));
                stdout.flush();
                SupervisedFiles.writeAll(out, network, done, n, title);
            }
        };
        SupervisedTraining.Result result;
        try {
            result = training.run(epochs, seed, stop, listener);
        } catch (IllegalArgumentException e) {
            // A refused step: the weights are those before its batch; the files hold the last epoch.
            throw new UserInputException("epoch " + (done.size() + 1) + ": " + e.getMessage(), e);
        } finally {
            bar.finish();
        }
        double accuracy = result.epochs().isEmpty() ? training.accuracy(set.test()) : result.testAccuracy();
        if (result.epochs().isEmpty()) {
            SupervisedFiles.writeAll(out, network, done, n, title);
        }
        err.println(String.format(Locale.ROOT, "%.1f s; wrote %s: %s, %s, %s", bar.elapsedSeconds(), out,
                SupervisedFiles.CSV, SupervisedFiles.PLOT, SupervisedFiles.NETWORK));
        if (result.stopped()) {
            err.println(stopLine(result.epochs(), n));
        }
        err.flush();
        stdout.println("result: rule=" + rule.label() + " epochs=" + result.epochs().size() + " test_accuracy="
                + accuracy);
        stdout.flush();
    }

    /**
     * What a stopped run did. A stop before the first batch of an epoch reports no partial epoch (the last one is
     * then whole, or there is none).
     *
     * @param epochs the epochs run
     * @param trainSize the training images of a whole epoch
     * @return the line for standard error
     */
    static String stopLine(List<Epoch> epochs, int trainSize) {
        if (epochs.isEmpty()) {
            return "stopped before the first batch";
        }
        Epoch last = epochs.get(epochs.size() - 1);
        if (last.complete()) {
            return "stopped after epoch " + last.epoch() + ", before the next one's first batch";
        }
        return "interrupted in epoch " + last.epoch() + " after " + last.samples() + " of " + trainSize + " samples";
    }

    /**
     * Bounds the memory of one batch, which depends on the images' size: a usage error (exit 2), since the remedy
     * is a smaller {@code --batch} or {@code --layers}, and checked before ND4J loads.
     */
    private void checkBatchSize(int inputs) {
        long width = inputs + IdxDataSet.CLASSES;
        for (int size : layers.sizes()) {
            width += size;
        }
        if (batch * width > MAX_BATCH_VALUES) {
            throw usage("--batch " + batch + " times the " + width + " values of one image's pass (" + inputs
                    + " inputs and the neurons of every layer) is " + batch * width + " per batch, more than "
                    + MAX_BATCH_VALUES);
        }
    }

    /** Checks every option that needs no data, and builds the rule. */
    private LearningRule checkOptions() {
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw usage("--epochs must be between 1 and " + MAX_EPOCHS + ", got " + epochs);
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw usage("--batch must be between 1 and " + MAX_BATCH + ", got " + batch);
        }
        if (eta != null) {
            OptionChecks.requirePositive(spec, ETA, eta);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw usage(THREADS + " must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
        if (engine == EngineName.PLAIN) {
            if (dtype == Dtype.FLOAT) {
                throw usage(DTYPE + " float needs --engine nd4j: the plain engine computes in double");
            }
            if (threads != 1) {
                throw usage(THREADS + " " + threads + " needs --engine nd4j: the plain engine runs on one thread");
            }
        }
        if (loss == LossName.CROSS_ENTROPY) {
            OptionChecks.rejectGiven(spec, "--loss cross-entropy (its outputs are linear)", OUTPUT_DERIVATIVE);
        }
        switch (rule) {
            case BP:
                OptionChecks.rejectGiven(spec, "rule bp", SIGN_PROPAGATION, RELEVANCE, MODULATION);
                break;
            case SAR:
                OptionChecks.rejectGiven(spec, "rule sar", MODULATION);
                break;
            default:
                OptionChecks.rejectGiven(spec, "rule pam", RELEVANCE);
                break;
        }
        LearningRules.Options options = LearningRules.Options.eta(etaValue())
                .withOutputDerivative(outputDerivative == Choices.TrueFalse.TRUE).withSignPropagation(signPropagation)
                .withRelevance(relevance == Choices.Relevance.ABS_ERROR ? Cues.absError() : Cues.constant(1.0));
        return LearningRules.create(rule, options);
    }

    private BatchLearner learner(LearningRule learningRule, Network network) {
        BatchLearner.Builder builder = BatchLearner.builder(learningRule, network).maxRows(batch).loss(lossOf());
        if (modulation == ModulationName.CONST) {
            builder.modulation(Cues.constant(1.0));
        }
        return builder.build();
    }

    private double etaValue() {
        if (eta != null) {
            return eta;
        }
        switch (rule) {
            case BP:
                return BP_ETA;
            case SAR:
                return SAR_ETA;
            default:
                return PAM_ETA;
        }
    }

    private InitName initName() {
        if (init != null) {
            return init;
        }
        return activation == ActivationName.RELU ? InitName.HE : InitName.GLOROT;
    }

    private static WeightInit weightInit(InitName name) {
        switch (name) {
            case GLOROT:
                return WeightInits.xavier();
            case GLOROT_LOGISTIC:
                return WeightInits.xavierLogistic();
            case HE:
                return WeightInits.he();
            default:
                return WeightInits.uniform(0.0, 1.0);
        }
    }

    /** The engine; ND4J's threads are set here, before any network uses it. */
    private Engine engine() {
        if (engine == EngineName.PLAIN) {
            return Engine.plain();
        }
        try {
            Engine nd4j = Engine.nd4j(dtype == Dtype.DOUBLE ? Engine.Precision.DOUBLE : Engine.Precision.FLOAT);
            Engine.setNd4jThreads(threads);
            return nd4j;
        } catch (IllegalStateException e) {
            throw new UserInputException(e.getMessage() + "; use --engine plain", e);
        }
    }

    private IdxDataSet loadData() {
        try {
            return IdxDataSet.load(data, IdxDataSet.CLASSES);
        } catch (IdxFormatException e) {
            // Its message names the file (or the directory) and what is wrong with it.
            throw new UserInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw IoMessages.cannotRead("data in ", data, e);
        }
    }

    private static int inputs(IdxDataSet set) {
        return set.train().images().rows() * set.train().images().columns();
    }

    private Network network(IdxDataSet set, Engine chosen) {
        return Classifiers.network(inputs(set), layers.sizes(), activation.activation, weightInit(initName()),
                IdxDataSet.CLASSES, lossOf(), bias == Choices.TrueFalse.TRUE, chosen, seed);
    }

    private BatchLearner.Loss lossOf() {
        return loss == LossName.SQUARED ? BatchLearner.Loss.SQUARED_ERROR : BatchLearner.Loss.SOFTMAX_CROSS_ENTROPY;
    }

    private static String shape(Network network) {
        StringJoiner shape = new StringJoiner("-");
        shape.add(Integer.toString(network.inputCount()));
        for (int l = 0; l < network.layerCount(); l++) {
            shape.add(Integer.toString(network.layerSize(l)));
        }
        return shape.toString();
    }

    private static String label(Enum<?> constant) {
        return Choices.label(constant);
    }

    /** Creates {@code --out} (after every check and the data: a usage error leaves no directory behind). */
    private void createOut() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw IoMessages.cannotWrite(out, e);
        }
    }

    private ParameterException usage(String message) {
        return OptionChecks.usage(spec, message);
    }
}
