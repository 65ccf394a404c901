// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import java.util.Objects;
import org.pamlearn.core.Network;
import org.pamlearn.core.internal.ComputeEngine;
import org.pamlearn.core.internal.DenseLayer;
import org.pamlearn.core.internal.NetworkAccess;
import org.pamlearn.core.internal.NetworkState;

/**
 * What every learner does around the rule's math: validation at the boundary, the error buffer, the
 * error history that cues read, and the order "check everything, then change weights".
 */
abstract class AbstractLearner implements Learner {

    final Network network;
    final NetworkState state;
    /** Per-output errors of the current step, length = outputs. */
    final double[] errors;
    /** Per-row step scale handed to the engine (batch size 1). */
    private final double[] scale = new double[1];
    private final LearningRule rule;
    private final StepGuard guard;
    private double previousError;
    private double lastModulation = Double.NaN;

    AbstractLearner(LearningRule rule, Network network) {
        this.rule = rule;
        this.network = Objects.requireNonNull(network, "network");
        this.state = NetworkAccess.state(network);
        this.errors = new double[network.outputCount()];
        this.guard = new StepGuard(state);
    }

    @Override
    public final void learn(double error, StepContext context) {
        Objects.requireNonNull(context, "context");
        if (!Double.isFinite(error)) {
            throw new IllegalArgumentException("error must be finite, got " + error);
        }
        requireForward();
        double m = modulation(error, context);
        checkStep(m);
        for (int k = 0; k < errors.length; k++) {
            errors[k] = error;
        }
        apply(m);
        previousError = error;
        lastModulation = m;
    }

    @Override
    public final void learn(double[] errorsIn, StepContext context) {
        Objects.requireNonNull(errorsIn, "errors");
        Objects.requireNonNull(context, "context");
        if (errorsIn.length != errors.length) {
            throw new IllegalArgumentException("errors.length must be " + errors.length + ", got " + errorsIn.length);
        }
        // Summing e/n rather than e keeps the mean of finite errors finite.
        final double n = errorsIn.length;
        double mean = 0.0;
        for (int k = 0; k < errorsIn.length; k++) {
            if (!Double.isFinite(errorsIn[k])) {
                throw new IllegalArgumentException("errors[" + k + "] must be finite, got " + errorsIn[k]);
            }
            mean += errorsIn[k] / n;
        }
        requireForward();
        double m = modulation(mean, context);
        checkStep(m);
        System.arraycopy(errorsIn, 0, errors, 0, errors.length);
        apply(m);
        previousError = mean;
        lastModulation = m;
    }

    private void requireForward() {
        if (!state.forwarded) {
            throw new IllegalStateException(
                    "learn needs the activations of a forward pass: call network.forward first");
        }
    }

    private double modulation(double error, StepContext context) {
        context.setErrors(cueError(error), cueError(previousError));
        return modulation(context);
    }

    /**
     * Returns the error as the rule's cues see it, in {@link StepContext#error()} and
     * {@link StepContext#previousError()}; the error itself by default.
     */
    double cueError(double e) {
        return e;
    }

    /**
     * Returns the step's modulation; called after the context holds {@code E(n)} and {@code E(n-1)}, before
     * any weight changes.
     *
     * @throws IllegalArgumentException if the modulation is not finite and {@code >= 0}
     */
    abstract double modulation(StepContext context);

    /**
     * Checks that a step with modulation {@code m} cannot overflow before any weight changes; nothing to check
     * by default.
     *
     * @throws IllegalArgumentException if it can
     */
    void checkStep(double m) {
    }

    /** Runs the rule's math on {@link #errors} with modulation {@code m}; changes weights and deltas. */
    abstract void apply(double m);

    /**
     * The backward pass all rules share: output delta from {@link #errors}, then top-down each lower layer's
     * delta from this layer's weights before they change, and this layer's update {@code W += step * g' * A^T},
     * where {@code g'} is the delta, or its sign for the sign rules. A step that would make a weight, bias or delta
     * NaN or infinite is refused first ({@link StepGuard}).
     *
     * @param step {@code eta} for BP, {@code eta * M(n)} for the sign rules
     * @param outputDerivative whether the output delta includes {@code f'(v)}
     * @param signed whether only the sign of each delta acts at a synapse
     * @param signOnly whether signs, not real-valued deltas, travel backwards
     * @throws IllegalArgumentException if the step would make a weight, bias or delta NaN or infinite; nothing has
     *     changed then
     */
    final void backward(double step, boolean outputDerivative, boolean signed, boolean signOnly) {
        guard.check(errors, step, outputDerivative, signed, signOnly);
        final ComputeEngine engine = state.engine;
        final DenseLayer[] layers = state.layers;
        final int last = layers.length - 1;
        DenseLayer out = layers[last];
        engine.outputDelta(1, errors, out.nOut, out.activation, outputDerivative, out.z, out.a, out.delta);
        if (signOnly) {
            engine.signInPlace(out.nOut, out.delta);
        }
        scale[0] = step;
        for (int l = last; l >= 0; l--) {
            DenseLayer layer = layers[l];
            if (l > 0) {
                DenseLayer below = layers[l - 1];
                engine.hiddenDeltaAndUpdate(1, scale, layer.delta, signed, layer.nOut, below.a, layer.nIn, layer.w,
                        layer.bias, below.activation, below.z, below.delta);
                if (signOnly) {
                    engine.signInPlace(below.nOut, below.delta);
                }
            } else {
                engine.update(1, scale, layer.delta, signed, layer.nOut, state.input, layer.nIn, layer.w, layer.bias);
            }
        }
        guard.commit();
    }

    @Override
    public final double lastModulation() {
        return lastModulation;
    }

    @Override
    public final double previousError() {
        return previousError;
    }

    @Override
    public final void reset() {
        previousError = 0.0;
        lastModulation = Double.NaN;
    }

    @Override
    public final Network network() {
        return network;
    }

    @Override
    public final LearningRule rule() {
        return rule;
    }
}
