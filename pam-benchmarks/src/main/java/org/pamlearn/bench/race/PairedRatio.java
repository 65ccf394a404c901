// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.ArrayList;
import java.util.List;

/**
 * The paired per-seed BP/PaM ratio at each rule's own best learning rate: for each seed index {@code s} with both runs,
 * {@code T_bp(s) / T_pam(s)} with {@code T = t_rel + W}, the step by which the run is shown to have learned (the end
 * of its first good window; {@code t_rel} itself can be 0). A run that did not converge makes its ratio a bound
 * ({@code >} when BP's, {@code <} when PaM's); when neither converged the ratio is undefined and left out (counted).
 *
 * @param bpBest BP's best grid position
 * @param pamBest PaM's best grid position
 * @param seeds the seeds with a defined ratio
 * @param bpBounds of those, the ones where BP did not converge
 * @param pamBounds of those, the ones where PaM did not converge
 * @param undefined the seeds where neither converged
 * @param median the median ratio
 * @param interval its bootstrap 95% interval over seeds: lower and upper end ({@code null} when no seed)
 */
record PairedRatio(int bpBest, int pamBest, int seeds, int bpBounds, int pamBounds, int undefined, Censored median,
        Censored[] interval) {

    /**
     * The ratio of two rules at their best rates.
     *
     * @param bp BP's summary, with a best rate
     * @param pam PaM's summary, with a best rate
     * @param key names the group, seeds the bootstrap
     * @return the ratio
     */
    static PairedRatio of(RuleSummary bp, RuleSummary pam, String key) {
        Censored[] tBp = bp.point(bp.best()).times();
        Censored[] tPam = pam.point(pam.best()).times();
        List<Censored> ratios = new ArrayList<>();
        int bpBounds = 0;
        int pamBounds = 0;
        int undefined = 0;
        for (int s = 0; s < Math.min(tBp.length, tPam.length); s++) {
            if (tBp[s] == null || tPam[s] == null) {
                continue;
            }
            if (!tBp[s].isExact() && !tPam[s].isExact()) {
                undefined++;
                continue;
            }
            bpBounds += tBp[s].isExact() ? 0 : 1;
            pamBounds += tPam[s].isExact() ? 0 : 1;
            ratios.add(tBp[s].over(tPam[s]));
        }
        if (ratios.isEmpty()) {
            return new PairedRatio(bp.best(), pam.best(), 0, 0, 0, undefined, null, null);
        }
        return new PairedRatio(bp.best(), pam.best(), ratios.size(), bpBounds, pamBounds, undefined,
                Bootstrap.median(ratios), Bootstrap.interval(ratios, key));
    }

    /**
     * The verdict on "PaM learns faster than BP".
     *
     * @return {@code PaM ahead} (the whole interval above 1), {@code BP ahead} (below 1), {@code tie}, or
     *     {@code undecided} (no seed with a defined ratio)
     */
    String verdict() {
        if (seeds == 0) {
            return "undecided";
        }
        if (interval[0].lo() > 1) {
            return "PaM ahead";
        }
        return interval[1].hi() < 1 ? "BP ahead" : "tie";
    }

    /**
     * The ratio in words.
     *
     * @param etaBp BP's best rate, formatted
     * @param etaPam PaM's best rate, formatted
     * @return e.g. {@code paired BP/PaM ratio of T = t_rel + W at own best etas (bp 0.01, pam 0.001): median 1.2
     *     [0.9, 1.6] over 5 seeds (bounds: 1 where BP did not converge, 0 where PaM did not; left out: 0 where
     *     neither did)}
     */
    String describe(String etaBp, String etaPam) {
        String head = "paired BP/PaM ratio of T = t_rel + W at own best etas (bp " + etaBp + ", pam " + etaPam + "): ";
        String tail = "left out: " + undefined + " where neither converged";
        if (seeds == 0) {
            return head + "no seed with a defined ratio (" + tail + ")";
        }
        return head + "median " + median.ratio() + " [" + interval[0].ratio() + ", " + interval[1].ratio() + "] over "
                + seeds + " seed" + (seeds == 1 ? "" : "s") + " (bounds: " + bpBounds + " where BP did not converge, "
                + pamBounds + " where PaM did not; " + tail + ")";
    }
}
