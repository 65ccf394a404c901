// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.pamlearn.bench.race.CompareGrid;
import org.pamlearn.bench.race.CompareRow;
import org.pamlearn.bench.race.CompareSweep;
import org.pamlearn.bench.race.RunExecutor;

/**
 * Does the runs of a {@link CompareSweep} on Apache Spark: one job whose RDD holds the runs to do, one partition,
 * hence one task, per run. A task builds the setting from its {@link SettingRecipe} (once per executor: the recipe
 * is a broadcast value) and runs its point through {@link CompareSweep#runOne(CompareGrid.Run, CompareSweep.Setting,
 * BooleanSupplier)}, so its row is the one a pool of threads would write. The row travels back as its CSV line,
 * the form in which compare.csv already round-trips rows, through an accumulator that Spark merges on the driver as
 * each task ends; the driver looks every {@value #POLL_MILLIS} ms and hands the new rows to the sweep, which
 * appends them at once. So a sweep that is stopped or dies keeps the rows of its finished runs, and resumes like a
 * local one.
 *
 * <p>A stop cancels the job: Spark marks the running tasks killed, and each ends after its current step without a
 * row; the rows that reached the driver before are written, the others are abandoned.
 */
public final class SparkSweep implements RunExecutor {

    /** How often, in milliseconds, the driver collects finished rows and asks whether to stop. */
    public static final long POLL_MILLIS = 100;

    private final JavaSparkContext spark;
    private final SettingRecipe recipe;

    private SparkSweep(JavaSparkContext spark, SettingRecipe recipe) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.recipe = Objects.requireNonNull(recipe, "recipe");
    }

    /**
     * A sweep whose runs are Spark tasks; its setting is {@code recipe.build()}.
     *
     * @param spark the Spark context, open while the sweep runs
     * @param grid the grid
     * @param recipe builds the world and horizon of every run, on the driver and in the tasks
     * @param shard this shard, {@code 0..shards-1}
     * @param shards the shard count, {@code >= 1}
     * @return the sweep
     * @throws IllegalArgumentException if a count is out of range, or the recipe's
     */
    public static CompareSweep sweep(JavaSparkContext spark, CompareGrid grid, SettingRecipe recipe, int shard,
            int shards) {
        return new CompareSweep(grid, recipe.build(), executor(spark, recipe), shard, shards);
    }

    /**
     * The executor alone, for a {@link CompareSweep} whose setting is one that {@code recipe} builds (the tasks
     * ignore the setting they are given: they cannot be sent it).
     *
     * @param spark the Spark context, open while the sweep runs
     * @param recipe builds the world and horizon of every run in the tasks
     * @return the executor
     */
    public static RunExecutor executor(JavaSparkContext spark, SettingRecipe recipe) {
        return new SparkSweep(spark, recipe);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the Spark job fails (a task failed more often than Spark retries it, the
     *     cluster went away); the message is Spark's first line, the cause Spark's exception
     */
    @Override
    public void execute(List<CompareGrid.Run> todo, CompareSweep.Setting setting, Rows done, BooleanSupplier stop)
            throws IOException, InterruptedException {
        CollectionAccumulator<String> lines = spark.sc().collectionAccumulator("pamlearn compare rows");
        Broadcast<SharedSetting> shared = spark.broadcast(new SharedSetting(recipe));
        spark.setJobDescription("pamlearn compare: " + todo.size() + " runs");
        JavaFutureAction<Void> job = spark.parallelize(todo, todo.size())
                .foreachAsync(run -> runTask(run, shared.value(), lines));
        boolean stopped = false;
        int handed = 0;
        try {
            while (true) {
                // Done first, rows second: every row of a finished job is in the accumulator by then.
                boolean over = job.isDone();
                List<String> arrived = lines.value();
                for (; handed < arrived.size(); handed++) {
                    done.accept(CompareRow.parse(arrived.get(handed)));
                }
                if (over) {
                    break;
                }
                if (!stopped && stop.getAsBoolean()) {
                    stopped = true;
                    job.cancel(true);
                }
                Thread.sleep(POLL_MILLIS);
            }
            if (!stopped) {
                job.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw new IllegalStateException("the Spark job failed: " + message, cause);
        } finally {
            if (!job.isDone()) {
                job.cancel(true);
            }
            if (!spark.sc().isStopped()) {
                // (A context that died with its cluster has nothing left to free, and destroy() would fail.)
                shared.destroy();
            }
        }
    }

    /** One task: one run, its row added to {@code lines} unless the task was killed (the job cancelled). */
    private static void runTask(CompareGrid.Run run, SharedSetting setting, CollectionAccumulator<String> lines) {
        TaskContext task = TaskContext.get();
        CompareRow row = CompareSweep.runOne(run, setting.get(), task::isInterrupted);
        if (row != null) {
            lines.add(row.toCsv());
        } else if (!task.isInterrupted()) {
            // No row although this task was not stopped: fail it, so that Spark runs it again, rather than succeed
            // without a row.
            throw new IllegalStateException("run " + run.key() + " ended without a row and was not stopped");
        }
    }

    /**
     * The broadcast value: the recipe, and the setting it builds on first use. An executor deserialises a
     * broadcast value once and shares it between its tasks, so it builds the track once (a setting is thread-safe:
     * the local runner shares one between its threads too).
     */
    private static final class SharedSetting implements Serializable {
        private static final long serialVersionUID = 1L;

        private final SettingRecipe recipe;
        private transient CompareSweep.Setting setting;

        SharedSetting(SettingRecipe recipe) {
            this.recipe = recipe;
        }

        synchronized CompareSweep.Setting get() {
            if (setting == null) {
                setting = recipe.build();
            }
            return setting;
        }
    }
}
