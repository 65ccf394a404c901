// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Objects;

/**
 * What the environment tells a learning rule about the current control step, besides the error: the
 * look-ahead position {@code q(n)} for the look-ahead cue, an optional modulation given directly, and
 * free numeric signals for user-written {@link Cue}s.
 *
 * <p>The environment (a controller, the replay tool) owns one context, sets what it knows before each
 * {@link Learner#learn} call, and reuses it: nothing here allocates. The learner fills in
 * {@link #error()} and {@link #previousError()} before it evaluates any cue, so cues read them here.
 * Values the environment sets stay until it changes or clears them.
 *
 * <p>Not thread-safe.
 */
public final class StepContext {

    private double error;
    private double previousError;
    private double lookahead = Double.NaN;
    private double modulation = Double.NaN;
    private final double[] signals;

    /** A context without user signals. */
    public StepContext() {
        this(0);
    }

    /**
     * A context with {@code nSignals} user signals, all zero.
     *
     * @param nSignals the number of user signals, {@code >= 0}
     * @throws IllegalArgumentException if {@code nSignals < 0}
     */
    public StepContext(int nSignals) {
        if (nSignals < 0) {
            throw new IllegalArgumentException("nSignals must be >= 0, got " + nSignals);
        }
        this.signals = new double[nSignals];
    }

    /**
     * Returns the closed-loop error {@code E(n)} of the step being learned (the mean of the per-output
     * errors when those were given), as the rule's cues see it: the sign rules saturate it to their
     * {@linkplain SignAndRelevance#cueErrorLimit() cue error limit}. Set by the learner.
     *
     * @return {@code E(n)}
     */
    public double error() {
        return error;
    }

    /**
     * Returns the error of the learner's previous step, {@code E(n-1)}, as the cues see it (like
     * {@link #error()}); 0 at the first step. Set by the learner.
     *
     * @return {@code E(n-1)}
     */
    public double previousError() {
        return previousError;
    }

    /**
     * Returns the look-ahead position {@code q(n)}: the 1-based column where the look-ahead sensors see
     * the path; {@code NaN} when not set.
     *
     * @return {@code q(n)} or {@code NaN}
     */
    public double lookahead() {
        return lookahead;
    }

    /**
     * Returns whether {@link #lookahead()} is set.
     *
     * @return whether {@code q(n)} is set
     */
    public boolean hasLookahead() {
        return !Double.isNaN(lookahead);
    }

    /**
     * Sets the look-ahead position.
     *
     * @param q the 1-based column where the path is seen; finite
     * @return this context
     * @throws IllegalArgumentException if {@code q} is not finite; the context is then unchanged
     */
    public StepContext setLookahead(double q) {
        if (!Double.isFinite(q)) {
            throw new IllegalArgumentException("lookahead q must be finite, got " + q);
        }
        this.lookahead = q;
        return this;
    }

    /**
     * Forgets the look-ahead position.
     *
     * @return this context
     */
    public StepContext clearLookahead() {
        this.lookahead = Double.NaN;
        return this;
    }

    /**
     * Returns the modulation given directly, which overrides the rule's own relevance or cue product;
     * {@code NaN} when not set. Back-propagation ignores it.
     *
     * @return the modulation {@code M(n)} or {@code NaN}
     */
    public double modulation() {
        return modulation;
    }

    /**
     * Returns whether {@link #modulation()} is set.
     *
     * @return whether a modulation is given
     */
    public boolean hasModulation() {
        return !Double.isNaN(modulation);
    }

    /**
     * Gives the modulation {@code M(n)} directly, overriding the rule's cues (the replay log's {@code mod}
     * column).
     *
     * @param m the modulation, finite and {@code >= 0}
     * @return this context
     * @throws IllegalArgumentException if {@code m} is negative or not finite; the context is then unchanged
     */
    public StepContext setModulation(double m) {
        if (!(m >= 0) || m == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("modulation must be finite and >= 0, got " + m);
        }
        this.modulation = m;
        return this;
    }

    /**
     * Forgets the modulation given directly, so that the rule's cues act again.
     *
     * @return this context
     */
    public StepContext clearModulation() {
        this.modulation = Double.NaN;
        return this;
    }

    /**
     * Returns the number of user signals.
     *
     * @return the number of user signals
     */
    public int signalCount() {
        return signals.length;
    }

    /**
     * Returns a user signal.
     *
     * @param k the signal index, {@code 0..signalCount()-1}
     * @return its value
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     */
    public double signal(int k) {
        return signals[Objects.checkIndex(k, signals.length)];
    }

    /**
     * Sets a user signal, for a user-written {@link Cue} to read.
     *
     * @param k the signal index, {@code 0..signalCount()-1}
     * @param value its value, finite
     * @return this context
     * @throws IndexOutOfBoundsException if {@code k} is out of range
     * @throws IllegalArgumentException if {@code value} is not finite; the context is then unchanged
     */
    public StepContext setSignal(int k, double value) {
        Objects.checkIndex(k, signals.length);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("signal[" + k + "] must be finite, got " + value);
        }
        signals[k] = value;
        return this;
    }

    void setErrors(double current, double previous) {
        this.error = current;
        this.previousError = previous;
    }
}
