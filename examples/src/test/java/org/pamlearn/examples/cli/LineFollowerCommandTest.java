// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;

/**
 * {@code pamlearn line-follower}: the result line is the last line, the output files exist (PNG magic bytes), a
 * simulated session's log replays with {@code pamlearn replay} to the same final weights, and bad options or an
 * unreadable track give one line and the documented exit code.
 */
class LineFollowerCommandTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String[] OUTPUTS = {"session.tsv", "initial.json", "network.json", "error.png",
        "trajectory.png", "weights.png"};

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Test
    void theDefaultPamSessionSucceedsPrintsTheResultLineLastAndWritesEveryFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("lf");
        CliRun run = CliRun.of("line-follower", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.out().lines().count(), "only the result line on stdout: " + run.out());
        assertTrue(lastLine(run.out()).matches("result: rule=pam steps=\\d+ success=true"), run.out());
        assertTrue(run.err().contains("steps ") && run.err().contains("|error avg|"), "progress lines: " + run.err());
        for (String name : OUTPUTS) {
            Path file = out.resolve(name);
            assertTrue(Files.size(file) > 0, name + " is written");
            if (name.endsWith(".png")) {
                byte[] head = Arrays.copyOf(Files.readAllBytes(file), PNG_MAGIC.length);
                assertArrayEquals(PNG_MAGIC, head, name + " is a PNG");
            }
        }
        assertEquals(1, Checkpoints.load(out.resolve("network.json")).inputCount() / 150, "150 network inputs");
    }

    @Test
    void aSimulatedPamSessionReplaysToTheSameFinalWeights(@TempDir Path dir) {
        Path out = dir.resolve("lf");
        CliRun run = CliRun.of("line-follower", "--rule", "pam", "--seed", "7", "--max-steps", "1500", "--out",
                out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("result: rule=pam steps=1500 success=false", lastLine(run.out()), "stopped at the budget");
        Path replayed = dir.resolve("replayed.json");
        CliRun replay = CliRun.of("replay", "--model", out.resolve("initial.json").toString(), "--log",
                out.resolve("session.tsv").toString(), "--rule", "pam", "--eta", "0.001", "--out",
                replayed.toString());
        assertEquals(0, replay.exit(), replay.err());
        Network expected = Checkpoints.load(out.resolve("network.json"));
        Network actual = Checkpoints.load(replayed);
        Network initial = Checkpoints.load(out.resolve("initial.json"));
        assertFalse(Arrays.equals(initial.weights(0)[0], expected.weights(0)[0]), "the session learned");
        for (int l = 0; l < expected.layerCount(); l++) {
            double[][] w = expected.weights(l);
            double[][] v = actual.weights(l);
            for (int j = 0; j < w.length; j++) {
                assertArrayEquals(w[j], v[j], "seed 7: layer " + l + " neuron " + j);
            }
        }
    }

    @Test
    void aDeepNetworkAndTheCameraRun() {
        CliRun deep = CliRun.of("line-follower", "--layers", "10x10", "--eta", "0.01", "--seed", "1");
        assertEquals(0, deep.exit(), deep.err());
        assertTrue(lastLine(deep.out()).matches("result: rule=pam steps=\\d+ success=true"), deep.out());
        CliRun camera = CliRun.of("line-follower", "--sensors", "camera", "--layers", "13,12,11", "--max-steps",
                "500");
        assertEquals(0, camera.exit(), camera.err());
        assertEquals("result: rule=pam steps=500 success=false", lastLine(camera.out()));
    }

    @Test
    void theReflexAloneWritesNoNetwork(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("none");
        CliRun run = CliRun.of("line-follower", "--rule", "none", "--max-steps", "3000", "--out", out.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("result: rule=none steps=3000 success=false", lastLine(run.out()));
        assertFalse(Files.exists(out.resolve("network.json")), "no network.json");
        assertFalse(Files.exists(out.resolve("initial.json")), "no initial.json");
        assertTrue(Files.size(out.resolve("weights.png")) > 0 && Files.size(out.resolve("session.tsv")) > 0,
                "weights.png and session.tsv");
    }

    @Test
    void helpExitsZeroAndDocumentsTheResultLine() {
        CliRun run = CliRun.of("line-follower", "--help");
        assertEquals(0, run.exit(), run.err());
        String help = run.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("result: rule=<rule> steps=<n> success=<true|false>"), run.out());
        assertTrue(CliRun.of("--help").out().contains("line-follower"), "pamlearn --help lists line-follower");
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--rule", "adam"), "'adam'"),
                Arguments.of(List.of("--eta", "0"), "--eta must be finite and > 0, got 0.0"),
                Arguments.of(List.of("--eta", "NaN"), "--eta must be finite and > 0, got NaN"),
                Arguments.of(List.of("--eta", "fast"), "fast"),
                Arguments.of(List.of("--layers", "10x"), "invalid value for --layers: '10x'"),
                Arguments.of(List.of("--layers", "8,,6"), "invalid value for --layers: '8,,6'"),
                Arguments.of(List.of("--layers", "0x10"), "1..100 hidden layers, got 0"),
                Arguments.of(List.of("--layers", "8,0"), "a layer must have 1..10000 neurons, got 0"),
                Arguments.of(List.of("--layers", "100x10000"),
                        "at most 20000000 weights between hidden layers, got 9900000000"),
                Arguments.of(List.of("--max-steps", "10000001"), "--max-steps must be between 1 and 10000000"),
                Arguments.of(List.of("--sensors", "lidar"), "'lidar'; expected one of rows, camera"),
                Arguments.of(List.of("--max-steps", "0"), "--max-steps must be between 1 and"),
                Arguments.of(List.of("--seed", "x"), "--seed"),
                Arguments.of(List.of("--speed", "-1"), "--speed must be in (0, 10.0], got -1.0"),
                Arguments.of(List.of("--speed", "Infinity"), "--speed must be in (0, 10.0], got Infinity"),
                Arguments.of(List.of("--init", "zeros"), "invalid value for --init: 'zeros'"),
                Arguments.of(List.of("--bogus"), "--bogus"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void aBadOptionIsOneLineAndExitTwo(List<String> options, String expected) {
        List<String> args = new ArrayList<>(List.of("line-follower"));
        args.addAll(options);
        CliRun run = CliRun.of(args);
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, options.toString());
        assertTrue(run.err().startsWith("pamlearn line-follower: "), options + ": " + run.err());
        assertTrue(run.err().contains(expected), options + ": " + run.err());
    }

    @Test
    void anUnreadableTrackIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
        CliRun missing = CliRun.of("line-follower", "--track", dir.resolve("nope.png").toString());
        missing.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "missing track");
        assertTrue(missing.err().contains("cannot read track") && missing.err().contains("nope.png"), missing.err());
        Path text = dir.resolve("track.png");
        Files.writeString(text, "not an image");
        CliRun notImage = CliRun.of("line-follower", "--track", text.toString());
        notImage.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "not an image");
        assertTrue(notImage.err().contains("track image " + text + " is not an image"), notImage.err());
    }

    @Test
    void anOutputDirectoryThatCannotBeMadeIsOneLineAndExitOne(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        CliRun run = CliRun.of("line-follower", "--max-steps", "10", "--out", file.resolve("sub").toString());
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "out under a file");
        assertTrue(run.err().contains("cannot write"), run.err());
    }
}
