// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.bench.race.CompareRow;

/**
 * {@code compare --runner spark} with Spark on the classpath (the tests' classpath has it; pamlearn.jar has not,
 * PamlearnJarIT checks that case): the rows of the local runner, and one-line errors for a missing or bad master.
 */
class CompareSparkTest {

    /** Spark in this JVM: no web UI, loopback only. SparkConf reads spark.* system properties. */
    private static final Map<String, String> SPARK = Map.of("spark.ui.enabled", "false", "spark.driver.host",
            "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1");

    @TempDir
    Path dir;

    @BeforeAll
    static void quietLoopbackSpark() {
        SPARK.forEach(System::setProperty);
    }

    @AfterAll
    static void clear() {
        SPARK.keySet().forEach(System::clearProperty);
    }

    /** bp and pam at eta_40 and eta_41 of 4x6, two seeds, 3000 steps: 8 runs. */
    private List<String> grid(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--rules", "bp,pam", "--layers", "4x6",
                "--init", "authors", "--eta-min", "0.07", "--eta-max", "0.1", "--seeds", "2", "--horizon", "3000",
                "--t-rel-hold", "1000", "--out", out.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void theSparkRunnerWritesTheLocalRunnersRows() throws IOException {
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        CliRun l = CliRun.of(grid(local, "--threads", "2"));
        CliRun s = CliRun.of(grid(spark, "--runner", "spark", "--spark-master", "local[2]"));
        assertEquals(0, l.exit(), l.err());
        assertEquals(0, s.exit(), s.err());
        assertEquals(8, rows(local).size(), "8 runs");
        assertEquals(rows(local), rows(spark), "the same rows");
        assertTrue(s.err().contains("8 run now in") && s.err().contains("on Spark (local[2], 2 cores)"), s.err());
        assertEquals(l.out(), s.out(), "the same summary");
    }

    @Test
    void withoutAMasterItIsOneLineAndExitCode1() {
        Path out = dir.resolve("new");
        CliRun run = CliRun.of(grid(out, "--runner", "spark"));
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "no master");
        assertEquals("pamlearn compare: no Spark master: launch compare with spark-submit --master URL, or give"
                + " --spark-master URL" + System.lineSeparator(), run.err());
        assertTrue(!Files.exists(out), "nothing written, not even the directory");
    }

    @Test
    void aBadMasterIsOneLineAndExitCode1() {
        Path out = dir.resolve("new");
        CliRun run = CliRun.of(grid(out, "--runner", "spark", "--spark-master", "bogus://x"));
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "bad master");
        assertTrue(run.err().startsWith("pamlearn compare: cannot start Spark with master 'bogus://x': "), run.err());
        assertTrue(!Files.exists(out), "nothing written, not even the directory");
    }

    private static Set<String> rows(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("compare.csv"), StandardCharsets.UTF_8);
        assertEquals(CompareRow.HEADER, lines.get(0), "header");
        return new HashSet<>(lines.subList(1, lines.size()));
    }
}
