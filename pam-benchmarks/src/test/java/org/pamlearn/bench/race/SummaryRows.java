// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.pamlearn.robot.sim.LookaheadSensors;
import org.pamlearn.robot.sim.Tracks;

/**
 * Hand-built rows of a sweep for the summary's and the plot's tests: horizon 60,000 with the default criterion
 * (W = 500, hold 10,000), so a run that did not converge has {@code t_rel > 50000}.
 */
final class SummaryRows {

    static final long HORIZON = 60_000;
    static final CompareSweep.Setting SETTING = CompareSweep.Setting.of(Tracks.builtin(), "builtin",
            LookaheadSensors.ROWS, 1.0, HORIZON);
    /** A {@code t_rel} that stands for "did not converge" in {@link #add}. */
    static final long NOT = -1;

    private final List<CompareRow> rows = new ArrayList<>();

    /**
     * Adds one row per seed index.
     *
     * @param rule the rule
     * @param depth the depth label
     * @param init the init label
     * @param k the eta index
     * @param tRel per seed index, {@link #NOT} for a run that did not converge
     * @return this
     */
    SummaryRows add(String rule, String depth, String init, int k, long... tRel) {
        return add(rule, depth, init, k, false, 1e-3, tRel);
    }

    /**
     * Adds one row per seed index, with FCL's outcome and the first-layer step.
     *
     * @param fclMet whether every run met FCL's criterion (at 1001 steps; else it ran the horizon)
     * @param dw the mean first-layer |dw| per step of every run
     * @return this
     */
    SummaryRows add(String rule, String depth, String init, int k, boolean fclMet, double dw, long... tRel) {
        return add(rule, depth, init, k, fclMet ? 1001 : HORIZON, fclMet, dw, tRel);
    }

    /**
     * Adds one row per seed index whose run met FCL's criterion at a given step.
     *
     * @param fclSteps FCL's steps to success of every run
     * @return this
     */
    SummaryRows addFclMetAt(String rule, String depth, String init, int k, long fclSteps, long... tRel) {
        return add(rule, depth, init, k, fclSteps, true, 1e-3, tRel);
    }

    private SummaryRows add(String rule, String depth, String init, int k, long steps, boolean fclMet, double dw,
            long[] tRel) {
        for (int s = 0; s < tRel.length; s++) {
            boolean converged = tRel[s] != NOT;
            rows.add(new CompareRow(rule, depth, init, k, s, steps, fclMet, 42L, HORIZON, 1.0,
                    "builtin", "rows", HORIZON, converged ? OptionalLong.of(tRel[s]) : OptionalLong.empty(),
                    converged, 0.02, 0.001, dw, 500, 0.1, 10_000));
        }
        return this;
    }

    List<CompareRow> rows() {
        return rows;
    }
}
