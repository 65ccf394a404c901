// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.internal.Checks;
import org.pamlearn.core.learning.Cues;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.ClosedLoopController;
import org.pamlearn.robot.FixedRateLoop;
import org.pamlearn.robot.LookaheadPosition;
import org.pamlearn.robot.MotorMix;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.ReflexErrors;
import org.pamlearn.robot.SessionLogger;
import org.pamlearn.robot.internal.Failures;
import org.pamlearn.zspace.filter.FilterArray;

/**
 * One learning session on the real line-follower robot over a serial link: a {@link ClosedLoopController} (reflex
 * from chosen light sensors, look-ahead predictors through delay taps into a network with the authors'
 * initialisation and motor mix) stepped by a {@link FixedRateLoop} at a fixed rate until a step budget or until
 * the JVM exits, with a {@link MotorSafety} stop armed for the whole run.
 *
 * <p>Status lines (and a line when the loop starts) go to a caller's sink on the control thread. With an output
 * directory the session writes {@code initial.json} before the first step, the session log (by default
 * {@code session.tsv}, the replay log; see {@link Builder#sessionLog}) during the run and {@code network.json} at
 * the end, also after Ctrl-C (the exit hook waits for them); a failure closes the log, keeping what was written.
 */
public final class SerialSession {

    /** How long the exit hook waits for the loop to end before it closes the drive. */
    private static final long SHUTDOWN_WAIT_MILLIS = 3000;

    private final Builder c;

    private SerialSession(Builder c) {
        this.c = c;
    }

    /**
     * Starts a session on an opened robot.
     *
     * @param robot the robot, {@link SerialRobot#open() opened}; the session does not close it
     * @return a builder
     * @throws NullPointerException if {@code robot} is null
     */
    public static Builder builder(SerialRobot robot) {
        return new Builder(Objects.requireNonNull(robot, "robot"));
    }

    /**
     * The outcome.
     *
     * @param steps control steps run
     * @param faults sensor, learner, output and drive faults together
     */
    public record Result(long steps, long faults) {
    }

    /**
     * Runs the session on the calling thread until the step budget, the {@link Builder#stopWhen stop condition}, a
     * {@link FixedRateLoop#stop()} from the exit hook, an interrupt, or the controller giving up on a drive that
     * keeps throwing; what the drive threw goes to status lines ({@code drive: ...}) after the controller is closed,
     * after the result.
     *
     * @return the steps and faults
     * @throws UncheckedIOException if the output directory or a file in it cannot be written
     * @throws RuntimeException what a control step threw, after the motors were stopped
     */
    public Result run() {
        final SerialRobot robot = c.robot;
        final RobotSensors sensors = new RobotSensors(robot, c.reflexIndex, c.predictorIndex, c.white,
                c.predictorGain);
        final Network network = c.rule == null ? null
                : NetworkInit.AUTHORS.network(c.predictorIndex.length * c.taps, c.hidden, MotorMix.AUTHORS_OUTPUTS,
                        c.seed, NetworkInit.DEFAULT_HALF_WIDTH);
        final SessionLogger logger = c.out == null ? null : openOutput(network);
        final ClosedLoopController controller;
        try {
            controller = controller(sensors, network, logger);
        } catch (RuntimeException e) {
            SessionLogger.closeQuietly(logger);
            throw e;
        }
        final FixedRateLoop[] loopRef = new FixedRateLoop[1];
        final FixedRateLoop loop = new FixedRateLoop(() -> {
            controller.step();
            final long n = controller.steps();
            if (c.statusEvery > 0 && n % c.statusEvery == 0) {
                c.status.accept(status(controller, loopRef[0], robot));
            }
            if ((c.maxSteps > 0 && n >= c.maxSteps) || controller.isClosed() || c.stop.getAsBoolean()) {
                loopRef[0].stop();
            }
        }, Math.max(1L, Math.round(1e9 / c.rateHz)), robot);
        loopRef[0] = loop;
        MotorSafety safety = null;
        try {
            safety = armUnlessStopped(loop, robot);
            if (c.handshakeDelayMillis > 0 && !c.stop.getAsBoolean()) {
                c.status.accept("opened " + robot.portName() + "; waiting " + c.handshakeDelayMillis
                        + " ms for the robot to start before sending 'd'");
                sleep(c.handshakeDelayMillis);
            }
            c.status.accept("running " + controller + " at " + c.rateHz + " Hz on " + robot.portName()
                    + (c.maxSteps > 0 ? " for " + c.maxSteps + " steps" : " until Ctrl-C"));
            if (c.stop.getAsBoolean()) {
                loop.stop(); // stopped before the first step: the loop ends at once and stops the motors
            }
            loop.run();
            if (c.statusEvery > 0 && controller.steps() % c.statusEvery != 0) {
                c.status.accept(status(controller, loop, robot));
            }
            finish(network, logger);
            final Result result = new Result(controller.steps(), faults(controller));
            // Still armed: after Ctrl-C the JVM waits for this line before it closes the drive and exits.
            c.onResult.accept(result);
            return result;
        } finally {
            controller.close();
            SessionLogger.closeQuietly(logger);
            if (safety != null) {
                safety.close();
            }
            final String drive = controller.driveReport();
            if (!drive.isEmpty()) {
                c.status.accept("drive: " + drive);
            }
            if (loop.stopFailures() > 0) {
                c.status.accept("drive: stopping the motors at the end of the loop failed (" + loop.stopFailures()
                        + "x, last: " + Failures.describe(loop.lastStopFailure()) + ")");
            }
        }
    }

