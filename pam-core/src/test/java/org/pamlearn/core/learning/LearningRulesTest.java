// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;

/** {@link LearningRules} builds the same rules as the builders, by name; bad names and rates are refused. */
class LearningRulesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void theFactoryDefaultsLearnExactlyAsTheBuilderDefaults(long seed) {
        LearningRule[][] pairs = {
            {LearningRules.create(LearningRules.Name.BP, LearningRules.Options.eta(0.01)),
                Backprop.builder().eta(0.01).build()},
            {LearningRules.create(LearningRules.Name.SAR, LearningRules.Options.eta(0.01)),
                SignAndRelevance.builder().eta(0.01).build()},
            {LearningRules.create(LearningRules.Name.PAM, LearningRules.Options.eta(0.01)),
                PrimeAndModulate.builder().eta(0.01).build()},
            {LearningRules.create(LearningRules.Name.SAR, LearningRules.Options.eta(0.01)
                    .withSignPropagation(SignPropagation.SIGN_ONLY).withOutputDerivative(false)
                    .withRelevance(Cues.constant(1.0))),
                SignAndRelevance.builder().eta(0.01).signPropagation(SignPropagation.SIGN_ONLY)
                    .outputDerivative(false).relevance(Cues.constant(1.0)).build()},
            {LearningRules.create(LearningRules.Name.PAM, LearningRules.Options.eta(0.01)
                    .withModulation(LearningRules.errorRateTimesLookahead(2.5, 0.5))),
                PrimeAndModulate.builder().eta(0.01)
                    .modulation(Cues.product(Cues.errorRate(), Cues.lookahead(2.5, 0.5))).build()},
        };
        for (LearningRule[] pair : pairs) {
            assertArrayEquals(trained(pair[1], seed), trained(pair[0], seed), pair[1] + ", seed " + seed);
        }
    }

    /** Twenty seeded steps on a small network; returns every layer's weights, flat. */
    private static double[] trained(LearningRule rule, long seed) {
        Network net = Network.builder(4).init(WeightInits.symmetric(0.5)).layers(5, 3, 2).seed(seed).build();
        Learner learner = rule.newLearner(net);
        StepContext context = new StepContext();
        SplittableRandom random = new SplittableRandom(seed);
        double[] in = new double[4];
        double[] out = new double[2];
        for (int n = 0; n < 20; n++) {
            for (int i = 0; i < in.length; i++) {
                in[i] = random.nextDouble(-1, 1);
            }
            net.forward(in, out);
            context.setLookahead(1 + random.nextDouble(4));
            learner.learn(random.nextDouble(-1, 1), context);
        }
        double[] all = new double[0];
        for (int l = 0; l < net.layerCount(); l++) {
            double[] w = new double[net.layerInputCount(l) * net.layerSize(l)];
            net.copyWeightsInto(l, w);
            double[] grown = new double[all.length + w.length];
            System.arraycopy(all, 0, grown, 0, all.length);
            System.arraycopy(w, 0, grown, all.length, w.length);
            all = grown;
        }
        return all;
    }

    @ParameterizedTest
    @CsvSource({"bp, BP", "SAR, SAR", "Pam, PAM"})
    void namesParseCaseInsensitively(String label, LearningRules.Name expected) {
        assertEquals(expected, LearningRules.Name.parse(label), label);
        assertEquals(expected.name().toLowerCase(java.util.Locale.ROOT), expected.label(), "label");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "none", "backprop", " bp"})
    void unknownNamesAreRefusedNamingThem(String label) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRules.Name.parse(label));
        assertEquals("rule must be bp, sar or pam, got '" + label + "'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY})
    void aBadRateIsRefused(double eta) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRules.Options.eta(eta));
        assertEquals("eta must be finite and > 0, got " + eta, e.getMessage());
    }
}
