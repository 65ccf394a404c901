// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BooleanSupplier;

/**
 * The reflex-only runs of a sweep, each run once: every rule and learning rate at one seed index shares the seed and
 * so the reflex-only run and its {@code R} (paired seeds), which costs about 40% of a learning run. Threads asking
 * for the same seed wait for the one that runs it. Holds the last {@value #CAPACITY} values.
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
     * {@code R} of a seed in a setting, run now or earlier.
     *
     * @param setting the setting
     * @param seed the run seed
     * @param stop asked before each step of a run started now
     * @return {@code R}, or {@code NaN} if the run was stopped (then it is not kept)
     */
    double reflexAbsE(CompareSweep.Setting setting, long seed, BooleanSupplier stop) {
        String key = setting.seedKey() + ',' + setting.horizon() + ',' + seed;
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
            Thread.currentThread().interrupt();
            r = Double.NaN;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(cause);
        }
        if (Double.isNaN(r)) {
            synchronized (runs) {
                runs.remove(key, mine);
            }
        }
        return r;
    }
}
