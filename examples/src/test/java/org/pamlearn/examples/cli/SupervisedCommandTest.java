// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pamlearn.bench.supervised.StudyRun;
import org.pamlearn.core.Engine;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.data.IdxDataSet;
import org.pamlearn.core.data.SupervisedTraining.Epoch;

/**
 * {@code pamlearn supervised} on a small generated 10-class image set ({@link #writeDataSet}): it learns with each
 * rule, its lines, files and checkpoint agree with each other and with an accuracy the test computes itself, and bad
 * data or options give one line and leave no output directory. The stop on a signal is in {@link InterruptTest}.
 */
class SupervisedCommandTest {

    /** Image side: 10 x 10 pixels. */
    static final int SIDE = 10;
    /** Training images. */
    static final int TRAIN = 500;
    /** Test images. */
    static final int TEST = 200;

    static final Pattern EPOCH = Pattern.compile(
            "epoch (\\d+)/(\\d+): train_loss=(\\d+\\.\\d{4}) test_accuracy=(\\d\\.\\d{4}) samples/s=(\\d+)"
                    + "( \\(partial: (\\d+) samples\\))?");
    static final Pattern RESULT = Pattern.compile("result: rule=(bp|sar|pam) epochs=(\\d+) test_accuracy=(\\S+)");

    @TempDir
    static Path shared;
    private static Path data;

    @BeforeAll
    static void generate() throws IOException {
        data = shared.resolve("data");
        writeDataSet(data, 42);
    }

    /**
     * Writes a 10-class set of {@value #SIDE} x {@value #SIDE} images as IDX files: class k has a bright 2 x 2 patch
     * (150..255 of 255) at its own place, rows {@code 1 + 5 (k / 5)} and columns {@code 2 (k % 5)} on, over seeded
     * noise of 0..60 everywhere else. The training images and the test labels are raw, the rest gzip.
     *
     * @param dir the directory, created
     * @param seed the seed of the images and labels
     * @throws IOException if a file cannot be written
     */
    static void writeDataSet(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        writeSplit(dir, "train", TRAIN, random, false, true);
        writeSplit(dir, "t10k", TEST, random, true, false);
    }

