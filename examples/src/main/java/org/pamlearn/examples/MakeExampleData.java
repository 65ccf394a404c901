// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.learning.StepContext;

/**
 * Makes the example files for {@code pamlearn replay}: {@code example-network.json}, a small network with the
 * authors' initialisation, and {@code example-session.tsv}, a log of a simulated closed-loop session in which
 * that network learned with Prime-and-Modulate.
 *
 * <p>The simulation is a one-dimensional line follower (docs/ALGORITHMS.md &sect;1): the line's lateral offset
 * {@code D(n)} runs straight, then bends to a new offset (seeded); the robot's position follows
 * {@code r(n+1) = r(n) + 0.3 E(n) + 1.0 y(n)}, where {@code E(n) = D(n) - r(n)} is the reflex error and
 * {@code y(n)} the network's output. A predictor {@code p(n) = D(n+8) - r(n)} sees each bend 8 samples before
 * the reflex does; the network's inputs are its delay taps {@code p(n), p(n-1), .., p(n-7)} (zero history), and
 * {@code q(n) = 6.5 + 5.5 tanh(1.5 p(n))} is the column (1..12) where the look-ahead sensors see the line. Each
 * step runs {@code forward} then {@code learn(E(n))} with PaM ({@code eta} 0.01, cues error-rate times
 * look-ahead), so replaying the log with {@code --rule pam --eta 0.01} reproduces that run exactly: the log
 * holds the values, rounded, that the network and the learner saw.
 *
 * <p>Run: {@code java -cp examples/target/pamlearn.jar org.pamlearn.examples.MakeExampleData examples/data}.
 */
public final class MakeExampleData {

    /** The network's file name. */
    public static final String NETWORK_FILE = "example-network.json";
    /** The session's file name. */
    public static final String SESSION_FILE = "example-session.tsv";

    static final long NETWORK_SEED = 2020;
    static final long PATH_SEED = 7;
    static final int ROWS = 400;
    static final int TAPS = 8;
    static final int LOOKAHEAD_SAMPLES = 8;
    static final double REFLEX_GAIN = 0.3;
    static final double NETWORK_GAIN = 1.0;
    static final double ETA = 0.01;

    private MakeExampleData() {
    }

    /**
     * Writes {@value #NETWORK_FILE} and {@value #SESSION_FILE}.
     *
     * @param args the output directory, {@code examples/data} if not given
     * @throws UncheckedIOException if a file cannot be written
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "examples/data");
        Network network = network();
        try {
            Files.createDirectories(dir);
            Checkpoints.save(network, dir.resolve(NETWORK_FILE));
            Files.writeString(dir.resolve(SESSION_FILE), session(network.copy()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds the example network: 8 inputs, layers of 6, 4 and 1 centred sigmoids, no bias, weights
     * {@code U[0, 1)} and {@code U[0, 0.001)} on the first layer (the authors' initialisation), seed 2020.
     *
     * @return the network
     */
    static Network network() {
        return Network.builder(TAPS).layer(LayerSpec.of(6).withInit(WeightInits.uniform(0.0, 0.001))).layers(4, 1)
                .seed(NETWORK_SEED).build();
    }

    /**
     * Runs the simulated session, training {@code network} in the loop, and returns its log.
     *
     * @param network the network; it learns. Modified.
     * @return the log's text
     */
    static String session(Network network) {
        double[] line = lineOffsets(ROWS + LOOKAHEAD_SAMPLES, new SplittableRandom(PATH_SEED));
        Learner learner = LearningRules.create(LearningRules.Name.PAM, LearningRules.Options.eta(ETA))
                .newLearner(network);
        StepContext context = new StepContext();
        double[] predictor = new double[ROWS];
        double[] inputs = new double[TAPS];
        double[] output = new double[1];
        StringBuilder log = new StringBuilder();
        log.append("# pamlearn replay log (docs/DESIGN.md, \"Replay log\"): a simulated closed-loop session, ")
                .append(ROWS).append(" rows.\n")
                .append("# Made by org.pamlearn.examples.MakeExampleData (examples/src/main/java); regenerate with\n")
                .append("#   ./mvnw -B -ntp -q -pl examples -am package -DskipTests\n")
                .append("#   java -cp examples/target/pamlearn.jar")
                .append(" org.pamlearn.examples.MakeExampleData examples/data\n")
                .append("# 1-D line follower: the line's offset D(n) bends (path seed ").append(PATH_SEED)
                .append("); robot r(n+1) = r(n) + ").append(REFLEX_GAIN).append("*E(n) + ").append(NETWORK_GAIN)
                .append("*y(n).\n")
                .append("# err = E(n) = D(n) - r(n), the reflex error. Predictor p(n) = D(n+").append(LOOKAHEAD_SAMPLES)
                .append(") - r(n) sees bends ").append(LOOKAHEAD_SAMPLES).append(" samples early;\n")
                .append("# in0..in7 = p(n), p(n-1), .., p(n-7); q = 6.5 + 5.5*tanh(1.5*p(n)), the look-ahead column.\n")
                .append("# The network in example-network.json learned in the loop (forward, then learn) with PaM,\n")
                .append("# eta ").append(ETA).append(", cues error-rate*lookahead: replaying with --rule pam --eta ")
                .append(ETA).append(" reproduces that run.\n");
        for (int k = 0; k < TAPS; k++) {
            log.append("in").append(k).append('\t');
        }
        log.append("err\tq\n");
        double robot = 0.0;
        for (int n = 0; n < ROWS; n++) {
            double error = round(line[n] - robot, 6);
            predictor[n] = round(line[n + LOOKAHEAD_SAMPLES] - robot, 6);
            double q = round(6.5 + 5.5 * Math.tanh(1.5 * predictor[n]), 2);
            for (int k = 0; k < TAPS; k++) {
                inputs[k] = n - k >= 0 ? predictor[n - k] : 0.0;
                log.append(format(inputs[k], 6)).append('\t');
            }
            log.append(format(error, 6)).append('\t').append(format(q, 2)).append('\n');
            network.forward(inputs, output);
            learner.learn(error, context.setLookahead(q));
            robot += REFLEX_GAIN * error + NETWORK_GAIN * output[0];
        }
        return log.toString();
    }

    /** Straight stretches of 15..40 samples, then raised-cosine bends of 10..25 samples to a new offset. */
    private static double[] lineOffsets(int length, SplittableRandom random) {
        double[] d = new double[length];
        double level = 0.0;
        int n = 0;
        while (n < length) {
            int straight = 15 + random.nextInt(26);
            for (int k = 0; k < straight && n < length; k++) {
                d[n++] = level;
            }
            int bend = 10 + random.nextInt(16);
            double step = 0.4 + 0.5 * random.nextDouble();
            double target = level + (random.nextBoolean() ? step : -step);
            if (Math.abs(target) > 1.0) {
                target = level - Math.copySign(step, target);
            }
            for (int k = 1; k <= bend && n < length; k++) {
                d[n++] = level + (target - level) * 0.5 * (1.0 - Math.cos(Math.PI * k / bend));
            }
            level = target;
        }
        return d;
    }

    /** Rounds to what the log prints, so that the log holds exactly the values the network and learner saw. */
    private static double round(double x, int decimals) {
        double rounded = Double.parseDouble(format(x, decimals));
        return rounded == 0.0 ? 0.0 : rounded;
    }

    private static String format(double x, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
}
