// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Does the runs of a {@link CompareSweep} and hands each finished run's row back to the sweep, which writes it. The
 * sweep keeps everything around the runs (reading and checking the CSV file, resuming, the header, cutting a
 * partial last line, writing the rows), so an executor only decides where the runs happen: on a pool of threads
 * ({@link #threads}, the default) or elsewhere (a cluster). Every executor's rows are those of
 * {@link CompareSweep#runOne(CompareGrid.Run, CompareSweep.Setting, BooleanSupplier)}, so they do not depend on
 * the executor.
 */
public interface RunExecutor {

    /** Receives the finished runs' rows, on the thread that called {@link #execute}. */
    @FunctionalInterface
    interface Rows {
        /**
         * Takes one finished run's row.
         *
         * @param row the row
         * @throws IOException if the row cannot be written
         */
        void accept(CompareRow row) throws IOException;
    }

    /**
     * Does the runs, handing each finished run's row to {@code done} on the calling thread as soon as it is there
     * (in completion order); returns when every run has been handed back or, once {@code stop} turned true, when
     * the runs in flight have ended and been abandoned, like the runs not started: an abandoned run hands nothing
     * back.
     *
     * @param todo the runs, at least one
     * @param setting the world and horizon of every run
     * @param done receives the rows
     * @param stop whether to stop; asked before each run and each step of a run
     * @throws IOException if {@code done} throws it
     * @throws InterruptedException if interrupted while waiting for runs
     */
    void execute(List<CompareGrid.Run> todo, CompareSweep.Setting setting, Rows done, BooleanSupplier stop)
            throws IOException, InterruptedException;

    /**
     * The default executor: a pool of {@code threads} daemon threads ({@code compare-1}, ...; no more than runs),
     * started for each {@link #execute} and shut down when it returns.
     *
     * @param threads the worker threads, {@code >= 1}
     * @return the executor
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    static RunExecutor threads(int threads) {
        return new ThreadPoolRunner(threads);
    }
}
