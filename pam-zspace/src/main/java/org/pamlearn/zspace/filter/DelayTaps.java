// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import java.util.Arrays;
import org.pamlearn.zspace.internal.Checks;

/**
 * Delay taps (docs/ALGORITHMS.md &sect;4, the authors' real robot): {@code D} delayed copies of one signal,
 * output {@code d} being {@code p(n - d)}, {@code d = 0 .. D - 1}, with zero history. A ring buffer of the
 * last {@code D} inputs: {@link #filter(double, double[], int)} allocates nothing.
 *
 * <p>Not thread-safe: one thread filters one signal through one instance.
 */
public final class DelayTaps implements FilterBank {

    private final double[] history;
    /** Index in {@code history} of the newest input. */
    private int newest;

    /**
     * Delay taps with zero history.
     *
     * @param taps the number of taps {@code D}, {@code >= 1} (one tap passes the signal through)
     * @throws IllegalArgumentException if {@code taps < 1}
     */
    public DelayTaps(int taps) {
        if (taps < 1) {
            throw new IllegalArgumentException("taps must be >= 1, got " + taps);
        }
        this.history = new double[taps];
    }

    @Override
    public int size() {
        return history.length;
    }

    @Override
    public void filter(double x, double[] dst, int offset) {
        Checks.requireFinite("x", x);
        Checks.requireRoom(dst, offset, history.length);
        final double[] h = history;
        final int taps = h.length;
        int i = newest + 1 == taps ? 0 : newest + 1;
        newest = i;
        h[i] = x;
        for (int d = 0; d < taps; d++) {
            dst[offset + d] = h[i];
            i = (i == 0 ? taps : i) - 1;
        }
    }

    @Override
    public void reset() {
        Arrays.fill(history, 0.0);
    }

    @Override
    public void reset(double steadyInput) {
        Checks.requireFinite("steadyInput", steadyInput);
        Arrays.fill(history, steadyInput);
    }

    @Override
    public String toString() {
        return "DelayTaps[" + history.length + "]";
    }
}
