// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's schedule and overruns on a fake clock; stopping stops the motors. */
class FixedRateLoopTest {

    /** A clock that moves only when a step takes time or the loop parks. */
    static final class FakeTime implements TimeSource {
        long now = 1_000;
        final List<Long> parkedUntil = new ArrayList<>();

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void parkUntil(long deadline) {
            parkedUntil.add(deadline);
            now = Math.max(now, deadline);
        }
    }

    @Test
    void stepsThatTakeLongerThanThePeriodAreCountedAndTheScheduleRestarts() {
        FakeTime time = new FakeTime();
        RecordingDrive drive = new RecordingDrive();
        long[] durations = {3, 12, 3, 25, 3, 3};
        List<Long> starts = new ArrayList<>();
        FixedRateLoop[] loop = new FixedRateLoop[1];
        loop[0] = new FixedRateLoop(() -> {
            int k = starts.size();
            starts.add(time.now);
            time.now += durations[k];
            drive.drive(10, 10);
            if (k == durations.length - 1) {
                loop[0].stop();
            }
        }, 10, drive, time);
        loop[0].run();
        // Due at 1000; 1010 (ran 1010..1022, overran 1020); 1022 at once; 1032 (ran to 1057, overran 1042);
        // 1057 at once; 1067.
        assertEquals(List.of(1000L, 1010L, 1022L, 1032L, 1057L, 1067L), starts, "step start times");
        assertEquals(2, loop[0].overruns(), "overruns");
        assertEquals(6, loop[0].steps(), "steps");
        assertEquals(0.0, drive.left, "motors stopped at the end");
        assertEquals(1, drive.stops, "one stop");
        IllegalStateException e = assertThrows(IllegalStateException.class, loop[0]::run);
        assertEquals("the loop has already run: a FixedRateLoop runs once", e.getMessage());
    }

    @Test
    void anExceptionFromTheStepStopsTheMotorsAndIsRethrown() {
        RecordingDrive drive = new RecordingDrive();
        IllegalStateException boom = new IllegalStateException("boom");
        FixedRateLoop loop = new FixedRateLoop(() -> {
            drive.drive(50, 50);
            throw boom;
        }, 10, drive, new FakeTime());
        assertSame(boom, assertThrows(IllegalStateException.class, loop::run));
        assertEquals(0.0, drive.left, "stopped");
    }

    @Test
    void aDriveWhoseStopThrowsNeitherHidesTheStepsExceptionNorEscapes() {
        FaultyDrive drive = new FaultyDrive();
        drive.failingStops.add(1);
        drive.failingStops.add(2);
        IllegalStateException boom = new IllegalStateException("boom");
        FixedRateLoop failing = new FixedRateLoop(() -> {
            throw boom;
        }, 10, drive, new FakeTime());
        assertSame(boom, assertThrows(IllegalStateException.class, failing::run), "the step's exception");
        failing.close();
        assertEquals(2, failing.stopFailures(), "both failed stops counted");
        assertEquals("stop #2 failed", failing.lastStopFailure().getMessage());

        FixedRateLoop[] stopping = new FixedRateLoop[1];
        stopping[0] = new FixedRateLoop(() -> stopping[0].stop(), 10, drive, new FakeTime());
        stopping[0].run();
        assertEquals(0, stopping[0].stopFailures(), "the third stop works");
        assertEquals(0.0, drive.left, "stopped");
    }

    @Test
    void closeEndsAStartedLoopAndStopsTheMotors() throws InterruptedException {
        RecordingDrive drive = new RecordingDrive();
        ClosedLoopController c = ClosedLoopController.builder().reflexSensor(new ScriptedSensor(0, 0.2, 0, 0))
                .drive(drive).build();
        // The system clock: no timing is asserted, only that the loop runs and ends.
        FixedRateLoop loop = new FixedRateLoop(c::step, 1_000_000, drive);
        loop.start();
        while (loop.steps() < 3) {
            Thread.sleep(1);
        }
        loop.close();
        long steps = loop.steps();
        assertTrue(steps >= 3, "ran");
        assertEquals(0.0, drive.left, "left stopped");
        assertEquals(0.0, drive.right, "right stopped");
        Thread.sleep(5);
        assertEquals(steps, loop.steps(), "no step after close");
        c.close();
    }

    @Test
    void preconditions() {
        RecordingDrive drive = new RecordingDrive();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FixedRateLoop(() -> { }, 0, drive));
        assertEquals("periodNanos must be > 0, got 0", e.getMessage());
    }
}
