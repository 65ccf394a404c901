// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pamlearn.core.Network;
import org.pamlearn.core.internal.Checks;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.StepContext;
import org.pamlearn.robot.internal.Failures;
import org.pamlearn.zspace.filter.FilterArray;

/**
 * The closed loop of docs/ALGORITHMS.md &sect;1 on a robot: a fixed reflex on the closed-loop error {@code E(n)} plus a
 * network that learns, from look-ahead predictors, to act before the reflex has to. One {@link #step()} per
 * control period:
 * <ol>
 * <li>read the reflex sensor and the predictor sensor into preallocated buffers;</li>
 * <li>{@code E(n)} from the reflex sample ({@link ReflexError}); {@code q(n)} from the predictors
 *     ({@link LookaheadPosition}), set into the learner's {@link StepContext};</li>
 * <li>by default ({@link StepOrder#LEARN_THEN_FORWARD}): learn with {@code E(n)} on the activations of the previous
 *     forward pass, then filter {@code p(n)} through the {@link FilterArray} into {@code u(n)} and run
 *     {@code forward(u(n))}; or, with {@link StepOrder#FORWARD_THEN_LEARN}, forward first and learn on this
 *     step's pass;</li>
 * <li>motors: {@code left = v0 + G_R E + G_N sum_m c_m o_m}, {@code right = v0 - G_R E - G_N sum_m c'_m o_m},
 *     clamped to the drive's {@code maxSpeed()}, sent to the {@link DifferentialDrive};</li>
 * <li>the {@link StepListener}, if any, gets the step's {@link StepRecord}.</li>
 * </ol>
 * The listener also gets {@link StepListener#onStart} once, from {@link Builder#build()}, before any step.
 *
 * <p>Learning happens only when a rule is given, learning is not paused, and the forward pass it would use is
 * valid: the previous step ran a successful forward pass (default order). So the first step, the step after a
 * fault and steps while paused do not learn. When learning resumes after such a gap the learner's history is
 * reset, so that the error-rate cue never compares {@code E(n)} with an error from before the gap: the first
 * learning step after a gap sees {@code E(n-1) = 0}, like the very first one (docs/ALGORITHMS.md &sect;1). Without a
 * network the controller is reflex-only; with a network and no rule the network acts with fixed weights.
 *
 * <p>Fail-safe (docs/DESIGN.md, "Quality bars"): {@code step()} never throws for a fault. Each of these makes the step
 * reflex-only ({@code left = v0 + G_R E}, {@code right = v0 - G_R E}), is counted, and is reported in the record's
 * {@link StepRecord#fault()} and {@link StepRecord#faultCause()}:
 * <ul>
 * <li>{@link StepFault#LEARNER}: the learner threw; it changed no weight. The forward pass still runs (default
 *     order) so that the next step can learn, but its output is not used in this step.</li>
 * <li>{@link StepFault#OUTPUT}: the forward pass overflowed or an output is not finite; the next step does not
 *     learn (there is no valid pass to learn on).</li>
 * <li>{@link StepFault#SENSOR}: a sensor threw {@link SensorException} or gave a non-finite value, or the reflex
 *     error was not finite. The step uses the last good sample of that sensor for {@code E(n)} and {@code q(n)};
 *     it neither learns nor runs the network nor advances the filters, and the next step does not learn. If no
 *     good sample has been read yet, or more than {@link Builder#maxStaleSteps} faults came in a row, the motors
 *     are stopped ({@code drive.stop()}) for that step: a robot must not drive blind at {@code v0}, nor keep a
 *     stale steering command while its link is silent. (What "stopped" means is the drive's: a serial robot
 *     whose firmware sets the forward speed gets a zero differential, i.e. it steers straight.)</li>
 * <li>{@link StepFault#DRIVE}: the drive threw from {@code drive(left, right)} (or from the {@code stop()} above).
 *     The controller tries {@code drive.stop()} (if that throws too, the step's first exception is the one
 *     reported) and the loop goes on: the next step sends its command again, as a drive whose link hiccupped
 *     should get one. After {@link Builder#maxDriveFaults} drive faults in a row (default
 *     {@value #DEFAULT_MAX_DRIVE_FAULTS}) the controller gives up: it {@link #close() closes} itself, which tries
 *     {@code stop()} and {@code close()} once more, so the caller's loop ends cleanly when it sees
 *     {@link #isClosed()} or {@link #stoppedByDriveFaults()}. "In a row" means with no successful
 *     {@code drive(left, right)} in between: a {@code stop()} that succeeds (on a stale-sensor step, or after a
 *     failed command) neither counts nor restarts the count, since it does not show that the drive can steer. A
 *     drive fault replaces the step's other fault in the record (all are counted), and the record's
 *     {@link StepRecord#left()} and {@link StepRecord#right()} say what the motors got: 0 if the {@code stop()}
 *     succeeded, {@code NaN} if it threw too (the motors' state is unknown), never the command that was not
 *     applied. {@link #driveReport()} says in one line what went wrong.</li>
 * </ul>
 * {@link #close()} stops the motors and closes the drive, each attempted even if the other throws, and never throws;
 * {@link #closeFailures()} keeps what they threw. {@code step()} after it does nothing.
 *
 * <p>Built once by {@link #builder()}, which validates everything and preallocates every buffer: {@code step()}
 * allocates nothing (exceptions thrown by a faulty part are its own). Not thread-safe: one thread steps a
 * controller; {@link #pauseLearning()} and friends are meant for that thread too (the simulator's
 * repositioning).
 */
