// SPDX-License-Identifier: Apache-2.0
/**
 * The compare sweep on Apache Spark: {@link org.pamlearn.bench.spark.SparkSweep} does the runs of a
 * {@link org.pamlearn.bench.race.CompareSweep}, one Spark task per run, so a grid that outgrows one machine runs on
 * a cluster with the same rows and the same resumable {@code compare.csv} as on a pool of threads. Spark is a
 * provided, optional dependency: it comes from {@code spark-submit}, never with pamlearn's jars (docs/SPARK.md).
 */
package org.pamlearn.bench.spark;
