// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.pamlearn.bench.race.CompareGrid;
import org.pamlearn.bench.race.ComparePlot;
import org.pamlearn.bench.race.CompareSummary;
import org.pamlearn.bench.race.CompareSweep;
import org.pamlearn.bench.spark.SettingRecipe;
import org.pamlearn.core.internal.BoundedReading;
import org.pamlearn.core.internal.Texts;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.LearningTime;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LineFollowerRun;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Track;
import org.pamlearn.robot.sim.Tracks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pamlearn compare}: the convergence race (docs/ALGORITHMS.md &sect;5). Runs a grid of
 * simulated line-follower sessions ({@link CompareSweep}) over rules, hidden-layer shapes, initialisations, learning
 * rates {@code eta = 1e-5 * 1.25^k} and seeds, on {@code --threads} threads, appending one row per run to
 * {@code DIR/compare.csv} (resumable; {@code --shard i/N} for job arrays), then prints the {@link CompareSummary} and
 * writes {@code DIR/compare.md} and {@code DIR/compare.png}. Ctrl-C or SIGTERM ({@link StopOnSignal}) abandons the
 * runs in flight and summarises the rows in the file.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = PamlearnCommand.Version.class,
        description = {
            "The convergence race (docs/ALGORITHMS.md section 5): simulated line-follower sessions (as 'pamlearn"
                + " line-follower --horizon N') for every rule x hidden-layer shape x initialisation x learning rate x"
                + " seed, each exactly N steps long, learning throughout, and measured by its learning time t_rel"
                + " against the reflex-only run of the same seed. The learning rates are eta_k = 1e-5 * 1.25^k,"
                + " k = 0..82 (1e-5 to 884), clipped to [--eta-min, --eta-max]. Grid order: depth, init, rule, eta,"
                + " seed. Seeds are paired: a run's seed depends only on (track, sensors, speed, depth, init, seed"
                + " index), so every rule and eta at one seed index starts from the same weights, meets the same motor"
                + " noise and shares the reflex-only run (run once per seed); the results do not depend on --threads"
                + " or --shard, and 'pamlearn line-follower --seed <run_seed> --horizon <horizon>' with the row's"
                + " rule, eta, layers, init, track, sensors, camera, speed and t_rel options reproduces a row.",
            "",
            "DIR/compare.csv gets one row per finished run, flushed at once: rule,depth,init,eta,seed,steps,success,"
                + "eta_k,run_seed,max_steps,speed,track,sensors,horizon,t_rel,converged,reflex_abs_e,final_abs_e,"
                + "first_layer_dw,window,fraction,hold (steps, success: FCL's criterion, as line-follower's; t_rel:"
                + " a step or none; first_layer_dw: the mean first-layer |dw| per step; track: builtin, sharp or png:"
                + " and the image's SHA-256 prefix). Run the same command again to resume: runs already in the file"
                + " are skipped; a file with runs of another --horizon, --speed, --track, --sensors, --camera or t_rel"
                + " criterion is refused and left as it is. --shard i/N runs only the runs whose"
                + " index in the grid order is i mod N; the shards' CSV files concatenate (keep one header), and a"
                + " run without --shard over the concatenated file (in its DIR) only summarises.",
            "",
            "After the sweep, per depth x init x rule: the best eta by median t_rel over the seeds (a run that did"
                + " not converge counts as more than horizon - hold, so a median is a bound, '> 50000', when most"
                + " seeds did not converge) with a bootstrap 95%% interval (2000 resamples over seeds, seeded from the"
                + " group; ties go to more converged seeds, then the smaller eta); converged runs at the best eta and"
                + " overall; the eta range where most seeds converge, in decades; runs that met FCL's criterion with"
                + " the hold still ahead and then did not converge; FCL's median steps at the best eta; and the"
                + " paired per-seed BP/PaM ratio"
                + " at each rule's own best eta of T = t_rel + W (the end of the first good window: t_rel can be 0),"
                + " a bound where one run did not converge, left out (counted) where neither did. A warning when a"
                + " best eta is the grid's first or last. Then the claims at the deepest shapes, per init: (a) PaM"
                + " learns faster than BP (PaM ahead / tie / BP ahead by the ratio's interval), (b) PaM learns where"
                + " BP's gradient vanishes, (c) PaM learns over a wider eta range. Printed, and written to"
                + " DIR/compare.md (with a table per eta: median t_rel per rule, and the equal-eta BP/PaM ratio only"
                + " next to the PaM/BP ratio of mean first-layer |dw| per step) and DIR/compare.png (median t_rel"
                + " against eta with dashed 95%% intervals, one panel per depth x init).",
            "",
            "The harder setting: --track sharp --speed 2 (eight bends of radius 10-25, the robot twice as fast).",
            "",
            "--runner spark does the runs on Apache Spark, one task per run, with the same rows, resume and stop"
                + " as the local thread pool: launch compare with spark-submit (docs/SPARK.md); the master is"
                + " spark-submit's --master or --spark-master. --threads is then unused.",
            "",
            "Ctrl-C (SIGINT) or SIGTERM stops the sweep cleanly: the runs in flight are abandoned after their"
                + " current step (nothing of theirs is written; resuming runs them again), compare.csv keeps the"
                + " whole rows of the finished runs, the summary of those rows is printed and written to compare.md"
                + " and compare.png, 'interrupted: <n> runs abandoned' goes to standard error, and the exit code is"
                + " 130 (SIGINT) or 143 (SIGTERM).",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the sweep ran",
            "1:the track image or an existing compare.csv cannot be read, or an output file cannot be written",
            "2:usage error (bad or missing option, a value out of range)",
            "3:internal error (a bug; prints a stack trace)",
            "130:stopped by Ctrl-C (SIGINT), cleanly: whole rows, summary files of those rows; run again to resume",
            "143:stopped by SIGTERM, as for Ctrl-C"})
