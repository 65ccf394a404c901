// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.sim.LineFollowerRun;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Tracks;

/** The reflex-only run shared by the runs of one seed: a caller's stop stops only that caller. */
class ReflexRunsTest {

    private static final CompareSweep.Setting SETTING = CompareSweep.Setting.of(Tracks.builtin(), "builtin",
            LookaheadSensors.ROWS, 1.0, 300_000);

    @Test
    void aCallerThatWaitedForAStoppedRunRunsItItself() throws Exception {
        ReflexRuns runs = new ReflexRuns();
        AtomicBoolean stopFirst = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Double> first = pool.submit(() -> runs.reflexAbsE(SETTING, 7, () -> {
                started.countDown();
                return stopFirst.get();
            }));
            assertTrue(started.await(30, TimeUnit.SECONDS), "the first caller's run started");
            Future<Double> second = pool.submit(() -> runs.reflexAbsE(SETTING, 7, () -> false));
            Thread.sleep(200); // the second caller now waits for the first one's run
            stopFirst.set(true);
            assertTrue(Double.isNaN(first.get(60, TimeUnit.SECONDS)), "the stopped caller gets no R");
            double r = second.get(120, TimeUnit.SECONDS);
            double direct = LineFollowerRun.builder().rule(LearningMode.NONE).seed(7).track(Tracks.builtin())
                    .horizon(300_000).build().run().learningTime().reflexAbsE();
            assertEquals(direct, r, 0.0, "the caller that was not stopped gets R, run again");
            assertEquals(direct, runs.reflexAbsE(SETTING, 7, () -> true), 0.0, "and it is kept for the next");
        } finally {
            pool.shutdownNow();
        }
    }
}