    /**
     * Arms the exit hook's motor stop, unless the JVM is already shutting down (a signal that arrived before the
     * hook could be registered: the JVM then refuses new hooks). The loop is then stopped before it drives.
     */
    private MotorSafety armUnlessStopped(FixedRateLoop loop, SerialRobot robot) {
        try {
            return MotorSafety.arm(loop, robot, SHUTDOWN_WAIT_MILLIS, robot.usesJSerialComm());
        } catch (IllegalStateException e) {
            // The JVM refuses new hooks once it shuts down, possibly before the stop condition is set: end the loop
            // before it drives.
            loop.stop();
            return null;
        }
    }

    private ClosedLoopController controller(RobotSensors sensors, Network network, SessionLogger logger) {
        final ClosedLoopController.Builder b = ClosedLoopController.builder().reflexSensor(sensors.reflex())
                .reflexError(ReflexErrors.weighted(c.reflexWeights)).drive(c.robot).baseSpeed(0.0)
                .reflexGain(c.reflexGain).listener(logger);
        if (network != null) {
            LearningRules.Options options = LearningRules.Options.eta(c.eta);
            if (c.rule != LearningRules.Name.BP) {
                options = options.withCueErrorLimit(c.cueErrorLimit);
            }
            if (c.rule == LearningRules.Name.PAM) {
                // the look-ahead cue centred on the predictor row, as in the simulated session
                final double centre = (c.predictorIndex.length + 1) / 2.0;
                options = options.withModulation(LearningRules.errorRateTimesLookahead(centre, 1.0));
            }
            final LearningRule rule = LearningRules.create(c.rule, options);
            b.predictorSensor(sensors.predictors()).network(network)
                    .filters(FilterArray.delayTaps(c.predictorIndex.length, c.taps)).rule(rule)
                    .lookahead(new LookaheadPosition(c.predictorIndex.length, 0)).networkGain(c.netGain)
                    .outputMix(MotorMix.authors(), MotorMix.authors());
        }
        return b.build();
    }