final class CompareCommand implements Callable<Integer> {

    /**
     * The default horizon: 60,000 steps (30 minutes of simulated driving) leave 50,000 steps to learn before the
     * 10,000-step hold, as in the outside check of docs/ALGORITHMS.md section 5, and keep the default grid within an
     * hour on two cores.
     */
    static final String DEFAULT_HORIZON = "60000";
    /** The most seeds per grid point. */
    static final int MAX_SEEDS = 1000;
    /** The most threads. */
    static final int MAX_THREADS = 1024;

    private static final String RULES = "--rules";
    private static final String LAYERS = "--layers";
    private static final String INIT = "--init";
    private static final String SHARD = "--shard";
    private static final String SPARK_CONTEXT = "org.apache.spark.api.java.JavaSparkContext";

    /** Where the runs run. */
    enum Runner {
        /** A pool of {@code --threads} threads in this JVM. */
        LOCAL,
        /** Apache Spark tasks ({@link SparkRunner}). */
        SPARK
    }

    /**
     * Builds the sweep's setting from the options, here and, under {@code --runner spark}, in every Spark task.
     *
     * @param track {@code builtin}, {@code sharp}, or the image's absolute path (the same on every worker)
     * @param trackLabel the track's label in the CSV
     * @param sensors the sensors
     * @param cameraRows the camera grid's rows
     * @param cameraColumns the camera grid's columns
     * @param speed the speed factor
     * @param horizon the horizon
     * @param window the criterion's window
     * @param fraction the criterion's fraction
     * @param hold the criterion's hold
     */
    record SettingOptions(String track, String trackLabel, LookaheadSensors sensors, int cameraRows,
            int cameraColumns, double speed, long horizon, int window, double fraction, long hold)
            implements SettingRecipe {

        @Override
        public CompareSweep.Setting build() {
            Track loaded = LineFollowerCommand.loadTrack(track);
            if (!trackLabel.equals(CompareCommand.trackLabel(track))) {
                throw new UserInputException("track " + Texts.quote(track) + " is not the image the sweep started"
                        + " with (" + trackLabel + ")");
            }
            return with(loaded);
        }

        CompareSweep.Setting with(Track loaded) {
            return new CompareSweep.Setting(loaded, trackLabel, sensors, cameraRows, cameraColumns, speed, horizon,
                    new LearningTime.Criterion(window, fraction, hold, LearningTime.Criterion.DEFAULT_FINAL_WINDOW));
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = RULES, split = ",", paramLabel = "RULE", defaultValue = "bp,sar,pam",
            description = "The rules, a comma list of bp, sar, pam.")
    private List<LearningRules.Name> rules;

    @Option(names = LAYERS, paramLabel = "SPECS", defaultValue = "1x10,4x10,10x10",
            description = "The hidden-layer shapes: specs separated by ';' (quote it), or by ',' when every spec is"
                    + " NxS; the option may also be repeated. Each spec is as line-follower's --layers: NxS (N layers"
                    + " of S neurons) or a comma list of sizes. Example: --layers '1x10;13,12,11'.")
    private List<String> layers;

    @Option(names = INIT, split = ",", paramLabel = "INIT", defaultValue = "authors,symmetric,glorot",
            description = "The initialisations: authors (U[0,1), first layer U[0,0.001)), symmetric (U[-0.1,0.1))"
                    + " and/or glorot (U[-a,a], a = 4 sqrt(6/(fan_in + fan_out)), Glorot's range scaled for the"
                    + " logistic's slope).")
    private List<NetworkInit> init;

    @Option(names = "--eta-min", paramLabel = "X", defaultValue = "1e-5",
            description = "The smallest learning rate of the grid.")
    private double etaMin;

    @Option(names = "--eta-max", paramLabel = "X", defaultValue = "1e3",
            description = "The largest learning rate of the grid.")
    private double etaMax;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "Seeds per grid point, 1.." + MAX_SEEDS + ".")
    private int seeds;

