// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code line-follower --log full|compact|none} and {@code --gzip}: the same session four times. Full is the
 * replayable log; compact is the same rows without the input columns, marked as such, and {@code replay} says in
 * one line that it cannot replay it; none writes no log but the same networks; gzip is the full log compressed.
 */
class SessionLogModesTest {

    private static final int INPUTS = 150;
    /** The first line of a compact log (written out here: tools outside Java look for this text). */
    private static final String COMPACT_MARK =
            "# pamlearn compact session log: no input columns, so it does not replay";

    @TempDir
    static Path dir;

    @BeforeAll
    static void runTheSessionFourWays() {
        for (String mode : List.of("full", "compact", "none")) {
            run(mode, "--log", mode);
        }
        run("gzip", "--gzip");
    }

    private static void run(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("line-follower", "--rule", "bp", "--max-steps", "400", "--seed",
                "3", "--out", dir.resolve(name).toString()));
        args.addAll(List.of(options));
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), name + ": " + run.err());
        assertEquals("result: rule=bp steps=400 success=false" + System.lineSeparator(), run.out(), name);
    }

    @Test
    void theFullLogHasTheInputsAndReplaysToTheNetwork() throws IOException {
        List<String> full = Files.readAllLines(dir.resolve("full/session.tsv"));
        assertEquals("in0", full.get(0).split("\t")[0], "header");
        assertEquals("in" + (INPUTS - 1), full.get(0).split("\t")[INPUTS - 1], "header");
        assertEquals(401, full.size(), "header and 400 steps");
        Path replayed = dir.resolve("replayed.json");
        CliRun replay = CliRun.of("replay", "--model", dir.resolve("full/initial.json").toString(), "--log",
                dir.resolve("full/session.tsv").toString(), "--rule", "bp", "--eta", "0.001", "--out",
                replayed.toString());
        assertEquals(0, replay.exit(), replay.err());
        assertEquals(Files.readString(dir.resolve("full/network.json")), Files.readString(replayed), "replay");
    }

    @Test
    void theCompactLogIsTheFullLogWithoutTheInputColumns() throws IOException {
        List<String> full = Files.readAllLines(dir.resolve("full/session.tsv"));
        List<String> compact = Files.readAllLines(dir.resolve("compact/session.tsv"));
        assertEquals(COMPACT_MARK, compact.get(0), "marked");
        assertEquals(full.size() + 1, compact.size(), "the mark and the same lines");
        for (int k = 0; k < full.size(); k++) {
            assertEquals(withoutInputs(full.get(k)), compact.get(k + 1), "line " + (k + 1));
        }
        long fullSize = Files.size(dir.resolve("full/session.tsv"));
        long compactSize = Files.size(dir.resolve("compact/session.tsv"));
        assertTrue(compactSize * 5 < fullSize, "compact " + compactSize + " bytes, full " + fullSize);
        assertEquals(Files.readString(dir.resolve("full/network.json")),
                Files.readString(dir.resolve("compact/network.json")), "the same session");
    }

    /** A full line without its first {@value #INPUTS} cells ({@code #} kept on comment lines). */
    private static String withoutInputs(String line) {
        boolean comment = line.startsWith("#");
        String[] cells = (comment ? line.substring(1) : line).split("\t", -1);
        return (comment ? "#" : "") + String.join("\t", Arrays.copyOfRange(cells, INPUTS, cells.length));
    }

    @Test
    void replayRefusesACompactLogInOneLine() {
        Path log = dir.resolve("compact/session.tsv");
        CliRun replay = CliRun.of("replay", "--model", dir.resolve("compact/initial.json").toString(), "--log",
                log.toString(), "--rule", "bp", "--eta", "0.001");
        replay.assertOneLineError(1, "compact log");
        assertEquals("pamlearn replay: " + log + " is a compact session log (no input columns): it does not replay;"
                + " record with --log full" + System.lineSeparator(), replay.err());
    }

    @Test
    void noneWritesNoLogButTheSameNetworksAndPlots() throws IOException {
        Path none = dir.resolve("none");
        assertFalse(Files.exists(none.resolve("session.tsv")), "no log");
        assertFalse(Files.exists(none.resolve("session.tsv.gz")), "no log");
        for (String file : List.of("initial.json", "network.json")) {
            assertEquals(Files.readString(dir.resolve("full").resolve(file)), Files.readString(none.resolve(file)),
                    file);
        }
        assertTrue(Files.size(none.resolve("error.png")) > 0, "plots");
    }

    @Test
    void gzipWritesTheFullLogCompressed() throws IOException {
        Path gz = dir.resolve("gzip/session.tsv.gz");
        assertFalse(Files.exists(dir.resolve("gzip/session.tsv")), "only the compressed log");
        byte[] text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            text = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("full/session.tsv")), text, "the same bytes");
        assertTrue(Files.size(gz) * 2 < text.length, "compressed: " + Files.size(gz) + " of " + text.length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--log compact | --log needs --out DIR (without it no session log is written)",
        "--gzip | --gzip needs --out DIR (without it no session log is written)",
        "--log none --gzip --out DIR | --gzip needs a session log, but --log is none",
        "--log big --out DIR | invalid value for --log: 'big'; expected one of full, compact, none"})
    void badLogOptionsAreUsageErrors(String options, String message) {
        List<String> args = new ArrayList<>(List.of("line-follower", "--max-steps", "10"));
        for (String option : options.split(" ")) {
            args.add(option.equals("DIR") ? dir.resolve("unused").toString() : option);
        }
        CliRun run = CliRun.of(args);
        run.assertOneLineError(2, options);
        assertEquals("pamlearn line-follower: " + message + System.lineSeparator(), run.err(), options);
        assertFalse(Files.exists(dir.resolve("unused")), "nothing written");
    }
}
