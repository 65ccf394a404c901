// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.OptionalLong;
import org.pamlearn.bench.internal.CsvLines;
import org.pamlearn.core.internal.Texts;

/**
 * One finished run, one line of {@code compare.csv}: {@value #HEADER}. {@code eta} is {@code eta_k} written by
 * {@link Double#toString(double)} (the exact double, so that {@code line-follower --eta} with it reproduces the run),
 * {@code seed} the seed index, {@code steps} FCL's steps to success or, when its criterion was not
 * met, the steps run, {@code eta_k} the grid index, {@code run_seed} the seed the run used ({@code line-follower --seed
 * <run_seed>} with the row's settings reproduces the row), {@code max_steps} the steps run (the horizon), {@code speed}
 * its speed factor (1: the authors' speed), {@code track} its track ({@code builtin}, {@code sharp} or {@code png:}
 * and the first 16 hex digits of the image file's SHA-256), {@code sensors} its look-ahead sensors ({@code rows},
 * {@code camera} for the default 4 x 5 grid, {@code camera-RxC} for another). Then the learning time over the horizon
 * (docs/ALGORITHMS.md &sect;5): {@code horizon}, {@code t_rel} (a step or {@code none}), {@code converged},
 * {@code reflex_abs_e} ({@code R}), {@code final_abs_e}, {@code first_layer_dw} (the mean first-layer |&Delta;w| per
 * step) and the criterion's {@code window}, {@code fraction} and {@code hold}. Doubles are written by
 * {@link Double#toString(double)} and read back to the same value.
 *
 * @param rule the rule's label ({@code bp}, {@code sar}, {@code pam})
 * @param depth the depth label ({@code 4x10})
 * @param init the initialisation's label ({@code authors}, {@code symmetric}, {@code glorot})
 * @param etaIndex {@code k}
 * @param seed the seed index
 * @param steps FCL's steps to success, or the steps run
 * @param success whether FCL's criterion was met
 * @param runSeed the run's seed
 * @param maxSteps the steps run
 * @param speed the run's speed factor
 * @param track the run's track label
 * @param sensors the run's sensors label
 * @param horizon the horizon {@code N}
 * @param tRel {@code t_rel}, empty for none
 * @param converged whether the run converged
 * @param reflexAbsE {@code R}
 * @param finalAbsE the mean |E| of the last steps
 * @param firstLayerDw the mean first-layer |&Delta;w| per step
 * @param window the criterion's {@code W}
 * @param fraction the criterion's fraction of {@code R}
 * @param hold the criterion's hold
 */
