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
 * for reference numbers. {@link org.pamlearn.bench.jmh.ResonatorBankBenchmark} times the filter array of one
 * control sample: 48 predictors through 5 resonators each. {@link org.pamlearn.bench.jmh.JmhTable} turns a JMH JSON
 * result file ({@code -rf json}) into a markdown table.
 */
package org.pamlearn.bench.jmh;
