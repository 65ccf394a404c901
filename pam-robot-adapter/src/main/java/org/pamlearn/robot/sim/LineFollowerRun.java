// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.pamlearn.core.Network;
import org.pamlearn.core.internal.Checks;
import org.pamlearn.core.learning.Cues;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.ClosedLoopController;
import org.pamlearn.robot.DifferentialDrive;
import org.pamlearn.robot.EmaSuccess;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.LearningTime;
import org.pamlearn.robot.LookaheadPosition;
import org.pamlearn.robot.MotorMix;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.SampleProvider;
import org.pamlearn.robot.StepListener;
import org.pamlearn.robot.StepRecord;
import org.pamlearn.robot.SuccessDetector;
import org.pamlearn.zspace.filter.FilterArray;

/**
 * One simulated line-follower session (docs/ALGORITHMS.md &sect;5): a {@link LineFollowerSim} on a track, its
 * look-ahead sensors through a {@link FilterArray} of resonators into a network, a learning rule, and a
 * {@link ClosedLoopController} steering with {@code left = v0 + G_R E + G_N sum c_m o_m},
 * {@code right = v0 - G_R E - G_N sum c_m o_m}. Each step: {@code controller.step()}; then the simulator advances
 * one 30 ms world step, and when it had to put the robot back on the line, learning pauses for
 * {@value #REPOSITION_PAUSE} steps; the success detector ({@link EmaSuccess}, FCL's criterion) gets the step's
 * error and whether the robot is on the line (during the {@value #REPOSITION_PAUSE} steps after a repositioning it
 * gets {@code E = 0}, off the line, so a repositioning restarts the run). The session stops at success or after
 * {@link Builder#maxSteps} steps, or earlier when its {@link Builder#stopWhen stop condition} turns true (checked
 * before each step, so a stopped session has run whole steps only).
 *
 * <p>Deterministic for a seed: the simulator's motor noise and the network's initial weights both come from it.
 * With {@link LearningMode#NONE} the controller is reflex-only (no network).
 *
 * <p>With the camera ({@link LookaheadSensors#CAMERA}) the {@code R x C} grid is unfolded into {@code R} rows of
 * {@code 2C} non-negative predictors ({@link UnfoldedCamera}), so the look-ahead position comes from its farthest
 * row like the sensor rows'.
 */
public final class LineFollowerRun {

    /** Learning pauses for this many steps after the simulator repositions the robot (docs/ALGORITHMS.md &sect;5). */
    public static final int REPOSITION_PAUSE = 30;
    /** Default step budget. */
    public static final long DEFAULT_MAX_STEPS = 50_000;
    /** Default learning rate. */
    public static final double DEFAULT_ETA = 0.001;
    /** The largest {@link Builder#speed speed factor}: at 10 the robot drives 9 units per step, a sensor's reach. */
    public static final double MAX_SPEED_FACTOR = 10.0;
    /** Default hidden layers. */
    static final int[] DEFAULT_HIDDEN = {8, 6};
    /** Default network gain {@code G_N}. */
    public static final double DEFAULT_NETWORK_GAIN = 1.0;
    /** Resonators per predictor. */
    public static final int DEFAULT_RESONATORS = 5;
    /** Shortest resonator period, samples. */
    public static final double DEFAULT_MIN_PERIOD = 3.0;
    /** Longest resonator period, samples. */
    public static final double DEFAULT_MAX_PERIOD = 20.0;
    /** Resonator quality factor (the authors'). */
    public static final double DEFAULT_Q = 0.51;
    /** Half width of the symmetric initial weights {@code U[-w, w)}. */
    public static final double DEFAULT_INIT_HALF_WIDTH = NetworkInit.DEFAULT_HALF_WIDTH;

    /** Receives progress every {@link Builder#progressEvery} steps and at the end. */
    @FunctionalInterface
    public interface Progress {
        /**
         * Called on the session's thread.
         *
         * @param steps steps run so far
         * @param average the success criterion's moving average of the error
         */
        void update(long steps, double average);
    }

