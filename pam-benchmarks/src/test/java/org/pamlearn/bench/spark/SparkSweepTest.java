// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.bench.race.CompareGrid;
import org.pamlearn.bench.race.CompareRow;
import org.pamlearn.bench.race.CompareSweep;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Tracks;

/**
 * The Spark runner on Spark's {@code local[2]} master, started in this JVM: its compare.csv holds the same rows as
 * the thread pool's for the same grid, it resumes a file that holds some of them, and a stop leaves whole rows.
 */
class SparkSweepTest {

    /** 2 rules x 2 learning rates x 2 seeds: 8 runs, some succeed (PaM at eta_41 = 0.094) and some do not. */
    private static final CompareGrid GRID = CompareGrid.of(List.of(LearningMode.BP, LearningMode.PAM),
            List.of(CompareGrid.Depth.of(4)), List.of(NetworkInit.AUTHORS), new int[] {31, 41}, 2);
    private static final SettingRecipe RECIPE = () -> CompareSweep.Setting.of(Tracks.builtin(), "builtin",
            LookaheadSensors.ROWS, 1.0, 4000);

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("SparkSweepTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        spark = new JavaSparkContext(conf);
        spark.setLogLevel("WARN");
    }

    @AfterAll
    static void stopSpark() {
        spark.close();
    }

    @Test
    void sparkWritesTheRowsOfTheThreadPool() throws IOException, InterruptedException {
        // A horizon no other test uses: the reflex-only runs are done in the Spark tasks, not taken from the JVM's
        // cache of a local sweep before.
        SettingRecipe recipe = () -> CompareSweep.Setting.of(Tracks.builtin(), "builtin", LookaheadSensors.ROWS, 1.0,
                4100);
        Path csv = dir.resolve("spark.csv");
        CompareSweep.Outcome outcome = SparkSweep.sweep(spark, GRID, recipe, 0, 1).run(csv, null);
        Path local = dir.resolve("local.csv");
        new CompareSweep(GRID, recipe.build(), 2, 0, 1).run(local, null);

        assertEquals(List.of(0, 8, 0), List.of(outcome.skipped(), outcome.ran(), outcome.abandoned()), "all ran");
        assertEquals(CompareRow.HEADER, Files.readAllLines(csv).get(0), "the header first");
        assertEquals(rows(local), rows(csv), "the same rows, in any order");
        assertEquals(8, rows(csv).size(), "one row per run");
    }

    @Test
    void sparkSkipsTheRowsAlreadyInTheFile() throws IOException, InterruptedException {
        List<String> local = Files.readAllLines(localCsv(), StandardCharsets.UTF_8);
        // The header and three rows, one of them altered: had its run been done again, its key would be twice in
        // the file.
        List<String> kept = new ArrayList<>(local.subList(0, 4));
        CompareRow first = CompareRow.parse(kept.get(1));
        CompareRow altered = new CompareRow(first.rule(), first.depth(), first.init(), first.etaIndex(), first.seed(),
                first.steps() + 1, first.success(), first.runSeed(), first.maxSteps(), first.speed(), first.track(),
                first.sensors(), first.horizon(), first.tRel(), first.converged(), first.reflexAbsE(),
                first.finalAbsE(), first.firstLayerDw(), first.window(), first.fraction(), first.hold());
        kept.set(1, altered.toCsv());
        Path csv = dir.resolve("spark.csv");
        Files.write(csv, kept, StandardCharsets.UTF_8);

        CompareSweep.Outcome outcome = SparkSweep.sweep(spark, GRID, RECIPE, 0, 1).run(csv, null);

        assertEquals(List.of(3, 5, 0), List.of(outcome.skipped(), outcome.ran(), outcome.abandoned()),
                "only the five runs not in the file ran");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(kept, lines.subList(0, 4), "the rows in the file are kept as they were");
        Set<String> expected = rows(local.subList(1, local.size()));
        expected.remove(local.get(1));
        expected.add(altered.toCsv());
        assertEquals(expected, rows(lines.subList(1, lines.size())), "the others appended, once each");
    }

    @Test
    void aStopCancelsTheJobAndLeavesWholeRows() throws IOException, InterruptedException {
        // Horizons of 10^6 steps: the runs would take seconds each, so none ends before the stop cancels them.
        SettingRecipe long1 = () -> CompareSweep.Setting.of(Tracks.builtin(), "builtin", LookaheadSensors.ROWS,
                1.0, 1_000_000);
        CompareGrid grid = CompareGrid.of(List.of(LearningMode.BP), List.of(CompareGrid.Depth.of(4)),
                List.of(NetworkInit.SYMMETRIC), new int[] {0}, 4);
        Path csv = dir.resolve("spark.csv");

        CompareSweep.Outcome outcome = SparkSweep.sweep(spark, grid, long1, 0, 1).run(csv, null, () -> true);

        assertEquals(List.of(0, 4), List.of(outcome.ran(), outcome.abandoned()), "every run abandoned");
        assertEquals(List.of(CompareRow.HEADER), Files.readAllLines(csv), "only the header");
        // The context is free again: the killed tasks ended after their current step.
        assertEquals(2L, spark.parallelize(List.of(1, 2), 2).count(), "a job after the stop");
    }

    private Path localCsv() throws IOException, InterruptedException {
        Path csv = dir.resolve("local.csv");
        CompareSweep.Outcome outcome = new CompareSweep(GRID, RECIPE.build(), 2, 0, 1).run(csv, null);
        assertEquals(8, outcome.ran(), "the local sweep");
        List<CompareRow> rows = outcome.rows();
        assertTrue(rows.stream().anyMatch(CompareRow::success) && !rows.stream().allMatch(CompareRow::success),
                "some runs succeed and some do not: " + rows);
        return csv;
    }

    private static Set<String> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        return rows(lines.subList(1, lines.size()));
    }

    private static Set<String> rows(List<String> lines) {
        return new HashSet<>(lines);
    }
}
