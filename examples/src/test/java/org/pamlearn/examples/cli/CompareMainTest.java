// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.bench.race.CompareRow;

/** {@link CompareMain} is {@code pamlearn compare}: same CSV, same exit codes. */
class CompareMainTest {

    @TempDir
    Path dir;

    @Test
    void itRunsTheCompareSubcommand() throws IOException {
        int exit = CompareMain.run("--rules", "pam", "--layers", "1x4", "--init", "symmetric", "--eta-min", "1e-3",
                "--eta-max", "1.1e-3", "--seeds", "2", "--horizon", "500", "--threads", "1", "--out",
                dir.toString());
        assertEquals(0, exit, "exit code");
        List<String> lines = Files.readAllLines(dir.resolve("compare.csv"), StandardCharsets.UTF_8);
        assertEquals(CompareRow.HEADER, lines.get(0), "header");
        assertEquals(3, lines.size(), "one eta x 2 seeds: " + lines);
    }

    @Test
    void aUsageErrorIsExitCode2() {
        assertEquals(2, CompareMain.run("--seeds", "0", "--out", dir.toString()), "--seeds 0");
    }
}