    /**
     * The outcome of a session.
     *
     * @param rule the rule
     * @param success whether the success criterion was met
     * @param steps the steps to success, or the steps run when it failed
     * @param repositions how often the simulator put the robot back on the line
     * @param learnedSteps steps in which the network learned
     * @param faults learner, output, sensor and drive faults of the controller
     * @param network the trained network ({@code null} for {@link LearningMode#NONE}); it is the run's own
     * @param trace what the plots show
     * @param track the track
     * @param driveReport the controller's {@link ClosedLoopController#driveReport()}: one line on what the drive
     *     threw, {@code ""} if it never did (the simulator's drive never throws; a {@link DriveWrapper}'s may)
     * @param stopped whether the {@link Builder#stopWhen stop condition} ended the session before success and
     *     before the step budget
     * @param learningTime over a {@link Builder#horizon horizon}: the learning time of the run against its reflex-only
     *     run (for {@link LearningMode#NONE}, against itself); {@code null} without a horizon and when stopped
     * @param firstLayerStep over a horizon: the mean over the steps of the mean |&Delta;w| of the first layer's
     *     weights in one step (how far one step moves a weight); {@code NaN} without a horizon or network
     */
    public record Result(LearningMode rule, boolean success, long steps, long repositions, long learnedSteps,
            long faults, Network network, Trace trace, Track track, String driveReport, boolean stopped,
            LearningTime learningTime, double firstLayerStep) {

        /**
         * The command's last line: {@code result: rule=<rule> steps=<n> success=<true|false>}.
         *
         * @return the line
         */
        public String resultLine() {
            String line = "result: rule=" + rule.label() + " steps=" + steps + " success=" + success;
            return learningTime == null ? line : line + learningTime.resultFields();
        }
    }

    private final Builder config;

    private LineFollowerRun(Builder b) {
        this.config = b;
    }

    /**
     * A session with the defaults: PaM, {@code eta = 0.001}, hidden layers {@code 8, 6} plus an output layer of 3,
     * seed 0, the built-in track, sensor rows, at most {@value #DEFAULT_MAX_STEPS} steps.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a {@link Builder#speed speed factor}.
     *
     * @param value the factor
     * @return {@code value}
     * @throws IllegalArgumentException if it is not in {@code (0, }{@value #MAX_SPEED_FACTOR}{@code ]} (NaN
     *     included)
     */
    public static double requireSpeed(double value) {
        if (!(value > 0 && value <= MAX_SPEED_FACTOR)) {
            throw new IllegalArgumentException("speed must be in (0, " + MAX_SPEED_FACTOR + "], got " + value);
        }
        return value;
    }

