// SPDX-License-Identifier: Apache-2.0
/**
 * The convergence race behind {@code pamlearn compare} (docs/ALGORITHMS.md &sect;5): a grid of
 * simulated line-follower sessions ({@link org.pamlearn.robot.sim.LineFollowerRun}) over rules, hidden
 * layer shapes, initialisations, learning rates {@code eta = 1e-5 * 1.25^k} and seeds.
 * {@link org.pamlearn.bench.race.CompareGrid} lists the runs in a fixed order and gives each its own seed;
 * {@link org.pamlearn.bench.race.CompareSweep} runs them in parallel, appending one
 * {@link org.pamlearn.bench.race.CompareRow} per run to a CSV file (resumable, shardable);
 * {@link org.pamlearn.bench.race.CompareSummary} and {@link org.pamlearn.bench.race.ComparePlot} turn
 * the rows into a markdown summary and a PNG.
 */
package org.pamlearn.bench.race;
