// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.pamlearn.core.internal.BoundedReading;
import org.pamlearn.core.internal.Texts;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.LearningTime;
import org.pamlearn.robot.sim.LineFollowerRun;
import org.pamlearn.robot.sim.LineFollowerSim;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Track;

/**
 * Runs the runs of a {@link CompareGrid} that belong to one shard and are not yet in the CSV file, on a pool of
 * threads (or another {@link RunExecutor}), appending one {@link CompareRow} per finished run (written and flushed
 * by the calling thread, in completion order). A sweep that was interrupted resumes: the rows already in the file
 * are kept and their runs skipped (a last line cut short by the interruption is removed and its run done again).
 * Shards' files concatenate (drop the later headers).
 *
 * <p>A sweep can also be stopped cleanly ({@link #run(Path, Progress, BooleanSupplier)}): the runs in flight end
 * after their current step and are abandoned, like the runs not yet started: nothing of theirs is written, so the
 * file holds whole rows of finished runs only, and running the sweep again does the abandoned runs.
 */
public final class CompareSweep {

    /**
     * The largest CSV file a sweep resumes from, in bytes: 256 MiB, a million rows and more; a larger file is
     * refused before it is read (a regular file by its size, anything else at the first byte past the limit).
     */
    public static final long MAX_CSV_BYTES = 256L << 20;

