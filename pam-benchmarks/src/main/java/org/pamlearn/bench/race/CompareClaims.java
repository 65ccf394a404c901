// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pamlearn.robot.LearningMode;

/**
 * The papers' three claims (docs/ALGORITHMS.md &sect;5), judged at every shape of the grid with the most hidden layers
 * (they are stated at 10 hidden layers, and {@code 10x10} and {@code 13,12,...,4} are both such shapes), one line per
 * claim, shape and initialisation with its numbers and a verdict (naming the shape when there are several): (a) "PaM
 * learns faster than BP": the paired ratio at each rule's own best rate ({@code PaM ahead} when its whole 95%
 * interval is above 1, {@code BP ahead} below 1, else {@code tie}), with the equal-eta ratio at the grid's rate
 * nearest {@value #EQUAL_ETA} next to the ratio of mean first-layer |dw| per step; (b) "PaM learns where BP's
 * gradient vanishes": at how many rates each rule converges on most seeds; (c) "PaM learns over a wider eta range":
 * the decades of each rule's range (wider: a range spanning more grid rates).
 */
final class CompareClaims {

    /** The rate of the equal-eta comparison in claim (a). */
    static final double EQUAL_ETA = 1e-3;

    private CompareClaims() {
    }

    /**
     * The claims' lines.
     *
     * @param summary the summary
     * @return markdown: a heading line, a blank line, then one line per claim, deepest shape and initialisation (or
     *     one line per claim saying which rule is missing)
     */
    static String of(CompareSummary summary) {
        List<CompareSummary.Group> deepest = deepest(summary.groups());
        if (deepest.isEmpty()) {
            return "Claims: no depth in the grid.\n";
        }
        List<String> depths = deepest.stream().map(CompareSummary.Group::depth).distinct().toList();
        boolean several = depths.size() > 1;
        String shapes = several ? String.join(", ", depths.subList(0, depths.size() - 1)) + " and "
                + depths.get(depths.size() - 1) + " hidden (the deepest shapes here, " + deepest.get(0).layers()
                + " hidden layers each" : depths.get(0) + " hidden (the deepest shape here";
        StringBuilder s = new StringBuilder("Claims at ").append(shapes)
                .append("; the papers state them at 10 hidden layers):\n\n");
        // The rules are the grid's: any group tells which is missing.
        String missing = missing(deepest.get(0));
        if (missing != null) {
            for (String claim : new String[] {"(a) PaM learns faster than BP", "(b) PaM learns where BP's gradient"
                    + " vanishes", "(c) PaM learns over a wider eta range"}) {
                s.append("- ").append(claim).append(": ").append(missing).append(" missing from the grid (needs"
                        + " bp and pam in --rules)\n");
            }
            return s.toString();
        }
        StringBuilder b = new StringBuilder();
        StringBuilder c = new StringBuilder();
        for (CompareSummary.Group g : deepest) {
            RuleSummary bp = g.rule(LearningMode.BP.label());
            RuleSummary pam = g.rule(LearningMode.PAM.label());
            String where = (several ? g.depth() + " hidden, " : "") + g.init() + " init: ";
            s.append("- (a) PaM learns faster than BP, ").append(where).append(faster(summary, g, bp, pam))
                    .append('\n');
            b.append("- (b) PaM learns where BP's gradient vanishes, ").append(where).append(learns(summary, bp, pam))
                    .append('\n');
            c.append("- (c) PaM learns over a wider eta range, ").append(where).append(wider(summary, bp, pam))
                    .append('\n');
        }
        return s.append(b).append(c).toString();
    }

    /** The groups of the shapes with the most hidden layers, in grid order. */
    private static List<CompareSummary.Group> deepest(List<CompareSummary.Group> groups) {
        List<CompareSummary.Group> deepest = new ArrayList<>();
        for (CompareSummary.Group g : groups) {
            if (!deepest.isEmpty() && g.layers() > deepest.get(0).layers()) {
                deepest.clear();
            }
            if (deepest.isEmpty() || g.layers() == deepest.get(0).layers()) {
                deepest.add(g);
            }
        }
        return deepest;
    }

    private static String missing(CompareSummary.Group g) {
        boolean bp = g.rule(LearningMode.BP.label()) != null;
        boolean pam = g.rule(LearningMode.PAM.label()) != null;
        return bp && pam ? null : !bp && !pam ? "bp and pam are" : !bp ? "bp is" : "pam is";
    }

    private static String faster(CompareSummary summary, CompareSummary.Group g, RuleSummary bp, RuleSummary pam) {
        String equal = equalEta(summary, bp, pam);
        if (g.ratio() != null) {
            return g.ratio().describe(summary.eta(bp.best()), summary.eta(pam.best())) + "; " + equal + ": "
                    + g.ratio().verdict();
        }
        String verdict = bp.best() < 0 && pam.best() < 0 ? "neither converges"
                : bp.best() < 0 ? "PaM ahead" : "BP ahead";
        return CompareSummary.noRatio(bp, pam) + "; " + equal + ": " + verdict;
    }

    /** The equal-eta ratio at the grid's rate nearest 1e-3 (within half a grid step). */
    private static String equalEta(CompareSummary summary, RuleSummary bp, RuleSummary pam) {
        int[] ks = summary.etaIndices();
        double halfStep = Math.log(CompareGrid.ETA_RATIO) / 2 + 1e-9;
        for (int j = 0; j < ks.length; j++) {
            if (Math.abs(Math.log(CompareGrid.eta(ks[j]) / EQUAL_ETA)) <= halfStep) {
                String[] r = summary.equalEtaRatio(bp, pam, j);
                return "at equal eta " + summary.eta(j) + " BP/PaM of median T " + r[0] + " next to PaM/BP mean"
                        + " first-layer |dw| per step " + r[1];
            }
        }
        return "no eta near 1e-3 in the grid for the equal-eta ratio";
    }

    private static String learns(CompareSummary summary, RuleSummary bp, RuleSummary pam) {
        int n = summary.etaIndices().length;
        String verdict = bp.best() < 0 ? pam.best() < 0 ? "neither learns" : "PaM learns, BP does not"
                : pam.best() < 0 ? "BP learns, PaM does not" : "both learn";
        return String.format(Locale.ROOT, "BP converges on most seeds at %d of %d etas, PaM at %d: %s",
                bp.majorities(), n, pam.majorities(), verdict);
    }

    private static String wider(CompareSummary summary, RuleSummary bp, RuleSummary pam) {
        if (bp.lo() < 0 && pam.lo() < 0) {
            return "neither converges on most seeds at any eta: no range to compare";
        }
        int spanBp = bp.lo() < 0 ? -1 : bp.hi() - bp.lo();
        int spanPam = pam.lo() < 0 ? -1 : pam.hi() - pam.lo();
        String verdict = spanPam > spanBp ? "PaM wider" : spanPam < spanBp ? "BP wider" : "same width";
        return "PaM " + range(summary, pam) + ", BP " + range(summary, bp) + ": " + verdict;
    }

    private static String range(CompareSummary summary, RuleSummary r) {
        if (r.lo() < 0) {
            return "none";
        }
        return String.format(Locale.ROOT, "%.1f decades (%s .. %s)", r.decades(summary.etaIndices()),
                summary.eta(r.lo()), summary.eta(r.hi()));
    }
}
