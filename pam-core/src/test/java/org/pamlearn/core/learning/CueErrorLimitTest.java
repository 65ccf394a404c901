// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.NetworkFixtures;

/** The sign rules' cue error limit: what the cues see, what stays as it was, and how it is set. */
class CueErrorLimitTest {

    private static final double INF = Double.POSITIVE_INFINITY;

    static LongStream seeds() {
        return NetworkFixtures.seeds(200);
    }

    /**
     * While {@code |E| <= 1} the default limit changes nothing: a rule with it and one without it (the behaviour
     * before the limit) give the same bits, step after step, for random networks, both rules, both sign
     * propagations, scalar and per-output errors.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void errorsWithinOneLearnBitForBitAsWithoutTheLimit(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Network limited = NetworkFixtures.randomNetwork(random, 1 + random.nextInt(4));
        Network unlimited = limited.copy();
        LearningRules.Options options = LearningRules.Options.eta(Math.pow(10.0, random.nextDouble(-3.0, 0.0)))
                .withSignPropagation(
                        random.nextBoolean() ? SignPropagation.SIGN_ONLY : SignPropagation.EXACT_THEN_SIGN);
        LearningRules.Name name = random.nextBoolean() ? LearningRules.Name.SAR : LearningRules.Name.PAM;
        Learner withLimit = LearningRules.create(name, options).newLearner(limited);
        Learner withoutLimit = LearningRules.create(name, options.withCueErrorLimit(INF)).newLearner(unlimited);
        StepContext context = new StepContext();
        double[] out = new double[limited.outputCount()];
        double[] errors = new double[limited.outputCount()];
        for (int step = 0; step < 100; step++) {
            double[] x = NetworkFixtures.randomVector(random, limited.inputCount(), -1.0, 1.0);
            limited.forward(x, out);
            unlimited.forward(x, out);
            for (int k = 0; k < errors.length; k++) {
                // Now and then exactly -1, 0 or +1.
                errors[k] = random.nextInt(10) == 0 ? random.nextInt(3) - 1 : random.nextDouble(-1.0, 1.0);
            }
            context.setLookahead(random.nextDouble(1.0, 12.0));
            if (random.nextBoolean()) {
                withLimit.learn(errors[0], context);
                withoutLimit.learn(errors[0], context);
            } else {
                withLimit.learn(errors, context);
                withoutLimit.learn(errors, context);
            }
            String what = "seed " + seed + ", " + name.label() + ", step " + step;
            assertEquals(Double.doubleToRawLongBits(withoutLimit.lastModulation()),
                    Double.doubleToRawLongBits(withLimit.lastModulation()), what);
            NetworkFixtures.assertUnchanged(NetworkFixtures.snapshot(unlimited), limited, what);
            for (int l = 0; l < limited.layerCount(); l++) {
                assertArrayEquals(unlimited.deltas(l), limited.deltas(l), 0.0, what);
            }
        }
    }

    /** An outlier's relevance is the limit, its sign still the error's: SaR learns from -1e3 as from -1. */
    @Test
    void sarLearnsFromAnOutlierAsFromAnErrorAtTheLimit() {
        Network outlier = NetworkFixtures.randomNetwork(new SplittableRandom(3), 3);
        Network atLimit = outlier.copy();
        LearningRule sar = SignAndRelevance.builder().eta(0.1).build();
        Learner a = sar.newLearner(outlier);
        Learner b = sar.newLearner(atLimit);
        double[] x = NetworkFixtures.randomVector(new SplittableRandom(4), outlier.inputCount(), -1.0, 1.0);
        double[] out = new double[outlier.outputCount()];
        outlier.forward(x, out);
        atLimit.forward(x, out);

        a.learn(-1e3, new StepContext());
        b.learn(-1.0, new StepContext());

        NetworkFixtures.assertUnchanged(NetworkFixtures.snapshot(atLimit), outlier, "-1e3 and -1");
        assertEquals(1.0, a.lastModulation(), 0.0, "relevance min(|E|, 1)");
        assertEquals(-1e3, a.previousError(), 0.0, "the history keeps the error itself");
    }

    /** PaM's error-rate cue sees both errors saturated: at most exp(L * 2L) = e^2 for L = 1. */
    @Test
    void pamErrorRateCueIsAtMostESquared() {
        Network net = NetworkFixtures.randomNetwork(new SplittableRandom(5), 2);
        Learner pam = PrimeAndModulate.builder().eta(0.01).modulation(Cues.errorRate()).build().newLearner(net);
        double[] out = new double[net.outputCount()];
        StepContext context = new StepContext();
        net.forward(new double[net.inputCount()], out);
        pam.learn(-1e3, context);
        assertEquals(Math.exp(1.0), pam.lastModulation(), 0.0, "E = -1 (saturated), E(n-1) = 0");
        assertEquals(-1.0, context.error(), 0.0, "the cues read the saturated error");

        net.forward(new double[net.inputCount()], out);
        pam.learn(1e3, context);
        assertEquals(Math.exp(2.0), pam.lastModulation(), 0.0, "E = 1, E(n-1) = -1");
        assertEquals(-1.0, context.previousError(), 0.0);

        net.forward(new double[net.inputCount()], out);
        pam.learn(1e3, context.setModulation(1e3));
        assertEquals(1e3, pam.lastModulation(), 0.0, "a given modulation is not limited");
    }

    @Test
    void anotherLimitOrNoneIsWhatTheCuesSee() {
        Network net = NetworkFixtures.randomNetwork(new SplittableRandom(6), 2);
        double[] out = new double[net.outputCount()];
        for (double limit : new double[] {0.25, 7.0, INF}) {
            Learner sar = SignAndRelevance.builder().eta(1e-6).cueErrorLimit(limit).build().newLearner(net);
            net.forward(new double[net.inputCount()], out);
            sar.learn(-50.0, new StepContext());
            assertEquals(Math.min(50.0, limit), sar.lastModulation(), 0.0, "limit " + limit);
        }
    }

    @Test
    void theLimitIsSetByBuildersAndOptionsAndDefaultsToOne() {
        assertEquals(1.0, Cues.DEFAULT_CUE_ERROR_LIMIT, 0.0);
        assertEquals(1.0, SignAndRelevance.builder().eta(1).build().cueErrorLimit(), 0.0);
        assertEquals(1.0, PrimeAndModulate.builder().eta(1).build().cueErrorLimit(), 0.0);
        LearningRules.Options options = LearningRules.Options.eta(1).withCueErrorLimit(INF);
        assertEquals(INF, ((SignRule) LearningRules.create(LearningRules.Name.SAR, options)).cueErrorLimit(), 0.0);
        assertEquals(INF, ((SignRule) LearningRules.create(LearningRules.Name.PAM, options)).cueErrorLimit(), 0.0);
        assertEquals("SignAndRelevance[eta=1.0, outputDerivative=true, signPropagation=EXACT_THEN_SIGN,"
                + " relevance=absError, cueErrorLimit=2.5]",
                SignAndRelevance.builder().eta(1).cueErrorLimit(2.5).build().toString());
    }

    @Test
    void aLimitThatIsNotPositiveIsRejected() {
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.NEGATIVE_INFINITY}) {
            String message = "cueErrorLimit must be > 0 (Infinity turns the limit off), got " + bad;
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> SignAndRelevance.builder().cueErrorLimit(bad)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> LearningRules.Options.eta(1).withCueErrorLimit(bad)).getMessage());
        }
    }
}