public final class ClosedLoopController implements AutoCloseable {

    /** The order of learning and forward pass inside one step (docs/ALGORITHMS.md &sect;1). */
    public enum StepOrder {
        /**
         * Learn with {@code E(n)} on the activations of the previous forward pass {@code u(n-1)}, then forward
         * {@code u(n)} (the authors' robot; default).
         */
        LEARN_THEN_FORWARD,
        /** Forward {@code u(n)}, then learn with {@code E(n)} on it. */
        FORWARD_THEN_LEARN
    }

    /** The authors' base speed {@code v0} (docs/ALGORITHMS.md &sect;5). */
    public static final double DEFAULT_BASE_SPEED = 90.0;
    /** The authors' reflex gain {@code G_R} (docs/ALGORITHMS.md &sect;5). */
    public static final double DEFAULT_REFLEX_GAIN = 300.0;
    /** Sensor faults in a row steered through with the last good sample, by default. */
    public static final int DEFAULT_MAX_STALE_STEPS = 3;
    /**
     * Drive faults in a row after which the controller closes itself, by default: a few periods of a lost link are
     * retried, a drive that is gone is not driven forever.
     */
    public static final int DEFAULT_MAX_DRIVE_FAULTS = 5;

    private final SampleProvider reflexSensor;
    private final ReflexError reflexError;
    private final SampleProvider predictorSensor;
    private final FilterArray filters;
    private final Network network;
    private final Learner learner;
    private final StepOrder order;
    private final LookaheadPosition lookahead;
    private final DifferentialDrive drive;
    private final StepListener listener;
    private final double baseSpeed;
    private final double reflexGain;
    private final double networkGain;
    private final double[] leftMix;
    private final double[] rightMix;
    private final double maxSpeed;

    private final double[] reflexSample;
    private final double[] reflexGood;
    private final double[] predictorSample;
    private final double[] predictorGood;
    private final double[] inputs;
    private final double[] forwardInputs;
    private final double[] outputs;
    private final StepContext context = new StepContext();
    private final StepRecord record;

    private boolean haveGoodReflex;
    private boolean haveGoodPredictors;
    private double lastGoodError;
    /** Sensor faults in a row; beyond {@link #maxStaleSteps} the drive is stopped instead of steering stale. */
    private int consecutiveSensorFaults;
    private final int maxStaleSteps;
    private final int maxDriveFaults;
    /** Drive faults in a row; at {@link #maxDriveFaults} the controller closes itself. */
    private int consecutiveDriveFaults;
    private RuntimeException lastDriveFault;
    private boolean stoppedByDriveFaults;
    private RuntimeException stopFailure;
    private RuntimeException closeFailure;
    private boolean forwardValid;
    private boolean haveOutputs;
    private boolean learnedLastStep;
    private boolean learningPausedByUser;
    private int pauseCountdown;
    private boolean closed;

    private long steps;
    private long learnedSteps;
    private long pausedSteps;
    private long learnerFaults;
    private long outputFaults;
    private long sensorFaults;
    private long driveFaults;

