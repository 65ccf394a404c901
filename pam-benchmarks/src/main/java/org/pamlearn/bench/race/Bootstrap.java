// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The median of values that may be censored ({@link Censored}) and its percentile bootstrap 95% interval: {@value
 * #RESAMPLES} resamples of the values with replacement, each resample's median taken on both ends; an end of the
 * interval is the 2.5th (97.5th) percentile, nearest rank, of the resampled medians' lower ends and of their upper
 * ends, so censored values stay censored in every resample and an interval end is itself a bound when it is censored.
 * The resamples are drawn from a {@link SplittableRandom} seeded from a key that names the group (the same input gives
 * the same text).
 */
final class Bootstrap {

    /** Resamples per interval. */
    static final int RESAMPLES = 2000;
    private static final double LOW = 0.025;
    private static final double HIGH = 0.975;

    private Bootstrap() {
    }

    /**
     * The median: of an odd count the middle value, of an even count the mean of the two middle ones; taken on both
     * ends, so it is finite (for learning times) exactly when more than half of the values are.
     *
     * @param values at least one value. Not modified.
     * @return the median
     */
    static Censored median(List<Censored> values) {
        double[] lo = new double[values.size()];
        double[] hi = new double[lo.length];
        for (int i = 0; i < lo.length; i++) {
            lo[i] = values.get(i).lo();
            hi[i] = values.get(i).hi();
        }
        return new Censored(median(lo), median(hi));
    }

    /**
     * The 95% interval of the median.
     *
     * @param values at least one value. Not modified.
     * @param key names the group; seeds the resampling
     * @return the lower and the upper end
     */
    static Censored[] interval(List<Censored> values, String key) {
        Censored[] medians = resampledMedians(values, new SplittableRandom(seed(key)), RESAMPLES);
        double[] lo = new double[medians.length];
        double[] hi = new double[medians.length];
        for (int b = 0; b < medians.length; b++) {
            lo[b] = medians[b].lo();
            hi[b] = medians[b].hi();
        }
        Arrays.sort(lo);
        Arrays.sort(hi);
        return new Censored[] {new Censored(rank(lo, LOW), rank(hi, LOW)),
            new Censored(rank(lo, HIGH), rank(hi, HIGH))};
    }

    /**
     * The medians of resamples with replacement (the bootstrap distribution).
     *
     * @param values at least one value. Not modified.
     * @param random the source of the resamples. Modified.
     * @param count the number of resamples
     * @return the medians, in the order drawn
     */
    static Censored[] resampledMedians(List<Censored> values, SplittableRandom random, int count) {
        int n = values.size();
        double[] lo = new double[n];
        double[] hi = new double[n];
        Censored[] medians = new Censored[count];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < n; i++) {
                Censored v = values.get(random.nextInt(n));
                lo[i] = v.lo();
                hi[i] = v.hi();
            }
            medians[b] = new Censored(median(lo), median(hi));
        }
        return medians;
    }

    /** The seed of a group: its key through SplittableRandom's mixing, so near keys give unrelated streams. */
    static long seed(String key) {
        return new SplittableRandom(0x626F6F7473747261L ^ key.hashCode()).nextLong();
    }

    /** The nearest-rank percentile of sorted values: the {@code ceil(q * n)}-th smallest. */
    private static double rank(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    /** The median of values, sorting them in place; infinity stays infinity. */
    private static double median(double[] v) {
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }
}