    private static void writeSplit(Path dir, String prefix, int n, SplittableRandom random, boolean gzImages,
            boolean gzLabels) throws IOException {
        byte[] pixels = new byte[n * SIDE * SIDE];
        byte[] labels = new byte[n];
        for (int s = 0; s < n; s++) {
            int k = random.nextInt(10);
            labels[s] = (byte) k;
            // Ten places on a 2 x 5 grid of 2 x 2 patches.
            int row = 1 + 5 * (k / 5);
            int column = 2 * (k % 5);
            int bright = 150 + random.nextInt(106);
            for (int p = 0; p < SIDE * SIDE; p++) {
                int r = p / SIDE;
                int c = p % SIDE;
                boolean patch = r >= row && r < row + 2 && c >= column && c < column + 2;
                pixels[s * SIDE * SIDE + p] = (byte) (patch ? bright : random.nextInt(61));
            }
        }
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(images)) {
            out.writeInt(2051);
            out.writeInt(n);
            out.writeInt(SIDE);
            out.writeInt(SIDE);
            out.write(pixels);
        }
        ByteArrayOutputStream labelBytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(labelBytes)) {
            out.writeInt(2049);
            out.writeInt(n);
            out.write(labels);
        }
        write(dir.resolve(prefix + "-images-idx3-ubyte"), images.toByteArray(), gzImages);
        write(dir.resolve(prefix + "-labels-idx1-ubyte"), labelBytes.toByteArray(), gzLabels);
    }

    private static void write(Path file, byte[] bytes, boolean gz) throws IOException {
        if (!gz) {
            Files.write(file, bytes);
            return;
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file.resolveSibling(file.getFileName()
                + ".gz")))) {
            out.write(bytes);
        }
    }

    /**
     * The test accuracy of a checkpoint, computed here: the test images scaled to [0, 1], a plain forward pass each,
     * the largest output against the label.
     */
    static double accuracyOf(Path checkpoint, Path dir) throws IOException {
        Network network = Checkpoints.load(checkpoint);
        byte[] images = gunzip(Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte.gz")));
        byte[] labels = Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte"));
        int n = TEST;
        double[] x = new double[SIDE * SIDE];
        double[] y = new double[network.outputCount()];
        int right = 0;
        for (int s = 0; s < n; s++) {
            for (int p = 0; p < x.length; p++) {
                x[p] = (images[16 + s * x.length + p] & 0xff) / 255.0;
            }
            network.forward(x, y);
            int best = 0;
            for (int m = 1; m < y.length; m++) {
                if (y[m] > y[best]) {
                    best = m;
                }
            }
            if (best == labels[8 + s]) {
                right++;
            }
        }
        return (double) right / n;
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    /**
     * Checks the epoch lines against epochs.csv and returns the result line's accuracy.
     *
     * @return the accuracy printed last
     */
    static double checkLinesAndCsv(List<String> out, Path dir, String rule, int epochs) throws IOException {
        List<String> rows = Files.readAllLines(dir.resolve("epochs.csv"));
        assertEquals(SupervisedFiles.HEADER, rows.get(0));
        assertEquals(epochs, rows.size() - 1, "a row per epoch: " + rows);
        assertEquals(epochs + 1, out.size(), "an epoch line each, then the result: " + out);
        for (int e = 1; e <= epochs; e++) {
            Matcher line = EPOCH.matcher(out.get(e - 1));
            assertTrue(line.matches(), out.get(e - 1));
            String[] cells = rows.get(e).split(",", -1);
            assertEquals(7, cells.length, rows.get(e));
            assertEquals(Integer.toString(e), line.group(1));
            assertEquals(cells[0], line.group(1));
            assertEquals(String.format(Locale.ROOT, "%.4f", Double.parseDouble(cells[1])), line.group(3), "loss");
            assertEquals(String.format(Locale.ROOT, "%.4f", Double.parseDouble(cells[2])), line.group(4), "accuracy");
            assertEquals(cells[5], line.group(5), "samples/s");
            boolean partial = line.group(6) != null;
            assertEquals(Boolean.toString(!partial), cells[6], "complete");
            assertEquals(partial ? line.group(7) : Integer.toString(TRAIN), cells[3], "samples");
        }
        Matcher result = RESULT.matcher(out.get(epochs));
        assertTrue(result.matches(), out.get(epochs));
        assertEquals(rule, result.group(1));
        assertEquals(Integer.toString(epochs), result.group(2));
        double accuracy = Double.parseDouble(result.group(3));
        if (epochs > 0) {
            assertEquals(rows.get(epochs).split(",", -1)[2], result.group(3), "the last epoch's accuracy");
        }
        return accuracy;
    }

    private static List<String> lines(String text) {
        return new ArrayList<>(text.lines().toList());
    }

    @ParameterizedTest(name = "{0} eta {1} on {2}")
    @CsvSource({
        "bp, 2, nd4j, double",
        "sar, 0.03, nd4j, double",
        "pam, 0.01, nd4j, double",
        "pam, 0.01, plain, double"})
    void learnsTheGeneratedImages(String rule, String eta, String engine, String dtype, @TempDir Path dir)
            throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("supervised", "--data", data.toString(), "--rule", rule, "--eta", eta, "--layers",
                "1x20", "--epochs", "8", "--batch", "10", "--engine", engine, "--dtype", dtype, "--out",
                out.toString());
        assertEquals(0, run.exit(), run.err());
        double accuracy = checkLinesAndCsv(lines(run.out()), out, rule, 8);
        assertTrue(accuracy >= 0.9, "learns: " + run.out());
        assertEquals(accuracy, accuracyOf(out.resolve("network.json"), data), "network.json gives the result");
        assertTrue(Files.size(out.resolve("accuracy.png")) > 0);
        assertTrue(run.err().contains("training 100-20-10 (sigmoid, glorot init, softmax cross-entropy) with " + rule),
                run.err());
    }

    @Test
    void theDefaultsRunOnTheNd4jFloatEngine(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("supervised", "--data", data.toString(), "--epochs", "2", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("with pam, eta " + SupervisedCommand.PAM_ETA + ", batch 32, on 500 images,"
                + " testing on 200; nd4j-float engine, 1 thread"), run.err());
        assertTrue(run.err().contains("training 100-100-10"), run.err());
        checkLinesAndCsv(lines(run.out()), out, "pam", 2);
    }

    @Test
    void squaredErrorWithReluAndHeInitLearnsToo(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("supervised", "--data", data.toString(), "--rule", "bp", "--eta", "0.1",
                "--activation", "relu", "--loss", "squared", "--layers", "16,16", "--epochs", "3", "--engine",
                "plain", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("(relu, he init, squared error)"), run.err());
        double accuracy = checkLinesAndCsv(lines(run.out()), out, "bp", 3);
        assertEquals(accuracy, accuracyOf(out.resolve("network.json"), data));
    }

    @Test
    void missingDataIsOneLineAndNoOutput(@TempDir Path dir) {
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("supervised", "--data", dir.resolve("none").toString(), "--out", out.toString());
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "missing directory");
        assertTrue(run.err().startsWith("pamlearn supervised: ") && run.err().contains("no such directory"),
                run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void malformedDataNamesTheFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad");
        writeDataSet(bad, 7);
        Path images = bad.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("supervised", "--data", bad.toString(), "--out", out.toString());
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "truncated images");
        assertTrue(run.err().startsWith("pamlearn supervised: " + images), run.err());
        assertFalse(Files.exists(out));

        Files.delete(bad.resolve("t10k-labels-idx1-ubyte"));
        run = CliRun.of("supervised", "--data", bad.toString(), "--out", out.toString());
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "missing labels");
        assertFalse(Files.exists(out));
    }

    /**
     * A study row and the command with the row's seed and options: the same network, rule, weights and sample order,
     * so the same test accuracy and the same train loss to the last bit.
     */
    @ParameterizedTest(name = "{0} {1} at depth {2}, k {3}")
    @CsvSource({
        "sigmoid, bp, 1, 1",
        "sigmoid, pam, 2, -3",
        "relu, bp, 1, -1",
        "sigmoid, sar, 1, -1"})
    void reproducesAStudyRow(String variant, String rule, int depth, int k, @TempDir Path dir) throws IOException {
        StudyRun study = new StudyRun(variant, depth, rule, k, 2);
        String row = study.run(IdxDataSet.load(data, IdxDataSet.CLASSES), 2, 25, Engine.plain());
        String studyAccuracy = row.split(",")[8];
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("supervised", "--data", data.toString(), "--rule", rule, "--eta",
                Double.toString(study.eta()), "--layers", depth + "x" + StudyRun.HIDDEN, "--activation", variant,
                "--epochs", "2", "--batch", "25", "--seed", Long.toString(study.seed()), "--engine", "plain", "--out",
                out.toString());
        assertEquals(0, run.exit(), run.err());
        Matcher result = RESULT.matcher(lines(run.out()).get(2));
        assertTrue(result.matches(), run.out());
        assertEquals(studyAccuracy, result.group(3), "the study's row " + row);
        // The accuracy of 200 images can agree by chance; the train loss, to the last bit, does not.
        List<String> epochs = Files.readAllLines(out.resolve("epochs.csv"));
        assertEquals(row.split(",")[9], epochs.get(2).split(",")[1], "the last epoch's train loss");
    }

    @Test
    void aStopBetweenEpochsSaysSo() {
        Epoch whole = new Epoch(1, 0.5, 0.8, TRAIN, 1.0, true);
        Epoch partial = new Epoch(2, 0.4, 0.85, 120, 0.3, false);
        assertEquals("stopped before the first batch", SupervisedCommand.stopLine(List.of(), TRAIN));
        assertEquals("stopped after epoch 1, before the next one's first batch",
                SupervisedCommand.stopLine(List.of(whole), TRAIN));
        assertEquals("interrupted in epoch 2 after 120 of 500 samples",
                SupervisedCommand.stopLine(List.of(whole, partial), TRAIN));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--dtype float --engine plain | --dtype float needs --engine nd4j",
        "--threads 2 --engine plain | --threads 2 needs --engine nd4j",
        "--threads 0 | --threads must be between 1 and",
        "--epochs 0 | --epochs must be between 1 and",
        "--batch 0 | --batch must be between 1 and",
        "--eta -1 | --eta must be finite and > 0, got -1.0",
        "--eta NaN | --eta must be finite and > 0, got NaN",
        "--rule pam --relevance const | option --relevance does not apply to rule pam",
        "--rule sar --modulation const | option --modulation does not apply to rule sar",
        "--rule bp --sign-propagation sign-only | option --sign-propagation does not apply to rule bp",
        "--output-derivative false | option --output-derivative does not apply to --loss cross-entropy",
        "--activation linear | invalid value for --activation: 'linear'; expected one of sigmoid,",
        "--init xavier | invalid value for --init: 'xavier'; expected one of glorot, glorot-logistic, he, uniform",
        "--layers 2x | invalid value for --layers: '2x'",
        "--batch 65536 --layers 1000 | --batch 65536 times the 1110 values of one image's pass (100 inputs and",
        // The inputs count: 65536 x (200 + 10) alone would pass, with the 100 pixels it is 20316160 > 16000000.
        "--batch 65536 --layers 1x200 | --batch 65536 times the 310 values of one image's pass (100 inputs and the"
            + " neurons of every layer) is 20316160 per batch, more than 16000000"})
    void badOptionsAreOneLineAndNoOutput(String options, String message, @TempDir Path dir) {
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("supervised", "--data", data.toString(), "--out",
                out.toString()));
        args.addAll(List.of(options.strip().split(" ")));
        CliRun run = CliRun.of(args);
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, options);
        assertTrue(run.err().startsWith("pamlearn supervised: " + message), run.err());
        assertFalse(Files.exists(out), "no --out after a usage error");
    }
}
