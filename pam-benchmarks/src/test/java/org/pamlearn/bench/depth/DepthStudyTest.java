// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.robot.NetworkInit;

/** {@link DepthStudy#measure}: the rows of each initialisation and depth are handed over as soon as measured. */
class DepthStudyTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2})
    void eachShapesRowsArriveInOrderAndMakeTheWholeResult(long seed) {
        DepthStudy.Samples samples = DepthStudy.randomSamples(3, 8, 0.1, seed);
        List<NetworkInit> inits = List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC);
        int[] depths = {1, 4, 2};
        List<List<DepthStudy.Row>> parts = new ArrayList<>();
        List<DepthStudy.Row> all = DepthStudy.measure(DepthStudy.Source.RANDOM, samples, inits, depths, seed,
                parts::add, () -> false);
        assertEquals(inits.size() * depths.length, parts.size(), "one hand-over per init and depth");
        List<DepthStudy.Row> joined = new ArrayList<>();
        int k = 0;
        for (NetworkInit init : inits) {
            for (int depth : depths) {
                List<DepthStudy.Row> part = parts.get(k++);
                // 3 rules x (depth hidden layers + the output layer)
                assertEquals(3 * (depth + 1), part.size(), init + " depth " + depth);
                for (DepthStudy.Row r : part) {
                    assertEquals(init, r.init(), "init");
                    assertEquals(depth, r.depth(), "depth");
                }
                joined.addAll(part);
            }
        }
        assertEquals(all, joined, "the hand-overs are the result, in order");
        assertEquals(all, DepthStudy.measure(DepthStudy.Source.RANDOM, samples, inits, depths, seed),
                "the same rows as without a listener");
    }

    @ParameterizedTest(name = "stop after {0} points")
    @ValueSource(ints = {0, 1, 3, 5})
    void aStopEndsTheStudyBetweenPointsWithTheWholePointsMeasured(int points) {
        DepthStudy.Samples samples = DepthStudy.randomSamples(2, 8, 0.1, 3);
        List<NetworkInit> inits = List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC);
        int[] depths = {1, 2, 3};
        List<DepthStudy.Row> all = DepthStudy.measure(DepthStudy.Source.RANDOM, samples, inits, depths, 3);
        List<List<DepthStudy.Row>> parts = new ArrayList<>();
        List<DepthStudy.Row> some = DepthStudy.measure(DepthStudy.Source.RANDOM, samples, inits, depths, 3,
                parts::add, () -> parts.size() >= points);
        assertEquals(points, parts.size(), "points measured");
        assertEquals(parts.stream().mapToInt(List::size).sum(), some.size(), "only the rows of whole points");
        assertEquals(all.subList(0, some.size()), some, "the first points, each whole");
    }

    @ParameterizedTest(name = "stop at check {0}")
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void aStopInsideAPointAbandonsIt(int check) {
        DepthStudy.Samples samples = DepthStudy.randomSamples(2, 8, 0.1, 3);
        List<NetworkInit> inits = List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC);
        int[] depths = {1, 2, 3};
        List<DepthStudy.Row> all = DepthStudy.measure(DepthStudy.Source.RANDOM, samples, inits, depths, 3);
        int[] checks = {0};
        List<List<DepthStudy.Row>> parts = new ArrayList<>();
        List<DepthStudy.Row> some = DepthStudy.measure(DepthStudy.Source.RANDOM, samples, inits, depths, 3,
                parts::add, () -> ++checks[0] >= check);
        // Checked before each point and before each of its 2 samples: 3 checks per point.
        assertEquals((check - 1) / 3, parts.size(), "whole points before the stop");
        assertEquals(parts.stream().mapToInt(List::size).sum(), some.size(), "only the rows of whole points");
        assertEquals(all.subList(0, some.size()), some, "the first points");
    }
}