    private ClosedLoopController(Builder b) {
        this.reflexSensor = b.reflexSensor;
        this.reflexError = b.reflexError;
        this.predictorSensor = b.predictorSensor;
        this.filters = b.filters;
        this.network = b.network;
        this.learner = b.rule == null ? null : b.rule.newLearner(b.network);
        this.order = b.order;
        this.lookahead = b.lookahead;
        this.drive = b.drive;
        this.listener = b.listener;
        this.baseSpeed = b.baseSpeed;
        this.reflexGain = b.reflexGain;
        this.maxStaleSteps = b.maxStaleSteps;
        this.maxDriveFaults = b.maxDriveFaults;
        this.networkGain = b.networkGain;
        this.leftMix = b.leftMix == null ? new double[0] : b.leftMix.clone();
        this.rightMix = b.rightMix == null ? new double[0] : b.rightMix.clone();
        this.maxSpeed = b.drive.maxSpeed();
        this.reflexSample = new double[reflexSensor.sampleSize()];
        this.reflexGood = new double[reflexSample.length];
        int nPredictors = predictorSensor == null ? 0 : predictorSensor.sampleSize();
        this.predictorSample = new double[nPredictors];
        this.predictorGood = new double[nPredictors];
        this.inputs = new double[network == null ? 0 : network.inputCount()];
        this.forwardInputs = new double[inputs.length];
        this.outputs = new double[network == null ? 0 : network.outputCount()];
        this.record = new StepRecord(network, lookahead != null);
    }

    /**
     * Starts a controller. Required: {@link Builder#reflexSensor}, {@link Builder#drive}. A learning controller
     * also needs {@link Builder#predictorSensor}, {@link Builder#filters}, {@link Builder#network} and
     * {@link Builder#rule}.
     *
     * @return a builder with the authors' defaults: {@link ReflexErrors#authors()}, {@code v0 = 90},
     *     {@code G_R = 300}, {@code G_N = 1}, output mixes {@code (50, 10, 2)} on both sides, learn then forward
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one control step (see the class comment). Never throws for a sensor, learner, network or drive fault;
     * those are counted and reported. After {@link Builder#maxDriveFaults} drive faults in a row it closes the
     * controller.
     *
     * @throws RuntimeException only what the {@link StepListener} throws (a listener must not throw)
     */
    public void step() {
        if (closed) {
            return;
        }
        steps++;
        final StepRecord r = record;
        r.step = steps;
        r.fault = StepFault.NONE;
        r.faultCause = null;
        r.learned = false;
        r.forwarded = false;
        r.modulation = Double.NaN;
        final boolean paused = learningPausedByUser || pauseCountdown > 0;
        if (pauseCountdown > 0) {
            pauseCountdown--;
        }
        if (paused) {
            pausedSteps++;
        }
        r.learningPaused = paused;

        boolean sensorOk = readSensors();
        if (!sensorOk && (!(haveGoodReflex && (predictorSensor == null || haveGoodPredictors))
                || consecutiveSensorFaults > maxStaleSteps)) {
            // No good sample yet, or the last one is too old to steer by: stand still.
            forwardValid = false;
            if (lookahead != null) {
                r.lookahead = lookahead.centre();
            }
            send(true, 0.0, 0.0);
            finish(true, lastGoodError);
            return;
        }
        final double e = lastGoodError;
        if (lookahead != null) {
            double q = lookahead.position(predictorGood, 0);
            context.setLookahead(q);
            r.lookahead = q;
        }

        boolean useNetwork = false;
        if (network != null && sensorOk) {
            if (order == StepOrder.LEARN_THEN_FORWARD) {
                learn(e, paused);
                useNetwork = forward() && r.fault == StepFault.NONE;
            } else {
                boolean ok = forward();
                if (ok) {
                    learn(e, paused);
                }
                useNetwork = ok && r.fault == StepFault.NONE;
            }
        } else if (network != null) {
            forwardValid = false;
        }
        if (!r.learned && learner != null) {
            learnedLastStep = false;
        }

        double reflex = reflexGain * e;
        double left = baseSpeed + reflex;
        double right = baseSpeed - reflex;
        if (useNetwork) {
            double sumLeft = 0.0;
            double sumRight = 0.0;
            for (int m = 0; m < outputs.length; m++) {
                sumLeft += leftMix[m] * outputs[m];
                sumRight += rightMix[m] * outputs[m];
            }
            left += networkGain * sumLeft;
            right -= networkGain * sumRight;
        }
        left = DifferentialDrive.safe(left, maxSpeed);
        right = DifferentialDrive.safe(right, maxSpeed);
        send(false, left, right);
        finish(!useNetwork, e);
    }