    private SessionLogger openOutput(Network network) {
        try {
            Files.createDirectories(c.out);
            if (network != null) {
                Checkpoints.save(network, c.out.resolve("initial.json"));
            }
            return c.logFile == null ? null : SessionLogger.open(c.out.resolve(c.logFile), c.logDetail);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private void finish(Network network, SessionLogger logger) {
        if (c.out == null) {
            return;
        }
        if (logger != null) {
            logger.close();
        }
        if (network != null) {
            Checkpoints.save(network, c.out.resolve("network.json"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long faults(ClosedLoopController c) {
        return c.sensorFaults() + c.learnerFaults() + c.outputFaults() + c.driveFaults();
    }

    private static String status(ClosedLoopController c, FixedRateLoop loop, SerialRobot robot) {
        final SerialLinkStats l = robot.stats();
        // The drive's count only when there is one: SerialRobot never throws, and the line stays as it was.
        return String.format(Locale.ROOT, "step %d: overruns %d, faults %d (sensor %d, learner %d, output %d%s),"
                + " learned %d; link: frames %d, torn %d, timeouts %d, unaligned %d, lost %d, reconnects %d,"
                + " failed opens %d, commands %d, write failures %d",
                c.steps(), loop == null ? 0 : loop.overruns(), faults(c), c.sensorFaults(), c.learnerFaults(),
                c.outputFaults(), c.driveFaults() == 0 ? "" : ", drive " + c.driveFaults(), c.learnedSteps(),
                l.frames(), l.tornFrames(), l.timeouts(), l.unalignedFetches(), l.portLosses(), l.reconnects(),
                l.failedOpens(), l.commandsSent(), l.writeFailures());
    }

    /**
     * Configures a {@link SerialSession}. Defaults are those of {@code pamlearn serial}: reflex sensors 0..3 with
     * weights (2, 1, -1, -2), predictor sensors 4..7 with 10 delay taps, PaM at 0.001 on one hidden layer of 8
     * (seed 1), {@code G_R = 100}, {@code G_N = 1}, 30 Hz until the JVM exits, a status line every 150 steps, a
     * handshake delay of 2 s. The motor-safety stop goes through jSerialComm's shutdown hook when the robot's port
     * is a {@link JSerialCommTransport}, otherwise through a plain JVM hook. The
     * builder checks only what would otherwise fail late (lengths, rates); callers check their options.
     */
    public static final class Builder {
        private final SerialRobot robot;
        private int[] reflexIndex = {0, 1, 2, 3};
        private double[] reflexWeights = {2.0, 1.0, -1.0, -2.0};
        private int[] predictorIndex = {4, 5, 6, 7};
        private int taps = 10;
        private double white = 1.0;
        private double predictorGain = 10.0;
        private LearningRules.Name rule = LearningRules.Name.PAM;
        private double eta = 1e-3;
        private double cueErrorLimit = Cues.DEFAULT_CUE_ERROR_LIMIT;
        private int[] hidden = {8};
        private long seed = 1;
        private double reflexGain = 100.0;
        private double netGain = 1.0;
        private double rateHz = 30.0;
        private long maxSteps;
        private long statusEvery = 150;
        private Consumer<String> status = line -> { };
        private Consumer<Result> onResult = result -> { };
        private BooleanSupplier stop = () -> false;
        private Path out;
        private String logFile = "session.tsv";
        private SessionLogger.Detail logDetail = SessionLogger.Detail.FULL;
        private long handshakeDelayMillis = 2000;

        private Builder(SerialRobot robot) {
            this.robot = robot;
        }

        /**
         * Sets the reflex: the sensors and their weights, {@code E = sum_k weights[k] * s[index[k]]}.
         *
         * @param index sensors of the robot's frame; not modified (copied)
         * @param weights one finite weight per sensor; not modified (copied)
         * @return this builder
         * @throws IllegalArgumentException if the lengths differ
         */
        public Builder reflex(int[] index, double[] weights) {
            if (index.length != weights.length) {
                throw new IllegalArgumentException("reflex weights.length must be " + index.length + ", got "
                        + weights.length);
            }
            this.reflexIndex = index.clone();
            this.reflexWeights = weights.clone();
            return this;
        }

        /**
         * Sets the predictors: the sensors, their delay taps and their darkness {@code max(0, gain (white - s))}.
         *
         * @param index sensors of the robot's frame; not modified (copied)
         * @param nTaps delay taps per predictor, {@code >= 1}
         * @param whiteValue the sensor value on white
         * @param gain the predictor gain
         * @return this builder
         * @throws IllegalArgumentException if {@code nTaps < 1}
         */
        public Builder predictors(int[] index, int nTaps, double whiteValue, double gain) {
            if (nTaps < 1) {
                throw new IllegalArgumentException("taps must be >= 1, got " + nTaps);
            }
            this.predictorIndex = index.clone();
            this.taps = nTaps;
            this.white = whiteValue;
            this.predictorGain = gain;
            return this;
        }

        /**
         * Sets the learning: the rule (null: reflex only, no network), its rate, the hidden layers and the seed
         * of the authors' initialisation.
         *
         * @param value the rule, or {@code null}
         * @param learningRate the rate
         * @param hiddenSizes hidden layer sizes; not modified (copied)
         * @param weightSeed the seed of the initial weights
         * @return this builder
         */
        public Builder learning(LearningRules.Name value, double learningRate, int[] hiddenSizes, long weightSeed) {
            this.rule = value;
            this.eta = learningRate;
            this.hidden = hiddenSizes.clone();
            this.seed = weightSeed;
            return this;
        }

        /**
         * Sets the cue error limit of SaR and PaM (default {@link Cues#DEFAULT_CUE_ERROR_LIMIT}): their cues see the
         * error saturated to {@code [-L, L]}. This robot's weighted reflex error can reach {@code sum |w_i|} (3 with
         * the default weights); {@code +Infinity} lets the cues see it whole.
         *
         * @param value {@code L}, {@code > 0} or {@code +Infinity}
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is NaN or {@code <= 0}
         */
        public Builder cueErrorLimit(double value) {
            LearningRules.Options.eta(1.0).withCueErrorLimit(value); // the rules' own check, now rather than at run
            this.cueErrorLimit = value;
            return this;
        }

        /**
         * Sets the gains of the motor command: reflex {@code G_R} and network {@code G_N}.
         *
         * @param reflex {@code G_R}
         * @param network {@code G_N}
         * @return this builder
         */
        public Builder gains(double reflex, double network) {
            this.reflexGain = reflex;
            this.netGain = network;
            return this;
        }

        /**
         * Sets the control rate and the step budget.
         *
         * @param hz steps per second, {@code > 0}
         * @param steps stop after this many steps; 0 runs until the JVM exits
         * @return this builder
         * @throws IllegalArgumentException if {@code hz} is not {@code > 0} or {@code steps < 0}
         */
        public Builder rate(double hz, long steps) {
            Checks.requirePositive("hz", hz);
            if (steps < 0) {
                throw new IllegalArgumentException("steps must be >= 0, got " + steps);
            }
            this.rateHz = hz;
            this.maxSteps = steps;
            return this;
        }

        /**
         * Sets where status lines go and how often.
         *
         * @param every a line every this many steps; 0 for none (the start line is always sent)
         * @param sink receives each line, on the control thread
         * @return this builder
         */
        public Builder status(long every, Consumer<String> sink) {
            this.statusEvery = every;
            this.status = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Sets a stop condition, checked before the loop starts and after every step (default: never): the
         * session then ends as at its step budget, writing its files and its result. The CLI passes its
         * Ctrl-C/SIGTERM request, so that a signal that comes before the exit hook is armed also stops the loop.
         *
         * @param condition true once the session should end
         * @return this builder
         */
        public Builder stopWhen(BooleanSupplier condition) {
            this.stop = Objects.requireNonNull(condition, "condition");
            return this;
        }

        /**
         * Sets the output directory ({@code initial.json}, {@code session.tsv}, {@code network.json}).
         *
         * @param dir the directory, created if needed; {@code null} writes nothing
         * @return this builder
         */
        public Builder out(Path dir) {
            this.out = dir;
            return this;
        }

        /**
         * Sets the session log in the output directory (default {@code session.tsv}, full).
         *
         * @param fileName its name in the directory ({@code .gz}: gzip-compressed), or {@code null} for no log
         *     ({@code initial.json} and {@code network.json} are still written)
         * @param detail what it holds
         * @return this builder
         * @throws NullPointerException if {@code detail} is null
         */
        public Builder sessionLog(String fileName, SessionLogger.Detail detail) {
            this.logFile = fileName;
            this.logDetail = Objects.requireNonNull(detail, "detail");
            return this;
        }

        /**
         * Waits this long before the first step (an Arduino resets when its port opens).
         *
         * @param millis the wait, {@code >= 0}
         * @return this builder
         */
        public Builder handshakeDelayMillis(long millis) {
            this.handshakeDelayMillis = millis;
            return this;
        }

        /**
         * Receives the outcome at the end of a run, before the motor-safety stop is disarmed: after Ctrl-C the JVM
         * waits for it (up to 3 s) before it closes the drive and exits, so a result line printed here is not lost.
         *
         * @param sink receives the outcome, on the control thread
         * @return this builder
         * @throws NullPointerException if {@code sink} is null
         */
        public Builder onResult(Consumer<Result> sink) {
            this.onResult = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Builds the session.
         *
         * @return the session
         */
        public SerialSession build() {
            return new SerialSession(this);
        }
    }
}
