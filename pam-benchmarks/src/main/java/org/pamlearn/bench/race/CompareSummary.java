// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;

/**
 * The summary of a sweep, per depth and initialisation: (a) per rule the median steps at its best learning rate
 * (flagged {@code (floor)} below {@value #FLOOR_FLAG} steps: the success criterion cannot be met in fewer than 1001),
 * (b) the learning-rate range over which the rule succeeds on most seeds, in decades, (c) the BP/PaM ratio of median
 * steps at equal learning rate over the grid, and (d) success rates. A failed run counts as its step budget in every
 * median. "Most seeds" means more than half of the seeds that ran at that rate.
 */
public final class CompareSummary {

    /** Median steps below this are "at the floor" of the success criterion (about 1000 steps). */
    public static final long FLOOR_FLAG = 1100;

    /**
     * One rule at one depth and initialisation.
     *
     * @param rule the rule's label
     * @param medians median counted steps per grid learning rate ({@code -1} where no run finished)
     * @param majority whether most seeds succeeded, per grid learning rate
     * @param successes successful runs
     * @param runs finished runs
     */
    record RuleStats(String rule, long[] medians, boolean[] majority, int successes, int runs) {
    }

    /**
     * One panel: a depth and an initialisation.
     *
     * @param depth the depth label
     * @param layers the number of hidden layers
     * @param init the initialisation's label
     * @param rules the rules' statistics, in grid order
     */
    record Group(String depth, int layers, String init, List<RuleStats> rules) {
    }

    /**
     * Where a rule succeeds on most seeds.
     *
     * @param best the grid position (index into the learning rates) of the lowest median, {@code -1} if none
     * @param lo the first such position, {@code -1} if none
     * @param hi the last such position, {@code -1} if none
     * @param points how many positions
     */
    record Range(int best, int lo, int hi, int points) {
        /** The decades from {@code lo} to {@code hi}; 0 when none. */
        double decades(int[] etaIndices) {
            return lo < 0 ? 0.0 : Math.log10(CompareGrid.eta(etaIndices[hi]) / CompareGrid.eta(etaIndices[lo]));
        }
    }

    /** The learning rate below which target (ii) compares BP and PaM. */
    static final double TARGET_SMALL_ETA = 1e-3;

    private final int[] etaIndices;
    private final List<Group> groups;

    private CompareSummary(int[] etaIndices, List<Group> groups) {
        this.etaIndices = etaIndices;
        this.groups = groups;
    }

    /**
     * Summarises the rows of a grid (rows of other grids are ignored).
     *
     * @param grid the grid
     * @param rows the finished runs. Not modified.
     * @return the summary
     */
    public static CompareSummary of(CompareGrid grid, List<CompareRow> rows) {
        int[] ks = grid.etaIndices();
        Map<String, List<CompareRow>> byPoint = new HashMap<>();
        for (CompareRow r : rows) {
            byPoint.computeIfAbsent(r.rule() + ',' + r.depth() + ',' + r.init() + ',' + r.etaIndex(),
                    x -> new ArrayList<>()).add(r);
        }
        List<Group> groups = new ArrayList<>();
        for (CompareGrid.Depth d : grid.depths()) {
            for (NetworkInit init : grid.inits()) {
                List<RuleStats> stats = new ArrayList<>();
                for (LearningMode rule : grid.rules()) {
                    long[] medians = new long[ks.length];
                    boolean[] majority = new boolean[ks.length];
                    int successes = 0;
                    int runs = 0;
                    for (int j = 0; j < ks.length; j++) {
                        List<CompareRow> point = byPoint.getOrDefault(rule.label() + ',' + d.label() + ','
                                + init.label() + ',' + ks[j], List.of());
                        long[] steps = new long[point.size()];
                        int ok = 0;
                        for (int i = 0; i < steps.length; i++) {
                            steps[i] = point.get(i).countedSteps();
                            ok += point.get(i).success() ? 1 : 0;
                        }
                        medians[j] = median(steps);
                        majority[j] = steps.length > 0 && 2 * ok > steps.length;
                        successes += ok;
                        runs += steps.length;
                    }
                    stats.add(new RuleStats(rule.label(), medians, majority, successes, runs));
                }
                groups.add(new Group(d.label(), d.hidden().length, init.label(), stats));
            }
        }
        return new CompareSummary(ks, groups);
    }

