// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-line messages of unreadable and unwritable files say what went wrong in words, name the file once and
 * quote at most a short prefix of offending text; the replay log is read within its limits.
 */
class CliMessagesTest {

    @TempDir
    Path dir;
    private Path model;
    private Path log;

    @BeforeEach
    void writeFiles() throws IOException {
        model = Files.writeString(dir.resolve("model.json"), ReplayGoldenTest.NET_A, StandardCharsets.UTF_8);
        log = Files.writeString(dir.resolve("log.tsv"), ReplayCommandTest.GOOD_LOG, StandardCharsets.UTF_8);
    }

    private CliRun replay(Path logFile, String... options) {
        List<String> args = new ArrayList<>(List.of("replay", "--model", model.toString(), "--log",
                logFile.toString(), "--rule", "bp", "--eta", "0.1"));
        args.addAll(Arrays.asList(options));
        return CliRun.of(args);
    }

    private static String err(CliRun run, String what) {
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, what);
        return run.err().strip();
    }

    @Test
    void aDirectoryAsTrackIsNamedSo() {
        CliRun run = CliRun.of("line-follower", "--track", dir.toString(), "--max-steps", "10");
        assertEquals("pamlearn line-follower: cannot read track " + dir + ": is a directory", err(run, "track dir"));
    }

    @Test
    void aTrackThatIsNoImageIsNamedOnce() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.png"));
        CliRun run = CliRun.of("line-follower", "--track", empty.toString(), "--max-steps", "10");
        assertEquals("pamlearn line-follower: track image " + empty + " is not an image ImageIO can read (PNG"
                + " expected)", err(run, "empty png"));
    }

    @Test
    void anOutDirectoryThatIsAFileSaysSo() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.json"));
        CliRun run = CliRun.of("line-follower", "--out", file.toString(), "--max-steps", "10");
        assertEquals("pamlearn line-follower: cannot write " + file + ": it is a file, not a directory",
                err(run, "out is a file"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"error.png", "trajectory.png", "weights.png"})
    void aPlotThatCannotBeWrittenIsNamedNotItsDirectory(String plot) throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path inTheWay = Files.createDirectory(out.resolve(plot));
        CliRun run = CliRun.of("line-follower", "--out", out.toString(), "--max-steps", "10", "--log", "none");
        assertEquals(PamlearnCommand.EXIT_BAD_INPUT, run.exit(), run.err());
        String[] lines = run.err().strip().split("\\R");
        assertEquals("pamlearn line-follower: cannot write " + inTheWay + ": is a directory", lines[lines.length - 1],
                run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void anOutFileBelowAFileSaysWhichIsInTheWay() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.json"));
        Path out = file.resolve("x.json");
        CliRun run = replay(log, "--out", out.toString());
        assertEquals("pamlearn replay: cannot write " + out + ": " + file.toAbsolutePath()
                + " is a file, not a directory", err(run, "parent is a file"));
    }

    @Test
    void anOutFileThatIsADirectoryIsNamedOnce() {
        CliRun run = replay(log, "--out", dir.toString());
        assertEquals("pamlearn replay: cannot write " + dir + ": is a directory", err(run, "out is a dir"));
    }

    @Test
    void anOutFileUnderProcIsInNoSuchDirectory() {
        assumeTrue(Files.isDirectory(Path.of("/proc")), "no /proc here");
        CliRun run = replay(log, "--out", "/proc/nope/x.json");
        assertEquals("pamlearn replay: cannot write /proc/nope/x.json: no such directory", err(run, "/proc"));
    }

    @Test
    void aTruncatedModelNamesLineAndColumnNotTheParsersSource() throws IOException {
        String json = ReplayGoldenTest.NET_A;
        Path cut = Files.writeString(dir.resolve("cut.json"), json.substring(0, json.indexOf(']') - 2),
                StandardCharsets.UTF_8);
        List<String> args = List.of("replay", "--model", cut.toString(), "--log", log.toString(), "--rule", "bp",
                "--eta", "0.1");
        String err = err(CliRun.of(args), "truncated model");
        assertTrue(err.startsWith("pamlearn replay: model " + cut + ": checkpoint field $: invalid JSON at line "),
                err);
        assertTrue(err.contains("(start marker at line "), err);
        assertFalse(err.contains("Source") || err.contains("REDACTED") || err.contains("`"), err);
    }

    @Test
    void aLogWithoutLineBreaksStopsAtTheLineLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertEquals("pamlearn replay: /dev/zero line 1: longer than 1048576 characters, the line length limit; the"
                + " rest of the log is not read", err(replay(zero), "/dev/zero"));
        assertEquals("pamlearn replay: /dev/zero line 1: longer than 10 characters, the line length limit; the rest"
                + " of the log is not read", err(replay(zero, "--max-line-chars", "10"), "/dev/zero, 10"));
    }

    @Test
    void theLimitsAreOptions() {
        CliRun rows = replay(log, "--max-rows", "1");
        assertEquals("pamlearn replay: " + log + " line 3: more than 1 row, the row limit; the rest of the log is not"
                + " read", err(rows, "rows"));
        CliRun columns = replay(log, "--max-columns", "3");
        assertEquals("pamlearn replay: " + log + " line 1: more than 3 cells, the column limit", err(columns, "cols"));
        CliRun enough = replay(log, "--max-rows", "2", "--max-columns", "4", "--max-line-chars", "15");
        assertEquals(0, enough.exit(), enough.err());
        CliRun zero = replay(log, "--max-line-chars", "0");
        zero.assertOneLineError(PamlearnCommand.EXIT_USAGE, "zero");
        assertEquals("pamlearn replay: --max-line-chars must be > 0, got 0", zero.err().strip());
    }

    @Test
    void aLongHeaderNameIsQuotedByAShortPrefix() throws IOException {
        Path wide = Files.writeString(dir.resolve("wide.tsv"), "in0\tin1\terr\t" + "z".repeat(900_000) + "\n",
                StandardCharsets.UTF_8);
        String err = err(replay(wide), "long name");
        assertTrue(err.startsWith("pamlearn replay: " + wide + " line 1: unknown column '" + "z".repeat(40) + "...'"),
                err.substring(0, Math.min(200, err.length())));
        assertTrue(err.length() < 400, "length " + err.length());
    }

    @Test
    void aGzipLogReplaysAsItsText() throws IOException {
        Path gz = dir.resolve("log.tsv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(ReplayCommandTest.GOOD_LOG.getBytes(StandardCharsets.UTF_8));
        }
        CliRun plain = replay(log);
        CliRun packed = replay(gz);
        assertEquals(0, packed.exit(), packed.err());
        assertEquals(plain.out(), packed.out(), "the same network");
        Path bad = Files.writeString(dir.resolve("bad.tsv.gz"), ReplayCommandTest.GOOD_LOG, StandardCharsets.UTF_8);
        assertEquals("pamlearn replay: " + bad + ": corrupt or truncated gzip data (not in gzip format)",
                err(replay(bad), "bad gz"));
    }

    @Test
    void aSummaryOfOneRunSaysRun() {
        CliRun run = CliRun.of("compare", "--rules", "bp", "--layers", "1x4", "--init", "symmetric", "--eta-min",
                "8e-4", "--eta-max", "9e-4", "--seeds", "1", "--horizon", "500", "--t-rel-hold", "0", "--out",
                dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("Summary of 1 run (of 1 in the grid)"), run.out());
    }

    @Test
    void aLongFirstLineOfCompareCsvIsQuotedByAShortPrefix() throws IOException {
        Files.writeString(dir.resolve("compare.csv"), "q".repeat(1_000_000) + "\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.of("compare", "--rules", "bp", "--layers", "1x4", "--init", "symmetric", "--eta-min",
                "8e-4", "--eta-max", "9e-4", "--seeds", "1", "--horizon", "500", "--t-rel-hold", "0", "--out",
                dir.toString());
        String err = err(run, "long csv line");
        assertTrue(err.endsWith(", got '" + "q".repeat(40) + "...'"), err.substring(0, Math.min(300, err.length())));
        assertTrue(err.length() < 400, "length " + err.length());
    }
}
