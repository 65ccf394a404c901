// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Engine;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.BatchLearner;
import org.pamlearn.core.learning.PrimeAndModulate;

/**
 * Keeps the example of docs/BATCH.md compiling and running: the code between the markers below is the document's
 * Java block, word for word (the test checks that), run here on a small generated data set instead of
 * Fashion-MNIST.
 */
class BatchDocExampleTest {

    @Test
    void theDocumentsExampleRunsAndIsTheDocumentsText() throws IOException {
        Path source = Path.of("src/test/java/org/pamlearn/core/data/BatchDocExampleTest.java");
        String code = between(Files.readString(source, StandardCharsets.UTF_8), "// example begin\n",
                "        // example end");
        String doc = Files.readString(Path.of("../docs/BATCH.md"), StandardCharsets.UTF_8);
        assertTrue(doc.contains(dedent(code)), "docs/BATCH.md must hold the example of " + source + ":\n"
                + dedent(code));

        double accuracy = example(smallDataSet());
        assertTrue(accuracy >= 0.8, "test accuracy " + accuracy);
    }

    private static double example(IdxDataSet data) {
        // example begin
        Engine engine = Engine.nd4jAvailable() ? Engine.nd4j(Engine.Precision.DOUBLE) : Engine.plain();
        Idx.Images images = data.train().images();
        Network net = Network.builder(images.rows() * images.columns())
                .layer(100).layer(10, Activation.LINEAR).activation(Activation.SIGMOID)
                .init(WeightInits.uniform(-0.05, 0.05)).bias(true).seed(1).engine(engine).build();
        BatchLearner learner = BatchLearner.builder(PrimeAndModulate.builder().eta(0.005).build(), net)
                .loss(BatchLearner.Loss.SOFTMAX_CROSS_ENTROPY).maxRows(64).build();
        SupervisedTraining training = new SupervisedTraining(learner, data);
        SupervisedTraining.Result result = training.run(3, 42, () -> false, new SupervisedTraining.Listener() {
            @Override
            public void epoch(SupervisedTraining.Epoch e) {
                System.out.printf("epoch %d: loss %.4f, test accuracy %.4f, %.0f samples/s%n",
                        e.epoch(), e.trainLoss(), e.testAccuracy(), e.samplesPerSecond());
            }
        });
        Network online = net.copy(Engine.plain()); // the trained weights, for the real-time loop
        // example end
        assertTrue(online.engine() == Engine.plain());
        return result.testAccuracy();
    }

    /** Ten classes of 28 x 28 images: a bright horizontal bar in row {@code 2 * label + 4}, on noise. */
    private static IdxDataSet smallDataSet() {
        return new IdxDataSet(split(600, 1), split(200, 2));
    }

    private static IdxDataSet.Split split(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int k = 0; k < n; k++) {
            int label = random.nextInt(10);
            labels[k] = (byte) label;
            for (int p = 0; p < 28 * 28; p++) {
                boolean bar = p / 28 == 2 * label + 4 && p % 28 >= 4 && p % 28 < 24;
                pixels[k * 28 * 28 + p] = (byte) (bar ? 200 + random.nextInt(56) : random.nextInt(120));
            }
        }
        return new IdxDataSet.Split(new Idx.Images(n, 28, 28, pixels), new Idx.Labels(n, labels));
    }

    private static String between(String text, String begin, String end) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end, from);
        assertTrue(from >= 0 && to > from, "markers not found");
        return text.substring(from + begin.length(), to);
    }

    /** Removes the eight spaces of the method body's indentation. */
    private static String dedent(String code) {
        return code.replaceAll("(?m)^ {8}", "");
    }
}