    /**
     * Sends the motor command ({@code stop()} or {@code drive(left, right)}); a throw is a drive fault. Records the
     * command the drive took: {@code left, right}; 0, 0 for a stop; NaN, NaN if it took none.
     */
    private void send(boolean stop, double left, double right) {
        try {
            if (stop) {
                drive.stop();
            } else {
                drive.drive(left, right);
            }
        } catch (RuntimeException ex) {
            driveFault(ex, stop);
            return;
        }
        applied(left, right);
        if (!stop) {
            // Only a command that steers proves the drive works: a stop() that succeeds while drive() keeps
            // throwing (the stale-sensor steps in between) must not restart the count, or the limit is never met.
            consecutiveDriveFaults = 0;
        }
    }

    private void driveFault(RuntimeException ex, boolean stopFailed) {
        driveFaults++;
        consecutiveDriveFaults++;
        lastDriveFault = ex;
        // Replaces an earlier fault of this step: a robot whose motors did not get their command matters most.
        record.fault = StepFault.DRIVE;
        record.faultCause = ex;
        // The motors' state is unknown unless the stop below succeeds.
        applied(Double.NaN, Double.NaN);
        if (!stopFailed) {
            try {
                drive.stop();
                applied(0.0, 0.0);
            } catch (RuntimeException again) {
                // The drive has failed already in this step; its first exception is the one reported.
            }
        }
        if (consecutiveDriveFaults >= maxDriveFaults) {
            stoppedByDriveFaults = true;
            close();
        }
    }

    /** Records the wheel commands the drive took in this step. */
    private void applied(double left, double right) {
        record.left = left;
        record.right = right;
    }

    private void finish(boolean reflexOnly, double e) {
        final StepRecord r = record;
        r.reflexOnly = reflexOnly;
        r.error = e;
        if (listener != null) {
            listener.onStep(r);
        }
    }

    /** Reads both sensors; on a fault records it and keeps the last good samples. Sets {@link #lastGoodError}. */
    private boolean readSensors() {
        try {
            reflexSensor.fetchSample(reflexSample, 0);
            if (predictorSensor != null) {
                predictorSensor.fetchSample(predictorSample, 0);
            }
        } catch (SensorException ex) {
            sensorFault(ex);
            return false;
        }
        if (!allFinite(reflexSample) || !allFinite(predictorSample)) {
            sensorFault(null);
            return false;
        }
        double e = reflexError.error(reflexSample, 0);
        if (!Double.isFinite(e)) {
            sensorFault(null);
            return false;
        }
        System.arraycopy(reflexSample, 0, reflexGood, 0, reflexSample.length);
        System.arraycopy(predictorSample, 0, predictorGood, 0, predictorSample.length);
        haveGoodReflex = true;
        haveGoodPredictors = true;
        lastGoodError = e;
        consecutiveSensorFaults = 0;
        return true;
    }

    private void sensorFault(SensorException ex) {
        sensorFaults++;
        consecutiveSensorFaults++;
        fault(StepFault.SENSOR, ex);
    }

    private void fault(StepFault kind, RuntimeException cause) {
        if (record.fault == StepFault.NONE) {
            record.fault = kind;
            record.faultCause = cause;
        }
    }