    /**
     * Runs the session to success, to the step budget, to a stop, or until the controller gives up on a drive
     * that keeps throwing ({@link ClosedLoopController.Builder#maxDriveFaults}).
     *
     * @return the outcome
     */
    public Result run() {
        final Builder c = config;
        double reflexAbsE = c.reflexAbsE;
        if (c.horizon > 0 && c.rule != LearningMode.NONE && Double.isNaN(reflexAbsE)) {
            Result reflex = reflexRun(c);
            if (reflex == null) {
                return stoppedBeforeStart(c);
            }
            reflexAbsE = reflex.learningTime().reflexAbsE();
        }
        LineFollowerSim sim = LineFollowerSim.builder().seed(c.seed).track(c.track).sensors(c.sensors)
                .camera(c.cameraRows, c.cameraColumns).speedScale(LineFollowerSim.DEFAULT_SPEED_SCALE * c.speed)
                .build();
        SampleProvider predictors;
        int rowLength;
        if (c.sensors == LookaheadSensors.CAMERA) {
            predictors = new UnfoldedCamera(sim.predictorSensors(), sim.predictorRows(), sim.predictorColumns());
            rowLength = 2 * sim.predictorColumns();
        } else {
            predictors = sim.predictorSensors();
            rowLength = sim.predictorColumns();
        }
        int nPredictors = predictors.sampleSize();
        LookaheadPosition lookahead = new LookaheadPosition(rowLength, nPredictors - rowLength);
        Network network = null;
        if (c.rule != LearningMode.NONE) {
            network = c.init.network(nPredictors * c.resonators, c.hidden, c.leftMix.length, c.seed, c.initHalfWidth);
        }
        Trace trace = new Trace(network == null ? 0 : network.layerCount());
        double[] distances = new double[trace.layers()];
        StepListener extra = c.listener;
        StepListener listener = new StepListener() {
            @Override
            public void onStart(StepRecord shape) {
                // The session log's header: written even if the session stops before its first step.
                if (extra != null) {
                    extra.onStart(shape);
                }
            }

            @Override
            public void onStep(StepRecord r) {
                if (extra != null) {
                    extra.onStep(r);
                }
                if (distances.length > 0 && r.step() % Trace.WEIGHT_EVERY == 0) {
                    for (int l = 0; l < distances.length; l++) {
                        distances[l] = r.weightDistance(l);
                    }
                    trace.addWeights(r.step(), distances);
                }
            }
        };
        DifferentialDrive drive = c.driveWrapper == null ? sim.drive() : c.driveWrapper.wrap(sim.drive());
        ClosedLoopController.Builder cb = ClosedLoopController.builder().reflexSensor(sim.reflexSensors())
                .predictorSensor(predictors).lookahead(lookahead).drive(drive).listener(listener);
        if (network != null) {
            cb.network(network).filters(FilterArray.resonators(nPredictors, c.resonators, c.minPeriod, c.maxPeriod,
                    c.q)).rule(rule(c, lookahead.centre())).networkGain(c.networkGain).outputMix(c.leftMix,
                    c.rightMix);
        }
        SuccessDetector detector = new EmaSuccess();
        long budget = c.horizon > 0 ? c.horizon : c.maxSteps;
        boolean measureSteps = c.horizon > 0 && network != null;
        double[] firstNow = measureSteps ? new double[network.layerSize(0) * network.layerInputCount(0)] : null;
        double[] firstBefore = measureSteps ? new double[firstNow.length] : null;
        if (measureSteps) {
            network.copyWeightsInto(0, firstBefore);
        }
        double stepSum = 0;
        long steps = 0;
        boolean stopped = false;
        long learned;
        long faults;
        ClosedLoopController controller = cb.build();
        try {
            StepRecord record = controller.lastStep();
            int pause = 0;
            while (steps < budget) {
                if (c.stop.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                double px = sim.x();
                double py = sim.y();
                boolean onLine = sim.onLine();
                controller.step();
                steps++;
                if (measureSteps) {
                    stepSum += meanAbsChange(network, firstNow, firstBefore);
                }
                double e = record.error();
                if (sim.advance()) {
                    controller.pauseLearningFor(REPOSITION_PAUSE);
                    pause = REPOSITION_PAUSE + 1;
                }
                boolean done;
                if (pause > 0) {
                    pause--;
                    done = detector.update(0.0, false);
                } else {
                    done = detector.update(e, onLine);
                }
                double avg = ((EmaSuccess) detector).average();
                trace.add(e, avg, px, py, onLine);
                if (c.progress != null && steps % c.progressEvery == 0) {
                    c.progress.update(steps, avg);
                }
                if ((done && c.horizon == 0) || controller.isClosed()) {
                    break;
                }
            }
            learned = controller.learnedSteps();
            faults = controller.learnerFaults() + controller.outputFaults() + controller.sensorFaults()
                    + controller.driveFaults();
        } finally {
            controller.close();
        }
        if (c.progress != null && steps % c.progressEvery != 0) {
            c.progress.update(steps, ((EmaSuccess) detector).average());
        }
        boolean success = detector.succeeded();
        long reported = success ? detector.stepsToSuccess() : steps;
        LearningTime time = null;
        if (c.horizon > 0 && !stopped && steps == c.horizon) {
            double[] errors = trace.error();
            double r = c.rule == LearningMode.NONE ? LearningTime.meanAbs(errors, 0, errors.length) : reflexAbsE;
            time = c.criterion.measure(errors, trace.onLine(), r);
        }
        double firstLayerStep = measureSteps && steps > 0 ? stepSum / steps : Double.NaN;
        return new Result(c.rule, success, reported, sim.repositionCount(), learned, faults, network, trace,
                c.track, controller.driveReport(), stopped, time, firstLayerStep);
    }

    /** The reflex-only run of the same setting and seed over the same horizon; {@code null} if it was stopped. */
    private static Result reflexRun(Builder c) {
        Builder b = new Builder();
        b.rule = LearningMode.NONE;
        b.seed = c.seed;
        b.track = c.track;
        b.sensors = c.sensors;
        b.cameraRows = c.cameraRows;
        b.cameraColumns = c.cameraColumns;
        b.speed = c.speed;
        b.horizon = c.horizon;
        b.criterion = c.criterion;
        b.stop = c.stop;
        Result r = new LineFollowerRun(b).run();
        return r.stopped() ? null : r;
    }

    private static Result stoppedBeforeStart(Builder c) {
        return new Result(c.rule, false, 0, 0, 0, 0, c.initialNetwork(), new Trace(0), c.track, "", true, null,
                Double.NaN);
    }

    /** The mean |w - before| over the first layer's weights; then {@code before} holds the weights now. */
    private static double meanAbsChange(Network network, double[] now, double[] before) {
        network.copyWeightsInto(0, now);
        double sum = 0;
        for (int k = 0; k < now.length; k++) {
            sum += Math.abs(now[k] - before[k]);
        }
        System.arraycopy(now, 0, before, 0, now.length);
        return sum / now.length;
    }

    private static LearningRule rule(Builder c, double centre) {
        LearningRules.Options options = LearningRules.Options.eta(c.eta);
        if (c.rule == LearningMode.PAM) {
            options = options.withModulation(LearningRules.errorRateTimesLookahead(centre, c.kappa));
        }
        return LearningRules.create(c.rule.learningRule(), options);
    }

    @Override
    public String toString() {
        Builder c = config;
        return "LineFollowerRun[" + c.rule.label() + ", eta " + c.eta + ", hidden " + Arrays.toString(c.hidden)
                + ", " + c.init.label() + " init, seed " + c.seed + ", " + c.sensors + ", speed " + c.speed + ", max "
                + c.maxSteps + "]";
    }

    /** Wraps the simulator's drive (tests: a robot forced off the line). */
    @FunctionalInterface
    public interface DriveWrapper {
        /**
         * Wraps a drive.
         *
         * @param drive the simulator's drive
         * @return the drive the controller uses
         */
        DifferentialDrive wrap(DifferentialDrive drive);
    }

    /** Configures a {@link LineFollowerRun}. */
    public static final class Builder {
        private LearningMode rule = LearningMode.PAM;
        private double eta = DEFAULT_ETA;
        private int[] hidden = DEFAULT_HIDDEN.clone();
        private long seed;
        private Track track;
        private LookaheadSensors sensors = LookaheadSensors.ROWS;
        private double speed = 1.0;
        private long maxSteps = DEFAULT_MAX_STEPS;
        private double networkGain = DEFAULT_NETWORK_GAIN;
        private double[] leftMix = MotorMix.authors();
        private double[] rightMix = MotorMix.authors();
        private int resonators = DEFAULT_RESONATORS;
        private double minPeriod = DEFAULT_MIN_PERIOD;
        private double maxPeriod = DEFAULT_MAX_PERIOD;
        private double q = DEFAULT_Q;
        private double kappa = Cues.DEFAULT_LOOKAHEAD_KAPPA;
        private double initHalfWidth = DEFAULT_INIT_HALF_WIDTH;
        private NetworkInit init = NetworkInit.SYMMETRIC;
        private StepListener listener;
        private Progress progress;
        private long progressEvery = 1000;
        private DriveWrapper driveWrapper;
        private BooleanSupplier stop = () -> false;
        private long horizon;
        private LearningTime.Criterion criterion = LearningTime.Criterion.defaults();
        private double reflexAbsE = Double.NaN;
        private int cameraRows = LineFollowerSim.DEFAULT_CAMERA_ROWS;
        private int cameraColumns = LineFollowerSim.DEFAULT_CAMERA_COLUMNS;

        private Builder() {
        }

        /**
         * Sets the rule (default PaM).
         *
         * @param value the rule
         * @return this builder
         */
        public Builder rule(LearningMode value) {
            this.rule = Objects.requireNonNull(value, "rule");
            return this;
        }

        /**
         * Sets the learning rate (default {@value LineFollowerRun#DEFAULT_ETA}).
         *
         * @param value {@code eta}, finite and {@code > 0}
         * @return this builder
         * @throws IllegalArgumentException if not finite and positive
         */
        public Builder eta(double value) {
            Checks.requirePositive("eta", value);
            this.eta = value;
            return this;
        }

        /**
         * Sets the hidden layer sizes (default {@code 8, 6}); the output layer has one neuron per mix weight.
         *
         * @param sizes the sizes, each {@code >= 1}; may be empty. Not modified (copied).
         * @return this builder
         * @throws IllegalArgumentException if a size is {@code < 1}
         */
        public Builder hidden(int... sizes) {
            for (int s : sizes) {
                if (s < 1) {
                    throw new IllegalArgumentException("a layer needs >= 1 neuron, got " + s);
                }
            }
            this.hidden = sizes.clone();
            return this;
        }

        /**
         * Sets the seed of the motor noise and the initial weights (default 0).
         *
         * @param value the seed
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Sets the track (default {@link Tracks#builtin()}).
         *
         * @param value the track
         * @return this builder
         */
        public Builder track(Track value) {
            this.track = Objects.requireNonNull(value, "track");
            return this;
        }

        /**
         * Sets the look-ahead sensors (default rows).
         *
         * @param value the sensors
         * @return this builder
         */
        public Builder sensors(LookaheadSensors value) {
            this.sensors = Objects.requireNonNull(value, "sensors");
            return this;
        }

        /**
         * Sets the speed factor (default 1): the simulated robot covers {@code speed} times the authors' distance
         * per step ({@code v0 = 90} drives 30 units per second at 1, 0.9 units per step). A faster robot meets a
         * bend in fewer steps, so its reflex errors are larger and the look-ahead matters more: the harder setting
         * of {@code pamlearn compare}.
         *
         * @param value the factor, in {@code (0, }{@value LineFollowerRun#MAX_SPEED_FACTOR}{@code ]}
         * @return this builder
         * @throws IllegalArgumentException if not in that range (NaN included)
         */
        public Builder speed(double value) {
            this.speed = requireSpeed(value);
            return this;
        }

        /**
         * Sets the step budget (default {@value LineFollowerRun#DEFAULT_MAX_STEPS}).
         *
         * @param value the most steps, {@code >= 1}
         * @return this builder
         * @throws IllegalArgumentException if {@code < 1}
         */
        public Builder maxSteps(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxSteps must be >= 1, got " + value);
            }
            this.maxSteps = value;
            return this;
        }

        /**
         * Sets the network gain {@code G_N} (default {@value LineFollowerRun#DEFAULT_NETWORK_GAIN}).
         *
         * @param value {@code G_N}, finite
         * @return this builder
         */
        public Builder networkGain(double value) {
            this.networkGain = value;
            return this;
        }

        /**
         * Sets both output mixes (default {@code 50, 10, 2}); the output layer gets one neuron per weight.
         *
         * @param left the left wheel's weights. Not modified (copied).
         * @param right the right wheel's weights, same length. Not modified (copied).
         * @return this builder
         */
        public Builder outputMix(double[] left, double[] right) {
            if (left.length != right.length || left.length == 0) {
                throw new IllegalArgumentException("mixes must have the same, non-zero length, got " + left.length
                        + " and " + right.length);
            }
            this.leftMix = left.clone();
            this.rightMix = right.clone();
            return this;
        }

        /**
         * Sets the resonator filters per predictor (defaults: 5 between periods 3 and 20, {@code q = 0.51}).
         *
         * @param n resonators per predictor
         * @param minT the shortest period, samples
         * @param maxT the longest period, samples
         * @param quality the quality factor
         * @return this builder
         */
        public Builder resonators(int n, double minT, double maxT, double quality) {
            this.resonators = n;
            this.minPeriod = minT;
            this.maxPeriod = maxT;
            this.q = quality;
            return this;
        }

        /**
         * Sets PaM's look-ahead cue constant {@code kappa} (default 1).
         *
         * @param value {@code kappa}
         * @return this builder
         */
        public Builder kappa(double value) {
            this.kappa = value;
            return this;
        }

        /**
         * Sets the half width of the symmetric initial weights (default
         * {@value LineFollowerRun#DEFAULT_INIT_HALF_WIDTH}).
         *
         * @param value the half width, {@code > 0}
         * @return this builder
         */
        public Builder initHalfWidth(double value) {
            this.initHalfWidth = value;
            return this;
        }

        /**
         * Sets the initialisation (default {@link NetworkInit#SYMMETRIC}, of half width {@link #initHalfWidth}).
         *
         * @param value the initialisation
         * @return this builder
         */
        public Builder init(NetworkInit value) {
            this.init = Objects.requireNonNull(value, "init");
            return this;
        }

        /**
         * Adds a listener of every controller step (e.g. a {@link org.pamlearn.robot.SessionLogger}).
         *
         * @param value the listener, or {@code null}
         * @return this builder
         */
        public Builder listener(StepListener value) {
            this.listener = value;
            return this;
        }

        /**
         * Sets the progress callback and its period.
         *
         * @param value the callback, or {@code null}
         * @param every call it every this many steps, {@code >= 1}
         * @return this builder
         */
        public Builder progress(Progress value, long every) {
            if (every < 1) {
                throw new IllegalArgumentException("every must be >= 1, got " + every);
            }
            this.progress = value;
            this.progressEvery = every;
            return this;
        }

        /**
         * Sets a condition checked before each step: once it is true the session ends (after the step in
         * progress) and its result says {@link Result#stopped() stopped}. A clean stop on Ctrl-C uses it.
         *
         * @param value the condition, called on the session's thread once per step; it should be cheap
         * @return this builder
         * @throws NullPointerException if {@code value} is null
         */
        public Builder stopWhen(BooleanSupplier value) {
            this.stop = Objects.requireNonNull(value, "stop");
            return this;
        }

        /**
         * Wraps the simulator's drive (tests).
         *
         * @param value the wrapper, or {@code null}
         * @return this builder
         */
        public Builder driveWrapper(DriveWrapper value) {
            this.driveWrapper = value;
            return this;
        }

        /**
         * Returns the initial network this configuration's session starts from (a fresh copy with the same
         * seed), or {@code null} for {@link LearningMode#NONE}.
         *
         * @return the network
         */
        public Network initialNetwork() {
            if (rule == LearningMode.NONE) {
                return null;
            }
            int inputs = predictorCount() * resonators;
            return init.network(inputs, hidden, leftMix.length, seed, initHalfWidth);
        }

        /** The predictor count of the simulator's default sensors (see {@link LineFollowerSim#predictorSensors()}). */
        private int predictorCount() {
            if (sensors == LookaheadSensors.CAMERA) {
                return 2 * cameraRows * cameraColumns;
            }
            return 2 * LineFollowerSim.ROW_SENSORS;
        }

        /**
         * Runs exactly {@code n} steps, learning throughout, instead of stopping at success or at
         * {@link #maxSteps}: the result then holds the {@link Result#learningTime() learning time} against the
         * reflex-only run of the same setting and seed (run first, unless given by {@link #reflexAbsE}) and the
         * mean first-layer step. FCL's criterion is still checked: {@link Result#steps()} is its steps to success,
         * or {@code n}.
         *
         * @param n the horizon, at least the criterion's window; 0 (the default) for none
         * @return this builder
         * @throws IllegalArgumentException if {@code n} is negative
         */
        public Builder horizon(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("horizon must be >= 0, got " + n);
            }
            this.horizon = n;
            return this;
        }

