// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.LearningTime;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.SessionLogger;
import org.pamlearn.robot.sim.LineFollowerRun;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Trace;
import org.pamlearn.robot.sim.Track;
import org.pamlearn.robot.sim.Tracks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pamlearn line-follower}: a simulated line follower ({@link LineFollowerRun}) learns, with a rule of the
 * user's choice, to steer before its reflex fires. Shows progress on the error stream (a bar on a terminal, plain
 * lines otherwise), prints {@code result: rule=<rule> steps=<n> success=<true|false>} as its last line, and with
 * {@code --out DIR} writes the session log, the initial and trained networks and three PNG plots. With
 * {@code --horizon N} it runs exactly {@code N} steps after the reflex-only run of the same setting and seed, and
 * the result line adds the learning time ({@link LearningTime}); {@code --trace} writes {@link TraceCsv}. Ctrl-C or
 * SIGTERM stops it cleanly ({@link StopOnSignal}): after the step in progress, with every file written.
 */
@Command(name = "line-follower", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = PamlearnCommand.Version.class,
        description = {
            "Runs a simulated differential-drive line follower (docs/ALGORITHMS.md section 5) until it has learned to"
                + " follow the track or the step budget is spent (with --horizon N: for exactly N steps). A reflex"
                + " steers with the closed-loop error E = (L1 + 2 L2) - (R1 + 2 R2) of four ground sensors; two rows"
                + " of 15 look-ahead sensors (or a"
                + " camera grid) go through 5 resonators each into a network whose 3 outputs are mixed into the"
                + " wheels: left = 90 + 300 E + G_N (50 o1 + 10 o2 + 2 o3), right = 90 - 300 E - G_N (...),"
                + " G_N = 1. The rule learns from E (none = reflex only, no network).",
            "",
            "Success (FCL's criterion): the moving average avg <- avg + 0.01 (E - avg) stays within +-0.001 for"
                + " more than 1000 consecutive steps on the line, so no run succeeds in fewer than 1001 steps. A"
                + " robot that loses the line is put back on it and learning pauses for 30 steps. One step is 30 ms"
                + " of simulated time. Deterministic for a seed (motor noise and initial weights).",
            "",
            "Progress goes to standard error: a one-line bar on a terminal, otherwise a line every 2000 steps. The"
                + " last line, on standard output, is exactly: result: rule=<rule> steps=<n> success=<true|false>"
                + " (steps to success, or the steps run when it failed).",
            "",
            "--horizon N runs exactly N steps, learning throughout: FCL's success no longer stops the run (steps= is"
                + " still FCL's steps to success, or N), and --max-steps is refused. The reflex-only run of the same"
                + " setting and seed over the same N steps runs first (it has no network, so it is quicker than the"
                + " run; its progress says 'reflex steps'). With R its mean |E| (reflex_abs_e), t_rel is the smallest"
                + " step s such that every window [k, k+W) with s <= k <= N-W has a mean |E| below F x R and no step"
                + " off the line (none when the last window fails); the run has converged when t_rel <= N - H. The"
                + " result line then ends with: t_rel=<n|none> converged=<true|false> reflex_abs_e=<R> final_abs_e=<x>"
                + " (the mean |E| of the last 5000 steps; numbers print as Java's Double.toString, which reads back"
                + " exactly). After Ctrl-C the line has its first three fields only. Definitions: docs/ALGORITHMS.md,"
                + " section 5.",
            "",
            "--trace (with --out) writes DIR/trace.csv: the header step,err,on_line (with --horizon also"
                + " reflex_err,reflex_on_line, the reflex-only run's step, from which R is its mean |err|), then one"
                + " row per step 0..n-1; err exactly as Double.toString prints it, on_line 1 or 0 (within 20 units"
                + " of the line, before the step). About 30 bytes a step; after Ctrl-C it holds the steps run.",
            "",
            "--out DIR (created if missing) receives: session.tsv, the session log, replayable with 'pamlearn"
                + " replay --model DIR/initial.json --log DIR/session.tsv --rule <rule> --eta <eta>' to"
                + " network.json; initial.json and network.json, the networks before and after (checkpoint JSON"
                + " version 1); error.png (E and its moving average), trajectory.png (the robot's path over the"
                + " track, first and last steps), weights.png (each layer's weight distance from its initial"
                + " weights). With --rule none there is no network: no initial.json or network.json, and"
                + " weights.png is empty. The log grows by about 3 kB per step: --log compact (not replayable) or"
                + " --log none makes it smaller or leaves it out, --gzip compresses it (session.tsv.gz).",
            "",
            "Ctrl-C (SIGINT) or SIGTERM stops the session cleanly: the step in progress ends, the files of --out"
                + " are written whole (the session log replays to network.json), the result line reports the steps"
                + " run with success=false, 'interrupted after <n> steps' goes to standard error, and the exit code"
                + " is 130 (SIGINT) or 143 (SIGTERM). A signal that comes after the session has ended (while the"
                + " files are written) changes only the exit code.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the session ran (whether or not it succeeded: see the result line)",
            "1:the track image cannot be read or has no dark pixel, or an output file cannot be written",
            "2:usage error (bad or missing option, a value out of range)",
            "3:internal error (a bug; prints a stack trace)",
            "130:stopped by Ctrl-C (SIGINT), cleanly: the files are complete",
            "143:stopped by SIGTERM, cleanly: the files are complete"})
