// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;

/**
 * The shaded {@code target/pamlearn.jar} (run by failsafe after the package phase): it carries the command line and
 * the race, but neither the JMH benchmarks nor Spark (nor Scala), so {@code compare --runner spark} run from it
 * says in one line how to launch it instead; it carries ND4J, with what ND4J loads at run time, so
 * {@code replay --engine nd4j} runs from it.
 */
class PamlearnJarIT {

    private static final Path JAR = Path.of("target", "pamlearn.jar");

    @TempDir
    Path dir;

    @Test
    void theJarHasTheToolAndNeitherJmhNorSpark() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("org/pamlearn/examples/cli/PamlearnCommand.class"), "the command line");
            assertTrue(names.contains("org/pamlearn/bench/race/CompareSweep.class"), "the race");
            for (String absent : List.of("org/openjdk/jmh/", "org/pamlearn/bench/jmh/", "org/apache/spark/",
                    "scala/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(absent)), "nothing under " + absent);
            }
        }
    }

    @Test
    void theSparkRunnerWithoutSparkIsOneLineAndExitCode1() throws IOException, InterruptedException {
        Path err = dir.resolve("err.txt");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "compare", "--runner", "spark", "--out", dir.resolve("out").toString())
                .redirectErrorStream(false).redirectError(err.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        assertTrue(java.waitFor(60, TimeUnit.SECONDS), "ends");
        assertEquals(1, java.exitValue(), "exit code");
        assertEquals("pamlearn compare: Spark is not on the classpath: launch compare with spark-submit"
                + " (docs/SPARK.md)" + System.lineSeparator(), Files.readString(err, StandardCharsets.UTF_8));
        assertEquals("", Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8), "stdout");
    }

    /**
     * ND4J works from the jar: libraries it loads at run time (commons-io for its first transpose) are there, and
     * the replay gives the plain engine's weights (within 1e-12; these weights are of order 1).
     */
    @Test
    void replayOnTheNd4jEngineRunsFromTheJar() throws IOException, InterruptedException {
        Path model = Files.writeString(dir.resolve("model.json"), ReplayGoldenTest.NET_A, StandardCharsets.UTF_8);
        Path log = Files.writeString(dir.resolve("log.tsv"), ReplayCommandTest.GOOD_LOG, StandardCharsets.UTF_8);
        for (String engine : List.of("plain", "nd4j")) {
            Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString(), "replay", "--model", model.toString(), "--log", log.toString(), "--rule",
                    "pam", "--eta", "0.05", "--engine", engine, "--out", dir.resolve(engine + ".json").toString())
                    .redirectError(dir.resolve(engine + ".err").toFile())
                    .redirectOutput(dir.resolve(engine + ".out").toFile()).start();
            assertTrue(java.waitFor(120, TimeUnit.SECONDS), engine + ": ends");
            String err = Files.readString(dir.resolve(engine + ".err"), StandardCharsets.UTF_8);
            assertEquals(0, java.exitValue(), engine + ": exit code; stderr " + err);
            // ND4J logs through SLF4J: the jar carries a binding at level warn, so starting ND4J adds nothing to the
            // summary line (without one, SLF4J prints a three-line notice on every start).
            assertEquals(1, err.lines().count(), engine + ": standard error is the summary line: " + err);
            assertTrue(err.startsWith("replayed 2 rows of "), engine + ": " + err);
        }
        Network plain = Checkpoints.load(dir.resolve("plain.json"));
        Network nd4j = Checkpoints.load(dir.resolve("nd4j.json"));
        for (int l = 0; l < plain.layerCount(); l++) {
            double[][] expected = plain.weights(l);
            for (int j = 0; j < expected.length; j++) {
                assertArrayEquals(expected[j], nd4j.weights(l)[j], 1e-12, "layer " + l + ", neuron " + j);
            }
        }
    }
}
