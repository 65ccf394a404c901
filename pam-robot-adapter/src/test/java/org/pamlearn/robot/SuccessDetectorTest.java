// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The EMA and moving-window criteria, and that only steps on the line count. */
class SuccessDetectorTest {

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    @Test
    void emaSucceedsAfterMoreThanRunLengthQuietStepsOnTheLine() {
        EmaSuccess ema = new EmaSuccess();
        for (int k = 1; k <= 1000; k++) {
            assertFalse(ema.update(0.0, true), "step " + k);
        }
        assertTrue(ema.update(0.0, true), "step 1001: more than 1000 consecutive steps");
        assertEquals(1001, ema.stepsToSuccess(), "steps to success");
        assertTrue(ema.update(5.0, false), "success stays");
        ema.reset();
        assertFalse(ema.succeeded(), "reset");
        assertEquals(-1, ema.stepsToSuccess(), "reset steps");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRobotCirclingOnWhiteNeverSucceeds(long seed) {
        // Off the line E = 0 (both sides see white); now and then a sensor glimpses the line for a step.
        SplittableRandom random = new SplittableRandom(seed);
        EmaSuccess ema = new EmaSuccess();
        WindowSuccess window = new WindowSuccess(0.01);
        for (int k = 0; k < 200_000; k++) {
            boolean glimpse = random.nextInt(500) == 0;
            double e = 0.0;
            ema.update(e, glimpse);
            window.update(e, glimpse);
        }
        assertFalse(ema.succeeded(), "EMA, seed " + seed);
        assertFalse(window.succeeded(), "window, seed " + seed);
    }

    @Test
    void aStepOffTheLineRestartsTheEmaRun() {
        EmaSuccess ema = new EmaSuccess(0.01, 0.001, 10);
        for (int k = 0; k < 10; k++) {
            ema.update(0.0, true);
        }
        assertEquals(10, ema.run(), "run");
        ema.update(0.0, false);
        assertEquals(0, ema.run(), "reset by a step off the line");
        for (int k = 0; k < 11; k++) {
            ema.update(0.0, true);
        }
        assertEquals(22, ema.stepsToSuccess(), "10 + 1 + 11");
    }

    @Test
    void theEmaFollowsItsRecurrence() {
        EmaSuccess ema = new EmaSuccess(0.5, 0.001, 3);
        ema.update(1.0, true);
        assertEquals(0.5, ema.average(), "0 + 0.5 (1 - 0)");
        ema.update(-1.0, true);
        assertEquals(-0.25, ema.average(), "0.5 + 0.5 (-1 - 0.5)");
        assertEquals(0, ema.run(), "|avg| above the threshold");
    }

    @Test
    void windowChecksFromStartAfterSamplesOnTheLine() {
        WindowSuccess w = new WindowSuccess(0.1, 800, 400);
        for (int k = 0; k < 50; k++) {
            w.update(0.0, false);
        }
        for (int k = 1; k < 400; k++) {
            assertFalse(w.update(0.05, true), "sample " + k + " on the line");
        }
        assertTrue(w.update(0.05, true), "sample 400 on the line");
        assertEquals(450, w.stepsToSuccess(), "50 off + 400 on");
    }

    @Test
    void windowAveragesTheLastSamplesOnly() {
        WindowSuccess w = new WindowSuccess(0.5, 4, 1);
        for (int k = 0; k < 4; k++) {
            w.update(1.0, true);
        }
        assertEquals(1.0, w.mean(), "four ones");
        w.update(-0.0, true);
        w.update(0.0, true);
        assertEquals(0.5, w.mean(), 1e-15, "two ones and two zeros");
        assertFalse(w.succeeded(), "0.5 is not below 0.5");
        w.update(0.0, true);
        assertTrue(w.succeeded(), "0.25 < 0.5");
        assertEquals(7, w.stepsToSuccess(), "steps");
    }

    @Test
    void windowRestartsAfterLeavingTheLine() {
        WindowSuccess w = new WindowSuccess(0.1, 10, 5);
        for (int k = 0; k < 4; k++) {
            w.update(0.0, true);
        }
        w.update(0.0, false);
        assertTrue(Double.isNaN(w.mean()), "window emptied");
        for (int k = 0; k < 4; k++) {
            assertFalse(w.update(0.0, true), "restart sample " + k);
        }
        assertTrue(w.update(0.0, true), "fifth sample after the restart");
    }

    @Test
    void nonFiniteErrorsCountAsOffTheLine() {
        EmaSuccess ema = new EmaSuccess(0.01, 0.001, 2);
        ema.update(0.0, true);
        ema.update(0.0, true);
        ema.update(Double.NaN, true);
        assertEquals(0, ema.run(), "run reset");
        assertEquals(0.0, ema.average(), "average untouched by NaN");
    }

    @Test
    void preconditions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EmaSuccess(0, 1, 1));
        assertEquals("alpha must be in (0, 1], got 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EmaSuccess(0.1, Double.NaN, 1));
        assertEquals("threshold must be finite and > 0, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EmaSuccess(0.1, 0.1, -1));
        assertEquals("runLength must be >= 0, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WindowSuccess(-1));
        assertEquals("threshold must be finite and > 0, got -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WindowSuccess(1, 0, 1));
        assertEquals("window must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WindowSuccess(1, 1, 0));
        assertEquals("startAfter must be >= 1, got 0", e.getMessage());
    }

    @Test
    void lineContactRemembersASightingForKSteps() {
        LineContact c = LineContact.above(0.5, 3);
        double[] seen = {0.0, 0.9, 0.0};
        double[] none = {0.0, 0.1, 0.0};
        assertFalse(c.onLine(), "before any update");
        assertTrue(c.update(seen, 0, 3), "seen now");
        assertTrue(c.update(none, 0, 3), "1 step ago");
        assertTrue(c.update(none, 0, 3), "2 steps ago");
        assertFalse(c.update(none, 0, 3), "3 steps ago: outside K = 3");
        assertFalse(c.update(seen, 2, 1), "only the given range is read");
        LineContact dark = LineContact.below(0.6, 1);
        assertTrue(dark.update(new double[] {0.73, 0.5}, 0, 2), "black below the threshold");
        assertFalse(dark.update(new double[] {0.73, Double.NaN}, 0, 2), "NaN sees nothing");
        dark.reset();
        assertFalse(dark.onLine(), "reset");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LineContact.above(0, 0));
        assertEquals("k must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LineContact.below(Double.NaN, 1));
        assertEquals("threshold must be finite, got NaN", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> c.update(seen, 2, 2));
    }
}
