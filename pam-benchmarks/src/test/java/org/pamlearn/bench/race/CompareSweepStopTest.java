// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Tracks;

/**
 * A stopped sweep writes the rows of its finished runs only, whole, and abandons the others, which the next sweep
 * over the same file runs; the rows are those of a sweep that was never stopped. (Every run takes its horizon of 1000
 * steps: the run in flight when the stop comes is still running.)
 */
class CompareSweepStopTest {

    private static final CompareGrid GRID = CompareGrid.of(List.of(LearningMode.BP), List.of(CompareGrid.Depth.of(4)),
            List.of(NetworkInit.SYMMETRIC), new int[] {20, 21, 22}, 2);
    private static final CompareSweep.Setting SETTING = CompareSweep.Setting.of(Tracks.builtin(), "builtin",
            LookaheadSensors.ROWS, 1.0, 1000);

    @ParameterizedTest(name = "stop after {0} rows")
    @ValueSource(ints = {0, 2})
    void aStoppedSweepKeepsWholeRowsAndResumes(int stopAfter, @TempDir Path dir)
            throws IOException, InterruptedException {
        Path whole = dir.resolve("whole.csv");
        new CompareSweep(GRID, SETTING, 2, 0, 1).run(whole, null);

        Path csv = dir.resolve("compare.csv");
        AtomicBoolean stop = new AtomicBoolean(stopAfter == 0);
        CompareSweep.Outcome first = new CompareSweep(GRID, SETTING, 1, 0, 1).run(csv, (done, total) -> {
            if (done >= stopAfter) {
                stop.set(true);
            }
        }, stop::get);
        assertEquals(stopAfter, first.ran(), "the runs finished before the stop");
        assertEquals(6 - stopAfter, first.abandoned(), "the others are abandoned");
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + stopAfter, lines.size(), "the header and a row per finished run: " + lines);
        assertTrue(Files.readString(csv).endsWith(System.lineSeparator()), "whole lines");

        CompareSweep.Outcome second = new CompareSweep(GRID, SETTING, 2, 0, 1).run(csv, null);
        assertEquals(List.of(stopAfter, 6 - stopAfter, 0), List.of(second.skipped(), second.ran(),
                second.abandoned()), "the resumed sweep runs the abandoned runs");
        assertEquals(sorted(whole), sorted(csv), "the same rows as an unstopped sweep");
    }

    private static List<String> sorted(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().sorted().toList();
    }
}
