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
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.SessionLogger;
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
 * {@code pamlearn line-follower}: a simulated line follower ({@link LineFollowerRun}) learns, with a rule of the
 * user's choice, to steer before its reflex fires. Shows progress on the error stream (a bar on a terminal, plain
 * lines otherwise), prints {@code result: rule=<rule> steps=<n> success=<true|false>} as its last line, and with
 * {@code --out DIR} writes the session log, the initial and trained networks and three PNG plots. Ctrl-C or
 * SIGTERM stops it cleanly ({@link StopOnSignal}): after the step in progress, with every file written.
 */
@Command(name = "line-follower", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = PamlearnCommand.Version.class,
        description = {
            "Runs a simulated differential-drive line follower (docs/ALGORITHMS.md section 5) until it has learned to"
                + " follow the track or the step budget is spent. A reflex steers with the closed-loop error"
                + " E = (L1 + 2 L2) - (R1 + 2 R2) of four ground sensors; two rows of 15 look-ahead sensors (or a"
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
            description = "The look-ahead sensors: rows (2 x 15 ground sensors) or camera (a 4 x 5 grid of mirrored"
                    + " patch differences, unfolded into 4 x 10 predictors).")
    private LookaheadSensors sensors;

    @Option(names = SPEED, paramLabel = "F", defaultValue = "1",
            description = "The speed factor: the robot drives F times the authors' 0.9 units per step, in (0, "
                    + LineFollowerRun.MAX_SPEED_FACTOR + "]. The harder setting of 'pamlearn compare' is --track sharp"
                    + " --speed 2.")
    private double speed;

    @Option(names = INIT, paramLabel = "symmetric|authors", defaultValue = "symmetric",
            description = "The initial weights: symmetric (U[-0.1,0.1)) or authors (U[0,1), first layer"
                    + " U[0,0.001)).")
    private NetworkInit init;

    @Option(names = MAX_STEPS_OPTION, paramLabel = "N", defaultValue = "" + LineFollowerRun.DEFAULT_MAX_STEPS,
            description = "Give up after N steps, 1.." + MAX_STEPS + ".")
    private long maxSteps;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the session log, the networks and the plots into DIR (see above); without it"
                    + " nothing is written.")
    private Path out;

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
        String logName = log.fileName(spec, out != null);
        Track trackValue = loadTrack(track);
        if (out != null) {
            createOut();
        }
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        ProgressBar bar = new ProgressBar(err, terminal, "steps", "%.0f", false, 0);
        LineFollowerRun.Progress progress = (steps, average) -> bar.update(steps, maxSteps,
                String.format(Locale.ROOT, "|error avg| %.5f", Math.abs(average)));
        LineFollowerRun.Builder builder = LineFollowerRun.builder().rule(rule).eta(eta).hidden(layers.sizes())
                .seed(seed).track(trackValue).sensors(sensors).speed(speed).init(init)
                .maxSteps(maxSteps).progress(progress, terminal ? 250 : PLAIN_EVERY);
        try (StopOnSignal stop = StopOnSignal.install()) {
            builder.stopWhen(stop);
            LineFollowerRun.Result result = run(builder, logName, bar);
            err.println(String.format(Locale.ROOT, "%s after %d steps (%.1f s simulated, %.2f s wall); %d"
                    + " repositionings, %d learning steps, %d faults", result.success() ? "success" : "no success",
                    result.steps(), result.steps() * 0.03, bar.elapsedSeconds(), result.repositions(),
                    result.learnedSteps(), result.faults()));
            if (!result.driveReport().isEmpty()) {
                err.println("warning: " + result.driveReport());
            }
            if (result.stopped()) {
                err.println("interrupted after " + result.steps() + " steps");
            }
            err.flush();
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(result.resultLine());
            stdout.flush();
        }
        return 0;
    }

    /** Runs the session and, with --out, writes its files; a stopped session's too. */
    private LineFollowerRun.Result run(LineFollowerRun.Builder builder, String logName, ProgressBar bar) {
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
            spec.commandLine().getErr().println("wrote " + out + ": " + (logName == null ? "" : logName + ", ")
                    + (result.network() == null ? "" : "initial.json, network.json, ")
                    + "error.png, trajectory.png, weights.png");
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
