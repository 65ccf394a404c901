// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;

/**
 * The runs of a sweep in their fixed order: for each depth spec, each initialisation, each rule, each learning rate
 * {@code eta_k = 1e-5 * 1.25^k} (increasing {@code k}), each seed index {@code 0..seeds-1}. A run's position in this
 * order is its index ({@code --shard i/N} keeps the runs with {@code index % N == i}). Seeds are paired: a run's
 * simulator and weight seed is {@link #runSeed}, a function of (setting, depth, init, seed index) only, so every rule
 * and learning rate at one seed index starts from the same initial weights, meets the same motor noise and shares the
 * reflex-only run; and results do not depend on the thread count, on the shard or on which other runs are in the
 * grid.
 */
public final class CompareGrid {

    /** The smallest learning rate of the grid, {@code eta_0}. */
    public static final double ETA_BASE = 1e-5;
    /** The ratio of consecutive learning rates. */
    public static final double ETA_RATIO = 1.25;
    /** The largest {@code k} of the grid: {@code eta_82 = 884 <= 1e3 < eta_83}. */
    public static final int MAX_ETA_INDEX = 82;

    /**
     * A hidden-layer shape.
     *
     * @param label its name in the CSV: {@code NxS} when all {@code N} layers have {@code S} neurons, else the sizes
     *     joined with {@code -}
     * @param hidden the hidden layer sizes (do not modify)
     */
    public record Depth(String label, int[] hidden) implements Serializable {

        /**
         * A shape with its canonical label.
         *
         * @param hidden the sizes, at least one. Not modified (copied).
         * @return the shape
         * @throws IllegalArgumentException if {@code hidden} is empty
         */
        public static Depth of(int... hidden) {
            if (hidden.length == 0) {
                throw new IllegalArgumentException("a depth needs at least one hidden layer, got none");
            }
            boolean uniform = true;
            for (int s : hidden) {
                uniform &= s == hidden[0];
            }
            StringBuilder label = new StringBuilder();
            if (uniform) {
                label.append(hidden.length).append('x').append(hidden[0]);
            } else {
                for (int k = 0; k < hidden.length; k++) {
                    label.append(k == 0 ? "" : "-").append(hidden[k]);
                }
            }
            return new Depth(label.toString(), hidden.clone());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Depth && ((Depth) o).label.equals(label);
        }

        @Override
        public int hashCode() {
            return label.hashCode();
        }

        @Override
        public String toString() {
            return label + Arrays.toString(hidden);
        }
    }

    /**
     * One run of the grid.
     *
     * @param index its position in the grid order
     * @param rule the rule
     * @param depth the hidden layers
     * @param init the initialisation
     * @param etaIndex {@code k} of {@code eta_k}
     * @param seed the seed index, {@code 0..seeds-1}
     */
    public record Run(int index, LearningMode rule, Depth depth, NetworkInit init, int etaIndex,
            int seed) implements Serializable {

        /**
         * Returns the learning rate.
         *
         * @return {@code eta_k}
         */
        public double eta() {
            return CompareGrid.eta(etaIndex);
        }

        /**
         * Returns the key that identifies the run in a CSV file.
         *
         * @return {@code rule,depth,init,k,seed}
         */
        public String key() {
            return CompareRow.key(rule.label(), depth.label(), init.label(), etaIndex, seed);
        }
    }

    private final List<Run> runs;
    private final List<LearningMode> rules;
    private final List<Depth> depths;
    private final List<NetworkInit> inits;
    private final int[] etaIndices;
    private final int seeds;

    private CompareGrid(List<Run> runs, List<LearningMode> rules, List<Depth> depths,
            List<NetworkInit> inits, int[] etaIndices, int seeds) {
        this.runs = Collections.unmodifiableList(runs);
        this.rules = List.copyOf(rules);
        this.depths = List.copyOf(depths);
        this.inits = List.copyOf(inits);
        this.etaIndices = etaIndices.clone();
        this.seeds = seeds;
    }