    @Option(names = HorizonOptions.HORIZON, paramLabel = "N", defaultValue = DEFAULT_HORIZON,
            description = HorizonOptions.HORIZON_DESCRIPTION + " The default leaves 50,000 steps to learn before the"
                    + " 10,000-step hold and keeps the default grid (6,723 runs) within an hour on two cores.")
    private long horizon;

    @Mixin
    private HorizonOptions criterion;

    @Option(names = "--track", paramLabel = "builtin|sharp|FILE.png", defaultValue = "builtin",
            description = "The track, as line-follower's --track.")
    private String track;

    @Option(names = "--sensors", paramLabel = "rows|camera", defaultValue = "rows",
            description = "The look-ahead sensors, as line-follower's --sensors.")
    private LookaheadSensors sensors;

    @Option(names = "--camera", paramLabel = "RxC", converter = CameraOption.class,
            description = CameraOption.DESCRIPTION + " Default: 4x5. A grid other than 4x5 is labelled camera-RxC"
                    + " in compare.csv.")
    private CameraOption.Grid camera;

    @Option(names = "--eta-step", paramLabel = "S", defaultValue = "1",
            description = "Keep every S-th learning rate of the grid (the k that are multiples of S): 2 gives"
                    + " eta_k = 1e-5 * 1.5625^j, half the runs.")
    private int etaStep;

    @Option(names = "--speed", paramLabel = "F", defaultValue = "1",
            description = "The speed factor, as line-follower's --speed: the robot drives F times the authors' 0.9"
                    + " units per step, in (0, " + LineFollowerRun.MAX_SPEED_FACTOR + "]. The harder setting:"
                    + " --track sharp --speed 2 (see docs/RESULTS.md).")
    private double speed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads, 1.." + MAX_THREADS + " (default: the available processors).")
    private Integer threads;

    @Option(names = SHARD, paramLabel = "i/N", defaultValue = "0/1",
            description = "Run only the runs whose grid index is i mod N (0 <= i < N).")
    private String shard;

