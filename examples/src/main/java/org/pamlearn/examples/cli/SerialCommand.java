// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.SensorException;
import org.pamlearn.robot.serial.JSerialCommTransport;
import org.pamlearn.robot.serial.SerialRobot;
import org.pamlearn.robot.serial.SerialSession;
import org.pamlearn.robot.serial.SerialTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pamlearn serial}: closes the learning loop on the real Arduino line-follower robot over a serial port
 * ({@link SerialRobot}) through a {@link SerialSession} (a closed-loop controller stepped at a fixed rate), until
 * {@code --max-steps} or Ctrl-C. Prints a status line every {@code --status-every} steps and then
 * {@code result: rule=<rule> steps=<n> faults=<k>}, followed only by {@code drive: ...} lines if the drive
 * failed. On Ctrl-C or SIGTERM the session's {@code MotorSafety} hook stops the loop (and the motors), a
 * {@link StopOnSignal} stops it too (also when the signal comes before that hook is armed) and keeps the JVM alive
 * until the files are written and the result is printed.
 *
 * <p>Tests inject an in-memory port through {@link #transportFactory(BiFunction)}.
 */
@Command(name = "serial", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = PamlearnCommand.Version.class,
        description = {
            "Runs closed-loop learning on a real line-follower robot (the authors' Arduino robot) over a serial"
                + " port: each control step reads the robot's 8 light sensors, computes the reflex error E from the"
                + " reflex sensors, feeds the look-ahead predictors through delay taps into the network, learns"
                + " with E, and sends the steering command. Runs until --max-steps or Ctrl-C (which sends a"
                + " last zero differential: steering centred; the firmware sets the forward speed). Prints a"
                + " status line every --status-every steps and then"
                + " 'result: rule=<rule> steps=<n> faults=<k>', followed only by 'drive: ...' lines if the drive"
                + " failed.",
            ""},
        footerHeading = "%nWiring and framing (the original robot):%n",
        footer = {
            "* Connect the robot's USB serial port (an Arduino: /dev/ttyUSB0 or /dev/ttyACM0 on Linux, COMn on"
                + " Windows; your user needs access, e.g. the dialout group). 8N1, no flow control.",
            "* On opening (and every reopening) the host sends the byte 'd' to start the robot, --handshake-delay-ms"
                + " after the port opened: an Arduino resets when the port opens (DTR) and its boot loader needs"
                + " about 2 s.",
            "* Robot -> host: frames of 9 bytes, the 8 light-sensor bytes (1..255) then a 0 sync byte. The host"
                + " realigns on the 0 and drops torn frames; values are raw/255 (white floor high, dark line low).",
            "* Host -> robot, once per step: four int16, little-endian by default (--byte-order): the differential"
                + " command, 0, 0, and 32767 as start marker.",
            "* The differential: the controller computes left = G_R*E + G_N*sum_m c_m*o_m and right = -left part"
                + " (v0 = 0: the firmware sets the forward speed), each clamped to +-100; the host sends"
                + " round(command-gain * (left - right) / 2), clamped to +-32766 (positive: the left wheel faster,"
                + " the robot turns right). Output mix c_m = 50, 10, 2, ... (50 / 5^m) on both sides.",
            "* Sensors, by default: 0..3 are the reflex sensors L2, L1, R1, R2 (outer left, inner left, inner"
                + " right, outer right), E = 2*L2 + L1 - R1 - 2*R2 (the authors' error; --reflex-sensors,"
                + " --reflex-weights); 4..7 are the look-ahead row from left to right (--predictor-sensors), each"
                + " giving the predictor p = max(0, predictor-gain * (white - s)) through --taps delay taps, as on"
                + " the authors' robot (network inputs = predictors x taps). pam's look-ahead position q is the"
                + " darkest predictor's column (centre (P+1)/2).",
            "* Faults (a read timeout, torn frames, a lost port) make that step reflex-only on the last good"
                + " sample; they are counted and reported, and a lost port is reopened every --reconnect-ms.",
            "",
            "Files with --out DIR: initial.json (the network before learning), session.tsv (one row per step,"
                + " replayable with 'pamlearn replay --model DIR/initial.json --log DIR/session.tsv'; see --log and"
                + " --gzip), network.json (the network at the end); all complete also after Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (--max-steps reached)",
            "1:the serial port cannot be opened (absent, busy, no permission), or an output file cannot be"
                + " written",
            "2:usage error (bad or missing option, a value out of range)",
            "3:internal error (a bug; prints a stack trace)",
            "130:stopped by Ctrl-C (SIGINT), the normal end without --max-steps: the motors are stopped first,"
                + " then the files are written whole and the result printed ('interrupted' on standard error)",
            "143:stopped by SIGTERM, as for Ctrl-C"})
final class SerialCommand implements Callable<Integer> {

    private static final double MAX_RATE_HZ = 1000.0;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PORT",
            description = "The serial port, e.g. /dev/ttyUSB0, /dev/ttyACM0 or COM3.")
    private String port;

    @Option(names = "--baud", paramLabel = "N", defaultValue = "" + SerialRobot.DEFAULT_BAUD_RATE,
            description = "The baud rate, >= 1.")
    private int baud;

    @Option(names = "--byte-order", paramLabel = "little|big", defaultValue = "little",
            description = "The byte order of the command int16s.")
    private Choices.ByteOrderName byteOrder;

    @Option(names = "--handshake-delay-ms", paramLabel = "MS", defaultValue = "2000",
            description = "Wait this long after opening the port before sending 'd': an Arduino resets when the"
                    + " port opens. >= 0.")
    private long handshakeDelayMs;

    @Option(names = "--read-timeout-ms", paramLabel = "MS", defaultValue = "" + SerialRobot.DEFAULT_READ_TIMEOUT_MILLIS,
            description = "The longest wait for sensor bytes in one step, >= 1; a timeout is a fault.")
    private int readTimeoutMs;

    @Option(names = "--reconnect-ms", paramLabel = "MS",
            defaultValue = "" + SerialRobot.DEFAULT_RECONNECT_BACKOFF_MILLIS,
            description = "The least time between two attempts to reopen a lost port, >= 0.")
    private long reconnectMs;

    @Option(names = "--command-gain", paramLabel = "G", defaultValue = "" + SerialRobot.DEFAULT_COMMAND_GAIN,
            description = "int16 command units per unit of differential (the default maps a full differential of"
                    + " 100 to the full int16 range); finite and > 0, must match the firmware.")
    private double commandGain;

    @Option(names = "--rule", paramLabel = "bp|sar|pam|none", defaultValue = "pam",
            description = "The learning rule: back-propagation, Sign-and-Relevance, Prime-and-Modulate (cues: error"
                    + " rate times look-ahead), or none (reflex only, no network).")
    private LearningMode rule;

    @Option(names = "--layers", paramLabel = "NxS|S1,S2,...", defaultValue = "8", converter = LayersOption.class,
            description = LayersOption.DESCRIPTION + " Centred sigmoids, no bias, the authors' initialisation (first"
                    + " layer U[0, 0.001), the others U[0, 1)).")
    private LayersOption.Hidden layers;

    @Option(names = "--eta", paramLabel = "X", defaultValue = "0.001",
            description = "The learning rate, finite and > 0.")
    private double eta;

    @Option(names = "--cue-error-limit", paramLabel = "L|inf", defaultValue = "1",
            converter = Choices.PositiveOrInf.class,
            description = "sar, pam: the cues see the error saturated to [-L, L], so that a glitch cannot make a step"
                    + " huge (sar's relevance is min(|E|, L)); > 0, or inf to turn the limit off. The weighted reflex"
                    + " error reaches 3 with the default weights.")
    private double cueErrorLimit;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "The seed of the initial weights.")
    private long seed;

    @Option(names = "--reflex-gain", paramLabel = "G_R", defaultValue = "100",
            description = "The reflex gain G_R, finite (E = 1 asks for a differential of G_R).")
    private double reflexGain;

    @Option(names = "--net-gain", paramLabel = "G_N", defaultValue = "1",
            description = "The network gain G_N, finite.")
    private double netGain;

    @Option(names = "--reflex-sensors", split = ",", paramLabel = "S", defaultValue = "0,1,2,3",
            description = "The sensors (0..7) of the reflex error, comma-separated.")
    private int[] reflexSensors;

    @Option(names = "--reflex-weights", split = ",", paramLabel = "W", defaultValue = "2,1,-1,-2",
            description = "E = sum of weight * sensor over --reflex-sensors; one finite weight per sensor.")
    private double[] reflexWeights;

    @Option(names = "--predictor-sensors", split = ",", paramLabel = "S", defaultValue = "4,5,6,7",
            description = "The look-ahead sensors (0..7), from left to right, comma-separated.")
    private int[] predictorSensors;

    @Option(names = "--taps", paramLabel = "D", defaultValue = "10",
            description = "Delay taps per predictor (network inputs = predictors x taps), >= 1.")
    private int taps;

    @Option(names = "--white", paramLabel = "W", defaultValue = "1.0",
            description = "The sensor value on a white floor (sensor values are raw/255), finite.")
    private double white;

    @Option(names = "--predictor-gain", paramLabel = "K", defaultValue = "10",
            description = "Predictor p = max(0, K * (white - s)); finite and > 0.")
    private double predictorGain;

    @Option(names = "--rate-hz", paramLabel = "HZ", defaultValue = "30",
            description = "The control rate, > 0 and <= 1000 steps per second.")
    private double rateHz;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "Stop after N steps; 0 runs until Ctrl-C.")
    private long maxSteps;

    @Option(names = "--status-every", paramLabel = "N", defaultValue = "150",
            description = "Print a status line every N steps (150: every 5 s at 30 Hz); 0 for none.")
    private long statusEvery;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write initial.json, session.tsv and network.json into DIR (created if needed).")
    private Path out;

    @Mixin
    private SessionLogOptions log;

    private BiFunction<String, Integer, SerialTransport> transportFactory = JSerialCommTransport::new;

    SerialCommand() {
        // Fields are set by picocli.
    }

    /**
     * Replaces the serial port library, for tests.
     *
     * @param factory makes a transport from the port name and the baud rate
     */
    void transportFactory(BiFunction<String, Integer, SerialTransport> factory) {
        this.transportFactory = Objects.requireNonNull(factory, "factory");
    }

    /** The checked options, in one place. */
    private static final class Setup {
        int[] reflexIndex;
        double[] weights;
        int[] predictorIndex;
        LearningRules.Name rule;
        ByteOrder order;
    }

    @Override
    public Integer call() {
        final Setup s = checkOptions();
        final String logName = log.fileName(spec, out != null);
        final SerialTransport transport = transportFactory.apply(port, baud);
        final SerialRobot robot = SerialRobot.builder(transport).byteOrder(s.order).commandGain(commandGain)
                .readTimeoutMillis(readTimeoutMs).reconnectBackoffMillis(reconnectMs)
                .handshakeDelayMillis(handshakeDelayMs).build();
        try {
            robot.open();
        } catch (SensorException e) {
            robot.close();
            throw new UserInputException("cannot open serial port " + port + " at " + baud
                    + " baud (absent, busy, or no permission)", e);
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        // The session's MotorSafety hook stops the loop on a signal; this one asks it to stop as well (also before
        // that hook is armed) and waits for the files and the result.
        try (StopOnSignal stop = StopOnSignal.install()) {
            final SerialSession session = SerialSession.builder(robot).reflex(s.reflexIndex, s.weights)
                    .predictors(s.predictorIndex, taps, white, predictorGain)
                    .learning(s.rule, eta, layers.sizes(), seed).cueErrorLimit(cueErrorLimit)
                    .gains(reflexGain, netGain).rate(rateHz, maxSteps)
                    .status(statusEvery, line -> {
                        stdout.println(line);
                        stdout.flush();
                    })
                    .onResult(result -> {
                        stdout.println("result: rule=" + rule.label() + " steps=" + result.steps() + " faults="
                                + result.faults());
                        stdout.flush();
                    })
                    .out(out).sessionLog(logName, log.detail()).handshakeDelayMillis(handshakeDelayMs)
                    .stopWhen(stop).build();
            try {
                session.run();
            } catch (UncheckedIOException e) {
                if (out == null) {
                    throw e;
                }
                throw new UserInputException("cannot write to " + out + ": " + IoMessages.reason(e.getCause(), out,
                        true), e);
            } finally {
                robot.close();
            }
            if (stop.getAsBoolean()) {
                spec.commandLine().getErr().println("interrupted");
                spec.commandLine().getErr().flush();
            }
        }
        return 0;
    }

    // ---- options ----

    private Setup checkOptions() {
        final Setup s = new Setup();
        OptionChecks.requireOnce(spec, "--reflex-sensors", "--reflex-weights", "--predictor-sensors");
        if (port.isBlank()) {
            throw usage("--port must not be blank");
        }
        if (baud < 1) {
            throw usage("--baud must be >= 1, got " + baud);
        }
        s.order = byteOrder == Choices.ByteOrderName.LITTLE ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN;
        if (handshakeDelayMs < 0) {
            throw usage("--handshake-delay-ms must be >= 0, got " + handshakeDelayMs);
        }
        if (readTimeoutMs < 1) {
            throw usage("--read-timeout-ms must be >= 1, got " + readTimeoutMs);
        }
        if (reconnectMs < 0) {
            throw usage("--reconnect-ms must be >= 0, got " + reconnectMs);
        }
        requirePositive("--command-gain", commandGain);
        requirePositive("--eta", eta);
        requireFinite("--reflex-gain", reflexGain);
        requireFinite("--net-gain", netGain);
        s.reflexIndex = checkSensors("--reflex-sensors", reflexSensors);
        s.weights = checkWeights(s.reflexIndex.length);
        s.predictorIndex = checkSensors("--predictor-sensors", predictorSensors);
        if (taps < 1) {
            throw usage("--taps must be >= 1, got " + taps);
        }
        requireFinite("--white", white);
        requirePositive("--predictor-gain", predictorGain);
        if (!(rateHz > 0) || rateHz > MAX_RATE_HZ) {
            throw usage("--rate-hz must be > 0 and <= " + MAX_RATE_HZ + ", got " + rateHz);
        }
        if (maxSteps < 0) {
            throw usage("--max-steps must be >= 0 (0: until Ctrl-C), got " + maxSteps);
        }
        if (statusEvery < 0) {
            throw usage("--status-every must be >= 0 (0: no status lines), got " + statusEvery);
        }
        s.rule = rule == LearningMode.NONE ? null : rule.learningRule();
        if (rule == LearningMode.NONE || rule == LearningMode.BP) {
            OptionChecks.rejectGiven(spec, "rule " + rule.label(), "--cue-error-limit");
        }
        return s;
    }

    private int[] checkSensors(String option, int[] index) {
        for (int k = 0; k < index.length; k++) {
            if (index[k] < 0 || index[k] > 7) {
                throw usage("invalid value for " + option + ": sensor " + index[k] + " is not in 0..7");
            }
            for (int j = 0; j < k; j++) {
                if (index[j] == index[k]) {
                    throw usage("invalid value for " + option + ": names sensor " + index[k] + " twice");
                }
            }
        }
        return index.clone();
    }

    private double[] checkWeights(int nSensors) {
        if (reflexWeights.length != nSensors) {
            throw usage("--reflex-weights has " + reflexWeights.length + " weights, but --reflex-sensors names "
                    + nSensors + " sensors");
        }
        for (double w : reflexWeights) {
            if (!Double.isFinite(w)) {
                throw usage("invalid value for --reflex-weights: " + w + "; expected finite numbers");
            }
        }
        return reflexWeights.clone();
    }

    private void requirePositive(String option, double value) {
        OptionChecks.requirePositive(spec, option, value);
    }

    private void requireFinite(String option, double value) {
        OptionChecks.requireFinite(spec, option, value);
    }

    private ParameterException usage(String message) {
        return OptionChecks.usage(spec, message);
    }
}