    private static boolean allFinite(double[] x) {
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k])) {
                return false;
            }
        }
        return true;
    }

    /** Learns with {@code e} on the last forward pass if allowed; records success or a learner fault. */
    private void learn(double e, boolean paused) {
        if (learner == null || paused || !forwardValid) {
            return;
        }
        if (!learnedLastStep) {
            learner.reset();
        }
        try {
            learner.learn(e, context);
        } catch (RuntimeException ex) {
            learnerFaults++;
            fault(StepFault.LEARNER, ex);
            return;
        }
        learnedLastStep = true;
        learnedSteps++;
        record.learned = true;
        record.modulation = learner.lastModulation();
        System.arraycopy(forwardInputs, 0, record.learnedInputs, 0, forwardInputs.length);
    }

    /** Filters {@code p(n)} into {@code u(n)} and runs the network; records an output fault. */
    private boolean forward() {
        filters.filter(predictorGood, inputs, 0);
        try {
            network.forward(inputs, outputs);
        } catch (IllegalArgumentException ex) {
            return outputFault(ex);
        }
        if (!allFinite(outputs)) {
            return outputFault(null);
        }
        System.arraycopy(inputs, 0, forwardInputs, 0, inputs.length);
        System.arraycopy(outputs, 0, record.outputs, 0, outputs.length);
        forwardValid = true;
        haveOutputs = true;
        record.forwarded = true;
        return true;
    }

    private boolean outputFault(IllegalArgumentException ex) {
        outputFaults++;
        forwardValid = false;
        fault(StepFault.OUTPUT, ex);
        return false;
    }

    /** Pauses learning until {@link #resumeLearning()}; the network keeps acting. */
    public void pauseLearning() {
        learningPausedByUser = true;
    }

    /**
     * Pauses learning for the next {@code nSteps} steps (the simulator's repositioning: 30 steps); counted in
     * {@link #pausedSteps()}. A longer pending pause is kept.
     *
     * @param nSteps the number of steps, {@code >= 0}
     * @throws IllegalArgumentException if {@code nSteps < 0}
     */
    public void pauseLearningFor(int nSteps) {
        if (nSteps < 0) {
            throw new IllegalArgumentException("nSteps must be >= 0, got " + nSteps);
        }
        pauseCountdown = Math.max(pauseCountdown, nSteps);
    }

    /** Resumes learning at the next step, ending both kinds of pause. */
    public void resumeLearning() {
        learningPausedByUser = false;
        pauseCountdown = 0;
    }

    /**
     * Returns whether the next step will not learn because of a pause.
     *
     * @return whether learning is paused
     */
    public boolean isLearningPaused() {
        return learningPausedByUser || pauseCountdown > 0;
    }

    /**
     * Stops the motors and closes the drive, each attempted even if the other throws; later {@link #step()} calls do
     * nothing. Calling it again does nothing. Never throws: what {@code stop()} and {@code close()} threw is kept in
     * {@link #closeFailures()} and in {@link #driveReport()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            drive.stop();
        } catch (RuntimeException ex) {
            stopFailure = ex;
        }
        try {
            drive.close();
        } catch (RuntimeException ex) {
            closeFailure = ex;
        }
    }

    /**
     * Returns what the drive threw while {@link #close()} stopped and closed it: {@code stop()}'s exception first,
     * then {@code close()}'s.
     *
     * @return the exceptions, empty if both succeeded or the controller is not closed; unmodifiable
     */
    public List<RuntimeException> closeFailures() {
        List<RuntimeException> failures = new ArrayList<>(2);
        if (stopFailure != null) {
            failures.add(stopFailure);
        }
        if (closeFailure != null) {
            failures.add(closeFailure);
        }
        return List.copyOf(failures);
    }

    /**
     * Returns the number of steps in which the drive threw ({@link StepFault#DRIVE}).
     *
     * @return the drive faults
     */
    public long driveFaults() {
        return driveFaults;
    }

    /**
     * Returns whether the controller closed itself after {@link Builder#maxDriveFaults} drive faults in a row.
     *
     * @return whether the drive faults ended the loop
     */
    public boolean stoppedByDriveFaults() {
        return stoppedByDriveFaults;
    }

    /**
     * Says in one line what the drive did wrong: its faults during the steps (with the last exception), whether they
     * stopped the controller, and what {@code stop()} and {@code close()} threw on {@link #close()}. Callers print it
     * as a warning.
     *
     * @return e.g. {@code the drive failed in 5 steps (last: IllegalStateException: port gone); the controller
     *     stopped after 5 in a row; close(): IllegalStateException: port gone}, or {@code ""} if the drive never
     *     threw
     */
    public String driveReport() {
        List<String> parts = new ArrayList<>(3);
        if (driveFaults > 0) {
            parts.add("the drive failed in " + driveFaults + (driveFaults == 1 ? " step" : " steps") + " (last: "
                    + Failures.describe(lastDriveFault) + ")");
        }
        if (stoppedByDriveFaults) {
            parts.add("the controller stopped after " + maxDriveFaults + " in a row");
        }
        if (stopFailure != null) {
            parts.add("stop() on close: " + Failures.describe(stopFailure));
        }
        if (closeFailure != null) {
            parts.add("close(): " + Failures.describe(closeFailure));
        }
        return String.join("; ", parts);
    }

    /**
     * Returns whether {@link #close()} has been called.
     *
     * @return whether closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Returns the number of steps run.
     *
     * @return the steps
     */
    public long steps() {
        return steps;
    }

    /**
     * Returns the number of steps in which the learner changed the network.
     *
     * @return the learning steps
     */
    public long learnedSteps() {
        return learnedSteps;
    }

    /**
     * Returns the number of steps run while learning was paused.
     *
     * @return the paused steps
     */
    public long pausedSteps() {
        return pausedSteps;
    }

    /**
     * Returns the number of steps in which the learner threw.
     *
     * @return the learner faults
     */
    public long learnerFaults() {
        return learnerFaults;
    }

    /**
     * Returns the number of steps whose forward pass overflowed or gave a non-finite output.
     *
     * @return the output faults
     */
    public long outputFaults() {
        return outputFaults;
    }

    /**
     * Returns the number of steps with a sensor fault.
     *
     * @return the sensor faults
     */
    public long sensorFaults() {
        return sensorFaults;
    }

    /**
     * Returns the network, or {@code null} for a reflex-only controller. Its weights change as it learns.
     *
     * @return the network
     */
    public Network network() {
        return network;
    }

    /**
     * Returns the learner, or {@code null} without a rule.
     *
     * @return the learner
     */
    public Learner learner() {
        return learner;
    }

    /**
     * Returns the record of the last step (read-only, overwritten by the next step).
     *
     * @return the record
     */
    public StepRecord lastStep() {
        return record;
    }

    /**
     * Returns the drive's clamp.
     *
     * @return {@code maxSpeed()} of the drive
     */
    public double maxSpeed() {
        return maxSpeed;
    }

    /**
     * Returns whether the network has produced an output yet.
     *
     * @return whether a forward pass has succeeded
     */
    public boolean hasOutputs() {
        return haveOutputs;
    }

    @Override
    public String toString() {
        return "ClosedLoopController[" + (network == null ? "reflex only" : network.toString()) + ", rule "
                + (learner == null ? "none" : learner.rule().toString()) + ", " + order + ", v0 " + baseSpeed
                + ", G_R " + reflexGain + ", G_N " + networkGain + ", mix " + Arrays.toString(leftMix) + " / "
                + Arrays.toString(rightMix) + "]";
    }

    /** Configures and builds a {@link ClosedLoopController}; validates everything in {@link #build()}. */
    public static final class Builder {
        private SampleProvider reflexSensor;
        private ReflexError reflexError = ReflexErrors.authors();
        private SampleProvider predictorSensor;
        private FilterArray filters;
        private Network network;
        private LearningRule rule;
        private StepOrder order = StepOrder.LEARN_THEN_FORWARD;
        private LookaheadPosition lookahead;
        private DifferentialDrive drive;
        private StepListener listener;
        private double baseSpeed = DEFAULT_BASE_SPEED;
        private double reflexGain = DEFAULT_REFLEX_GAIN;
        private int maxStaleSteps = DEFAULT_MAX_STALE_STEPS;
        private int maxDriveFaults = DEFAULT_MAX_DRIVE_FAULTS;
        private double networkGain = 1.0;
        private double[] leftMix;
        private double[] rightMix;

        private Builder() {
        }

        /**
         * Sets the sensor {@code E(n)} is computed from (required).
         *
         * @param value the reflex sensor
         * @return this builder
         */
        public Builder reflexSensor(SampleProvider value) {
            this.reflexSensor = Objects.requireNonNull(value, "reflexSensor");
            return this;
        }

        /**
         * Sets how {@code E(n)} is computed from the reflex sample (default {@link ReflexErrors#authors()}).
         *
         * @param value the error function
         * @return this builder
         */
        public Builder reflexError(ReflexError value) {
            this.reflexError = Objects.requireNonNull(value, "reflexError");
            return this;
        }

        /**
         * Sets the look-ahead sensor; its sample is the predictor vector {@code p(n)}.
         *
         * @param value the predictor sensor
         * @return this builder
         */
        public Builder predictorSensor(SampleProvider value) {
            this.predictorSensor = Objects.requireNonNull(value, "predictorSensor");
            return this;
        }

        /**
         * Sets the filter array from {@code p(n)} to the network inputs {@code u(n)}; it must take one predictor
         * per value of the predictor sample and give one output per network input. The controller steps it.
         *
         * @param value the filter array
         * @return this builder
         */
        public Builder filters(FilterArray value) {
            this.filters = Objects.requireNonNull(value, "filters");
            return this;
        }

        /**
         * Sets the network whose outputs are mixed into the motor command. The controller trains it in place.
         *
         * @param value the network
         * @return this builder
         */
        public Builder network(Network value) {
            this.network = Objects.requireNonNull(value, "network");
            return this;
        }

        /**
         * Sets the learning rule; {@code null} (default) means no learning.
         *
         * @param value the rule, or {@code null}
         * @return this builder
         */
        public Builder rule(LearningRule value) {
            this.rule = value;
            return this;
        }

        /**
         * Sets the order of learning and forward pass (default {@link StepOrder#LEARN_THEN_FORWARD}).
         *
         * @param value the order
         * @return this builder
         */
        public Builder order(StepOrder value) {
            this.order = Objects.requireNonNull(value, "order");
            return this;
        }

        /**
         * Sets where {@code q(n)} comes from, read from the predictor sample; without it the context has no
         * look-ahead position (so a look-ahead cue would make every learning step a learner fault).
         *
         * @param value the look-ahead position
         * @return this builder
         */
        public Builder lookahead(LookaheadPosition value) {
            this.lookahead = Objects.requireNonNull(value, "lookahead");
            return this;
        }

        /**
         * Sets the motors (required).
         *
         * @param value the drive
         * @return this builder
         */
        public Builder drive(DifferentialDrive value) {
            this.drive = Objects.requireNonNull(value, "drive");
            return this;
        }

        /**
         * Sets the listener called after every step (and once by {@link #build()}, {@link StepListener#onStart});
         * {@code null} for none.
         *
         * @param value the listener, or {@code null}
         * @return this builder
         */
        public Builder listener(StepListener value) {
            this.listener = value;
            return this;
        }

        /**
         * Sets the base speed {@code v0} (default 90).
         *
         * @param value {@code v0}, finite
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder baseSpeed(double value) {
            this.baseSpeed = Checks.requireFinite("baseSpeed", value);
            return this;
        }

        /**
         * Sets the reflex gain {@code G_R} (default 300).
         *
         * @param value {@code G_R}, finite
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder reflexGain(double value) {
            this.reflexGain = Checks.requireFinite("reflexGain", value);
            return this;
        }

        /**
         * Sets how many sensor faults in a row the controller steers through with the last good sample (default
         * {@value ClosedLoopController#DEFAULT_MAX_STALE_STEPS}); from the next one on it stops the drive until a good
         * sample arrives, so that a silent link does not leave the robot on a stale steering command.
         *
         * @param steps the number of stale steps, {@code >= 0} (0: stop at the first fault)
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder maxStaleSteps(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("maxStaleSteps must be >= 0, got " + steps);
            }
            this.maxStaleSteps = steps;
            return this;
        }

        /**
         * Sets after how many drive faults in a row ({@link StepFault#DRIVE}) the controller gives up and closes
         * itself (default {@value ClosedLoopController#DEFAULT_MAX_DRIVE_FAULTS}); fewer are retried by the next step.
         * Only a successful {@code drive(left, right)} restarts the count, not a successful {@code stop()}.
         * {@link Integer#MAX_VALUE} practically never gives up.
         *
         * @param faults the number of faults in a row, {@code >= 1} (1: the first drive fault ends the loop)
         * @return this builder
         * @throws IllegalArgumentException if {@code < 1}
         */
        public Builder maxDriveFaults(int faults) {
            if (faults < 1) {
                throw new IllegalArgumentException("maxDriveFaults must be >= 1, got " + faults);
            }
            this.maxDriveFaults = faults;
            return this;
        }

        /**
         * Sets the network gain {@code G_N} (default 1; the mixes carry the authors' gains).
         *
         * @param value {@code G_N}, finite
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder networkGain(double value) {
            this.networkGain = Checks.requireFinite("networkGain", value);
            return this;
        }

        /**
         * Sets the output mixes {@code c_m} (left) and {@code c'_m} (right); default {@code (50, 10, 2)} for both.
         * Their length must be the network's output count.
         *
         * @param left the left wheel's weights, all finite. Not modified (copied).
         * @param right the right wheel's weights, all finite. Not modified (copied).
         * @return this builder
         * @throws IllegalArgumentException if a weight is not finite or the lengths differ
         */
        public Builder outputMix(double[] left, double[] right) {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
            if (left.length != right.length) {
                throw new IllegalArgumentException("the output mixes must have the same length, got left "
                        + left.length + " and right " + right.length);
            }
            for (int m = 0; m < left.length; m++) {
                Checks.requireFinite("left mix[" + m + "]", left[m]);
                Checks.requireFinite("right mix[" + m + "]", right[m]);
            }
            this.leftMix = left.clone();
            this.rightMix = right.clone();
            return this;
        }

        /**
         * Builds the controller, creating the learner and every buffer, and calls the listener's
         * {@link StepListener#onStart}.
         *
         * @return the controller
         * @throws IllegalStateException if the reflex sensor or the drive is missing, or a rule, filters, a
         *     predictor sensor or a look-ahead position is given without what it needs
         * @throws IllegalArgumentException if sizes disagree: the reflex error does not fit the reflex sample, the
         *     filters' predictor count is not the predictor sample size, their output count is not the network's
         *     input count, the mixes' length is not the network's output count, the look-ahead row does not fit the
         *     predictor sample, or the drive's {@code maxSpeed()} is not finite and positive
         */
        public ClosedLoopController build() {
            if (reflexSensor == null) {
                throw new IllegalStateException("reflexSensor must be set");
            }
            if (drive == null) {
                throw new IllegalStateException("drive must be set");
            }
            double max = drive.maxSpeed();
            Checks.requirePositive("drive.maxSpeed()", max);
            int reflexSize = reflexSensor.sampleSize();
            if (reflexSize < 1) {
                throw new IllegalArgumentException("reflexSensor.sampleSize() must be >= 1, got " + reflexSize);
            }
            try {
                reflexError.error(new double[reflexSize], 0);
            } catch (IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("reflex error " + reflexError + " reads beyond the reflex sample of "
                        + reflexSize + " values", e);
            }
            if (rule != null && network == null) {
                throw new IllegalStateException("a rule needs a network: call network(...)");
            }
            if (lookahead != null && predictorSensor == null) {
                throw new IllegalStateException("a lookahead position needs a predictorSensor");
            }
            if (network == null) {
                if (filters != null) {
                    throw new IllegalStateException("filters need a network: call network(...)");
                }
            } else {
                if (predictorSensor == null) {
                    throw new IllegalStateException("a network needs a predictorSensor");
                }
                if (filters == null) {
                    throw new IllegalStateException("a network needs filters (a FilterArray)");
                }
                int nPredictors = predictorSensor.sampleSize();
                if (filters.predictorCount() != nPredictors) {
                    throw new IllegalArgumentException("filters take " + filters.predictorCount()
                            + " predictors, but the predictor sample has " + nPredictors + " values");
                }
                if (filters.outputCount() != network.inputCount()) {
                    throw new IllegalArgumentException("filters give " + filters.outputCount()
                            + " inputs, but the network has " + network.inputCount());
                }
                if (leftMix == null) {
                    leftMix = MotorMix.authors();
                    rightMix = MotorMix.authors();
                }
                if (leftMix.length != network.outputCount()) {
                    throw new IllegalArgumentException("the output mixes have " + leftMix.length
                            + " weights, but the network has " + network.outputCount()
                            + " outputs: set outputMix(left, right) to match");
                }
            }
            if (predictorSensor != null && predictorSensor.sampleSize() < 1) {
                throw new IllegalArgumentException("predictorSensor.sampleSize() must be >= 1, got "
                        + predictorSensor.sampleSize());
            }
            if (lookahead != null && lookahead.rowOffset() + lookahead.columns() > predictorSensor.sampleSize()) {
                throw new IllegalArgumentException("the lookahead row " + lookahead.rowOffset() + " .. "
                        + (lookahead.rowOffset() + lookahead.columns() - 1) + " does not fit the predictor sample of "
                        + predictorSensor.sampleSize() + " values");
            }
            ClosedLoopController controller = new ClosedLoopController(this);
            if (listener != null) {
                // Before any step, so that a session stopped before its first step still has a complete log.
                listener.onStart(controller.record);
            }
            return controller;
        }
    }
}
