// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.learning.SignAndRelevance;
import org.pamlearn.core.replay.Replay;
import org.pamlearn.core.replay.ReplayLog;

/** {@code pamlearn} and {@code pamlearn replay}: help, output, and one-line user errors with their exit codes. */
class ReplayCommandTest {

    /** A log for {@link ReplayGoldenTest#NET_A}: two inputs, a scalar error and the look-ahead position. */
    static final String GOOD_LOG = "in0\tin1\terr\tq\n0.5\t-1\t0.8\t3\n1\t0.25\t-0.4\t9.5\n";

    @TempDir
    Path dir;
    private Path model;
    private Path log;

    @BeforeEach
    void writeFiles() throws IOException {
        model = Files.writeString(dir.resolve("model.json"), ReplayGoldenTest.NET_A, StandardCharsets.UTF_8);
        log = Files.writeString(dir.resolve("log.tsv"), GOOD_LOG, StandardCharsets.UTF_8);
    }

    private CliRun replay(String... options) {
        List<String> args = new ArrayList<>(List.of("replay", "--model", model.toString(), "--log", log.toString()));
        args.addAll(Arrays.asList(options));
        return CliRun.of(args);
    }

    @Test
    void helpOfPamlearnExitsZeroAndListsReplay() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit(), "exit code");
        assertTrue(run.out().contains("Usage: pamlearn"), run.out());
        assertTrue(run.out().contains("replay"), run.out());
        assertTrue(run.out().contains("Exit codes:"), run.out());
        assertEquals("", run.err(), "stderr");
    }

    @Test
    void helpOfReplayExitsZeroAndMentionsEveryOptionAndTheExitCodes() {
        CliRun run = CliRun.of("replay", "--help");
        assertEquals(0, run.exit(), "exit code");
        for (String option : List.of("--model", "--log", "--rule", "--eta", "--out", "--output-derivative",
                "--sign-propagation", "--relevance", "--cues", "--lookahead-centre", "--lookahead-kappa",
                "--error-rate-clamp", "--cue-error-limit=L|inf", "bp|sar|pam", "exact-then-sign|sign-only",
                "abs-error|const",
                "--cues=CUE[,CUE...]", "Default: error-rate,lookahead", "Exit codes:", "usage error",
                "bad input file")) {
            assertTrue(run.out().contains(option), "help mentions " + option + ": " + run.out());
        }
        assertFalse(run.out().contains("Default: 0.0"), "the required --eta shows no default: " + run.out());
        assertEquals("", run.err(), "stderr");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exit(), "exit code");
        assertTrue(run.out().matches("pamlearn \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), run.out());
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.of();
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, "no subcommand");
        assertEquals("pamlearn: missing subcommand (line-follower, compare, depth, serial, replay, zspace,"
                + " supervised); see 'pamlearn --help'", run.err().strip());
    }

    @Test
    void stdoutHoldsOnlyACheckpointJsonV1AndStderrTheSummary() throws IOException {
        CliRun run = replay("--rule", "pam", "--eta", "0.01");
        assertEquals(0, run.exit(), "exit code; stderr " + run.err());
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(run.out());
        assertEquals("pamlearn-network", json.get("format").asText(), "format");
        assertEquals(1, json.get("version").asInt(), "version");
        assertEquals(2, json.get("inputs").asInt(), "inputs");
        assertEquals(2, json.get("layers").size(), "layers");
        Network trained = Checkpoints.fromJson(run.out());
        assertFalse(Arrays.deepEquals(Checkpoints.fromJson(ReplayGoldenTest.NET_A).weights(1), trained.weights(1)),
                "the network learned");
        assertTrue(run.err().matches("replayed 2 rows of \\S+log\\.tsv with pam \\(eta 0\\.01\\): weight distance"
                + " per layer \\[\\S+, \\S+\\]\\R"), run.err());
    }

    @Test
    void outWritesALoadableCheckpointAndCreatesItsDirectory() {
        Path out = dir.resolve("results/deeper/replayed.json");
        CliRun toFile = replay("--rule", "sar", "--eta", "0.1", "--out", out.toString());
        assertEquals(0, toFile.exit(), "exit code; stderr " + toFile.err());
        assertEquals("", toFile.out(), "stdout stays empty with --out");
        assertTrue(toFile.err().strip().endsWith("; wrote " + out), toFile.err());
        Network loaded = Checkpoints.load(out);

        Network fromStdout = Checkpoints.fromJson(replay("--rule", "sar", "--eta", "0.1").out());
        for (int l = 0; l < loaded.layerCount(); l++) {
            assertArrayEquals(fromStdout.weights(l), loaded.weights(l), "layer " + l + " as on stdout");
        }
    }

    /**
     * {@code --cue-error-limit} reaches the rule: on a log with an outlier error, the default is 1, {@code inf}
     * replays as the library does without a limit, and the two differ.
     */
    @Test
    void cueErrorLimitReachesTheRule() throws IOException {
        log = Files.writeString(dir.resolve("outlier.tsv"), "in0\tin1\terr\n0.5\t-1\t1000\n1\t0.25\t-0.4\n",
                StandardCharsets.UTF_8);
        double[][][] byDefault = weights(replay("--rule", "sar", "--eta", "0.1"));
        double[][][] one = weights(replay("--rule", "sar", "--eta", "0.1", "--cue-error-limit", "1"));
        double[][][] off = weights(replay("--rule", "sar", "--eta", "0.1", "--cue-error-limit", "inf"));

        Network expected = Checkpoints.fromJson(ReplayGoldenTest.NET_A);
        try (ReplayLog replayLog = ReplayLog.open(log, 2, expected.outputCount())) {
            Replay.run(replayLog, SignAndRelevance.builder().eta(0.1).cueErrorLimit(Double.POSITIVE_INFINITY).build()
                    .newLearner(expected));
        }
        assertTrue(Arrays.deepEquals(byDefault, one), "the default is 1");
        assertTrue(Arrays.deepEquals(new double[][][] {expected.weights(0), expected.weights(1)}, off),
                "inf turns the limit off");
        assertFalse(Arrays.deepEquals(one, off), "the limit acts on the outlier");
    }

    private static double[][][] weights(CliRun run) {
        assertEquals(0, run.exit(), "exit code; stderr " + run.err());
        Network trained = Checkpoints.fromJson(run.out());
        return new double[][][] {trained.weights(0), trained.weights(1)};
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                usage("option --relevance does not apply to rule bp", "--rule", "bp", "--eta", "0.1", "--relevance",
                        "const"),
                usage("option --sign-propagation does not apply to rule bp", "--rule", "bp", "--eta", "0.1",
                        "--sign-propagation", "sign-only"),
                usage("option --cues does not apply to rule bp", "--rule", "bp", "--eta", "0.1", "--cues", "none"),
                usage("option --error-rate-clamp does not apply to rule bp", "--rule", "bp", "--eta", "0.1",
                        "--error-rate-clamp", "3"),
                usage("option --cue-error-limit does not apply to rule bp", "--rule", "bp", "--eta", "0.1",
                        "--cue-error-limit", "inf"),
                usage("invalid value for --cue-error-limit: '0'; expected a number > 0, or inf", "--rule", "sar",
                        "--eta", "0.1", "--cue-error-limit", "0"),
                usage("invalid value for --cue-error-limit: 'none'; expected a number > 0, or inf", "--rule", "pam",
                        "--eta", "0.1", "--cue-error-limit", "none"),
                usage("option --cues does not apply to rule sar", "--rule", "sar", "--eta", "0.1", "--cues",
                        "error-rate"),
                usage("option --lookahead-centre does not apply to rule sar", "--rule", "sar", "--eta", "0.1",
                        "--lookahead-centre", "3"),
                usage("option --relevance does not apply to rule pam", "--rule", "pam", "--eta", "0.1",
                        "--relevance", "abs-error"),
                usage("option --lookahead-kappa does not apply to rule pam with --cues error-rate (no look-ahead cue)",
                        "--rule", "pam", "--eta", "0.1", "--cues", "error-rate", "--lookahead-kappa", "2"),
                usage("option --lookahead-centre does not apply to rule pam with --cues none (no look-ahead cue)",
                        "--rule", "pam", "--eta", "0.1", "--cues", "none", "--lookahead-centre", "2"),
                usage("option --error-rate-clamp does not apply to rule pam with --cues lookahead (no error-rate cue)",
                        "--rule", "pam", "--eta", "0.1", "--cues", "lookahead", "--error-rate-clamp", "2"),
                usage("--eta must be finite and > 0, got -1.0", "--rule", "bp", "--eta", "-1"),
                usage("--eta must be finite and > 0, got 0.0", "--rule", "bp", "--eta", "0"),
                usage("--eta must be finite and > 0, got NaN", "--rule", "bp", "--eta", "NaN"),
                usage("--eta must be finite and > 0, got Infinity", "--rule", "bp", "--eta", "Infinity"),
                usage("invalid value for --eta: 'fast' is not a double", "--rule", "bp", "--eta", "fast"),
                usage("invalid value for --rule: 'foo'; expected one of bp, sar, pam", "--rule", "foo", "--eta",
                        "0.1"),
                usage("invalid value for --output-derivative: 'yes'; expected one of true, false", "--rule", "bp",
                        "--eta", "0.1", "--output-derivative", "yes"),
                usage("invalid value for --sign-propagation: 'sign'; expected one of exact-then-sign, sign-only",
                        "--rule", "sar", "--eta", "0.1", "--sign-propagation", "sign"),
                usage("invalid value for --relevance: 'abs'; expected one of abs-error, const", "--rule", "sar",
                        "--eta", "0.1", "--relevance", "abs"),
                usage("invalid value for --cues: 'lc'; expected one of error-rate, lookahead, none", "--rule",
                        "pam", "--eta", "0.1", "--cues", "error-rate,lc"),
                usage("invalid value for --cues: ''; expected one of error-rate, lookahead, none",
                        "--rule", "pam", "--eta", "0.1", "--cues", ""),
                usage("invalid value for --cues: 'none,lookahead'; none stands alone", "--rule", "pam", "--eta", "0.1",
                        "--cues", "none,lookahead"),
                usage("invalid value for --cues: 'lookahead,lookahead' names lookahead twice", "--rule", "pam",
                        "--eta", "0.1", "--cues", "lookahead,lookahead"),
                usage("--lookahead-kappa must be finite and > 0, got 0.0", "--rule", "pam", "--eta", "0.1",
                        "--lookahead-kappa", "0"),
                usage("--lookahead-centre must be finite, got NaN", "--rule", "pam", "--eta", "0.1",
                        "--lookahead-centre", "NaN"),
                usage("--error-rate-clamp must be finite and > 0, got -1.0", "--rule", "pam", "--eta", "0.1",
                        "--error-rate-clamp", "-1"),
                usage("Missing required option: '--eta=X'", "--rule", "bp"),
                usage("Unknown option: '--learning-rate=2'", "--rule", "bp", "--eta", "0.1", "--learning-rate=2"),
                usage("option '--eta' (X) should be specified only once", "--rule", "bp", "--eta", "0.1", "--eta",
                        "0.2"));
    }

    private static Arguments usage(String message, String... options) {
        return Arguments.of(message, options);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void aBadCommandLineIsOneLineAndExitCode2(String message, String[] options) {
        CliRun run = replay(options);
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, message);
        assertEquals("pamlearn replay: " + message, run.err().strip(), "message");
    }

    @Test
    void missingRequiredOptionsAreNamed() {
        CliRun run = CliRun.of("replay", "--rule", "bp");
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, "missing options");
        assertTrue(run.err().startsWith("pamlearn replay: Missing required options: '--model=M.json', '--log=L.tsv',"
                + " '--eta=X'"), run.err());
    }

    /** Each case: what follows "pamlearn replay: <log path>", and the log's text. */
    static Stream<Arguments> badLogs() {
        return Stream.of(
                badLog(" line 1: column 3 (in2): the model has 2 inputs, in0..in1", "in0\tin1\tin2\terr\n1\t2\t3\t4\n"),
                badLog(" line 1: missing column in1: the model has 2 inputs, in0..in1, first in the header",
                        "in0\terr\n1\t2\n"),
                badLog(" line 1: column 1 is 'in1', expected in0: the model has 2 inputs, in0..in1, first in the"
                        + " header", "in1\tin0\terr\n1\t2\t3\n"),
                badLog(" line 1: unknown column 'speed' (column 4); the columns are in0..in1, then err or err0, then"
                        + " optional mod and q (and mon_ monitoring columns, ignored)",
                        "in0\tin1\terr\tspeed\n1\t2\t3\t4\n"),
                badLog(" line 1: unknown column 'in01' (column 2); the columns are in0..in1, then err or err0, then"
                        + " optional mod and q (and mon_ monitoring columns, ignored)", "in0\tin01\terr\n"),
                badLog(" line 1: column 4 (err1): the model has 1 output, err0", "in0\tin1\terr0\terr1\n"),
                badLog(" line 1: give either err or err0, not both", "in0\tin1\terr\terr0\n"),
                badLog(" line 1: no error column: after the inputs comes err or err0", "in0\tin1\tq\n"),
                badLog(" line 1: column 3 is 'mod', expected err: the error column follows the inputs",
                        "in0\tin1\tmod\terr\n"),
                badLog(" line 1: column 'q' appears twice (columns 4 and 5)", "in0\tin1\terr\tq\tq\n"),
                badLog(" line 1: column 3 has no name; the columns are in0..in1, then err or err0, then optional mod"
                        + " and q (and mon_ monitoring columns, ignored)", "in0\tin1\t\terr\n"),
                badLog(" line 3: unknown column 'foo' (column 3); the columns are in0..in1, then err or err0, then"
                        + " optional mod and q (and mon_ monitoring columns, ignored)",
                        "# comment first\n\nin0\tin1\tfoo\n"),
                badLog(" line 3, column 2 (in1): not a number: 'abc'", "# comment\nin0\tin1\terr\n1\tabc\t3\n"),
                badLog(" line 4, column 2 (in1): not a number: 'abc'",
                        "# comment\nin0\tin1\terr\n\n1\tabc\t3\n"),
                badLog(" line 3, column 3 (err): empty cell (every cell is required)",
                        "in0\tin1\terr\n1\t2\t3\n4\t5\t \n"),
                badLog(" line 2, column 1 (in0): not a number: 'NaN'", "in0\tin1\terr\nNaN\t2\t3\n"),
                badLog(" line 2, column 1 (in0): not a number: 'Infinity'", "in0\tin1\terr\nInfinity\t2\t3\n"),
                badLog(" line 2, column 3 (err): must be finite, got 1e999", "in0\tin1\terr\n1\t2\t1e999\n"),
                badLog(" line 2, column 2 (in1): not a number: '0x1p3'", "in0\tin1\terr\n1\t0x1p3\t3\n"),
                badLog(" line 2, column 2 (in1): not a number: '2d'", "in0\tin1\terr\n1\t2d\t3\n"),
                badLog(" line 2, column 4 (mod): the modulation must be >= 0, got -0.5",
                        "in0\tin1\terr\tmod\n1\t2\t3\t-0.5\n"),
                badLog(" line 3: 2 cells, but the header has 3 columns", "in0\tin1\terr\n1\t2\t3\n1\t2\n"),
                badLog(" line 2: 4 cells, but the header has 3 columns", "in0\tin1\terr\n1\t2\t3\t\n"),
                badLog(": no header line (the log holds no columns)", "# only a comment\n\n"));
    }

    private static Arguments badLog(String suffix, String text) {
        return Arguments.of(suffix, text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLogs")
    void aBadLogIsOneLineNamingFileLineAndColumnWithExitCode1(String suffix, String text) throws IOException {
        Files.writeString(log, text, StandardCharsets.UTF_8);
        CliRun run = replay("--rule", "bp", "--eta", "0.1");
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, suffix);
        assertEquals("pamlearn replay: " + log + suffix, run.err().strip(), "message");
    }

    @Test
    void pamWithTheLookaheadCueNeedsAQColumnOrAModColumn() throws IOException {
        Files.writeString(log, "in0\tin1\terr\n1\t2\t3\n1\tbad\t3\n", StandardCharsets.UTF_8);
        CliRun run = replay("--rule", "pam", "--eta", "0.1");
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "no q");
        // Checked from the header, before any row (the bad cell on line 3 is never reached).
        assertEquals("pamlearn replay: " + log + ": pam's look-ahead cue needs a q column, and the log has neither q"
                + " nor mod; add a q column, or choose --cues error-rate or --cues none", run.err().strip());

        CliRun errorRateOnly = replay("--rule", "pam", "--eta", "0.1", "--cues", "error-rate");
        assertEquals("pamlearn replay: " + log + " line 3, column 2 (in1): not a number: 'bad'",
                errorRateOnly.err().strip(), "without the look-ahead cue the log is read up to its bad cell");
        Files.writeString(log, "in0\tin1\terr\tmod\n1\t2\t3\t0.5\n", StandardCharsets.UTF_8);
        assertEquals(0, replay("--rule", "pam", "--eta", "0.1").exit(), "a mod column replaces the cues");
    }

    @Test
    void aMissingModelIsOneLineWithExitCode1() {
        Path missing = dir.resolve("nowhere.json");
        List<String> args = List.of("replay", "--model", missing.toString(), "--log", log.toString(), "--rule", "bp",
                "--eta", "0.1");
        CliRun run = CliRun.of(args);
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "missing model");
        assertEquals("pamlearn replay: cannot read model " + missing + ": no such file", run.err().strip());
    }

    @Test
    void aMissingLogIsOneLineWithExitCode1() {
        Path missing = dir.resolve("nowhere.tsv");
        List<String> args = List.of("replay", "--model", model.toString(), "--log", missing.toString(), "--rule", "bp",
                "--eta", "0.1");
        CliRun run = CliRun.of(args);
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "missing log");
        assertEquals("pamlearn replay: cannot read log " + missing + ": no such file", run.err().strip());
    }

    @Test
    void aBadModelIsOneLineNamingTheFileWithExitCode1() throws IOException {
        Files.writeString(model, "{\"format\": \"pamlearn-network\", \"version\": 1, \"inputs\": 2, \"layers\": [",
                StandardCharsets.UTF_8);
        CliRun run = replay("--rule", "bp", "--eta", "0.1");
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "bad model");
        // The checkpoint reader's own wording follows the prefix; only the prefix is this command's.
        assertTrue(run.err().startsWith("pamlearn replay: model " + model + ": "), run.err());
    }

    @Test
    void aLogThatIsNotUtf8IsOneLineWithExitCode1() throws IOException {
        Files.write(log, new byte[] {'i', 'n', '0', (byte) 0xff, (byte) 0xfe, '\n'});
        CliRun run = replay("--rule", "bp", "--eta", "0.1");
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "not UTF-8");
        assertEquals("pamlearn replay: cannot read log " + log + ": not UTF-8 text", run.err().strip());
    }

    @Test
    void anOutThatIsADirectoryIsOneLineWithExitCode1() {
        CliRun run = replay("--rule", "bp", "--eta", "0.1", "--out", dir.toString());
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "out is a directory");
        assertTrue(run.err().startsWith("pamlearn replay: cannot write " + dir + ": "), run.err());
    }
}