        /**
         * Sets the learning-time criterion of a run over a horizon.
         *
         * @param value the criterion (default {@link LearningTime.Criterion#defaults()})
         * @return this builder
         */
        public Builder criterion(LearningTime.Criterion value) {
            this.criterion = Objects.requireNonNull(value, "criterion");
            return this;
        }

        /**
         * Gives {@code R}, the mean |E| of the reflex-only run of this setting, seed and horizon, so that a run over
         * a horizon does not run it again (a sweep runs it once per seed).
         *
         * @param value {@code R}, finite and {@code >= 0}, or {@code NaN} (the default) to run the reflex
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is negative or infinite
         */
        public Builder reflexAbsE(double value) {
            if (!Double.isNaN(value) && !(value >= 0 && value < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("reflexAbsE must be finite and >= 0 (or NaN), got " + value);
            }
            this.reflexAbsE = value;
            return this;
        }

        /**
         * Sets the camera grid of {@link LookaheadSensors#CAMERA} (default
         * {@value LineFollowerSim#DEFAULT_CAMERA_ROWS} x {@value LineFollowerSim#DEFAULT_CAMERA_COLUMNS}: 40
         * predictors; 4 x 6 gives the authors' 48).
         *
         * @param rows rows ahead
         * @param columns patch pairs per row
         * @return this builder
         * @throws IllegalArgumentException if a size is out of the simulator's range
         */
        public Builder camera(int rows, int columns) {
            LineFollowerSim.requireCamera(rows, columns);
            this.cameraRows = rows;
            this.cameraColumns = columns;
            return this;
        }

        /**
         * Builds the session.
         *
         * @return the session
         */
        public LineFollowerRun build() {
            if (track == null) {
                track = Tracks.builtin();
            }
            if (horizon > 0 && horizon < criterion.window()) {
                throw new IllegalArgumentException("horizon " + horizon + " is shorter than the window "
                        + criterion.window());
            }
            return new LineFollowerRun(this);
        }
    }
}
