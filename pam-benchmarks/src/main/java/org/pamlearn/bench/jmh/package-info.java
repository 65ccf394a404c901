// SPDX-License-Identifier: Apache-2.0
/**
 * JMH benchmarks of pamlearn (not API, not deployed).
 *
 * <p>Build the shaded jar from the repository root and run a benchmark by name:
 *
 * <pre>
 *   ./mvnw -B -ntp -q -pl pam-benchmarks -am package -DskipTests
 *   java -jar pam-benchmarks/target/benchmarks.jar '\.StepBenchmark\.' -prof gc
 * </pre>
 *
 * <p>{@link org.pamlearn.bench.jmh.StepBenchmark} times one online learning step (forward pass plus weight
 * update) of the authors' network shapes under each learning rule; see {@code pam-benchmarks/README.md}
 * for reference numbers. {@link org.pamlearn.bench.jmh.BatchStepBenchmark} times mini-batch training of a
 * 784-256-128-10 network with {@code BatchLearner} on the ND4J or the plain engine, in samples per second, next to
 * DL4J ({@link org.pamlearn.bench.jmh.Dl4jBatchBenchmark}) and the bare ND4J products of a batch
 * ({@link org.pamlearn.bench.jmh.GemmBenchmark}); see docs/RESULTS.md, "Mini-batch speed".
 * {@link org.pamlearn.bench.jmh.ResonatorBankBenchmark} times the filter array of one
 * control sample: 48 predictors through 5 resonators each. {@link org.pamlearn.bench.jmh.JmhTable} turns a JMH JSON
 * result file ({@code -rf json}) into a markdown table.
 */
package org.pamlearn.bench.jmh;