final class LineFollowerCommand implements Callable<Integer> {

    /** The world width a PNG track is scaled to (the built-in track's). */
    static final double PNG_WORLD_WIDTH = Tracks.BUILTIN_WIDTH;
    /** The largest step budget. */
    static final long MAX_STEPS = 10_000_000L;
    /** Plain progress lines come every this many steps. */
    static final long PLAIN_EVERY = 2_000;

    private static final String RULE = "--rule";
    private static final String ETA = "--eta";
    private static final String LAYERS = "--layers";
    private static final String TRACK = "--track";
    private static final String SENSORS = "--sensors";
    private static final String MAX_STEPS_OPTION = "--max-steps";
    private static final String SPEED = "--speed";
    private static final String INIT = "--init";
    private static final String CAMERA = "--camera";
    private static final String TRACE = "--trace";
    private static final String OUT = "--out";
    private static final String BUILTIN = "builtin";
    private static final String SHARP = "sharp";

    @Spec
    private CommandSpec spec;

    @Option(names = RULE, paramLabel = "bp|sar|pam|none", defaultValue = "pam",
            description = "The learning rule: bp (back-propagation), sar (Sign-and-Relevance, relevance |E|), pam"
                    + " (Prime-and-Modulate, modulation = error-rate cue x look-ahead cue centred on the farthest"
                    + " row), none (the reflex alone).")
    private LearningMode rule;

    @Option(names = ETA, paramLabel = "X", defaultValue = "" + LineFollowerRun.DEFAULT_ETA,
            description = "The learning rate, finite and > 0.")
    private double eta;

