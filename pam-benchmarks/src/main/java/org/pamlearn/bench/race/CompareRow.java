// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.Locale;
import org.pamlearn.bench.internal.CsvLines;
import org.pamlearn.core.internal.Texts;

/**
 * One finished run, one line of {@code compare.csv}: {@value #HEADER}. {@code eta} is {@code eta_k} with 6
 * significant digits, {@code seed} the seed index, {@code steps} the steps to success or, on failure, the steps run
 * (the budget), {@code eta_k} the grid index, {@code run_seed} the seed the run used, {@code max_steps} its budget,
 * {@code speed} its speed factor (1: the authors' speed), {@code track} its track ({@code builtin}, {@code sharp} or
 * {@code png:} and the first 16 hex digits of the image file's SHA-256), {@code sensors} its look-ahead sensors
 * ({@code rows} or {@code camera}).
 *
 * @param rule the rule's label ({@code bp}, {@code sar}, {@code pam})
 * @param depth the depth label ({@code 4x10})
 * @param init the initialisation's label ({@code authors}, {@code symmetric})
 * @param etaIndex {@code k}
 * @param seed the seed index
 * @param steps the steps to success, or the steps run
 * @param success whether the run succeeded
 * @param runSeed the run's seed
 * @param maxSteps the run's budget
 * @param speed the run's speed factor
 * @param track the run's track label
 * @param sensors the run's sensors label
 */
public record CompareRow(String rule, String depth, String init, int etaIndex, int seed, long steps, boolean success,
        long runSeed, long maxSteps, double speed, String track, String sensors) {

    /** The CSV header. */
    public static final String HEADER =
            "rule,depth,init,eta,seed,steps,success,eta_k,run_seed,max_steps,speed,track,sensors";
    private static final int COLUMNS = 13;

    /**
     * Returns the learning rate.
     *
     * @return {@code eta_k}
     */
    public double eta() {
        return CompareGrid.eta(etaIndex);
    }

    /**
     * The steps counted for medians and ratios: the steps to success, or the budget on failure.
     *
     * @return the steps
     */
    public long countedSteps() {
        return success ? steps : Math.max(steps, maxSteps);
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
        return CsvLines.join(rule, depth, init, String.format(Locale.ROOT, "%.6g", eta()), Integer.toString(seed),
                Long.toString(steps), Boolean.toString(success), Integer.toString(etaIndex), Long.toString(runSeed),
                Long.toString(maxSteps), Double.toString(speed), track, sensors);
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
            if (!"true".equals(f[6]) && !"false".equals(f[6])) {
                throw new IllegalArgumentException("success must be true or false, got " + CsvLines.quote(f[6]));
            }
            int k = Integer.parseInt(f[7]);
            if (k < 0 || k > CompareGrid.MAX_ETA_INDEX) {
                throw new IllegalArgumentException("eta_k must be 0.." + CompareGrid.MAX_ETA_INDEX + ", got " + k);
            }
            double speed = Double.parseDouble(f[10]);
            if (!(speed > 0 && speed < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("speed must be finite and > 0, got " + CsvLines.quote(f[10]));
            }
            return new CompareRow(f[0], f[1], f[2], k, Integer.parseInt(f[4]), Long.parseLong(f[5]),
                    Boolean.parseBoolean(f[6]), Long.parseLong(f[8]), Long.parseLong(f[9]), speed, f[11], f[12]);
        } catch (NumberFormatException e) {
            // NumberFormatException quotes the whole cell: only a short prefix of it is shown.
            throw new IllegalArgumentException("bad number in " + CsvLines.quote(line) + ": "
                    + Texts.prefix(String.valueOf(e.getMessage())), e);
        }
    }
}