    @Option(names = "--runner", paramLabel = "local|spark", defaultValue = "local",
            description = "Where the runs run: local (--threads threads) or spark (Spark tasks; launch with"
                    + " spark-submit, docs/SPARK.md).")
    private Runner runner;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "With --runner spark: the Spark master (default: spark-submit's --master).")
    private String sparkMaster;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The directory (created if missing) of compare.csv, compare.md and compare.png.")
    private Path out;

    CompareCommand() {
        // Fields are set by picocli.
    }

    @Override
    public Integer call() {
        OptionChecks.requireOnce(spec, RULES, INIT);
        List<LearningMode> ruleList = parseRules();
        List<CompareGrid.Depth> depths = parseDepths();
        List<NetworkInit> inits = parseInits();
        OptionChecks.requirePositive(spec, "--eta-min", etaMin);
        OptionChecks.requirePositive(spec, "--eta-max", etaMax);
        if (etaStep < 1 || etaStep > CompareGrid.MAX_ETA_INDEX) {
            throw usage("--eta-step must be between 1 and " + CompareGrid.MAX_ETA_INDEX + ", got " + etaStep);
        }
        int[] inRange = CompareGrid.etaIndices(etaMin, etaMax);
        if (inRange.length == 0) {
            throw usage("no learning rate 1e-5 * 1.25^k (k = 0.." + CompareGrid.MAX_ETA_INDEX + ") lies in [--eta-min,"
                    + " --eta-max] = [" + etaMin + ", " + etaMax + "]");
        }
        int[] ks = IntStream.of(inRange).filter(k -> k % etaStep == 0).toArray();
        if (ks.length == 0) {
            throw usage("--eta-step " + etaStep + " keeps none of the learning rates in [--eta-min, --eta-max] (k = "
                    + inRange[0] + ".." + inRange[inRange.length - 1] + "; it keeps the k that are multiples of "
                    + etaStep + ")");
        }
        if (seeds < 1 || seeds > MAX_SEEDS) {
            throw usage("--seeds must be between 1 and " + MAX_SEEDS + ", got " + seeds);
        }
        HorizonOptions.requireHorizon(spec, horizon);
        LearningTime.Criterion criterionValue = criterion.criterion(spec, horizon);
        CameraOption.Grid cameraGrid = CameraOption.orDefault(spec, camera, sensors);
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1 || threadCount > MAX_THREADS) {
            throw usage("--threads must be between 1 and " + MAX_THREADS + ", got " + threadCount);
        }
        int[] shardValue = parseShard();
        OptionChecks.requireUpTo(spec, "--speed", speed, LineFollowerRun.MAX_SPEED_FACTOR);
        if (sparkMaster != null && runner != Runner.SPARK) {
            throw usage("--spark-master needs --runner spark");
        }
        if (runner == Runner.SPARK && !sparkOnClasspath()) {
            throw new UserInputException("Spark is not on the classpath: launch compare with spark-submit"
                    + " (docs/SPARK.md)");
        }
        if (runner == Runner.SPARK && sparkMaster == null && System.getProperty("spark.master") == null) {
            throw new UserInputException("no Spark master: launch compare with spark-submit --master URL, or give"
                    + " --spark-master URL");
        }
        Track trackValue = LineFollowerCommand.loadTrack(track);
        CompareGrid grid = CompareGrid.of(ruleList, depths, inits, ks, seeds);
        if (horizon < criterionValue.hold()) {
            // Fine for a quick look at the mechanics; in a real sweep no run could converge (t_rel >= 0 > N - hold).
            spec.commandLine().getErr().println("warning: " + HorizonOptions.HORIZON + " " + horizon + " is shorter"
                    + " than the hold (" + HorizonOptions.HOLD + " " + criterionValue.hold() + "): no run can"
                    + " converge");
        }
        boolean builtIn = "builtin".equals(track) || "sharp".equals(track);
        SettingOptions options = new SettingOptions(builtIn ? track : Path.of(track).toAbsolutePath().toString(),
                trackLabel(track), sensors, cameraGrid.rows(), cameraGrid.columns(), speed, horizon,
                criterionValue.window(), criterionValue.fraction(), criterionValue.hold());
        try (StopOnSignal stop = StopOnSignal.install()) {
            if (runner == Runner.SPARK) {
                try (SparkRunner spark = SparkRunner.start(sparkMaster)) {
                    createOut();
                    sweep(grid, spark.sweep(grid, options, shardValue[0], shardValue[1]), stop, shardValue,
                            spark.where(), ks, inits.size());
                }
            } else {
                createOut();
                CompareSweep sweep = new CompareSweep(grid, options.with(trackValue), threadCount, shardValue[0],
                        shardValue[1]);
                String where = threadCount + (threadCount == 1 ? " thread" : " threads");
                sweep(grid, sweep, stop, shardValue, where, ks, inits.size());
            }
        }
        return 0;
    }

    /** Creates {@code --out} (after every check: a usage error leaves no directory behind). */
    private void createOut() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw cannotWrite(out, e);
        }
    }

    /** Whether Spark's classes can be loaded (spark-submit puts them on the classpath; pamlearn.jar has none). */
    private static boolean sparkOnClasspath() {
        try {
            Class.forName(SPARK_CONTEXT, false, CompareCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Runs the sweep until it ends or stops, then summarises the rows in the file. */
    private void sweep(CompareGrid grid, CompareSweep sweep, StopOnSignal stop, int[] shardValue, String where,
            int[] ks, int initCount) {
        PrintWriter err = spec.commandLine().getErr();
        Path csv = out.resolve("compare.csv");
        ProgressBar bar = new ProgressBar(err, System.console() != null, "runs", "%.2f", true, 20);
        CompareSweep.Progress progress = (done, total) -> bar.update(done, total, "");
        CompareSweep.Outcome outcome;
        try {
            outcome = sweep.run(csv, progress, stop);
        } catch (IOException e) {
            throw new UserInputException("cannot read or write " + csv + ": " + IoMessages.reason(e, csv, true), e);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            bar.finish();
        }
        err.println(String.format(Locale.ROOT, "%d runs in the grid (shard %d/%d), %d already in %s, %d run now in"
                + " %.1f s on %s", grid.runs().size(), shardValue[0], shardValue[1], outcome.skipped(), csv,
                outcome.ran(), bar.elapsedSeconds(), where));
        CompareSweep.Setting setting = sweep.setting();
        CompareSummary summary = CompareSummary.of(grid, setting, outcome.rows());
        String header = String.format(Locale.ROOT, "Summary of %d run%s (of %d in the grid): horizon %d steps (t_rel:"
                + " windows of %d steps below %s of R, converged if t_rel <= %d), %d seed%s per point, eta 1e-5 *"
                + " 1.25^k for k = %d..%d, %s track, %s sensors, speed %s.%n%n", outcome.rows().size(),
                outcome.rows().size() == 1 ? "" : "s", grid.runs().size(), setting.horizon(),
                setting.criterion().window(), setting.criterion().fraction(),
                setting.horizon() - setting.criterion().hold(), grid.seeds(), grid.seeds() == 1 ? "" : "s", ks[0],
                ks[ks.length - 1], track,
                setting.sensorsLabel(), setting.speed());
        String body = summary.warnings() + (summary.warnings().isEmpty() ? "" : "\n") + summary.claims() + "\n";
        Path md = out.resolve("compare.md");
        Path png = out.resolve("compare.png");
        try {
            Files.writeString(md, "# pamlearn compare\n\n" + header + body + summary.markdown(true),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotWrite(md, e);
        }
        try {
            ComparePlot.write(summary, initCount, png);
        } catch (IOException e) {
            throw cannotWrite(png, e);
        }
        err.println("wrote " + csv + ", " + md + ", " + png);
        if (stop.getAsBoolean()) {
            err.println("interrupted: " + outcome.abandoned() + " runs abandoned (in flight or not started; not"
                    + " written): run the same command again to resume");
        }
        err.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(header + body + summary.markdown(false));
        stdout.flush();
    }

    /** The track's label in the CSV: builtin, sharp, or png: and the first 16 hex digits of the file's SHA-256. */
    private static String trackLabel(String track) {
        if ("builtin".equals(track) || "sharp".equals(track)) {
            return track;
        }
        Path file = Path.of(track);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(BoundedReading.readAllBytes(file,
                    Tracks.MAX_BYTES));
            return "png:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw IoMessages.cannotRead("track ", track, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private List<LearningMode> parseRules() {
        Set<LearningMode> set = new LinkedHashSet<>();
        for (LearningRules.Name name : rules) {
            set.add(LearningMode.valueOf(name.name()));
        }
        return new ArrayList<>(set);
    }

    private List<NetworkInit> parseInits() {
        return new ArrayList<>(new LinkedHashSet<>(init));
    }

    private List<CompareGrid.Depth> parseDepths() {
        Map<String, CompareGrid.Depth> depths = new LinkedHashMap<>();
        for (String value : layers) {
            for (String spec0 : value.split(";", -1)) {
                List<String> specs = new ArrayList<>();
                String[] parts = spec0.split(",", -1);
                boolean allNxS = parts.length > 1;
                for (String p : parts) {
                    allNxS &= p.contains("x");
                }
                if (allNxS) {
                    specs.addAll(List.of(parts));
                } else {
                    specs.add(spec0);
                }
                for (String s : specs) {
                    int[] hidden;
                    try {
                        hidden = LayersOption.parse(LAYERS, s);
                    } catch (IllegalArgumentException e) {
                        throw usage(e.getMessage());
                    }
                    CompareGrid.Depth d = CompareGrid.Depth.of(hidden);
                    depths.putIfAbsent(d.label(), d);
                }
            }
        }
        return new ArrayList<>(depths.values());
    }

    private int[] parseShard() {
        String[] parts = shard.split("/", -1);
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].strip());
                int n = Integer.parseInt(parts[1].strip());
                if (n >= 1 && i >= 0 && i < n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("invalid value for " + SHARD + ": " + Texts.quote(shard) + "; expected i/N with 0 <= i < N");
    }

    private static UserInputException cannotWrite(Path file, IOException e) {
        return IoMessages.cannotWrite(file, e);
    }

    private ParameterException usage(String message) {
        return OptionChecks.usage(spec, message);
    }
}