    @Option(names = LAYERS, paramLabel = "NxS|S1,S2,...", defaultValue = "8,6", converter = LayersOption.class,
            description = LayersOption.DESCRIPTION)
    private LayersOption.Hidden layers;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "The seed of the motor noise and the initial weights.")
    private long seed;

    @Option(names = TRACK, paramLabel = BUILTIN + "|" + SHARP + "|FILE.png", defaultValue = BUILTIN,
            description = "The track: the built-in closed loop (400 x 300 units), sharp (the same area with eight"
                    + " bends of radius 10-25: the harder setting), or a PNG whose dark pixels are the line, scaled"
                    + " to 400 units wide; the robot starts on the line.")
    private String track;

    @Option(names = SENSORS, paramLabel = "rows|camera", defaultValue = "rows",
            description = "The look-ahead sensors: rows (2 x 15 ground sensors) or camera (a grid of mirrored patch"
                    + " differences, 4 x 5 unless --camera says otherwise, unfolded into 4 x 10 predictors).")
    private LookaheadSensors sensors;

    @Option(names = CAMERA, paramLabel = "RxC", converter = CameraOption.class,
            description = CameraOption.DESCRIPTION + " Default: 4x5.")
    private CameraOption.Grid camera;

    @Option(names = SPEED, paramLabel = "F", defaultValue = "1",
            description = "The speed factor: the robot drives F times the authors' 0.9 units per step, in (0, "
                    + LineFollowerRun.MAX_SPEED_FACTOR + "]. The harder setting of 'pamlearn compare' is --track sharp"
                    + " --speed 2.")
    private double speed;

    @Option(names = INIT, paramLabel = "symmetric|authors|glorot", defaultValue = "symmetric",
            description = "The initial weights: symmetric (U[-0.1,0.1)), authors (U[0,1), first layer"
                    + " U[0,0.001)) or glorot (every layer U[-a,a) with a = 4 sqrt(6 / (fan_in + fan_out)):"
                    + " Glorot's uniform scaled for the logistic's slope 1/4).")
    private NetworkInit init;

    @Option(names = MAX_STEPS_OPTION, paramLabel = "N", defaultValue = "" + LineFollowerRun.DEFAULT_MAX_STEPS,
            description = "Give up after N steps, 1.." + MAX_STEPS + ". Not with --horizon.")
    private long maxSteps;

    @Option(names = HorizonOptions.HORIZON, paramLabel = "N",
            description = HorizonOptions.HORIZON_DESCRIPTION + " Default: none (stop at success or --max-steps).")
    private Long horizon;

    @Mixin
    private HorizonOptions criterion;

    @Option(names = OUT, paramLabel = "DIR",
            description = "Write the session log, the networks and the plots into DIR (see above); without it"
                    + " nothing is written.")
    private Path out;

    @Option(names = TRACE,
            description = "Also write DIR/" + TraceCsv.FILE + " (see above); needs --out.")
    private boolean trace;

    @Mixin
    private SessionLogOptions log;

    LineFollowerCommand() {
        // Fields are set by picocli.
    }

    @Override
    public Integer call() {
        OptionChecks.requirePositive(spec, ETA, eta);
        OptionChecks.requireUpTo(spec, SPEED, speed, LineFollowerRun.MAX_SPEED_FACTOR);
        if (maxSteps < 1 || maxSteps > MAX_STEPS) {
            throw usage(MAX_STEPS_OPTION + " must be between 1 and " + MAX_STEPS + ", got " + maxSteps);
        }
        LearningTime.Criterion measure = checkHorizon();
        CameraOption.Grid cameraGrid = CameraOption.orDefault(spec, camera, sensors);
        if (trace && out == null) {
            throw usage(TRACE + " needs " + OUT + " DIR (the trace is written there)");
        }
        String logName = log.fileName(spec, out != null);
        Track trackValue = loadTrack(track);
        if (out != null) {
            createOut();
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        long every = terminal ? 250 : PLAIN_EVERY;
        long total = horizon == null ? maxSteps : horizon;
        LineFollowerRun.Builder builder = setting(trackValue, cameraGrid, measure).rule(rule).eta(eta)
                .hidden(layers.sizes()).init(init).maxSteps(maxSteps);
        try (StopOnSignal stop = StopOnSignal.install()) {
            builder.stopWhen(stop);
            Trace reflexTrace = null;
            if (horizon != null && rule != LearningMode.NONE) {
                LineFollowerRun.Result reflex = runReflex(setting(trackValue, cameraGrid, measure).stopWhen(stop), err,
                        terminal, every);
                reflexTrace = reflex.trace();
                // A reflex run stopped by a signal has no R; the run then stops before its first step, so its
                // (unused) R only has to be valid.
                builder.reflexAbsE(reflex.stopped() ? 0.0 : reflex.learningTime().reflexAbsE());
            }
            ProgressBar bar = new ProgressBar(err, terminal, "steps", "%.0f", false, 0);
            builder.progress((steps, average) -> bar.update(steps, total, errorAverage(average)), every);
            LineFollowerRun.Result result = run(builder, logName, bar, reflexTrace);
            err.println(summary(result, bar.elapsedSeconds()));
            if (!result.driveReport().isEmpty()) {
                err.println("warning: " + result.driveReport());
            }
            if (result.stopped()) {
                err.println("interrupted after " + result.trace().steps() + " steps");
            }
            err.flush();
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(result.resultLine());
            stdout.flush();
        }
        return 0;
    }

    /**
     * Checks {@code --horizon} and its criterion, and that {@code --max-steps} is not given with it.
     *
     * @return the criterion, or {@code null} without a horizon
     */
    private LearningTime.Criterion checkHorizon() {
        if (horizon == null) {
            HorizonOptions.rejectWithoutHorizon(spec);
            return null;
        }
        HorizonOptions.requireHorizon(spec, horizon);
        if (spec.commandLine().getParseResult().hasMatchedOption(MAX_STEPS_OPTION)) {
            throw usage(MAX_STEPS_OPTION + " does not apply with " + HorizonOptions.HORIZON
                    + " (a run over a horizon runs exactly N steps)");
        }
        return criterion.criterion(spec, horizon);
    }

    /**
     * A builder with the setting that a run and its reflex-only run share: seed, track, sensors, camera, speed and,
     * over a horizon, the horizon and the criterion.
     */
    private LineFollowerRun.Builder setting(Track trackValue, CameraOption.Grid cameraGrid,
            LearningTime.Criterion measure) {
        LineFollowerRun.Builder b = LineFollowerRun.builder().seed(seed).track(trackValue).sensors(sensors)
                .camera(cameraGrid.rows(), cameraGrid.columns()).speed(speed);
        if (horizon != null) {
            b.horizon(horizon).criterion(measure);
        }
        return b;
    }

    /**
     * Runs the reflex-only run of a horizon here rather than inside the learning run, so that its trace is at hand
     * for {@code --trace}; the learning run then takes its {@code R} and does not run it again.
     */
    private LineFollowerRun.Result runReflex(LineFollowerRun.Builder setting, PrintWriter err, boolean terminal,
            long every) {
        err.println("reflex-only run of " + horizon + " steps first (its mean |E| is R)");
        ProgressBar bar = new ProgressBar(err, terminal, "reflex steps", "%.0f", false, 0);
        LineFollowerRun.Result reflex;
        try {
            reflex = setting.rule(LearningMode.NONE)
                    .progress((steps, average) -> bar.update(steps, horizon, errorAverage(average)), every)
                    .build().run();
        } finally {
            bar.finish();
        }
        if (!reflex.stopped()) {
            err.println(String.format(Locale.ROOT, "reflex-only run: R = %s (%.2f s wall)",
                    reflex.learningTime().reflexAbsE(), bar.elapsedSeconds()));
        }
        return reflex;
    }

    private static String errorAverage(double average) {
        return String.format(Locale.ROOT, "|error avg| %.5f", Math.abs(average));
    }

    /** The closing summary on standard error; over a horizon it also says how many steps ran. */
    private String summary(LineFollowerRun.Result result, double wallSeconds) {
        String outcome = result.success() ? "success" : "no success";
        long ran = result.trace().steps();
        String head = horizon == null
                ? String.format(Locale.ROOT, "%s after %d steps", outcome, result.steps())
                : String.format(Locale.ROOT, "%s (FCL's criterion) %s %d steps; ran %d steps", outcome,
                        result.success() ? "after" : "within", result.steps(), ran);
        long simulated = horizon == null ? result.steps() : ran;
        return String.format(Locale.ROOT, "%s (%.1f s simulated, %.2f s wall); %d repositionings, %d learning steps,"
                + " %d faults", head, simulated * 0.03, wallSeconds, result.repositions(), result.learnedSteps(),
                result.faults());
    }

    /**
     * Runs the session and, with --out, writes its files; a stopped session's too.
     *
     * @param reflexTrace over a horizon, the reflex-only run's trace for {@code --trace} ({@code null} for
     *     {@code --rule none}, whose own run is its reflex-only run)
     */
    private LineFollowerRun.Result run(LineFollowerRun.Builder builder, String logName, ProgressBar bar,
            Trace reflexTrace) {
        Network initial = builder.initialNetwork();
        SessionLogger logger = null;
        if (out != null) {
            if (initial != null) {
                save(initial, out.resolve("initial.json"));
            }
            if (logName != null) {
                try {
                    logger = SessionLogger.open(out.resolve(logName), log.detail());
                } catch (UncheckedIOException e) {
                    throw cannotWrite(out.resolve(logName), e.getCause());
                }
                builder.listener(logger);
            }
        }
        LineFollowerRun.Result result;
        try {
            result = builder.build().run();
        } catch (RuntimeException | Error e) {
            // Keep the log of a session that failed: it is the one worth reading.
            SessionLogger.closeQuietly(logger);
            throw e;
        } finally {
            bar.finish();
        }
        if (out != null) {
            if (logger != null) {
                try {
                    logger.close();
                } catch (UncheckedIOException e) {
                    throw cannotWrite(out.resolve(logName), e.getCause());
                }
            }
            if (result.network() != null) {
                save(result.network(), out.resolve("network.json"));
            }
            LineFollowerPlots.writeAll(result, out);
            if (trace) {
                Trace reflex = horizon == null ? null : reflexTrace == null ? result.trace() : reflexTrace;
                TraceCsv.write(out.resolve(TraceCsv.FILE), result.trace(), reflex);
            }
            spec.commandLine().getErr().println("wrote " + out + ": " + (logName == null ? "" : logName + ", ")
                    + (result.network() == null ? "" : "initial.json, network.json, ")
                    + "error.png, trajectory.png, weights.png" + (trace ? ", " + TraceCsv.FILE : ""));
        }
        return result;
    }

    /**
     * Loads {@code --track}: {@code builtin}, {@code sharp} or a PNG scaled to {@link #PNG_WORLD_WIDTH}.
     *
     * @throws UserInputException if the file cannot be read or has no line
     */
    static Track loadTrack(String track) {
        if (BUILTIN.equals(track)) {
            return Tracks.builtin();
        }
        if (SHARP.equals(track)) {
            return Tracks.sharp();
        }
        Path file = Path.of(track);
        try {
            return Tracks.fromPng(file, PNG_WORLD_WIDTH);
        } catch (UncheckedIOException e) {
            throw IoMessages.cannotRead("track ", track, e.getCause());
        } catch (IllegalArgumentException e) {
            // Its message names the image already: "track image <file> is not an image ...".
            throw new UserInputException(e.getMessage(), e);
        }
    }

    private void createOut() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw cannotWrite(out, e);
        }
    }

    private static void save(Network network, Path file) {
        try {
            Checkpoints.save(network, file);
        } catch (UncheckedIOException e) {
            throw cannotWrite(file, e.getCause());
        }
    }

    private static UserInputException cannotWrite(Path file, IOException e) {
        return IoMessages.cannotWrite(file, e);
    }

    private ParameterException usage(String message) {
        return OptionChecks.usage(spec, message);
    }
}
