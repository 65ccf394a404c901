// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;

/**
 * The summary of a sweep by learning time over the horizon (docs/ALGORITHMS.md &sect;5), per depth, initialisation
 * and rule: the best learning rate by median {@code t_rel} over the seeds (a run that did not converge counts as
 * more than {@code N - hold}, so a median is a bound when more than half did not; of an even count, the mean of the
 * middle two) with a bootstrap 95% interval ({@link Bootstrap}); converged runs at the best rate and over all rates;
 * the range of rates where most seeds (more than half of those that ran there) converge, in decades; runs that met
 * FCL's criterion by step {@code N - hold} and yet did not converge ({@link CompareRow#fclThenDiverged()}); FCL's
 * median steps at the best rate; and per depth and initialisation the paired per-seed BP/PaM ratio at each rule's own
 * best rate ({@link PairedRatio}). Best rate: the lowest median among the rates where most seeds converge; of equal
 * medians, the one where more seeds converged, then the smaller rate. {@link CompareClaims} turns the numbers into the
 * claims' verdicts.
 */
public final class CompareSummary {

    /**
     * One panel: a depth and an initialisation.
     *
     * @param depth the depth label
     * @param layers the number of hidden layers
     * @param init the initialisation's label
     * @param rules the rules, in grid order
     * @param ratio the paired BP/PaM ratio, {@code null} without bp or pam in the grid or a best rate for either
     */
    record Group(String depth, int layers, String init, List<RuleSummary> rules, PairedRatio ratio) {

        /** The rule of a label, {@code null} if not in the grid. */
        RuleSummary rule(String label) {
            for (RuleSummary r : rules) {
                if (r.rule().equals(label)) {
                    return r;
                }
            }
            return null;
        }

        String name() {
            return depth + '/' + init;
        }
    }

    private final int[] etaIndices;
    private final int window;
    private final long notConverged;
    private final List<Group> groups;

    private CompareSummary(int[] etaIndices, int window, long notConverged, List<Group> groups) {
        this.etaIndices = etaIndices;
        this.window = window;
        this.notConverged = notConverged;
        this.groups = groups;
    }

    /**
     * Summarises the rows of a grid and setting (rows of other grids or settings are ignored).
     *
     * @param grid the grid
     * @param setting the setting: its horizon and criterion bound the learning time of a run that did not converge
     * @param rows the finished runs. Not modified.
     * @return the summary
     */
    public static CompareSummary of(CompareGrid grid, CompareSweep.Setting setting, List<CompareRow> rows) {
        int[] ks = grid.etaIndices();
        int seeds = grid.seeds();
        int window = setting.criterion().window();
        long notConverged = Math.max(0, setting.horizon() - setting.criterion().hold());
        Map<String, CompareRow[]> byPoint = new HashMap<>();
        for (CompareRow r : rows) {
            if (setting.matches(r) && r.seed() >= 0 && r.seed() < seeds) {
                byPoint.computeIfAbsent(pointKey(r.rule(), r.depth(), r.init(), r.etaIndex()),
                        x -> new CompareRow[seeds])[r.seed()] = r;
            }
        }
        List<Group> groups = new ArrayList<>();
        for (CompareGrid.Depth d : grid.depths()) {
            for (NetworkInit init : grid.inits()) {
                List<RuleSummary> rules = new ArrayList<>();
                for (LearningMode rule : grid.rules()) {
                    RuleSummary.Point[] points = new RuleSummary.Point[ks.length];
                    for (int j = 0; j < ks.length; j++) {
                        String key = pointKey(rule.label(), d.label(), init.label(), ks[j]);
                        CompareRow[] point = byPoint.get(key);
                        points[j] = point == null ? null : RuleSummary.Point.of(point, window, notConverged, key);
                    }
                    rules.add(new RuleSummary(rule.label(), points));
                }
                groups.add(group(d, init, rules));
            }
        }
        return new CompareSummary(ks, window, notConverged, groups);
    }

    private static Group group(CompareGrid.Depth d, NetworkInit init, List<RuleSummary> rules) {
        Group g = new Group(d.label(), d.hidden().length, init.label(), rules, null);
        RuleSummary bp = g.rule(LearningMode.BP.label());
        RuleSummary pam = g.rule(LearningMode.PAM.label());
        if (bp == null || pam == null || bp.best() < 0 || pam.best() < 0) {
            return g;
        }
        return new Group(g.depth(), g.layers(), g.init(), rules, PairedRatio.of(bp, pam, "ratio," + g.name()));
    }

