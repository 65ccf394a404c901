// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

/**
 * A real-time filter with one input and {@link #size()} outputs per sample, written into the caller's
 * array (as leJOS's {@code fetchSample(dst, offset)}): a {@link ResonatorBank} or {@link DelayTaps}.
 * {@link FilterArray} puts one bank behind each predictor signal. {@link #filter(double, double[], int)}
 * allocates nothing.
 *
 * <p>Implementations are not thread-safe: one thread filters one signal through one instance.
 */
public interface FilterBank {

    /**
     * The number of outputs per sample.
     *
     * @return the number of outputs, {@code >= 1}
     */
    int size();

    /**
     * Filters the next sample into {@code dst[offset .. offset + size() - 1]}, output {@code k} at
     * {@code dst[offset + k]}.
     *
     * @param x the input sample, finite
     * @param dst receives the outputs. Modified at {@code offset .. offset + size() - 1} only.
     * @param offset the index in {@code dst} of output 0, {@code >= 0}
     * @throws IllegalArgumentException if {@code x} is not finite, {@code offset < 0} or {@code dst} is shorter
     *     than {@code offset + size()} (the state and {@code dst} are then unchanged)
     * @throws NullPointerException if {@code dst} is {@code null}
     */
    void filter(double x, double[] dst, int offset);

    /** Clears the state: as if every past input had been 0. */
    void reset();

    /**
     * Sets the state as if the input had been {@code steadyInput} forever (the steady state): filtering
     * {@code steadyInput} from now on gives constant outputs, output {@code k} being its DC gain times
     * {@code steadyInput}, from the first sample.
     *
     * @param steadyInput the constant past input, finite
     * @throws IllegalArgumentException if {@code steadyInput} is not finite (the state is then unchanged)
     */
    void reset(double steadyInput);
}
