// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * The look-ahead position {@code q(n)} of the look-ahead cue (docs/ALGORITHMS.md &sect;3): the 1-based column where
 * the farthest row of look-ahead sensors sees the path, the argmax of that row's predictor values (the first
 * column on a tie). The centre is {@code (columns + 1) / 2}; give the same centre to the rule's cue,
 * {@code Cues.lookahead(position.centre(), kappa)}.
 *
 * <p>When no sensor of the row sees the path (every value {@code <=} the threshold), the position is by default
 * the centre, so that the look-ahead cue gives 0: nothing ahead calls for a turn, and learning is not driven by
 * a stale bend. {@link Unseen#KEEP_LAST} keeps the last seen position instead (the centre before the first).
 *
 * <p>Configuration is fixed; the only state is the last position ({@link #reset()}). Allocation-free. Not
 * thread-safe.
 */
public final class LookaheadPosition {

    /** What the position is when no sensor of the row sees the path. */
    public enum Unseen {
        /** The centre: the look-ahead cue gives 0 (default). */
        CENTRE,
        /** The last position where the path was seen; the centre before that. */
        KEEP_LAST
    }

    private final int columns;
    private final int rowOffset;
    private final double threshold;
    private final Unseen unseen;
    private final double centre;
    private double last;

    /**
     * A position over {@code columns} sensors starting at {@code rowOffset} in the predictor sample, with threshold
     * 0 and {@link Unseen#CENTRE}.
     *
     * @param columns the number of sensors in the farthest row, {@code >= 1}
     * @param rowOffset the index of that row's column 1 in the predictor sample, {@code >= 0}
     * @throws IllegalArgumentException if {@code columns < 1} or {@code rowOffset < 0}
     */
    public LookaheadPosition(int columns, int rowOffset) {
        this(columns, rowOffset, 0.0, Unseen.CENTRE);
    }

    /**
     * A position with every option.
     *
     * @param columns the number of sensors in the farthest row, {@code >= 1}
     * @param rowOffset the index of that row's column 1 in the predictor sample, {@code >= 0}
     * @param threshold a sensor sees the path when its predictor value is above this; finite
     * @param unseen what the position is when no sensor sees the path
     * @throws IllegalArgumentException if {@code columns < 1}, {@code rowOffset < 0} or {@code threshold} is not
     *     finite
     * @throws NullPointerException if {@code unseen} is {@code null}
     */
    public LookaheadPosition(int columns, int rowOffset, double threshold, Unseen unseen) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, got " + columns);
        }
        if (rowOffset < 0) {
            throw new IllegalArgumentException("rowOffset must be >= 0, got " + rowOffset);
        }
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, got " + threshold);
        }
        if (unseen == null) {
            throw new NullPointerException("unseen");
        }
        this.columns = columns;
        this.rowOffset = rowOffset;
        this.threshold = threshold;
        this.unseen = unseen;
        this.centre = (columns + 1) / 2.0;
        this.last = centre;
    }

    /**
     * Returns {@code q(n)} for one predictor sample, and remembers it.
     *
     * @param predictors the whole predictor sample. Not modified.
     * @param offset where the sample starts in {@code predictors}; the row is read at
     *     {@code offset + rowOffset() .. offset + rowOffset() + columns() - 1}
     * @return the 1-based column, in {@code [1, columns]}
     * @throws IndexOutOfBoundsException if the row does not fit in {@code predictors}
     */
    public double position(double[] predictors, int offset) {
        final int from = offset + rowOffset;
        if (from < 0 || from + columns > predictors.length) {
            throw new IndexOutOfBoundsException("the row " + from + " .. " + (from + columns - 1)
                    + " does not fit in predictors of length " + predictors.length);
        }
        int best = -1;
        double max = threshold;
        for (int c = 0; c < columns; c++) {
            double v = predictors[from + c];
            if (v > max) {
                max = v;
                best = c;
            }
        }
        if (best >= 0) {
            last = best + 1;
            return last;
        }
        if (unseen == Unseen.CENTRE) {
            last = centre;
        }
        return last;
    }

    /** Forgets the last position: it is the centre again. */
    public void reset() {
        last = centre;
    }

    /**
     * Returns the centre column {@code (columns + 1) / 2}.
     *
     * @return the centre
     */
    public double centre() {
        return centre;
    }

    /**
     * Returns the number of columns of the farthest row.
     *
     * @return the columns
     */
    public int columns() {
        return columns;
    }

    /**
     * Returns the index of the farthest row's first column in the predictor sample.
     *
     * @return the row offset
     */
    public int rowOffset() {
        return rowOffset;
    }

    /**
     * Returns the threshold above which a sensor sees the path.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * Returns what the position is when the path is not seen.
     *
     * @return the policy
     */
    public Unseen unseen() {
        return unseen;
    }

    @Override
    public String toString() {
        return "LookaheadPosition[columns " + columns + " from " + rowOffset + ", threshold " + threshold + ", unseen "
                + unseen + "]";
    }
}
