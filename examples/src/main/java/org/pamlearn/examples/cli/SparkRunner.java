// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.pamlearn.bench.race.CompareGrid;
import org.pamlearn.bench.race.CompareSweep;
import org.pamlearn.bench.race.RunExecutor;
import org.pamlearn.bench.spark.SettingRecipe;
import org.pamlearn.bench.spark.SparkSweep;
import org.pamlearn.core.internal.Texts;

/**
 * {@code compare --runner spark}: a Spark context for one sweep. Spark is not in pamlearn.jar: this class is loaded
 * only once {@link CompareCommand} has found Spark on the classpath (under {@code spark-submit}, docs/SPARK.md).
 */
final class SparkRunner implements AutoCloseable {

    private final JavaSparkContext spark;

    private SparkRunner(JavaSparkContext spark) {
        this.spark = spark;
    }

    /**
     * Starts a Spark context.
     *
     * @param master the master URL, or {@code null} for spark-submit's ({@code spark.master})
     * @return the runner
     * @throws UserInputException if there is no master, or Spark does not start with it
     */
    static SparkRunner start(String master) {
        SparkConf conf = new SparkConf().setAppName("pamlearn compare");
        if (master != null) {
            conf.setMaster(master);
        }
        if (!conf.contains("spark.master")) {
            throw new UserInputException("no Spark master: launch compare with spark-submit --master URL, or give"
                    + " --spark-master URL");
        }
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf);
        } catch (Exception e) {
            // Spark throws a SparkException (checked, undeclared) for a malformed master URL.
            throw new UserInputException("cannot start Spark with master " + Texts.quote(conf.get("spark.master"))
                    + ": " + firstLine(e.getMessage()), e);
        }
        // The progress bar and the summary are the output; Spark's own INFO lines would bury them.
        spark.setLogLevel("WARN");
        return new SparkRunner(spark);
    }

    /**
     * A sweep whose runs are this context's tasks.
     *
     * @param grid the grid
     * @param recipe builds the setting, here and in the tasks
     * @param shard this shard
     * @param shards the shard count
     * @return the sweep; a failed Spark job ends its {@code run} with a {@link UserInputException}
     */
    CompareSweep sweep(CompareGrid grid, SettingRecipe recipe, int shard, int shards) {
        RunExecutor tasks = SparkSweep.executor(spark, recipe);
        RunExecutor reported = (todo, setting, done, stop) -> {
            try {
                tasks.execute(todo, setting, done, stop);
            } catch (IllegalStateException e) {
                throw new UserInputException(e.getMessage(), e);
            }
        };
        return new CompareSweep(grid, recipe.build(), reported, shard, shards);
    }

    /**
     * Says where the runs ran, for the line after the sweep.
     *
     * @return e.g. {@code Spark (spark://127.0.0.1:7077, 2 cores)}
     */
    String where() {
        return String.format(Locale.ROOT, "Spark (%s, %d cores)", spark.master(), spark.defaultParallelism());
    }

    @Override
    public void close() {
        spark.close();
    }

    private static String firstLine(String message) {
        return String.valueOf(message).lines().findFirst().orElse("");
    }
}
