// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reflex errors and the look-ahead position. */
class SmallPartsTest {

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    @Test
    void authorsErrorByHand() {
        // L2 = 0.5 (black), L1 = 0.6, R1 = 0.7, R2 = 0.731: (0.6 + 1.0) - (0.7 + 1.462) = -0.562
        assertEquals(-0.562, ReflexErrors.authors().error(new double[] {9, 0.5, 0.6, 0.7, 0.731}, 1), 1e-15);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void weightedMatchesTheAuthorsErrorUpToRounding(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] s = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble()};
        assertEquals(ReflexErrors.authors().error(s, 0), ReflexErrors.weighted(2, 1, -1, -2).error(s, 0), 1e-14,
                "seed " + seed);
    }

    @Test
    void weightedPreconditions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ReflexErrors::weighted);
        assertEquals("weighted reflex error needs at least one weight", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ReflexErrors.weighted(1, Double.NaN));
        assertEquals("weights[1] must be finite, got NaN", e.getMessage());
    }

    @Test
    void lookaheadIsTheArgmaxColumnOfTheFarRow() {
        LookaheadPosition p = new LookaheadPosition(4, 2);
        assertEquals(2.5, p.centre(), "(4 + 1) / 2");
        double[] sample = {9, 9, 0.1, 0.7, 0.7, 0.2};
        assertEquals(2.0, p.position(sample, 0), "argmax, first on a tie; near-row values ignored");
        assertEquals(3.0, p.position(new double[] {-1, 5, 5, 0, 0, 0.3, 0}, 1), "with an offset");
    }

    @Test
    void unseenPathGivesTheCentreOrTheLastPosition() {
        double[] seen = {0, 0, 0, 1, 0};
        double[] unseen = {0, 0, 0, 0, 0};
        LookaheadPosition centre = new LookaheadPosition(5, 0);
        assertEquals(4.0, centre.position(seen, 0), "seen");
        assertEquals(3.0, centre.position(unseen, 0), "unseen: centre");
        LookaheadPosition keep = new LookaheadPosition(5, 0, 0.5, LookaheadPosition.Unseen.KEEP_LAST);
        assertEquals(3.0, keep.position(unseen, 0), "unseen before any sighting: centre");
        assertEquals(4.0, keep.position(seen, 0), "seen");
        assertEquals(4.0, keep.position(new double[] {0, 0.5, 0, 0, 0}, 0), "0.5 is not above the threshold");
        keep.reset();
        assertEquals(3.0, keep.position(unseen, 0), "after reset");
    }

    @Test
    void lookaheadPreconditions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LookaheadPosition(0, 0));
        assertEquals("columns must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LookaheadPosition(3, -1));
        assertEquals("rowOffset must be >= 0, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LookaheadPosition(3, 0, Double.POSITIVE_INFINITY, LookaheadPosition.Unseen.CENTRE));
        assertEquals("threshold must be finite, got Infinity", e.getMessage());
        IndexOutOfBoundsException x = assertThrows(IndexOutOfBoundsException.class,
                () -> new LookaheadPosition(3, 1).position(new double[3], 0));
        assertEquals("the row 1 .. 3 does not fit in predictors of length 3", x.getMessage());
    }
}