public record CompareRow(String rule, String depth, String init, int etaIndex, int seed, long steps, boolean success,
        long runSeed, long maxSteps, double speed, String track, String sensors, long horizon, OptionalLong tRel,
        boolean converged, double reflexAbsE, double finalAbsE, double firstLayerDw, int window, double fraction,
        long hold) {

    /** The CSV header. */
    public static final String HEADER = "rule,depth,init,eta,seed,steps,success,eta_k,run_seed,max_steps,speed,track,"
            + "sensors,horizon,t_rel,converged,reflex_abs_e,final_abs_e,first_layer_dw,window,fraction,hold";
    private static final int COLUMNS = 22;

    /**
     * Returns the learning rate.
     *
     * @return {@code eta_k}
     */
    public double eta() {
        return CompareGrid.eta(etaIndex);
    }

    /**
     * FCL's steps counted for medians: the steps to success, or the steps run when the criterion was not met.
     *
     * @return the steps
     */
    public long countedSteps() {
        return success ? steps : Math.max(steps, maxSteps);
    }

    /**
     * Whether the run met FCL's criterion early enough to have the hold left to prove itself, and yet did not
     * converge over the horizon (it learned, then diverged or never settled below the learning-time threshold). A
     * run that met FCL's criterion later could not have converged whatever it did next, so it does not count.
     *
     * @return {@code success && steps <= horizon - hold && !converged}
     */
    public boolean fclThenDiverged() {
        return success && steps <= horizon - hold && !converged;
    }

    /**
     * The learning time counted for medians and ratios: {@code t_rel} of a converged run, else
     * {@link Long#MAX_VALUE} (a bound: more than the horizon allows).
     *
     * @return the steps, or {@link Long#MAX_VALUE} when the run did not converge
     */
    public long countedTRel() {
        return converged ? tRel.getAsLong() : Long.MAX_VALUE;
    }

    /**
     * Returns the key of the run.
     *
     * @return {@code rule,depth,init,k,seed}
     */
    public String key() {
        return key(rule, depth, init, etaIndex, seed);
    }

    static String key(String rule, String depth, String init, int etaIndex, int seed) {
        return rule + ',' + depth + ',' + init + ',' + etaIndex + ',' + seed;
    }

    /**
     * Formats the CSV line, without a line separator.
     *
     * @return the line
     */
    public String toCsv() {
        return CsvLines.join(rule, depth, init, Double.toString(eta()), Integer.toString(seed),
                Long.toString(steps), Boolean.toString(success), Integer.toString(etaIndex), Long.toString(runSeed),
                Long.toString(maxSteps), Double.toString(speed), track, sensors, Long.toString(horizon),
                tRel.isPresent() ? Long.toString(tRel.getAsLong()) : "none", Boolean.toString(converged),
                Double.toString(reflexAbsE), Double.toString(finalAbsE), Double.toString(firstLayerDw),
                Integer.toString(window), Double.toString(fraction), Long.toString(hold));
    }

    /**
     * Parses a CSV line written by {@link #toCsv()}.
     *
     * @param line the line
     * @return the row
     * @throws IllegalArgumentException if the line is malformed; the message quotes it
     */
    public static CompareRow parse(String line) {
        String[] f = CsvLines.split(line);
        if (f.length != COLUMNS) {
            throw new IllegalArgumentException("expected " + COLUMNS + " columns, got " + f.length + " in "
                    + CsvLines.quote(line));
        }
        try {
            int k = Integer.parseInt(f[7]);
            if (k < 0 || k > CompareGrid.MAX_ETA_INDEX) {
                throw new IllegalArgumentException("eta_k must be 0.." + CompareGrid.MAX_ETA_INDEX + ", got " + k);
            }
            double speed = Double.parseDouble(f[10]);
            if (!(speed > 0 && speed < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("speed must be finite and > 0, got " + CsvLines.quote(f[10]));
            }
            OptionalLong tRel = "none".equals(f[14]) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(f[14]));
            boolean converged = bool("converged", f[15]);
            if (converged && tRel.isEmpty()) {
                throw new IllegalArgumentException("converged=true needs a t_rel, got none in " + CsvLines.quote(line));
            }
            long horizon = Long.parseLong(f[13]);
            long hold = Long.parseLong(f[21]);
            if (tRel.isPresent() && converged != (tRel.getAsLong() <= horizon - hold)) {
                // converged is a function of t_rel, the horizon and the hold: a row that says otherwise was edited.
                throw new IllegalArgumentException("converged=" + converged + " contradicts t_rel " + tRel.getAsLong()
                        + ", horizon " + horizon + " and hold " + hold + " in " + CsvLines.quote(line));
            }
            return new CompareRow(f[0], f[1], f[2], k, Integer.parseInt(f[4]), Long.parseLong(f[5]),
                    bool("success", f[6]), Long.parseLong(f[8]), Long.parseLong(f[9]), speed, f[11], f[12],
                    Long.parseLong(f[13]), tRel, converged, Double.parseDouble(f[16]), Double.parseDouble(f[17]),
                    Double.parseDouble(f[18]), Integer.parseInt(f[19]), Double.parseDouble(f[20]),
                    Long.parseLong(f[21]));
        } catch (NumberFormatException e) {
            // NumberFormatException quotes the whole cell: only a short prefix of it is shown.
            throw new IllegalArgumentException("bad number in " + CsvLines.quote(line) + ": "
                    + Texts.prefix(String.valueOf(e.getMessage())), e);
        }
    }

    private static boolean bool(String name, String cell) {
        if (!"true".equals(cell) && !"false".equals(cell)) {
            throw new IllegalArgumentException(name + " must be true or false, got " + CsvLines.quote(cell));
        }
        return "true".equals(cell);
    }
}