    private static String pointKey(String rule, String depth, String init, int k) {
        return rule + ',' + depth + ',' + init + ',' + k;
    }

    /** The groups, depth-major, in grid order. */
    List<Group> groups() {
        return groups;
    }

    /** The grid's learning-rate indices (do not modify). */
    int[] etaIndices() {
        return etaIndices;
    }

    /** {@code W}. */
    int window() {
        return window;
    }

    /** The bound a non-converged run's {@code t_rel} exceeds: {@code N - hold}. */
    long notConverged() {
        return notConverged;
    }

    /**
     * One line per rule whose best learning rate is the first or the last of the grid (the grid does not bracket it).
     * Where the option clipped the grid the line says to widen it; at {@code k = 0} or {@code k = }{@value
     * CompareGrid#MAX_ETA_INDEX}, the ends of every grid, no option can, and the line says so.
     *
     * @return lines such as {@code warning: bp's best eta (0.00136) is the grid's largest at 10x10/authors: widen
     *     --eta-max} or {@code warning: bp's best eta (884) is the largest the grid has (its limit) at 10x10/authors:
     *     the best may lie above it}, each ending in {@code \n}; empty when none
     */
    public String warnings() {
        StringBuilder s = new StringBuilder();
        int last = etaIndices.length - 1;
        for (Group g : groups) {
            for (RuleSummary r : g.rules()) {
                if (r.best() == 0) {
                    s.append(edge(r, g, 0, "smallest", "--eta-min", "below"));
                }
                if (r.best() == last && last >= 0) {
                    s.append(edge(r, g, CompareGrid.MAX_ETA_INDEX, "largest", "--eta-max", "above"));
                }
            }
        }
        return s.toString();
    }

    /** The warning of a best rate at an end of the grid; {@code limit} is the index no option can go beyond. */
    private String edge(RuleSummary r, Group g, int limit, String which, String option, String beyond) {
        String head = "warning: " + r.rule() + "'s best eta (" + eta(r.best()) + ") is ";
        if (etaIndices[r.best()] == limit) {
            return head + "the " + which + " the grid has (its limit) at " + g.name() + ": the best may lie " + beyond
                    + " it\n";
        }
        return head + "the grid's " + which + " at " + g.name() + ": widen " + option + "\n";
    }

    /**
     * The claims' verdicts at the deepest shapes ({@link CompareClaims}).
     *
     * @return markdown lines
     */
    public String claims() {
        return CompareClaims.of(this);
    }

    /**
     * The summary as markdown: per depth and initialisation a table of the rules and the paired ratio.
     *
     * @param perEta whether to add each group's table per learning rate (median {@code t_rel}, its interval and the
     *     converged runs per rule, and the equal-eta BP/PaM ratio of median {@code T} next to the PaM/BP ratio of
     *     mean first-layer |dw| per step)
     * @return the text, lines separated by {@code \n}
     */
    public String markdown(boolean perEta) {
        StringBuilder s = new StringBuilder();
        for (Group g : groups) {
            s.append("### ").append(g.depth()).append(" hidden, ").append(g.init()).append(" init\n\n");
            s.append("| rule | best eta | median t_rel [95% CI] | converged at best eta | converged, all etas"
                    + " | eta range, most seeds converge | FCL median steps at best eta | FCL met by step "
                    + notConverged + ", then diverged |\n");
            s.append("|---|---|---|---|---|---|---|---|\n");
            for (RuleSummary r : g.rules()) {
                s.append(row(r)).append('\n');
            }
            s.append('\n').append(ratioLine(g)).append('\n');
            if (perEta) {
                s.append('\n').append(perEtaTable(g));
            }
            s.append('\n');
        }
        return s.toString();
    }