    /** Receives progress on the calling thread after each finished run. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called after each run and once at the start.
         *
         * @param done runs finished in this sweep
         * @param total runs this sweep has to do
         */
        void update(int done, int total);
    }

    /**
     * What a sweep did.
     *
     * @param skipped runs of this shard already in the file
     * @param ran runs done now (and written)
     * @param abandoned runs of this shard left undone by a stop (0 when the sweep was not stopped)
     * @param rows every row of the file that belongs to the grid, in grid order
     */
    public record Outcome(int skipped, int ran, int abandoned, List<CompareRow> rows) {
    }

    /**
     * What every run of a sweep shares besides its grid point: the simulated world, the horizon and the learning-time
     * criterion.
     *
     * @param track the track
     * @param trackLabel names the track in the CSV ({@code builtin}, {@code sharp}, {@code png:<hash>}): runs of
     *     another label are not resumed
     * @param sensors the look-ahead sensors
     * @param cameraRows the camera grid's rows ({@link LineFollowerRun.Builder#camera}; used with the camera only)
     * @param cameraColumns the camera grid's columns
     * @param speed the speed factor ({@link LineFollowerRun.Builder#speed}; 1 is the authors' speed)
     * @param horizon the steps of each run ({@link LineFollowerRun.Builder#horizon}), at least the window
     * @param criterion the learning-time criterion
     */
    public record Setting(Track track, String trackLabel, LookaheadSensors sensors, int cameraRows, int cameraColumns,
            double speed, long horizon, LearningTime.Criterion criterion) {
        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException if the horizon is shorter than the window, the speed is not in {@code (0,
         *     }{@value LineFollowerRun#MAX_SPEED_FACTOR}{@code ]}, the camera grid is out of range, or the label is
         *     empty or has a character other than letters, digits and {@code . _ : -}
         * @throws NullPointerException if an argument is {@code null}
         */
        public Setting {
            Objects.requireNonNull(track, "track");
            Objects.requireNonNull(trackLabel, "trackLabel");
            Objects.requireNonNull(sensors, "sensors");
            Objects.requireNonNull(criterion, "criterion");
            if (!trackLabel.matches("[A-Za-z0-9._:-]+")) {
                throw new IllegalArgumentException("trackLabel must be letters, digits, '.', '_', ':' or '-', got "
                        + Texts.quote(trackLabel));
            }
            if (horizon < criterion.window()) {
                throw new IllegalArgumentException("the horizon must be at least the window " + criterion.window()
                        + ", got " + horizon);
            }
            LineFollowerRun.requireSpeed(speed);
            LineFollowerSim.requireCamera(cameraRows, cameraColumns);
        }

        /**
         * The default world of a sensor kind: the default camera grid.
         *
         * @param track the track
         * @param trackLabel the track's label
         * @param sensors the sensors
         * @param speed the speed factor
         * @param horizon the horizon
         * @return the setting, with the default criterion
         */
        public static Setting of(Track track, String trackLabel, LookaheadSensors sensors, double speed, long horizon) {
            return new Setting(track, trackLabel, sensors, LineFollowerSim.DEFAULT_CAMERA_ROWS,
                    LineFollowerSim.DEFAULT_CAMERA_COLUMNS, speed, horizon, LearningTime.Criterion.defaults());
        }

        /**
         * Returns the sensors' label in the CSV.
         *
         * @return {@code rows}, {@code camera} (the default grid) or {@code camera-RxC}
         */
        public String sensorsLabel() {
            if (sensors == LookaheadSensors.ROWS) {
                return "rows";
            }
            boolean standard = cameraRows == LineFollowerSim.DEFAULT_CAMERA_ROWS
                    && cameraColumns == LineFollowerSim.DEFAULT_CAMERA_COLUMNS;
            return standard ? "camera" : "camera-" + cameraRows + "x" + cameraColumns;
        }

        /**
         * The part of the setting that a run's seed depends on: track, sensors and speed (not the horizon, so a
         * longer horizon extends the same runs).
         *
         * @return {@code track,sensors,speed}
         */
        public String seedKey() {
            return trackLabel + ',' + sensorsLabel() + ',' + speed;
        }

        /**
         * The seed of a run in this setting.
         *
         * @param run the run
         * @return {@link CompareGrid#runSeed}
         */
        public long runSeed(CompareGrid.Run run) {
            return CompareGrid.runSeed(seedKey(), run.depth().label(), run.init(), run.seed());
        }

        /** A run of this setting, without a rule. */
        LineFollowerRun.Builder builder(long seed) {
            return LineFollowerRun.builder().seed(seed).track(track).sensors(sensors).camera(cameraRows, cameraColumns)
                    .speed(speed).horizon(horizon).criterion(criterion);
        }

        /** Whether a row was run in this setting. */
        boolean matches(CompareRow row) {
            return row.horizon() == horizon && row.speed() == speed && row.track().equals(trackLabel)
                    && row.sensors().equals(sensorsLabel()) && row.window() == criterion.window()
                    && row.fraction() == criterion.fraction() && row.hold() == criterion.hold();
        }

        String describe() {
            return "horizon " + horizon + ", speed " + speed + ", track " + trackLabel + ", sensors " + sensorsLabel()
                    + ", window " + criterion.window() + ", fraction " + criterion.fraction() + ", hold "
                    + criterion.hold();
        }
    }

    private final CompareGrid grid;
    private final Setting setting;
    private final RunExecutor executor;
    private final int shard;
    private final int shards;

    /**
     * A sweep.
     *
     * @param grid the grid
     * @param setting the world and horizon of every run
     * @param threads the worker threads, {@code >= 1}
     * @param shard this shard, {@code 0..shards-1}
     * @param shards the shard count, {@code >= 1}
     * @throws IllegalArgumentException if a count is out of range
     */
    public CompareSweep(CompareGrid grid, Setting setting, int threads, int shard, int shards) {
        this(grid, setting, pool(threads, shard, shards), shard, shards);
    }

    /**
     * A sweep whose runs are done by {@code executor}.
     *
     * @param grid the grid
     * @param setting the world and horizon of every run
     * @param executor does the runs
     * @param shard this shard, {@code 0..shards-1}
     * @param shards the shard count, {@code >= 1}
     * @throws IllegalArgumentException if a count is out of range
     */
    public CompareSweep(CompareGrid grid, Setting setting, RunExecutor executor, int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("need 0 <= shard < shards, got " + shard + "/" + shards);
        }
        this.grid = Objects.requireNonNull(grid, "grid");
        this.setting = Objects.requireNonNull(setting, "setting");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.shard = shard;
        this.shards = shards;
    }

    /** The thread pool of the first constructor, its counts checked together as they always were. */
    private static RunExecutor pool(int threads, int shard, int shards) {
        if (threads < 1 || shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("need threads >= 1 and 0 <= shard < shards, got " + threads + ", "
                    + shard + "/" + shards);
        }
        return RunExecutor.threads(threads);
    }

    /**
     * Returns the setting of every run (for the summary: its horizon and criterion bound a non-converged run).
     *
     * @return the setting
     */
    public Setting setting() {
        return setting;
    }

    /**
     * Runs one grid point (used by the sweep; public for benchmarks and other runners). The reflex-only run of its
     * seed is taken from {@link ReflexRuns#shared()} (run once per seed and setting in a JVM).
     *
     * @param run the run
     * @param setting the world and horizon
     * @return its row
     */
    public static CompareRow runOne(CompareGrid.Run run, Setting setting) {
        return runOne(run, setting, () -> false);
    }

    /**
     * Runs one grid point until it ends or {@code stop} turns true (every {@link RunExecutor} runs a point through
     * this method). The reflex-only run of its seed comes from {@link ReflexRuns#shared()}.
     *
     * @param run the run
     * @param setting the world and horizon
     * @param stop asked before each step
     * @return its row, or {@code null} when it was stopped
     */
    public static CompareRow runOne(CompareGrid.Run run, Setting setting, BooleanSupplier stop) {
        long seed = setting.runSeed(run);
        double reflex = ReflexRuns.shared().reflexAbsE(setting, seed, stop);
        if (Double.isNaN(reflex)) {
            return null;
        }
        LineFollowerRun.Result r = setting.builder(seed).rule(run.rule()).eta(run.eta()).hidden(run.depth().hidden())
                .init(run.init()).reflexAbsE(reflex).stopWhen(stop).build().run();
        if (r.stopped()) {
            return null;
        }
        LearningTime t = r.learningTime();
        LearningTime.Criterion c = setting.criterion();
        return new CompareRow(run.rule().label(), run.depth().label(), run.init().label(), run.etaIndex(),
                run.seed(), r.steps(), r.success(), seed, setting.horizon(), setting.speed(), setting.trackLabel(),
                setting.sensorsLabel(), setting.horizon(), t.tRel(), t.converged(), t.reflexAbsE(), t.finalAbsE(),
                r.firstLayerStep(), c.window(), c.fraction(), c.hold());
    }

    /**
     * The mean |E| of the reflex-only run of a seed in a setting, {@code R}.
     *
     * @param setting the setting
     * @param seed the run seed
     * @param stop asked before each step
     * @return {@code R}, or {@code NaN} if stopped
     */
    static double reflexAbsE(Setting setting, long seed, BooleanSupplier stop) {
        LineFollowerRun.Result r = setting.builder(seed).rule(LearningMode.NONE).stopWhen(stop).build().run();
        return r.stopped() ? Double.NaN : r.learningTime().reflexAbsE();
    }

    /**
     * Runs the sweep, appending to {@code csv} (created with its header if missing).
     *
     * @param csv the CSV file; its directory must exist
     * @param progress the progress callback, or {@code null}
     * @return what was done and every row of the grid in the file
     * @throws IOException if the file cannot be read or written
     * @throws IllegalArgumentException if the file is not a compare CSV (wrong header, a malformed line before the
     *     last; the message names the file and the line) or holds a run of another setting (horizon, speed, track
     *     or sensors); the file is then left as it was
     * @throws InterruptedException if interrupted while waiting for runs
     */
    public Outcome run(Path csv, Progress progress) throws IOException, InterruptedException {
        return run(csv, progress, () -> false);
    }

    /**
     * Runs the sweep as {@link #run(Path, Progress)} until it ends or {@code stop} turns true; then the runs in
     * flight end after their current step and, like the runs not started, are abandoned (not written).
     *
     * @param csv the CSV file; its directory must exist
     * @param progress the progress callback, or {@code null}
     * @param stop asked before each run and each step of a run, from the worker threads
     * @return what was done (the abandoned runs counted) and every row of the grid in the file
     * @throws IOException if the file cannot be read or written
     * @throws IllegalArgumentException as {@link #run(Path, Progress)}
     * @throws InterruptedException if interrupted while waiting for runs
     */
    public Outcome run(Path csv, Progress progress, BooleanSupplier stop) throws IOException,
            InterruptedException {
        Objects.requireNonNull(stop, "stop");
        Existing file = read(csv);
        Map<String, CompareRow> existing = file.rows();
        for (CompareRow row : existing.values()) {
            if (!setting.matches(row)) {
                throw new IllegalArgumentException(csv + " holds runs of another setting (" + row.key() + ": horizon "
                        + row.horizon() + ", speed " + row.speed() + ", track " + row.track() + ", sensors "
                        + row.sensors() + ", window " + row.window() + ", fraction " + row.fraction() + ", hold "
                        + row.hold() + "; this sweep: " + setting.describe() + "): use another output directory");
            }
        }
        file.prepare(csv);
        List<CompareGrid.Run> todo = new ArrayList<>();
        int skipped = 0;
        for (CompareGrid.Run run : grid.runs()) {
            if (run.index() % shards != shard) {
                continue;
            }
            if (existing.containsKey(run.key())) {
                skipped++;
            } else {
                todo.add(run);
            }
        }
        if (progress != null) {
            progress.update(0, todo.size());
        }
        int ran = todo.isEmpty() ? 0 : runAll(csv, todo, existing, progress, stop);
        List<CompareRow> rows = new ArrayList<>();
        for (CompareGrid.Run run : grid.runs()) {
            CompareRow row = existing.get(run.key());
            if (row != null) {
                rows.add(row);
            }
        }
        return new Outcome(skipped, ran, todo.size() - ran, rows);
    }

    /** Runs and writes the runs; returns how many were written (fewer than asked after a stop). */
    private int runAll(Path csv, List<CompareGrid.Run> todo, Map<String, CompareRow> existing, Progress progress,
            BooleanSupplier stop) throws IOException, InterruptedException {
        int[] written = {0};
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            executor.execute(todo, setting, row -> {
                out.write(row.toCsv());
                out.newLine();
                out.flush();
                existing.put(row.key(), row);
                written[0]++;
                if (progress != null) {
                    progress.update(written[0], todo.size());
                }
            }, stop);
        }
        return written[0];
    }

    /**
     * The rows already in a file, read without changing it.
     *
     * @param rows the rows by key
     * @param length the bytes of complete lines ({@code -1}: the file is missing or empty and needs its header)
     * @param cut whether the last line is partial (an interrupted sweep's) and is to be cut off
     */
    private record Existing(Map<String, CompareRow> rows, long length, boolean cut) {
        /** Makes the file ready to append to: writes the header of a new file, or cuts a partial last line. */
        void prepare(Path csv) throws IOException {
            if (length < 0) {
                Files.writeString(csv, CompareRow.HEADER + System.lineSeparator(), StandardCharsets.UTF_8);
            } else if (cut) {
                // An interrupted sweep's last, partial line: drop it, and its run is done again.
                try (FileChannel channel = FileChannel.open(csv, StandardOpenOption.WRITE)) {
                    channel.truncate(length);
                }
            }
        }
    }

    /** Reads the rows already in the file; changes nothing (see {@link Existing#prepare}). */
    private static Existing read(Path csv) throws IOException {
        Map<String, CompareRow> rows = new LinkedHashMap<>();
        if (!Files.exists(csv) || Files.size(csv) == 0) {
            return new Existing(rows, -1, false);
        }
        byte[] bytes = BoundedReading.readAllBytes(csv, MAX_CSV_BYTES);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        List<String> lines = new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
        if (lines.isEmpty() || !lines.get(0).equals(CompareRow.HEADER)) {
            String first = lines.isEmpty() ? new String(bytes, StandardCharsets.UTF_8).lines().findFirst().orElse("")
                    : lines.get(0);
            throw new IllegalArgumentException(csv + ": not a compare CSV of this version: expected the header '"
                    + CompareRow.HEADER + "', got " + Texts.quote(first));
        }
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k);
            if (line.isBlank()) {
                continue;
            }
            CompareRow row;
            try {
                row = CompareRow.parse(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(csv + " line " + (k + 1) + ": " + e.getMessage(), e);
            }
            rows.putIfAbsent(row.key(), row);
        }
        return new Existing(rows, end, end < bytes.length);
    }
}
