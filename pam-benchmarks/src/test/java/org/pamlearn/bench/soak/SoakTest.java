// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Soak}, run short: its lines per rule, the resident set size from a status file, one-line usage errors. */
class SoakTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Soak.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aShortSoakPrintsAProgressLineAndASummaryPerRule() {
        Run r = run("--steps", "3000", "--reports", "3", "--rules", "pam,bp", "--seed", "7");
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1 + 2 * (3 + 1), lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("soak: 3000 steps per rule, network 150 -> 8, 6 -> 3, eta 0.001, seed 7"),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("pam        1,000 steps: non-finite outputs 0, weights 0; ||W|| "),
                lines.get(1));
        assertTrue(lines.get(4).startsWith("pam done: 3,000 steps in "), lines.get(4));
        assertTrue(lines.get(4).contains("non-finite outputs 0; norm growth x"), lines.get(4));
        assertTrue(lines.get(8).startsWith("bp done: 3,000 steps in "), lines.get(8));
    }

    @Test
    void theResidentSetSizeComesFromTheVmRssLine() throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmPeak:\t  999999 kB\nVmRSS:\t   62668 kB\nThreads:\t20\n");
        assertEquals("61.2 MB", Soak.rss(status));
        Files.writeString(status, "Name:\tjava\n");
        assertEquals("n/a (no VmRSS in " + status + ")", Soak.rss(status));
        assertEquals("n/a (no " + dir.resolve("absent") + ")", Soak.rss(dir.resolve("absent")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--steps x|Soak: --steps must be an integer, got 'x'",
        "--steps 0|Soak: --steps must be >= 1, got 0",
        "--reports 1001|Soak: --reports must be <= 1000, got 1001",
        "--rules pam,pam|Soak: --rules names pam twice",
        "--rules foo|Soak: rule must be bp, sar or pam, got 'foo'",
        "--steps|Soak: --steps needs a value",
        "--fast yes|Soak: unknown option '--fast'"})
    void badArgumentsAreOneLineErrorsAndTheUsage(String args, String message) {
        Run r = run(args.split(" "));
        assertEquals(1, r.status(), r.err());
        List<String> err = r.err().lines().toList();
        assertEquals(message, err.get(0));
        assertTrue(err.get(1).startsWith("usage: java -cp benchmarks.jar org.pamlearn.bench.soak.Soak"), r.err());
        assertEquals("", r.out(), "nothing on stdout");
    }
}