    private String row(RuleSummary r) {
        int[] all = r.convergedOverall();
        String overall = all[0] + "/" + all[1] + String.format(Locale.ROOT, " (%.0f%%)",
                all[1] == 0 ? 0.0 : 100.0 * all[0] / all[1]);
        int[] div = r.fclThenDiverged();
        String diverged = div[0] == 0 ? "0" : div[0] + " (" + (r.best() < 0 ? 0 : r.point(r.best()).fclThenDiverged())
                + " at best eta), eta " + eta(div[1]) + (div[1] == div[2] ? "" : " .. " + eta(div[2]));
        if (r.best() < 0) {
            return "| " + r.rule() + " | none | - | - | " + overall + " | none | - | " + diverged + " |";
        }
        RuleSummary.Point p = r.point(r.best());
        String range = String.format(Locale.ROOT, "%s .. %s (%.1f decades; %d of %d etas)", eta(r.lo()), eta(r.hi()),
                r.decades(etaIndices), r.majorities(), r.hi() - r.lo() + 1);
        return "| " + r.rule() + " | " + eta(r.best()) + " | " + withInterval(p) + " | " + p.converged() + "/"
                + p.runs() + " | " + overall + " | " + range + " | " + p.fclMedian().steps() + " | " + diverged + " |";
    }

    private static String withInterval(RuleSummary.Point p) {
        return p.median().steps() + " [" + p.interval()[0].steps() + ", " + p.interval()[1].steps() + "]";
    }

    private String ratioLine(Group g) {
        RuleSummary bp = g.rule(LearningMode.BP.label());
        RuleSummary pam = g.rule(LearningMode.PAM.label());
        if (bp == null || pam == null) {
            return "BP/PaM: needs both bp and pam in --rules.";
        }
        if (g.ratio() == null) {
            return "BP/PaM: " + noRatio(bp, pam) + ".";
        }
        return "BP/PaM: " + g.ratio().describe(eta(bp.best()), eta(pam.best())) + ".";
    }

    /**
     * Why a group has no paired ratio (bp and pam in the grid, at least one without a best rate).
     *
     * @return e.g. {@code no paired ratio: bp converges on most seeds at no eta}
     */
    static String noRatio(RuleSummary bp, RuleSummary pam) {
        String which = bp.best() >= 0 ? "pam" : pam.best() >= 0 ? "bp" : null;
        return "no paired ratio: " + (which == null ? "neither bp nor pam converges on most seeds at any eta"
                : which + " converges on most seeds at no eta");
    }

    private String perEtaTable(Group g) {
        RuleSummary bp = g.rule(LearningMode.BP.label());
        RuleSummary pam = g.rule(LearningMode.PAM.label());
        boolean both = bp != null && pam != null;
        StringBuilder s = new StringBuilder("| eta |");
        StringBuilder rule = new StringBuilder("|---|");
        for (RuleSummary r : g.rules()) {
            s.append(' ').append(r.rule()).append(" t_rel [95% CI] | ").append(r.rule()).append(" converged |");
            rule.append("---|---|");
        }
        if (both) {
            s.append(" BP/PaM, median T at equal eta | PaM/BP, mean first-layer \\|dw\\| per step |");
            rule.append("---|---|");
        }
        s.append('\n').append(rule).append('\n');
        for (int j = 0; j < etaIndices.length; j++) {
            s.append("| ").append(eta(j)).append(" |");
            for (RuleSummary r : g.rules()) {
                RuleSummary.Point p = r.point(j);
                s.append(p == null ? " - | - |" : " " + withInterval(p) + " | " + p.converged() + "/" + p.runs()
                        + " |");
            }
            if (both) {
                s.append(' ').append(String.join(" | ", equalEtaRatio(bp, pam, j))).append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }

    /**
     * The equal-eta BP/PaM ratio of median {@code T} and, next to it, PaM/BP of the mean first-layer |dw| per step.
     *
     * @return the two ratios, formatted; {@code -} where a rule has no run
     */
    String[] equalEtaRatio(RuleSummary bp, RuleSummary pam, int j) {
        RuleSummary.Point b = bp.point(j);
        RuleSummary.Point p = pam.point(j);
        if (b == null || p == null) {
            return new String[] {"-", "-"};
        }
        double dw = p.meanFirstLayerDw() / b.meanFirstLayerDw();
        String dwText = Double.isNaN(dw) ? "-" : Double.isInfinite(dw) ? "inf (bp's is 0)"
                : String.format(Locale.ROOT, "%.3g", dw);
        return new String[] {b.medianTime(window).over(p.medianTime(window)).ratio(), dwText};
    }

    /** A grid position's learning rate, 3 significant digits. */
    String eta(int j) {
        return String.format(Locale.ROOT, "%.3g", CompareGrid.eta(etaIndices[j]));
    }
}
