// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;

/**
 * The reflex-only runs of a sweep, each run once: every rule and learning rate at one seed index shares the seed and
 * so the reflex-only run and its {@code R} (paired seeds), so one run per seed serves them all. Threads asking for the
 * same seed wait for the one that runs it. Holds the last {@value #CAPACITY} values.
 */
final class ReflexRuns {

    /** The values kept, far more than the seeds of one grid point's depths and inits. */
    static final int CAPACITY = 4096;

    private static final ReflexRuns SHARED = new ReflexRuns();

    private final Map<String, FutureTask<Double>> runs = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FutureTask<Double>> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * The cache of this JVM.
     *
     * @return the shared cache
     */
    static ReflexRuns shared() {
        return SHARED;
    }

    /**
     * {@code R} of a seed in a setting, run now or earlier. A run is stopped only by the stop condition of the caller
     * that started it; a caller that waited for it and is not stopped itself then runs it again, so one caller's stop
     * (a killed Spark task, say) never costs another caller its row.
     *
     * @param setting the setting
     * @param seed the run seed
     * @param stop asked before each step of a run started now
     * @return {@code R}, or {@code NaN} if this caller was stopped (or interrupted while waiting)
     */
    double reflexAbsE(CompareSweep.Setting setting, long seed, BooleanSupplier stop) {
        String key = setting.seedKey() + ',' + setting.horizon() + ',' + seed;
        while (true) {
            FutureTask<Double> task = new FutureTask<>(() -> CompareSweep.reflexAbsE(setting, seed, stop));
            FutureTask<Double> prior;
            synchronized (runs) {
                prior = runs.putIfAbsent(key, task);
            }
            FutureTask<Double> mine = prior == null ? task : prior;
            if (prior == null) {
                task.run();
            }
            double r;
            try {
                r = mine.get();
            } catch (InterruptedException e) {
                // This caller gives up waiting; the run it waited for goes on for the others.
                Thread.currentThread().interrupt();
                return Double.NaN;
            } catch (ExecutionException e) {
                forget(key, mine);
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException) {
                    throw (RuntimeException) cause;
                }
                throw new IllegalStateException(cause);
            }
            if (!Double.isNaN(r)) {
                return r;
            }
            // The caller that ran it was stopped: nothing is kept.
            forget(key, mine);
            if (stop.getAsBoolean()) {
                return Double.NaN;
            }
        }
    }

    private void forget(String key, FutureTask<Double> task) {
        synchronized (runs) {
            runs.remove(key, task);
        }
    }
}
