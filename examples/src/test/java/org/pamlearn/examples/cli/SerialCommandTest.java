// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import picocli.CommandLine;

/** {@code pamlearn serial} against an in-memory port ({@link FakePort}). */
class SerialCommandTest {

    private static final int STEPS = 200;
    private static final String ETA = "0.001953125"; // 2^-9

    /** Runs {@code pamlearn serial ...} with the port replaced by {@code port}. */
    private static CliRun run(FakePort port, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = PamlearnCommand.newCommandLine().setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));
        SerialCommand serial = (SerialCommand) commandLine.getSubcommands().get("serial").getCommand();
        serial.transportFactory((name, baud) -> port.named(name, baud));
        List<String> all = new ArrayList<>();
        all.add("serial");
        all.addAll(List.of(args));
        int exit = commandLine.execute(all.toArray(new String[0]));
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** The fast test options: no handshake delay, no reconnect back-off, 1000 Hz. */
    private static String[] args(String... more) {
        List<String> a = new ArrayList<>(List.of("--port", "/dev/fake0", "--handshake-delay-ms", "0",
                "--reconnect-ms", "0", "--rate-hz", "1000", "--status-every", "50"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** Scripts {@code n} seeded frames of raw sensor bytes 1..255. */
    private static void frames(FakePort port, SplittableRandom random, int n) {
        for (int k = 0; k < n; k++) {
            int[] raw = new int[8];
            for (int s = 0; s < 8; s++) {
                raw[s] = 1 + random.nextInt(255);
            }
            port.frame(raw);
        }
    }

    /** 36 bytes with a 0 every 4 bytes: torn frames only, no valid one within the default byte limit. */
    private static byte[] tornBytes() {
        byte[] b = new byte[36];
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) (k % 4 == 3 ? 0 : 5);
        }
        return b;
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\\R");
        return lines[lines.length - 1];
    }

    /** Splits the written bytes into 'd' handshakes and 8-byte commands; returns the commands' int16 values. */
    private static List<int[]> commands(byte[] w, boolean littleEndian, String what) {
        List<int[]> commands = new ArrayList<>();
        int handshakes = 0;
        int pos = 0;
        while (pos < w.length) {
            if (pos + 8 <= w.length && marker(w, pos + 6, littleEndian)) {
                int[] c = new int[4];
                for (int k = 0; k < 4; k++) {
                    int lo = w[pos + 2 * k + (littleEndian ? 0 : 1)] & 0xFF;
                    int hi = w[pos + 2 * k + (littleEndian ? 1 : 0)];
                    c[k] = (hi << 8) | lo;
                }
                commands.add(c);
                pos += 8;
            } else {
                assertEquals('d', (char) w[pos], what + ": byte " + pos + " is neither a command nor 'd'");
                handshakes++;
                pos++;
            }
        }
        assertTrue(handshakes >= 1 && w[0] == 'd', what + ": 'd' sent first");
        return commands;
    }

    private static boolean marker(byte[] w, int at, boolean littleEndian) {
        return littleEndian ? w[at] == (byte) 0xFF && w[at + 1] == 0x7F : w[at] == 0x7F && w[at + 1] == (byte) 0xFF;
    }

    @ParameterizedTest(name = "{0}, {1} endian, seed {2}")
    @CsvSource({"pam, little, 1", "bp, little, 2", "sar, big, 3", "none, little, 4"})
    void runsTheGivenStepsAndSendsMarkedCommands(String rule, String order, long seed) {
        FakePort port = FakePort.present();
        frames(port, new SplittableRandom(seed), STEPS);
        CliRun r = run(port, args("--rule", rule, "--max-steps", "" + STEPS, "--eta", ETA, "--seed", "" + seed,
                "--byte-order", order));
        String what = rule + " " + order + " seed " + seed;
        assertEquals(0, r.exit(), what + ": " + r.err());
        assertEquals("", r.err(), what);
        assertEquals("result: rule=" + rule + " steps=" + STEPS + " faults=0", lastLine(r.out()), what);
        assertTrue(r.out().contains("step 50: overruns "), what + ": status lines: " + r.out());
        List<int[]> commands = commands(port.written(), order.equals("little"), what);
        assertTrue(commands.size() >= STEPS, what + ": " + commands.size() + " commands");
        boolean steered = false;
        for (int[] c : commands) {
            assertEquals(0, c[1], what);
            assertEquals(0, c[2], what);
            assertEquals(32767, c[3], what + ": start marker");
            assertTrue(Math.abs(c[0]) <= 32766, what + ": command " + c[0]);
            steered |= c[0] != 0;
        }
        assertTrue(steered, what + ": some command steers");
        int[] last = commands.get(commands.size() - 1);
        assertEquals(0, last[0], what + ": the motors are stopped at the end");
    }

    @Test
    void tornFramesATimeoutAndALostPortKeepTheLoopRunningAndAreReported() {
        FakePort port = FakePort.present();
        SplittableRandom random = new SplittableRandom(7);
        frames(port, random, 50);
        port.chunk(tornBytes());
        frames(port, random, 50);
        port.timeout();
        frames(port, random, 50);
        port.loss();
        frames(port, random, 47);
        CliRun r = run(port, args("--rule", "pam", "--max-steps", "" + STEPS, "--eta", ETA));
        assertEquals(0, r.exit(), r.err());
        assertEquals("result: rule=pam steps=200 faults=3", lastLine(r.out()), r.out());
        assertTrue(r.out().contains("faults 3 (sensor 3, learner 0, output 0)"), r.out());
        assertTrue(r.out().contains("timeouts 1, unaligned 1, lost 1, reconnects 1"), r.out());
        assertEquals(2, port.opens(), "opened, then reopened after the loss");
        List<int[]> commands = commands(port.written(), true, "faults");
        for (int[] c : commands) {
            assertEquals(32767, c[3], "start marker");
        }
    }

    @Test
    void aPamSessionReplaysToTheSameNetwork(@TempDir Path dir) {
        FakePort port = FakePort.present();
        SplittableRandom random = new SplittableRandom(11);
        frames(port, random, 100);
        port.timeout();
        frames(port, random, 99);
        Path out = dir.resolve("run");
        CliRun r = run(port, args("--rule", "pam", "--max-steps", "" + STEPS, "--eta", ETA, "--out", out.toString()));
        assertEquals(0, r.exit(), r.err());
        assertEquals("result: rule=pam steps=200 faults=1", lastLine(r.out()), r.out());
        Network trained = Checkpoints.load(out.resolve("network.json"));
        Network initial = Checkpoints.load(out.resolve("initial.json"));
        assertFalse(Arrays.deepEquals(initial.weights(0), trained.weights(0)), "the session moved the weights");

        Path replayed = dir.resolve("replayed.json");
        CliRun replay = CliRun.of("replay", "--model", out.resolve("initial.json").toString(), "--log",
                out.resolve("session.tsv").toString(), "--rule", "pam", "--eta", ETA, "--out", replayed.toString());
        assertEquals(0, replay.exit(), replay.err());
        assertTrue(replay.err().startsWith("replayed 197 rows"), "steps 1, 101 and 102 do not learn: " + replay.err());
        Network again = Checkpoints.load(replayed);
        for (int l = 0; l < trained.layerCount(); l++) {
            double[][] w = trained.weights(l);
            double[][] v = again.weights(l);
            for (int j = 0; j < w.length; j++) {
                assertArrayEquals(w[j], v[j], "layer " + l + " neuron " + j);
            }
        }
    }

    @Test
    void theCueErrorLimitReachesTheRuleAndTheReplayWithTheSameLimitAgrees(@TempDir Path dir) throws IOException {
        // Raw sensors 1..255 give weighted reflex errors up to about 3: the default limit 1 changes SaR's steps.
        for (String limit : List.of("1", "inf")) {
            FakePort port = FakePort.present();
            frames(port, new SplittableRandom(11), 199);
            Path out = dir.resolve("limit-" + limit);
            CliRun r = run(port, args("--rule", "sar", "--max-steps", "" + STEPS, "--eta", ETA, "--cue-error-limit",
                    limit, "--out", out.toString()));
            assertEquals(0, r.exit(), limit + ": " + r.err());
            Path replayed = dir.resolve("replayed-" + limit + ".json");
            CliRun replay = CliRun.of("replay", "--model", out.resolve("initial.json").toString(), "--log",
                    out.resolve("session.tsv").toString(), "--rule", "sar", "--eta", ETA, "--cue-error-limit", limit,
                    "--out", replayed.toString());
            assertEquals(0, replay.exit(), replay.err());
            assertEquals(Files.readString(out.resolve("network.json")), Files.readString(replayed),
                    limit + ": the replay with the same limit gives the session's network");
        }
        assertFalse(Files.readString(dir.resolve("limit-1/network.json"))
                .equals(Files.readString(dir.resolve("limit-inf/network.json"))), "errors beyond 1 were limited");
    }

    @Test
    void logNoneWritesNoLogAndGzipTheSameLogCompressed(@TempDir Path dir) throws IOException {
        List<String> modes = List.of("full", "none", "gzip");
        for (String mode : modes) {
            FakePort port = FakePort.present();
            frames(port, new SplittableRandom(11), 199);
            List<String> options = new ArrayList<>(List.of("--rule", "sar", "--max-steps", "" + STEPS, "--eta", ETA,
                    "--out", dir.resolve(mode).toString()));
            options.addAll(mode.equals("gzip") ? List.of("--gzip") : List.of("--log", mode));
            CliRun r = run(port, args(options.toArray(new String[0])));
            assertEquals(0, r.exit(), mode + ": " + r.err());
        }
        byte[] full = Files.readAllBytes(dir.resolve("full/session.tsv"));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("gzip/session.tsv.gz")))) {
            assertArrayEquals(full, in.readAllBytes(), "gzip: the full log, compressed");
        }
        assertFalse(Files.exists(dir.resolve("gzip/session.tsv")), "gzip: no plain log");
        assertFalse(Files.exists(dir.resolve("none/session.tsv")), "none: no log");
        for (String mode : List.of("none", "gzip")) {
            assertEquals(Files.readString(dir.resolve("full/network.json")),
                    Files.readString(dir.resolve(mode).resolve("network.json")), mode + ": the same network");
        }
    }

    @Test
    void aMissingPortIsOneLineNamingThePortAndExitCode1(@TempDir Path dir) {
        Path out = dir.resolve("run");
        CliRun r = run(FakePort.absent(), args("--out", out.toString()));
        r.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "absent port");
        assertEquals("pamlearn serial: cannot open serial port /dev/fake0 at 115200 baud (absent, busy, or no"
                + " permission)" + System.lineSeparator(), r.err());
        assertFalse(Files.exists(out), "nothing written for a dead port");
    }

    @Test
    void aMissingRealPortIsOneLine() {
        CliRun r = CliRun.of("serial", "--port", "/dev/pamlearn-no-such-port", "--handshake-delay-ms", "0");
        r.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "real absent port");
        assertTrue(r.err().contains("/dev/pamlearn-no-such-port"), r.err());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "--rule; xyz; invalid value for --rule: 'xyz'; expected one of bp, sar, pam, none",
        "--baud; 0; --baud must be >= 1, got 0",
        "--byte-order; middle; invalid value for --byte-order: 'middle'; expected one of little, big",
        "--handshake-delay-ms; -1; --handshake-delay-ms must be >= 0, got -1",
        "--eta; NaN; --eta must be finite and > 0, got NaN",
        "--layers; 8,0; --layers: a layer must have 1..10000 neurons, got 0 in '8,0'",
        "--layers; 3x; invalid value for --layers: '3x'",
        "--reflex-sensors; 0,1,8,3; sensor 8 is not in 0..7",
        "--reflex-sensors; 0,1,1,3; names sensor 1 twice",
        "--reflex-weights; 2,1,-1; --reflex-weights has 3 weights, but --reflex-sensors names 4 sensors",
        "--predictor-sensors; a,b; invalid value for --predictor-sensors: 'a' is not an int",
        "--taps; 0; --taps must be >= 1, got 0",
        "--rate-hz; 0; --rate-hz must be > 0 and <= 1000.0, got 0.0",
        "--max-steps; -5; --max-steps must be >= 0 (0: until Ctrl-C), got -5",
        "--command-gain; -1; --command-gain must be finite and > 0, got -1.0",
        "--reflex-gain; Infinity; --reflex-gain must be finite, got Infinity",
        "--predictor-gain; 0; --predictor-gain must be finite and > 0, got 0.0",
        "--cue-error-limit; 0; invalid value for --cue-error-limit: '0'; expected a number > 0, or inf"})
    void badOptionsAreOneLineAndExitCode2(String option, String value, String message) {
        FakePort port = FakePort.present();
        CliRun r = run(port, "--port", "/dev/fake0", option, value);
        r.assertOneLineError(PamlearnCommand.EXIT_USAGE, option + " " + value);
        assertTrue(r.err().startsWith("pamlearn serial: ") && r.err().contains(message), option + ": " + r.err());
        assertEquals(0, port.opens(), option + ": the port is not opened for a bad command line");
    }

    @ParameterizedTest(name = "rule {0}")
    @ValueSource(strings = {"bp", "none"})
    void theCueErrorLimitDoesNotApplyToRulesWithoutCues(String rule) {
        FakePort port = FakePort.present();
        CliRun r = run(port, "--port", "/dev/fake0", "--rule", rule, "--cue-error-limit", "2");
        r.assertOneLineError(PamlearnCommand.EXIT_USAGE, rule);
        assertEquals("pamlearn serial: option --cue-error-limit does not apply to rule " + rule
                + System.lineSeparator(), r.err());
        assertEquals(0, port.opens(), "the port is not opened for a bad command line");
    }

    @Test
    void aMissingPortOptionIsAUsageError() {
        CliRun r = CliRun.of("serial");
        r.assertOneLineError(PamlearnCommand.EXIT_USAGE, "no --port");
        assertTrue(r.err().contains("--port"), r.err());
    }

    @Test
    void helpDocumentsWiringFramingAndDefaults() {
        CliRun r = CliRun.of("serial", "--help");
        assertEquals(0, r.exit(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        for (String s : new String[] {"9 bytes", "0 sync byte", "32767", "little-endian", "'d'", "Arduino resets",
            "Default: 115200", "Default: 2000", "Default: 30", "delay taps", "2*L2 + L1 - R1 - 2*R2",
            "command-gain", "Default: 4,5,6,7"}) {
            assertTrue(help.contains(s), "--help mentions " + s + ":\n" + r.out());
        }
    }
}
