// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.sim.LineFollowerRun.Result;

/**
 * {@link LineFollowerRun} over a horizon: it runs exactly {@code N} steps, on after FCL's success, and still reports
 * FCL's steps; {@code R} is the mean |E| of the reflex-only run of the same seed (recomputed here from that run's
 * trace); and the default path, without a horizon, is unchanged.
 */
class LineFollowerRunHorizonTest {

    /**
     * Without a horizon a session stops at success with the steps it took before the horizon existed: golden values
     * printed by {@code pamlearn line-follower <options>} built from commit bbc5fc3 (before the horizon was added):
     * {@code --rule pam} 3468, {@code --rule bp --eta 1 --seed 1} 10342, {@code --rule sar --eta 0.1 --seed 2} 4565,
     * {@code --rule pam --sensors camera --seed 1} 6854 (all success=true).
     */
    @ParameterizedTest(name = "{0} eta {1} seed {2} {3}")
    @CsvSource({"PAM, 0.001, 0, ROWS, 3468", "BP, 1, 1, ROWS, 10342", "SAR, 0.1, 2, ROWS, 4565",
        "PAM, 0.001, 1, CAMERA, 6854"})
    void withoutAHorizonASessionStopsAtSuccessAsBefore(LearningMode rule, double eta, long seed,
            LookaheadSensors sensors, long steps) {
        Result r = LineFollowerRun.builder().rule(rule).eta(eta).seed(seed).sensors(sensors).build().run();
        assertEquals("result: rule=" + rule.label() + " steps=" + steps + " success=true", r.resultLine());
        assertEquals(steps, r.trace().steps(), "stopped at success");
        assertNull(r.learningTime(), "no learning time without a horizon");
    }

    @Test
    void aHorizonRunsExactlyNStepsAfterSuccessAndKeepsFclsSteps() {
        long n = 8_000;
        Result r = LineFollowerRun.builder().rule(LearningMode.PAM).seed(0).horizon(n).build().run();
        assertTrue(r.success(), r.resultLine());
        assertEquals(3468, r.steps(), "FCL's steps to success, as without a horizon");
        assertEquals(n, r.trace().steps(), "ran on to the horizon");
        assertEquals(n - 1, r.learnedSteps(), "learning throughout (every step but the first)");
        assertNotNull(r.learningTime());
        assertEquals(n, r.learningTime().horizon());
        assertTrue(r.resultLine().startsWith("result: rule=pam steps=3468 success=true t_rel="), r.resultLine());
        assertTrue(r.firstLayerStep() > 0, "the first layer moved: " + r.firstLayerStep());
    }

    @Test
    void aRunThatNeverSucceedsReportsTheHorizonAsItsSteps() {
        Result r = LineFollowerRun.builder().rule(LearningMode.BP).eta(0.001).seed(0).horizon(3_000).build().run();
        assertEquals(3_000, r.steps());
        assertEquals(3_000, r.trace().steps());
        assertTrue(r.resultLine().startsWith("result: rule=bp steps=3000 success=false t_rel="), r.resultLine());
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"0", "3", "-5"})
    void rIsTheMeanAbsErrorOfTheReflexOnlyRunAndGivingItChangesNothing(long seed) {
        long n = 4_000;
        Result reflex = LineFollowerRun.builder().rule(LearningMode.NONE).seed(seed).speed(2).horizon(n).build().run();
        double sum = 0;
        for (double e : reflex.trace().error()) {
            sum += Math.abs(e);
        }
        double r = sum / n;
        assertEquals(r, reflex.learningTime().reflexAbsE(), "the reflex-only run measures against itself");
        Result ran = LineFollowerRun.builder().rule(LearningMode.PAM).seed(seed).speed(2).horizon(n).build().run();
        assertEquals(r, ran.learningTime().reflexAbsE(), "seed " + seed + ": the run's own reflex-only run");
        Result given = LineFollowerRun.builder().rule(LearningMode.PAM).seed(seed).speed(2).horizon(n).reflexAbsE(r)
                .build().run();
        assertEquals(ran.resultLine(), given.resultLine(), "seed " + seed);
        assertArrayEquals(ran.trace().error(), given.trace().error(), "seed " + seed);
    }

    @Test
    void aHorizonShorterThanTheWindowOrNegativeIsRefused() {
        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> LineFollowerRun.builder().horizon(499).build());
        assertEquals("horizon 499 is shorter than the window 500", shorter.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> LineFollowerRun.builder().horizon(-5));
        assertEquals("horizon must be >= 0, got -5", negative.getMessage());
    }
}