    /** The median ({@code -1} for none); of an even count, the mean of the middle two, rounded down. */
    static long median(long[] values) {
        if (values.length == 0) {
            return -1;
        }
        double[] v = new double[values.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = values[k];
        }
        // Exact for step counts (< 2^52): the middle value, or the mean of the two middle ones, truncated.
        return (long) new Median().evaluate(v);
    }

    /**
     * Returns the groups, for the plot.
     *
     * @return the groups, depth-major, in grid order
     */
    List<Group> groups() {
        return groups;
    }

    /**
     * Returns the grid's learning-rate indices.
     *
     * @return the {@code k} (do not modify)
     */
    int[] etaIndices() {
        return etaIndices;
    }

    /**
     * The summary as markdown: per depth and initialisation a table of (a), (b), (d) and a line for (c).
     *
     * @param perEta whether to add each group's table of median steps per learning rate
     * @return the text, lines separated by {@code \n}
     */
    public String markdown(boolean perEta) {
        StringBuilder s = new StringBuilder();
        for (Group g : groups) {
            s.append("### ").append(g.depth()).append(" hidden, ").append(g.init()).append(" init\n\n");
            s.append("| rule | best eta | median steps at best eta | eta range, most seeds succeed | decades |"
                    + " success rate |\n");
            s.append("|---|---|---|---|---|---|\n");
            for (RuleStats r : g.rules()) {
                Range range = range(r);
                int best = range.best();
                s.append("| ").append(r.rule()).append(" | ");
                if (best < 0) {
                    s.append("none | - | none | 0 | ");
                } else {
                    long m = r.medians()[best];
                    s.append(eta(etaIndices[best])).append(" | ").append(m).append(m < FLOOR_FLAG ? " (floor)" : "")
                            .append(" | ").append(eta(etaIndices[range.lo()])).append(" .. ")
                            .append(eta(etaIndices[range.hi()])).append(" (").append(range.points()).append('/')
                            .append(etaIndices.length).append(" etas) | ")
                            .append(String.format(Locale.ROOT, "%.1f", range.decades(etaIndices))).append(" | ");
                }
                s.append(r.successes()).append('/').append(r.runs()).append(String.format(Locale.ROOT, " (%.0f%%) |\n",
                        r.runs() == 0 ? 0.0 : 100.0 * r.successes() / r.runs()));
            }
            s.append('\n').append(ratioLine(g)).append('\n');
            if (perEta) {
                s.append('\n').append(perEtaTable(g));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Where most seeds of the rule succeed. */
    Range range(RuleStats r) {
        int best = -1;
        int lo = -1;
        int hi = -1;
        int points = 0;
        for (int j = 0; j < etaIndices.length; j++) {
            if (r.majority()[j]) {
                points++;
                lo = lo < 0 ? j : lo;
                hi = j;
                if (best < 0 || r.medians()[j] < r.medians()[best]) {
                    best = j;
                }
            }
        }
        return new Range(best, lo, hi, points);
    }

    /**
     * Checks the four targets of the comparison (docs/ALGORITHMS.md &sect;5; spelled out in docs/RESULTS.md) at the
     * deepest shape of the grid (they are stated at 10 hidden layers), each line with its numbers and "met" or
     * "NOT met": (i) symmetric init: PaM succeeds over at least 3 decades while BP fails or needs at least 10 times
     * PaM's median steps at every learning rate; (ii) authors' init: BP's median is at least 10 times PaM's at every
     * rate {@code <= 1e-3} (where PaM sits on the floor, the ratio cannot exceed BP's median / 1001, which the line
     * says); (iii) per init, PaM's successful range is at least a decade (10 times) wider than BP's, i.e. its decades
     * exceed BP's by at least 1; (iv) per init, PaM's median at its best rate is no larger than BP's at BP's (a tie
     * when both are on the floor, below {@value #FLOOR_FLAG}). Learning rates where either rule has no run are left out
     * of (i) and (ii).
     * @return markdown lines, or a line saying why there is nothing to check (no bp or pam in the grid)
     */
    public String targets() {
        Group deepest = null;
        for (Group g : groups) {
            if (deepest == null || g.layers() > deepest.layers()) {
                deepest = g;
            }
        }
        if (deepest == null || find(deepest, LearningMode.BP.label()) == null
                || find(deepest, LearningMode.PAM.label()) == null) {
            return "Targets: need both bp and pam in --rules.\n";
        }
        StringBuilder s = new StringBuilder();
        s.append("Targets at ").append(deepest.depth()).append(" hidden (the deepest shape here; the targets are"
                + " stated at 10 hidden layers):\n\n");
        for (Group g : groups) {
            if (!g.depth().equals(deepest.depth())) {
                continue;
            }
            RuleStats bp = find(g, LearningMode.BP.label());
            RuleStats pam = find(g, LearningMode.PAM.label());
            Range bpRange = range(bp);
            Range pamRange = range(pam);
            String init = g.init() + " init";
            if (g.init().equals(NetworkInit.SYMMETRIC.label())) {
                int behind = 0;
                int compared = 0;
                for (int j = 0; j < etaIndices.length; j++) {
                    if (bp.medians()[j] < 0 || pam.medians()[j] < 0) {
                        continue;
                    }
                    compared++;
                    boolean ok = !bp.majority()[j] || bp.medians()[j] >= 10 * pam.medians()[j];
                    behind += ok ? 1 : 0;
                }
                boolean met = pamRange.decades(etaIndices) >= 3 && compared > 0 && behind == compared;
                s.append(String.format(Locale.ROOT, "- (i) %s: PaM succeeds over %.1f decades (target >= 3); BP"
                        + " fails or needs >= 10x PaM's steps at %d of %d etas: %s\n", init,
                        pamRange.decades(etaIndices), behind, compared, met ? "met" : "NOT met"));
            }
            if (g.init().equals(NetworkInit.AUTHORS.label())) {
                s.append(smallEtaLine(init, bp, pam));
            }
            double gap = pamRange.decades(etaIndices) - bpRange.decades(etaIndices);
            boolean wider = pamRange.points() > 0 && (bpRange.points() == 0 || gap >= 1.0);
            s.append(String.format(Locale.ROOT, "- (iii) %s: PaM's range %.1f decades, BP's %s: %s\n", init,
                    pamRange.decades(etaIndices), bpRange.points() == 0 ? "none"
                            : String.format(Locale.ROOT, "%.1f decades", bpRange.decades(etaIndices)),
                    wider ? "met" : "NOT met (needs 1 decade more than BP's)"));
            long bpBest = bpRange.best() < 0 ? -1 : bp.medians()[bpRange.best()];
            long pamBest = pamRange.best() < 0 ? -1 : pam.medians()[pamRange.best()];
            boolean noSlower = pamBest > 0 && (bpBest < 0 || pamBest <= bpBest);
            boolean bothOnFloor = pamBest > 0 && bpBest > 0 && pamBest < FLOOR_FLAG && bpBest < FLOOR_FLAG;
            String verdict;
            if (bothOnFloor) {
                // Below ~1100 steps the criterion's floor, not the rule, sets the number: no order between them.
                verdict = "met, a tie (both on the floor)";
            } else if (!noSlower) {
                verdict = "NOT met";
            } else if (pamBest == bpBest) {
                verdict = "met, a tie";
            } else {
                verdict = "met, PaM ahead";
            }
            s.append(String.format(Locale.ROOT, "- (iv) %s: at its best eta PaM %s, BP %s: %s\n", init,
                    steps(pamBest), steps(bpBest), verdict));
        }
        return s.toString();
    }

    private String smallEtaLine(String init, RuleStats bp, RuleStats pam) {
        int n = 0;
        int tenfold = 0;
        int pamFloor = 0;
        double min = Double.POSITIVE_INFINITY;
        int minAt = -1;
        for (int j = 0; j < etaIndices.length; j++) {
            if (CompareGrid.eta(etaIndices[j]) > TARGET_SMALL_ETA * (1 + 1e-9) || bp.medians()[j] <= 0
                    || pam.medians()[j] <= 0) {
                continue;
            }
            n++;
            double q = (double) bp.medians()[j] / pam.medians()[j];
            tenfold += q >= 10 ? 1 : 0;
            pamFloor += pam.medians()[j] < FLOOR_FLAG ? 1 : 0;
            if (q < min) {
                min = q;
                minAt = j;
            }
        }
        if (n == 0) {
            return "- (ii) " + init + ": no eta <= 1e-3 in the grid\n";
        }
        return String.format(Locale.ROOT, "- (ii) %s: BP/PaM >= 10 at %d of %d etas <= 1e-3 (smallest %.2f at eta"
                + " %s, BP %d vs PaM %d steps); PaM is on the floor at %d of them, where the ratio cannot exceed BP's"
                + " steps / 1001: %s\n", init, tenfold, n, min, eta(etaIndices[minAt]), bp.medians()[minAt],
                pam.medians()[minAt], pamFloor, tenfold == n ? "met" : "NOT met");
    }

    private static String steps(long median) {
        return median < 0 ? "never succeeds" : median + (median < FLOOR_FLAG ? " steps (floor)" : " steps");
    }

    private String ratioLine(Group g) {
        RuleStats bp = find(g, LearningMode.BP.label());
        RuleStats pam = find(g, LearningMode.PAM.label());
        if (bp == null || pam == null) {
            return "BP/PaM ratio: needs both bp and pam in --rules.";
        }
        double[] ratios = new double[etaIndices.length];
        int n = 0;
        int atLeast10 = 0;
        for (int j = 0; j < etaIndices.length; j++) {
            if (bp.medians()[j] > 0 && pam.medians()[j] > 0) {
                double q = (double) bp.medians()[j] / pam.medians()[j];
                ratios[n++] = q;
                atLeast10 += q >= 10 ? 1 : 0;
            }
        }
        if (n == 0) {
            return "BP/PaM ratio: no learning rate with runs of both.";
        }
        double[] r = Arrays.copyOf(ratios, n);
        Arrays.sort(r);
        double median = new Median().evaluate(r);
        return String.format(Locale.ROOT, "BP/PaM ratio of median steps at equal eta (a failure counts as the"
                + " budget), over %d etas: min %.2f, median %.2f, max %.2f; >= 10 at %d of them.", n, r[0], median,
                r[n - 1], atLeast10);
    }

    private String perEtaTable(Group g) {
        StringBuilder s = new StringBuilder("| eta |");
        StringBuilder rule = new StringBuilder("|---|");
        for (RuleStats r : g.rules()) {
            s.append(' ').append(r.rule()).append(" |");
            rule.append("---|");
        }
        s.append('\n').append(rule).append('\n');
        for (int j = 0; j < etaIndices.length; j++) {
            s.append("| ").append(eta(etaIndices[j])).append(" |");
            for (RuleStats r : g.rules()) {
                long m = r.medians()[j];
                s.append(' ').append(m < 0 ? "-" : Long.toString(m)).append(r.majority()[j] ? "" : " (fail)")
                        .append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static RuleStats find(Group g, String label) {
        for (RuleStats r : g.rules()) {
            if (r.rule().equals(label)) {
                return r;
            }
        }
        return null;
    }

    private static String eta(int k) {
        return String.format(Locale.ROOT, "%.3g", CompareGrid.eta(k));
    }
}
