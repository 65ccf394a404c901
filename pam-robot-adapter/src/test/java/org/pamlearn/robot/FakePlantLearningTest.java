// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.Cues;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.PrimeAndModulate;
import org.pamlearn.zspace.filter.FilterArray;

/** Closed-loop learning on {@link LinePlant}: the learners cancel the bends before the reflex has to. */
class FakePlantLearningTest {

    static final int STEPS = 8_000;
    static final int T = 4;
    static final int TAPS = 8;

    static Network network(long seed) {
        return Network.builder(LinePlant.COLUMNS * TAPS).activation(Activation.CENTERED_SIGMOID)
                .init(WeightInits.symmetric(0.1)).seed(seed).layers(6, 1).build();
    }

    /** Returns steps to success, or -1; also the mean |E| of the first and last 2000 steps. */
    static double[] run(long seed, LearningRule rule) {
        LinePlant plant = new LinePlant(seed, STEPS, T, 0.02, 0.1);
        EmaSuccess ema = new EmaSuccess();
        double[] sums = new double[2];
        ClosedLoopController.Builder b = ClosedLoopController.builder().reflexSensor(plant.reflex)
                .predictorSensor(plant.predictors).drive(plant).reflexGain(1.0).baseSpeed(50.0)
                .lookahead(new LookaheadPosition(LinePlant.COLUMNS, 0))
                .listener(r -> {
                    ema.update(r.error(), plant.onLine());
                    if (r.step() <= 2000) {
                        sums[0] += Math.abs(r.error());
                    } else if (r.step() > STEPS - 2000) {
                        sums[1] += Math.abs(r.error());
                    }
                });
        if (rule != null) {
            b.network(network(seed)).filters(FilterArray.delayTaps(LinePlant.COLUMNS, TAPS)).rule(rule)
                    .outputMix(new double[] {1.0}, new double[] {1.0});
        }
        try (ClosedLoopController c = b.build()) {
            for (int k = 0; k < STEPS; k++) {
                c.step();
            }
        }
        return new double[] {ema.stepsToSuccess(), sums[0] / 2000, sums[1] / 2000};
    }

    static LearningRule rule(String name) {
        switch (name) {
            case "pam":
                // The cue's centre is the look-ahead row's centre, (5 + 1) / 2.
                return PrimeAndModulate.builder().eta(1e-3)
                        .modulation(Cues.product(Cues.errorRate(), Cues.lookahead(3.0, 1.0))).build();
            case "bp":
                return Backprop.builder().eta(0.5).build();
            default:
                throw new IllegalArgumentException(name);
        }
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({"pam, 1", "pam, 2", "pam, 3", "bp, 1", "bp, 2", "bp, 3"})
    void learningReducesTheErrorAndMeetsTheEmaCriterion(String name, long seed) {
        double[] result = run(seed, rule(name));
        assertTrue(result[0] > 0, name + " seed " + seed + ": no success in " + STEPS + " steps");
        assertTrue(result[2] < result[1] / 5, name + " seed " + seed + ": mean |E| of the last 2000 steps "
                + result[2] + " not below a fifth of the first 2000's " + result[1]);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void reflexAloneNeverMeetsIt(long seed) {
        double[] result = run(seed, null);
        assertEquals(-1.0, result[0], "reflex only, seed " + seed + ": steps to success");
        assertTrue(result[2] > 0.02, "reflex only, seed " + seed + ": mean |E| stays large, got " + result[2]);
    }
}
