// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.Objects;
import org.pamlearn.core.Network;

/**
 * What happened in one control step of a {@link ClosedLoopController}, as seen by a {@link StepListener}. The
 * controller owns one record, overwrites it at every step and hands it out read-only, so that monitoring
 * allocates nothing; a listener reads it during its call and must not keep it.
 *
 * <p>Learning pairs: {@link #learned()} says whether the learner changed the network in this step, and
 * {@link #learnedInput(int)} holds the inputs of the forward pass it learned on. With the default order
 * ({@link ClosedLoopController.StepOrder#LEARN_THEN_FORWARD}) those are the previous step's inputs
 * {@code u(n-1)}; forward-then-learn uses this step's {@code u(n)}. Replaying "forward(learned inputs), then
 * learn(error) with modulation" row by row reproduces the controller's weights (see {@link SessionLogger}).
 *
 * <p>Not thread-safe: read it on the control thread, during the listener call.
 */
public final class StepRecord {

    long step;
    double error;
    double lookahead = Double.NaN;
    double modulation = Double.NaN;
    double left;
    double right;
    boolean forwarded;
    boolean learned;
    boolean learningPaused;
    boolean reflexOnly;
    StepFault fault = StepFault.NONE;
    RuntimeException faultCause;
    final double[] outputs;
    final double[] learnedInputs;
    private final Network network;
    private final boolean hasLookahead;

    StepRecord(Network network, boolean hasLookahead) {
        this.network = network;
        this.hasLookahead = hasLookahead;
        this.outputs = new double[network == null ? 0 : network.outputCount()];
        this.learnedInputs = new double[network == null ? 0 : network.inputCount()];
    }

    /**
     * Returns the step number, counted from 1.
     *
     * @return the step number
     */
    public long step() {
        return step;
    }

    /**
     * Returns the closed-loop error {@code E(n)} this step acted (and, if {@link #learned()}, learned) on. After a
     * sensor fault it is the error of the last good sample, or 0 if there was none.
     *
     * @return {@code E(n)}, finite
     */
    public double error() {
        return error;
    }

    /**
     * Returns the look-ahead position {@code q(n)} set into the learner's context.
     *
     * @return the 1-based column, or {@code NaN} if the controller has no {@link LookaheadPosition}
     */
    public double lookahead() {
        return lookahead;
    }

    /**
     * Returns whether the controller computes {@code q(n)} (it has a {@link LookaheadPosition}); known before the
     * first step ({@link StepListener#onStart}).
     *
     * @return whether {@link #lookahead()} is a position (from the first step on)
     */
    public boolean hasLookahead() {
        return hasLookahead;
    }

    /**
     * Returns the modulation {@code M(n)} the learner used in this step ({@code Learner.lastModulation()}: 1 for
     * back-propagation, the relevance for Sign-and-Relevance, the cue product for Prime-and-Modulate).
     *
     * @return {@code M(n)}, or {@code NaN} if the step did not learn
     */
    public double modulation() {
        return modulation;
    }

    /**
     * Returns the left wheel's command that the drive took in this step: the clamped command of a successful
     * {@code drive(left, right)}; 0 when the motors were stopped instead (a stale or missing sensor sample, or a
     * {@link StepFault#DRIVE} fault whose {@code stop()} succeeded); {@code NaN} when the drive took nothing (its
     * {@code stop()} threw too, so the motors' state is unknown). A command the drive refused is never recorded.
     *
     * @return the command, within {@code [-maxSpeed, maxSpeed]}, or {@code NaN}
     */
    public double left() {
        return left;
    }

    /**
     * Returns the right wheel's command that the drive took in this step: the clamped command of a successful
     * {@code drive(left, right)}; 0 when the motors were stopped instead (a stale or missing sensor sample, or a
     * {@link StepFault#DRIVE} fault whose {@code stop()} succeeded); {@code NaN} when the drive took nothing (its
     * {@code stop()} threw too, so the motors' state is unknown). A command the drive refused is never recorded.
     *
     * @return the command, within {@code [-maxSpeed, maxSpeed]}, or {@code NaN}
     */
    public double right() {
        return right;
    }

    /**
     * Returns whether the network ran a forward pass in this step, so that {@link #output(int)} is this step's.
     *
     * @return whether the outputs are fresh
     */
    public boolean forwarded() {
        return forwarded;
    }

    /**
     * Returns the number of network outputs (0 without a network).
     *
     * @return the number of outputs
     */
    public int outputCount() {
        return outputs.length;
    }

    /**
     * Returns a network output of the last successful forward pass (this step's if {@link #forwarded()}).
     *
     * @param m the output index, {@code 0 .. outputCount() - 1}
     * @return the output {@code o_m}; 0 before the first forward pass
     * @throws IndexOutOfBoundsException if {@code m} is out of range
     */
    public double output(int m) {
        return outputs[Objects.checkIndex(m, outputs.length)];
    }

    /**
     * Returns whether the learner changed the network in this step.
     *
     * @return whether this step learned
     */
    public boolean learned() {
        return learned;
    }

    /**
     * Returns the number of network inputs (0 without a network).
     *
     * @return the number of inputs
     */
    public int inputCount() {
        return learnedInputs.length;
    }

    /**
     * Returns an input of the forward pass this step learned on.
     *
     * @param i the input index, {@code 0 .. inputCount() - 1}
     * @return the input {@code u_i}; meaningful only if {@link #learned()} (otherwise the last learned step's)
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public double learnedInput(int i) {
        return learnedInputs[Objects.checkIndex(i, learnedInputs.length)];
    }

    /**
     * Returns whether the motor command of this step was the reflex alone, because of a fault or because there is
     * no usable network output (no network, or no successful forward pass yet).
     *
     * @return whether the network's output was left out of the motor command
     */
    public boolean reflexOnly() {
        return reflexOnly;
    }

    /**
     * Returns the fault of this step: the first one if several happened (each is counted by the controller), except
     * that a {@link StepFault#DRIVE} fault, the one that matters most to a robot, replaces an earlier one.
     *
     * @return the fault, {@link StepFault#NONE} if none
     */
    public StepFault fault() {
        return fault;
    }

    /**
     * Returns the exception behind {@link #fault()}, for the message.
     *
     * @return the exception, or {@code null} if there was none (no fault, or a non-finite value without one)
     */
    public RuntimeException faultCause() {
        return faultCause;
    }

    /**
     * Returns whether learning was paused in this step ({@link ClosedLoopController#pauseLearning()} or
     * {@link ClosedLoopController#pauseLearningFor(int)}).
     *
     * @return whether learning was paused
     */
    public boolean learningPaused() {
        return learningPaused;
    }

    /**
     * Returns the number of network layers (0 without a network).
     *
     * @return the number of layers
     */
    public int layerCount() {
        return network == null ? 0 : network.layerCount();
    }

    /**
     * Returns how far a layer's weights have moved from their initial values ({@link Network#weightDistance});
     * computed on each call, allocation-free.
     *
     * @param layer the layer index, {@code 0 .. layerCount() - 1}
     * @return the distance, {@code >= 0}
     * @throws IndexOutOfBoundsException if {@code layer} is out of range
     */
    public double weightDistance(int layer) {
        Objects.checkIndex(layer, layerCount());
        return network.weightDistance(layer);
    }
}
