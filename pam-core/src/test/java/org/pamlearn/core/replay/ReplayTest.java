// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.PrimeAndModulate;
import org.pamlearn.core.learning.SignAndRelevance;

/** The replay loop: which columns each rule reads, and how a row the learner rejects is reported. */
class ReplayTest {

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    private static Network network(long seed) {
        return Network.builder(3).layer(LayerSpec.of(4).withBias(true)).layer(2)
                .init(WeightInits.symmetric(1.0)).seed(seed).build();
    }

    /** A random log of 20 rows for 3 inputs and a scalar error; q and mod from their own columns of values. */
    private static String log(SplittableRandom random, String extra, double[] mod, double[] q) {
        StringBuilder s = new StringBuilder("in0\tin1\tin2\terr").append(extra).append('\n');
        for (int n = 0; n < mod.length; n++) {
            for (int k = 0; k < 4; k++) {
                s.append(String.format(Locale.ROOT, "%.6f\t", random.nextDouble(-1, 1)));
            }
            if (extra.contains("mod")) {
                s.append(mod[n]).append('\t');
            }
            if (extra.contains("q")) {
                s.append(q[n]).append('\t');
            }
            s.setLength(s.length() - 1);
            s.append('\n');
        }
        return s.toString();
    }

    private static double[][][] replay(String text, LearningRule rule, long seed) {
        Network network = network(seed);
        try (ReplayLog log = ReplayLog.open(new StringReader(text), "log", 3, 2)) {
            assertEquals(20, Replay.run(log, rule.newLearner(network)), "rows, seed " + seed);
        }
        return new double[][][] {network.weights(0), network.weights(1), {network.bias(0)}};
    }

    private static double[] values(SplittableRandom random, double low, double high) {
        double[] x = new double[20];
        for (int n = 0; n < x.length; n++) {
            x[n] = low + (high - low) * random.nextDouble();
        }
        return x;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void backpropIgnoresModAndQ(long seed) {
        double[] mod = values(new SplittableRandom(seed + 1000), 0, 3);
        double[] q = values(new SplittableRandom(seed + 2000), 1, 12);
        LearningRule bp = Backprop.builder().eta(0.3).build();
        double[][][] plain = replay(log(new SplittableRandom(seed), "", mod, q), bp, seed);
        double[][][] withColumns = replay(log(new SplittableRandom(seed), "\tmod\tq", mod, q), bp, seed);
        assertArrayEquals(plain, withColumns, "seed " + seed);
        assertFalse(Arrays.deepEquals(network(seed).weights(0), plain[0]), "bp learned, seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void modReplacesTheCuesOfTheSignRules(long seed) {
        double[] mod = values(new SplittableRandom(seed + 1000), 0, 3);
        double[] q = values(new SplittableRandom(seed + 2000), 1, 12);
        double[] otherQ = values(new SplittableRandom(seed + 3000), 1, 12);
        LearningRule pam = PrimeAndModulate.builder().eta(0.05).build();
        double[][][] withMod = replay(log(new SplittableRandom(seed), "\tmod\tq", mod, q), pam, seed);
        assertArrayEquals(withMod, replay(log(new SplittableRandom(seed), "\tmod\tq", mod, otherQ), pam, seed),
                "pam: q does not matter under mod, seed " + seed);
        assertFalse(Arrays.deepEquals(withMod, replay(log(new SplittableRandom(seed), "\tq", mod, q), pam, seed)),
                "pam: without mod the cues act, seed " + seed);

        LearningRule sar = SignAndRelevance.builder().eta(0.05).build();
        double[][][] sarWithMod = replay(log(new SplittableRandom(seed), "\tmod", mod, q), sar, seed);
        assertFalse(Arrays.deepEquals(sarWithMod, replay(log(new SplittableRandom(seed), "", mod, q), sar, seed)),
                "sar: mod replaces |E|, seed " + seed);
    }

    @Test
    void aRowTheLearnerRejectsIsReportedWithItsLine() {
        Network network = network(1);
        ReplayLog log = ReplayLog.open(new StringReader("# no q\nin0\tin1\tin2\terr\n1\t2\t3\t0.5\n"), "log", 3, 2);
        ReplayLogException e = assertThrows(ReplayLogException.class,
                () -> Replay.run(log, PrimeAndModulate.builder().eta(0.1).build().newLearner(network)));
        assertEquals("log line 3: cannot learn this row: the lookahead cue needs the look-ahead position q: call"
                + " StepContext.setLookahead(q) first", e.getMessage());
        assertEquals(3, e.line(), "line");
        assertArrayEquals(network(1).weights(0), network.weights(0), "a rejected row changes no weight");
    }

    @Test
    void weightsThatStopBeingFiniteAreReportedWithTheLine() {
        Network network = Network.builder(1).layer(LayerSpec.of(1).withActivation(Activation.LINEAR)
                .withInit(WeightInits.explicit(new double[][] {{1.0}}, null))).build();
        // Row 2: a finite forward pass, then eta * delta = 1e10 * 1e300 overflows in the update, which is refused.
        ReplayLog log = ReplayLog.open(new StringReader("in0\terr\n1\t1\n1\t1e300\n1\t1\n"), "log", 1, 1);
        ReplayLogException e = assertThrows(ReplayLogException.class,
                () -> Replay.run(log, Backprop.builder().eta(1e10).build().newLearner(network)));
        assertEquals("log line 3: cannot learn this row: learning step refused, no weight changed: layer 0"
                + " weights[0][0] would become Infinity (1.0000000001E10 + Infinity * 1.0)", e.getMessage());
        assertArrayEquals(new double[] {1.0 + 1e10}, network.weights(0)[0], 0.0, "the weight after row 1");
    }

    @Test
    void aForwardPassThatOverflowsIsReportedWithTheLine() {
        Network network = Network.builder(1).layer(LayerSpec.of(1).withActivation(Activation.LINEAR)
                .withInit(WeightInits.explicit(new double[][] {{10.0}}, null))).build();
        ReplayLog log = ReplayLog.open(new StringReader("in0\terr\n1\t1\n1e308\t1\n"), "log", 1, 1);
        ReplayLogException e = assertThrows(ReplayLogException.class,
                () -> Replay.run(log, Backprop.builder().eta(1e-3).build().newLearner(network)));
        assertEquals("log line 3: cannot learn this row: forward overflowed: layer 0, neuron 0 has pre-activation"
                + " Infinity and activation Infinity (inputs too large for the weights?)", e.getMessage());
    }

    @Test
    void theLogMustFitTheNetwork() {
        ReplayLog log = ReplayLog.open(new StringReader("in0\tin1\terr\n"), "log", 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Replay.run(log, Backprop.builder().eta(0.1).build().newLearner(network(1))));
        assertEquals("the log has 2 inputs but the network 3", e.getMessage());
    }
}
