// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

/**
 * The activation functions a layer can use (docs/ALGORITHMS.md &sect;3).
 *
 * <p>Each function is given with its derivative expressed through the pre-activation {@code v} and
 * the activation {@code f = f(v)}, so that a backward pass reuses what the forward pass stored. The
 * names are part of the checkpoint format (docs/DESIGN.md, "Network checkpoint JSON") and never change.
 */
public enum Activation {

    /**
     * The authors' choice: {@code f(v) = 1/(1+e^-v) - 0.5}, {@code f'(v) = (0.5+f)(0.5-f)}; {@code f(0) = 0},
     * {@code f'(0) = 0.25}.
     */
    CENTERED_SIGMOID,

    /** The logistic function {@code f(v) = 1/(1+e^-v)}, {@code f'(v) = f(1-f)}. */
    SIGMOID,

    /** {@code f(v) = tanh(v)}, {@code f'(v) = 1 - f^2}. */
    TANH,

    /** {@code f(v) = v}, {@code f'(v) = 1}. */
    LINEAR,

    /** {@code f(v) = max(0, v)}, {@code f'(v) = 1} for {@code v > 0}, else 0. */
    RELU;

    /**
     * Evaluates the function.
     *
     * @param v the pre-activation
     * @return {@code f(v)}
     */
    public double value(double v) {
        switch (this) {
            case CENTERED_SIGMOID:
                return 1.0 / (1.0 + Math.exp(-v)) - 0.5;
            case SIGMOID:
                return 1.0 / (1.0 + Math.exp(-v));
            case TANH:
                return Math.tanh(v);
            case LINEAR:
                return v;
            case RELU:
                return v > 0.0 ? v : 0.0;
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * Evaluates the derivative at {@code v}, given {@code f = value(v)}.
     *
     * @param v the pre-activation
     * @param f the activation {@code value(v)}, as stored by the forward pass
     * @return {@code f'(v)}
     */
    public double derivative(double v, double f) {
        switch (this) {
            case CENTERED_SIGMOID:
                return (0.5 + f) * (0.5 - f);
            case SIGMOID:
                return f * (1.0 - f);
            case TANH:
                return 1.0 - f * f;
            case LINEAR:
                return 1.0;
            case RELU:
                return v > 0.0 ? 1.0 : 0.0;
            default:
                throw new AssertionError(this);
        }
    }
}
