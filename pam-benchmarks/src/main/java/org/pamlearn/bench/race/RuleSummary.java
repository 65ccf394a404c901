// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule at one depth and initialisation of a sweep: its runs per learning rate of the grid, its best rate and the
 * range of rates where most seeds converge.
 */
final class RuleSummary {

    /**
     * The runs of a rule at one learning rate.
     *
     * @param runs the runs
     * @param converged how many converged
     * @param times per seed index {@code T = t_rel + W} (a non-converged run's is above {@code N - hold + W}),
     *     {@code null} where the run is missing
     * @param median the median {@code t_rel}
     * @param interval the bootstrap 95% interval of {@link #median}: lower and upper end
     * @param fclMedian the median of FCL's steps ({@link CompareRow#countedSteps()})
     * @param fclThenDiverged the runs that met FCL's criterion with the hold left and did not converge
     *     ({@link CompareRow#fclThenDiverged()})
     * @param meanFirstLayerDw the mean over the runs of the mean first-layer |dw| per step
     */
    record Point(int runs, int converged, Censored[] times, Censored median, Censored[] interval, Censored fclMedian,
            int fclThenDiverged, double meanFirstLayerDw) {

        /**
         * Summarises the runs at one rate.
         *
         * @param bySeed the rows by seed index, {@code null} where missing, at least one present. Not modified.
         * @param window {@code W}
         * @param notConverged the bound a non-converged run's {@code t_rel} exceeds, {@code N - hold}
         * @param key names the point, seeds the bootstrap
         * @return the point
         */
        static Point of(CompareRow[] bySeed, int window, long notConverged, String key) {
            Censored[] times = new Censored[bySeed.length];
            List<Censored> tRel = new ArrayList<>();
            List<Censored> fcl = new ArrayList<>();
            int converged = 0;
            int diverged = 0;
            double dw = 0;
            for (int s = 0; s < bySeed.length; s++) {
                CompareRow r = bySeed[s];
                if (r == null) {
                    continue;
                }
                Censored t = r.converged() ? Censored.exact(r.countedTRel()) : Censored.above(notConverged);
                tRel.add(t);
                times[s] = new Censored(t.lo() + window, t.hi() + window);
                fcl.add(Censored.exact(r.countedSteps()));
                converged += r.converged() ? 1 : 0;
                diverged += r.fclThenDiverged() ? 1 : 0;
                dw += r.firstLayerDw();
            }
            return new Point(tRel.size(), converged, times, Bootstrap.median(tRel), Bootstrap.interval(tRel, key),
                    Bootstrap.median(fcl), diverged, dw / tRel.size());
        }

        /**
         * Whether more than half of the runs converged (then, and only then, the median is finite).
         *
         * @return {@code 2 * converged > runs}
         */
        boolean majority() {
            return 2 * converged > runs;
        }

        /**
         * The median of {@code T = t_rel + W}.
         *
         * @param window {@code W}
         * @return the median plus {@code W}
         */
        Censored medianTime(int window) {
            return new Censored(median.lo() + window, median.hi() + window);
        }
    }

    private final String rule;
    private final Point[] points;
    private final int best;
    private final int lo;
    private final int hi;
    private final int majorities;

    /**
     * Finds the best rate and the range.
     *
     * @param rule the rule's label
     * @param points per grid rate, {@code null} where no run. Not copied.
     */
    RuleSummary(String rule, Point[] points) {
        this.rule = rule;
        this.points = points;
        int b = -1;
        int first = -1;
        int last = -1;
        int count = 0;
        for (int j = 0; j < points.length; j++) {
            Point p = points[j];
            if (p == null || !p.majority()) {
                continue;
            }
            count++;
            first = first < 0 ? j : first;
            last = j;
            // Strictly better only: a tie keeps the smaller rate unless the larger one converged on more seeds.
            if (b < 0 || p.median().hi() < points[b].median().hi()
                    || p.median().hi() == points[b].median().hi() && p.converged() > points[b].converged()) {
                b = j;
            }
        }
        this.best = b;
        this.lo = first;
        this.hi = last;
        this.majorities = count;
    }

    String rule() {
        return rule;
    }

    /** The point at a grid position, {@code null} where no run. */
    Point point(int j) {
        return points[j];
    }

    /** The grid position of the best rate, {@code -1} when most seeds converge at no rate. */
    int best() {
        return best;
    }

    /** The first grid position where most seeds converge, {@code -1} if none. */
    int lo() {
        return lo;
    }

    /** The last grid position where most seeds converge, {@code -1} if none. */
    int hi() {
        return hi;
    }

    /** How many grid rates (within {@code lo..hi}) most seeds converge at. */
    int majorities() {
        return majorities;
    }

    /** The width of the range in decades, 0 when none. */
    double decades(int[] etaIndices) {
        return lo < 0 ? 0 : Math.log10(CompareGrid.eta(etaIndices[hi]) / CompareGrid.eta(etaIndices[lo]));
    }

    /** The runs and converged runs over all rates: {@code {converged, runs}}. */
    int[] convergedOverall() {
        int c = 0;
        int n = 0;
        for (Point p : points) {
            if (p != null) {
                c += p.converged();
                n += p.runs();
            }
        }
        return new int[] {c, n};
    }

    /**
     * The runs that met FCL's criterion with the hold left and did not converge: {@code {count, first position, last
     * position}}.
     */
    int[] fclThenDiverged() {
        int count = 0;
        int first = -1;
        int last = -1;
        for (int j = 0; j < points.length; j++) {
            if (points[j] != null && points[j].fclThenDiverged() > 0) {
                count += points[j].fclThenDiverged();
                first = first < 0 ? j : first;
                last = j;
            }
        }
        return new int[] {count, first, last};
    }
}
