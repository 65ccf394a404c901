// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** {@link RunExecutor#threads}: the runs on a pool of threads, their rows handed back in completion order. */
final class ThreadPoolRunner implements RunExecutor {

    private final int threads;

    ThreadPoolRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    @Override
    public void execute(List<CompareGrid.Run> todo, CompareSweep.Setting setting, Rows done, BooleanSupplier stop)
            throws IOException, InterruptedException {
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()), r -> {
            Thread t = new Thread(r, "compare-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<CompareRow> finished = new ExecutorCompletionService<>(pool);
            for (CompareGrid.Run run : todo) {
                // After a stop the runs not started return at once, abandoned.
                finished.submit(() -> stop.getAsBoolean() ? null : CompareSweep.runOne(run, setting, stop));
            }
            for (int n = 1; n <= todo.size(); n++) {
                CompareRow row;
                try {
                    row = finished.take().get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException) {
                        throw (RuntimeException) cause;
                    }
                    if (cause instanceof Error) {
                        throw (Error) cause;
                    }
                    throw new IllegalStateException(cause);
                }
                if (row != null) {
                    done.accept(row);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