    /**
     * Lists the grid.
     *
     * @param rules the rules, in order. Not modified.
     * @param depths the hidden-layer shapes. Not modified.
     * @param inits the initialisations. Not modified.
     * @param etaIndices the {@code k} of the learning rates. Not modified.
     * @param seeds the seeds per point, {@code >= 1}
     * @return the grid
     * @throws IllegalArgumentException if a list is empty or {@code seeds < 1}
     */
    public static CompareGrid of(List<LearningMode> rules, List<Depth> depths, List<NetworkInit> inits,
            int[] etaIndices, int seeds) {
        if (rules.isEmpty() || depths.isEmpty() || inits.isEmpty() || etaIndices.length == 0) {
            throw new IllegalArgumentException("the grid needs at least one rule, depth, init and eta");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        }
        List<Run> runs = new ArrayList<>();
        for (Depth d : depths) {
            for (NetworkInit init : inits) {
                for (LearningMode rule : rules) {
                    for (int k : etaIndices) {
                        for (int s = 0; s < seeds; s++) {
                            runs.add(new Run(runs.size(), rule, d, init, k, s));
                        }
                    }
                }
            }
        }
        return new CompareGrid(runs, rules, depths, inits, etaIndices, seeds);
    }

    /**
     * Returns the runs in grid order.
     *
     * @return the runs, unmodifiable
     */
    public List<Run> runs() {
        return runs;
    }

    /**
     * Returns the rules.
     *
     * @return the rules, in grid order, unmodifiable
     */
    public List<LearningMode> rules() {
        return rules;
    }

    /**
     * Returns the hidden-layer shapes.
     *
     * @return the shapes, in grid order, unmodifiable
     */
    public List<Depth> depths() {
        return depths;
    }

    /**
     * Returns the initialisations.
     *
     * @return the initialisations, in grid order, unmodifiable
     */
    public List<NetworkInit> inits() {
        return inits;
    }

    /**
     * Returns the learning-rate indices.
     *
     * @return the {@code k}, increasing (a copy)
     */
    public int[] etaIndices() {
        return etaIndices.clone();
    }

    /**
     * Returns the seeds per grid point.
     *
     * @return the seed count
     */
    public int seeds() {
        return seeds;
    }

    /**
     * The learning rate {@code eta_k = 1e-5 * 1.25^k}.
     *
     * @param k the index
     * @return {@code eta_k}
     */
    public static double eta(int k) {
        return ETA_BASE * Math.pow(ETA_RATIO, k);
    }

    /**
     * The indices {@code k in 0..}{@value #MAX_ETA_INDEX} whose {@code eta_k} lies in {@code [min, max]} (with a
     * relative tolerance of {@code 1e-9}, so a bound written as a grid value keeps it).
     *
     * @param min the smallest rate
     * @param max the largest rate
     * @return the indices, increasing; may be empty
     */
    public static int[] etaIndices(double min, double max) {
        int[] ks = new int[MAX_ETA_INDEX + 1];
        int n = 0;
        for (int k = 0; k <= MAX_ETA_INDEX; k++) {
            double eta = eta(k);
            if (eta >= min * (1 - 1e-9) && eta <= max * (1 + 1e-9)) {
                ks[n++] = k;
            }
        }
        return Arrays.copyOf(ks, n);
    }

    /**
     * The seed of one run, paired: it depends on the setting, depth, initialisation and seed index, not on the rule
     * or the learning rate. The components are mixed one after the other through {@link SplittableRandom}'s generator
     * ({@code h <- new SplittableRandom(h ^ (c * 0x9E3779B97F4A7C15)).nextLong()}), starting from a fixed constant;
     * strings enter through their (specified) {@link String#hashCode()}.
     *
     * @param setting the setting's key ({@code CompareSweep.Setting#seedKey()}: track, sensors, speed)
     * @param depth the depth label
     * @param init the initialisation
     * @param seed the seed index
     * @return the seed of the simulator's noise and the initial weights
     */
    public static long runSeed(String setting, String depth, NetworkInit init, int seed) {
        long h = 0x70616D6C6561726EL;
        h = mix(h, setting.hashCode());
        h = mix(h, depth.hashCode());
        h = mix(h, init.label().hashCode());
        return mix(h, seed);
    }

    private static long mix(long h, long component) {
        return new SplittableRandom(h ^ (component * 0x9E3779B97F4A7C15L)).nextLong();
    }
}
