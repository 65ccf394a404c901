// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

/**
 * A real-time filter with one input and one output per sample: immutable coefficients and a small
 * mutable state (the shape of WPILib's {@code BiquadFilter}). {@link #filter(double)} allocates nothing.
 *
 * <p>Implementations are not thread-safe: one thread filters one signal through one instance.
 */
public interface Filter {

    /**
     * Filters the next sample.
     *
     * @param x the input sample, finite
     * @return the output sample, also kept as {@link #lastValue()}
     * @throws IllegalArgumentException if {@code x} is NaN or infinite (the state is then unchanged)
     */
    double filter(double x);

    /**
     * The output of the last {@link #filter(double)} call: 0 after {@link #reset()}, the steady output
     * after {@link #reset(double)}.
     *
     * @return the last output sample
     */
    double lastValue();

    /** Clears the state: as if every past input had been 0. */
    void reset();

    /**
     * Sets the state as if the input had been {@code steadyInput} forever (the steady state): filtering
     * {@code steadyInput} from now on gives the constant output {@code dcGain * steadyInput} from the first
     * sample.
     *
     * @param steadyInput the constant past input, finite
     * @throws IllegalArgumentException if {@code steadyInput} is not finite, or the filter has no finite
     *     DC gain (a pole at {@code z = 1}); the state is then unchanged
     */
    void reset(double steadyInput);
}
