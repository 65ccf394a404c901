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


import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code pamlearn zspace}: the JSON and text output against closed forms derived by hand, the plot, and one-line
 * user errors with their exit codes.
 *
 * <p>Hand derivations (docs/ALGORITHMS.md &sect;2 with {@code H = G_R}):
 * <ul>
 *   <li>integrator plant, delay 1: {@code R = K z^-1 / (1 - z^-1)}, {@code 1 + R H = (1 - (1 - K G_R) z^-1) /
 *       (1 - z^-1)}: one pole {@code 1 - K G_R}; {@code K_cl = G_N / G_R}; {@code E/D = -K z^(-1-T) /
 *       (1 - (1 - K G_R) z^-1)}, so {@code e[n] = -K (1 - K G_R)^(n-1-T)} for {@code n >= 1 + T}, else 0;</li>
 *   <li>gain plant, delay D: {@code 1 + R H = 1 + K G_R z^-D}: the D roots of {@code z^D = -K G_R};
 *       {@code K_cl = K G_N / (1 + K G_R)}; {@code E/D = -K z^(-D-T) / (1 + K G_R z^-D)}, so
 *       {@code e[T + D (m + 1)] = -K (-K G_R)^m} for {@code m >= 0}, every other sample 0.</li>
 * </ul>
 */
class ZspaceCommandTest {

    /** Closed forms against the command's double arithmetic (a handful of operations and one root): ~1e-15. */
    private static final double TOLERANCE = 1e-12;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    private static CliRun zspace(String... options) {
        List<String> args = new ArrayList<>(List.of("zspace"));
        args.addAll(Arrays.asList(options));
        return CliRun.of(args);
    }

    private static String number(double x) {
        return Double.toString(x);
    }

    /** Runs with --json, checks exit 0 and an empty error stream, and parses the single JSON object. */
    private static JsonNode json(String what, String... options) throws IOException {
        List<String> args = new ArrayList<>(Arrays.asList(options));
        args.add("--json");
        CliRun run = zspace(args.toArray(new String[0]));
        assertEquals(0, run.exit(), what + ": exit code; stderr " + run.err());
        assertEquals("", run.err(), what + ": stderr");
        assertEquals(1, run.out().lines().count(), what + ": one line of JSON: " + run.out());
        JsonNode json = MAPPER.readTree(run.out());
        assertTrue(json.isObject(), what + ": an object: " + run.out());
        return json;
    }

    private static List<String> keys(JsonNode json) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    private static double[] impulse(JsonNode json) {
        JsonNode samples = json.get("impulse");
        double[] e = new double[samples.size()];
        for (int n = 0; n < e.length; n++) {
            assertTrue(samples.get(n).isNumber(), "impulse[" + n + "] is a number: " + samples.get(n));
            e[n] = samples.get(n).doubleValue();
        }
        return e;
    }

    private static double[][] poles(JsonNode json) {
        JsonNode list = json.get("poles");
        double[][] poles = new double[list.size()][];
        for (int k = 0; k < poles.length; k++) {
            JsonNode p = list.get(k);
            assertEquals(2, p.size(), "pole " + k + " is [re, im]: " + p);
            poles[k] = new double[] {p.get(0).doubleValue(), p.get(1).doubleValue()};
        }
        return poles;
    }

    /** Every expected pole matches one returned pole within the tolerance, whatever the order. */
    private static void assertPoles(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": pole count " + Arrays.deepToString(actual));
        boolean[] used = new boolean[actual.length];
        for (double[] p : expected) {
            int match = -1;
            for (int k = 0; k < actual.length; k++) {
                if (!used[k] && Math.hypot(actual[k][0] - p[0], actual[k][1] - p[1]) <= TOLERANCE) {
                    match = k;
                    break;
                }
            }
            assertTrue(match >= 0, what + ": pole " + Arrays.toString(p) + " in " + Arrays.deepToString(actual));
            used[match] = true;
        }
        for (int k = 1; k < actual.length; k++) {
            // Poles of one modulus in theory differ in the last bits: compare with the tolerance.
            assertTrue(Math.hypot(actual[k][0], actual[k][1])
                    <= Math.hypot(actual[k - 1][0], actual[k - 1][1]) + TOLERANCE,
                    what + ": poles by decreasing modulus " + Arrays.deepToString(actual));
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1.0, Math.abs(expected)), what);
    }

    // ---------------------------------------------------------------------------------------------- JSON

    @Test
    void integratorWithOneSampleOfDelayGivesTheHandDerivedJson() throws IOException {
        // K = 0.5, G_R = 0.8, G_N = 1.5, T = 2: pole 1 - 0.4 = 0.6, K_cl = 1.5 / 0.8 = 1.875,
        // e[n] = -0.5 * 0.6^(n - 3) for n >= 3.
        JsonNode json = json("integrator", "--plant", "integrator", "--plant-gain", "0.5", "--delay", "1",
                "--reflex-gain", "0.8", "--net-gain", "1.5", "--lookahead", "2", "--impulse", "8");
        assertEquals(List.of("poles", "stable", "closedLoopGain", "primingSign", "impulse"), keys(json), "keys");
        assertPoles(new double[][] {{0.6, 0.0}}, poles(json), "poles");
        assertTrue(json.get("stable").isBoolean() && json.get("stable").booleanValue(), "stable: " + json);
        assertClose(1.875, json.get("closedLoopGain").doubleValue(), "K_cl");
        assertTrue(json.get("primingSign").isInt(), "primingSign is an integer: " + json);
        assertEquals(1, json.get("primingSign").intValue(), "priming sign");
        assertArrayEquals(new double[] {0, 0, 0, -0.5, -0.3, -0.18, -0.108, -0.0648}, impulse(json), TOLERANCE,
                "impulse");
    }

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void integratorWithOneSampleOfDelayMatchesTheClosedFormForRandomGains(int seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double k = random.nextDouble(0.1, 2.0) * (random.nextBoolean() ? 1 : -1);
        double gr = random.nextDouble(0.1, 2.0) * (random.nextBoolean() ? 1 : -1);
        double gn = random.nextDouble(0.1, 2.0) * (random.nextBoolean() ? 1 : -1);
        int t = random.nextInt(6);
        int n = 1 + random.nextInt(25);
        double pole = 1.0 - k * gr;
        String what = "seed " + seed + " (K " + k + ", G_R " + gr + ", G_N " + gn + ", T " + t + ")";
        JsonNode json = json(what, "--plant", "integrator", "--plant-gain", number(k), "--delay", "1",
                "--reflex-gain", number(gr), "--net-gain", number(gn), "--lookahead", Integer.toString(t),
                "--impulse", Integer.toString(n));

        assertPoles(new double[][] {{pole, 0.0}}, poles(json), what);
        if (Math.abs(Math.abs(pole) - 1.0) > 1e-9) {
            assertEquals(Math.abs(pole) < 1.0, json.get("stable").booleanValue(), what + ": stable");
        }
        assertClose(gn / gr, json.get("closedLoopGain").doubleValue(), what + ": K_cl = G_N/G_R");
        assertEquals((int) Math.signum(gn / gr), json.get("primingSign").intValue(), what + ": priming sign");
        double[] e = impulse(json);
        assertEquals(n, e.length, what + ": impulse length");
        for (int i = 0; i < n; i++) {
            double expected = i < 1 + t ? 0.0 : -k * Math.pow(pole, i - 1 - t);
            assertClose(expected, e[i], what + ": e[" + i + "]");
        }
    }

    @Test
    void gainPlantWithTwoSamplesOfDelayGivesTheHandDerivedJson() throws IOException {
        // K = 2, G_R = 0.125, G_N = 1.5, D = 2, T = 1: z^2 = -0.25, poles +-0.5j; K_cl = 3 / 1.25 = 2.4;
        // e[3 + 2m] = -2 (-0.25)^m.
        JsonNode json = json("gain", "--plant", "gain", "--plant-gain", "2", "--delay", "2", "--reflex-gain",
                "0.125", "--net-gain", "1.5", "--lookahead", "1", "--impulse", "10");
        assertPoles(new double[][] {{0.0, 0.5}, {0.0, -0.5}}, poles(json), "poles");
        assertTrue(json.get("stable").booleanValue(), "stable: " + json);
        assertClose(2.4, json.get("closedLoopGain").doubleValue(), "K_cl");
        assertEquals(1, json.get("primingSign").intValue(), "priming sign");
        assertArrayEquals(new double[] {0, 0, 0, -2, 0, 0.5, 0, -0.125, 0, 0.03125}, impulse(json), TOLERANCE,
                "impulse");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gainPlantMatchesTheClosedFormForRandomGainsAndDelays(int seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        double k = random.nextDouble(0.1, 2.0) * (random.nextBoolean() ? 1 : -1);
        double gr = random.nextDouble(0.05, 1.5) * (random.nextBoolean() ? 1 : -1);
        double gn = random.nextDouble(0.1, 2.0) * (random.nextBoolean() ? 1 : -1);
        int d = 1 + random.nextInt(4);
        int t = random.nextInt(4);
        int n = 1 + random.nextInt(25);
        double loopGain = k * gr;
        String what = "seed " + seed + " (K " + k + ", G_R " + gr + ", G_N " + gn + ", D " + d + ", T " + t + ")";
        JsonNode json = json(what, "--plant", "gain", "--plant-gain", number(k), "--delay", Integer.toString(d),
                "--reflex-gain", number(gr), "--net-gain", number(gn), "--lookahead", Integer.toString(t),
                "--impulse", Integer.toString(n));

        // The D roots of z^D = -K G_R: modulus |K G_R|^(1/D), angles (arg(-K G_R) + 2 pi m) / D.
        double radius = Math.pow(Math.abs(loopGain), 1.0 / d);
        double angle = loopGain > 0 ? Math.PI : 0.0;
        double[][] expected = new double[d][];
        for (int m = 0; m < d; m++) {
            double theta = (angle + 2.0 * Math.PI * m) / d;
            expected[m] = new double[] {radius * Math.cos(theta), radius * Math.sin(theta)};
        }
        assertPoles(expected, poles(json), what);
        if (Math.abs(radius - 1.0) > 1e-9) {
            assertEquals(radius < 1.0, json.get("stable").booleanValue(), what + ": stable");
        }
        double closedLoopGain = k * gn / (1.0 + loopGain);
        assertClose(closedLoopGain, json.get("closedLoopGain").doubleValue(), what + ": K_cl");
        assertEquals((int) Math.signum(closedLoopGain), json.get("primingSign").intValue(), what + ": priming sign");
        double[] e = impulse(json);
        for (int i = 0; i < n; i++) {
            int m = (i - t) / d - 1;
            double sample = i >= t + d && (i - t) % d == 0 ? -k * Math.pow(-loopGain, m) : 0.0;
            assertClose(sample, e[i], what + ": e[" + i + "]");
        }
    }

    @Test
    void aReflexGainBeyondTwoOverKIsReportedUnstable() throws IOException {
        // K G_R = 2.5 > 2: pole 1 - 2.5 = -1.5; e[n] = -(-1.5)^(n-1).
        JsonNode integrator = json("integrator", "--plant", "integrator", "--plant-gain", "1", "--delay", "1",
                "--reflex-gain", "2.5", "--net-gain", "1", "--impulse", "5");
        assertPoles(new double[][] {{-1.5, 0.0}}, poles(integrator), "integrator poles");
        assertFalse(integrator.get("stable").booleanValue(), "integrator: unstable");
        assertClose(0.4, integrator.get("closedLoopGain").doubleValue(), "integrator: K_cl = 1/2.5");
        assertArrayEquals(new double[] {0, -1, 1.5, -2.25, 3.375}, impulse(integrator), TOLERANCE, "impulse");

        // |K G_R| = 1.5 > 1: z^2 = -1.5, poles +-1.2247j.
        JsonNode gain = json("gain", "--plant", "gain", "--plant-gain", "2", "--delay", "2", "--reflex-gain",
                "0.75", "--net-gain", "1");
        assertFalse(gain.get("stable").booleanValue(), "gain: unstable");
        assertFalse(gain.has("impulse"), "no impulse without --impulse: " + gain);
        assertEquals(List.of("poles", "stable", "closedLoopGain", "primingSign"), keys(gain), "keys");

        // K G_R = 2 exactly: the pole sits on the unit circle at -1, which is not stable either.
        JsonNode marginal = json("marginal", "--plant", "integrator", "--plant-gain", "1", "--delay", "1",
                "--reflex-gain", "2", "--net-gain", "1");
        assertFalse(marginal.get("stable").booleanValue(), "a pole at -1 is not stable");
    }

    @Test
    void thePrimingSignFollowsTheSignOfTheNetworkGainAndIsZeroWithoutIt() throws IOException {
        String[] loop = {"--plant", "integrator", "--plant-gain", "0.5", "--delay", "1", "--reflex-gain", "0.8"};
        for (double gn : new double[] {1.5, -1.5, 0.0}) {
            List<String> args = new ArrayList<>(Arrays.asList(loop));
            args.addAll(List.of("--net-gain", number(gn)));
            JsonNode json = json("G_N " + gn, args.toArray(new String[0]));
            assertEquals((int) Math.signum(gn), json.get("primingSign").intValue(), "G_N " + gn + ": sign");
            assertClose(gn / 0.8, json.get("closedLoopGain").doubleValue(), "G_N " + gn + ": K_cl");
        }
    }

    // ---------------------------------------------------------------------------------------------- text

    @Test
    void theTextOutputGivesPolesStabilityKclPrimingSignAndImpulse() {
        CliRun run = zspace("--plant", "integrator", "--plant-gain", "0.5", "--delay", "1", "--reflex-gain", "0.8",
                "--net-gain", "1.5", "--lookahead", "2", "--impulse", "10");
        assertEquals(0, run.exit(), "exit code; stderr " + run.err());
        assertEquals("", run.err(), "stderr");
        String expected = String.join(System.lineSeparator(),
                "loop: R(z) = 0.5 z^-1/(1 - z^-1), H = G_R = 0.8, G_N = 1.5, T = 2",
                "poles of 1/(1 + R H): 1",
                "  0.6                          |p| = 0.6",
                "stable: yes (every pole strictly inside the unit circle)",
                "K_cl = 1.875 (G_N/G_R, the limit z -> 1 for the integrating plant)",
                "priming sign: +1 (K_cl > 0: the network's output moves the error the way the learning rules"
                        + " assume, so they descend with G_N as given)",
                "impulse response of E/D = -R z^-T/(1 + R H), e[0..9]:",
                "  e[0..] 0 0 0 -0.5 -0.3 -0.18 -0.108 -0.0648",
                "  e[8..] -0.03888 -0.023328", "");
        assertEquals(expected, run.out());
    }

    @Test
    void theTextOutputOfAnUnstableLoopWithComplexPolesAndANegativeSign() {
        CliRun run = zspace("--plant", "gain", "--plant-gain", "2", "--delay", "2", "--reflex-gain", "0.75",
                "--net-gain", "-1");
        assertEquals(0, run.exit(), "exit code; stderr " + run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("loop: R(z) = 2 z^-2, H = G_R = 0.75, G_N = -1, T = 0", lines.get(0), run.out());
        assertEquals("poles of 1/(1 + R H): 2", lines.get(1), run.out());
        // z^2 = -1.5: +-1.22474j (the real part is 0 up to rounding); K_cl = 2 (-1) / (1 + 1.5) = -0.8.
        assertTrue(lines.get(2).matches("  \\S+ \\+ 1\\.22474i +\\|p\\| = 1\\.22474"), lines.get(2));
        assertTrue(lines.get(3).matches("  \\S+ - 1\\.22474i +\\|p\\| = 1\\.22474"), lines.get(3));
        assertTrue(lines.get(4).startsWith("stable: no ("), run.out());
        assertEquals("K_cl = -0.8 (R(1) G_N/(1 + R(1) G_R))", lines.get(5), run.out());
        assertTrue(lines.get(6).startsWith("priming sign: -1 (K_cl < 0: "), run.out());
        assertEquals(7, lines.size(), run.out());
    }

    @Test
    void numbersAreShownWithSixSignificantDigits() {
        assertEquals("0", ZspaceCommand.format(-0.0));
        assertEquals("0.6", ZspaceCommand.format(0.6000000000000001));
        assertEquals("-0.0648", ZspaceCommand.format(-0.0648));
        assertEquals("1.5e-07", ZspaceCommand.format(1.5e-7));
        assertEquals("123457", ZspaceCommand.format(123456.7));
        assertEquals("1.23457e+06", ZspaceCommand.format(1234567));
    }

    // ---------------------------------------------------------------------------------------------- plot

    @Test
    void plotWritesAPngAndTheTextSaysSo() throws IOException {
        Path png = dir.resolve("bode.png");
        CliRun run = zspace("--plant", "gain", "--plant-gain", "2", "--delay", "3", "--reflex-gain", "-0.45",
                "--net-gain", "1", "--lookahead", "4", "--plot", png.toString());
        assertEquals(0, run.exit(), "exit code; stderr " + run.err());
        assertTrue(run.out().endsWith("plot: wrote " + png + System.lineSeparator()), run.out());
        assertPng(png);
    }

    @Test
    void plotWithJsonKeepsStandardOutputPureJson() throws IOException {
        Path png = dir.resolve("with json.png");
        // K G_R = 2: a closed-loop pole at -1 on the grid point omega = pi, which the plot leaves out.
        JsonNode json = json("plot", "--plant", "integrator", "--plant-gain", "1", "--delay", "1", "--reflex-gain",
                "2", "--net-gain", "0", "--plot", png.toString());
        assertEquals(0, json.get("primingSign").intValue(), "priming sign");
        assertPng(png);
    }

    private static void assertPng(Path png) throws IOException {
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1000, "a PNG of some size: " + bytes.length + " bytes");
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertArrayEquals(magic, Arrays.copyOf(bytes, magic.length), "PNG signature");
    }

    @Test
    void theFrequencyGridRunsFromAThousandthOfPiToPiAndSkipsPolesOnTheCircle() {
        double[] omegas = ZspacePlot.grid();
        assertEquals(ZspacePlot.POINTS, omegas.length, "points");
        assertEquals(Math.PI / 1000, omegas[0], 1e-15, "first");
        assertEquals(Math.PI, omegas[omegas.length - 1], 0.0, "last");
        for (int k = 1; k < omegas.length; k++) {
            assertTrue(omegas[k] > omegas[k - 1], "increasing at " + k);
        }
        // 1 + z^-1 vanishes at omega = pi only; 1 - z^-1 at omega = 0, which the grid does not hold.
        double[] withoutPi = ZspacePlot.offCircle(omegas, new double[] {1.0, 1.0});
        assertArrayEquals(Arrays.copyOf(omegas, omegas.length - 1), withoutPi, 0.0, "pole at -1");
        assertArrayEquals(omegas, ZspacePlot.offCircle(omegas, new double[] {1.0, -1.0}), 0.0, "pole at 1");
    }

    // ---------------------------------------------------------------------------------------------- errors

    /** A good command line with one option replaced or added. */
    private static String[] withOption(String option, String value) {
        List<String> args = new ArrayList<>();
        String[][] base = {{"--plant", "integrator"}, {"--plant-gain", "0.5"}, {"--delay", "1"},
            {"--reflex-gain", "0.8"}, {"--net-gain", "1.5"}};
        boolean replaced = false;
        for (String[] pair : base) {
            if (pair[0].equals(option)) {
                args.addAll(List.of(option, value));
                replaced = true;
            } else {
                args.addAll(Arrays.asList(pair));
            }
        }
        if (!replaced) {
            args.addAll(List.of(option, value));
        }
        return args.toArray(new String[0]);
    }

    private static String[] append(String[] args, String arg) {
        String[] longer = Arrays.copyOf(args, args.length + 1);
        longer[args.length] = arg;
        return longer;
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                usage("invalid value for --plant: 'motor'; expected one of integrator, gain",
                        withOption("--plant", "motor")),
                usage("--plant-gain must be finite and non-zero, got 0.0", withOption("--plant-gain", "0")),
                usage("--plant-gain must be finite and non-zero, got NaN", withOption("--plant-gain", "NaN")),
                usage("--plant-gain must be finite and non-zero, got -Infinity",
                        withOption("--plant-gain", "-Infinity")),
                usage("--delay must be >= 1 sample (a loop without delay cannot be realised), got 0",
                        withOption("--delay", "0")),
                usage("--delay must be >= 1 sample (a loop without delay cannot be realised), got -2",
                        withOption("--delay", "-2")),
                usage("--delay must be <= 100 samples, got 101", withOption("--delay", "101")),
                usage("invalid value for --delay: '1.5' is not an int", withOption("--delay", "1.5")),
                usage("--reflex-gain must be finite, got NaN", withOption("--reflex-gain", "NaN")),
                usage("--net-gain must be finite, got Infinity", withOption("--net-gain", "Infinity")),
                usage("invalid value for --net-gain: 'big' is not a double", withOption("--net-gain", "big")),
                usage("--lookahead must be between 0 and 10000 samples, got -1", withOption("--lookahead", "-1")),
                usage("--lookahead must be between 0 and 10000 samples, got 10001",
                        withOption("--lookahead", "10001")),
                usage("--impulse must be between 1 and 10000 samples, got 0", withOption("--impulse", "0")),
                usage("--impulse must be between 1 and 10000 samples, got 10001", withOption("--impulse", "10001")),
                usage("--reflex-gain must be non-zero with --plant integrator: without a reflex the integrating loop"
                        + " has a pole at z = 1 and K_cl = G_N/G_R is infinite", withOption("--reflex-gain", "0")),
                usage("--plant-gain 2.0 and --reflex-gain -0.5 give K G_R = -1 (to rounding): 1 + R(1) G_R = 0 puts"
                        + " a closed-loop pole at z = 1, so K_cl is infinite", "--plant", "gain", "--plant-gain",
                        "2", "--delay", "1", "--reflex-gain", "-0.5", "--net-gain", "1"),
                usage("--plant-gain 1.0E-200 and --reflex-gain 1.0E-200 give K G_R = 0.0, too small to move the"
                        + " integrator's pole off z = 1, so K_cl is infinite", "--plant", "integrator",
                        "--plant-gain", "1e-200", "--delay", "1", "--reflex-gain", "1e-200", "--net-gain", "1"),
                usage("the loop's coefficients overflow (--plant-gain 1.0E300, --reflex-gain 1.0E300, --net-gain"
                        + " 1.0); use smaller gains", "--plant", "gain", "--plant-gain", "1e300", "--delay", "1",
                        "--reflex-gain", "1e300", "--net-gain", "1"),
                // Pole -2: |e[n]| = 2^(n-1) passes Double.MAX_VALUE at n = 1025.
                usage("--impulse 2000: the impulse response of this unstable loop overflows at n = 1025; ask for at"
                        + " most 1025 samples", "--plant", "integrator", "--plant-gain", "1", "--delay", "1",
                        "--reflex-gain", "3", "--net-gain", "1", "--impulse", "2000"),
                usage("Missing required options: '--plant-gain=K', '--reflex-gain=GR', '--net-gain=GN'", "--plant",
                        "gain", "--delay", "1"),
                usage("Unknown option: '--gain=1'", append(withOption("--plant", "gain"), "--gain=1")),
                usage("option '--delay' (D) should be specified only once", "--plant", "gain", "--plant-gain", "1",
                        "--delay", "1", "--delay", "2", "--reflex-gain", "0.5", "--net-gain", "1"));
    }

    private static Arguments usage(String message, String... args) {
        return Arguments.of(message, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void aBadCommandLineIsOneLineAndExitCode2(String message, String[] args) {
        CliRun run = zspace(args);
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, message);
        assertEquals("pamlearn zspace: " + message, run.err().strip(), "message");
    }

    @Test
    void aPlotInAMissingDirectoryIsOneLineWithExitCode1() {
        Path missing = dir.resolve("nowhere/bode.png");
        CliRun run = zspace(withOption("--plot", missing.toString()));
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "missing directory");
        assertEquals("pamlearn zspace: cannot write plot " + missing + ": no such directory " + dir.resolve("nowhere"),
                run.err().strip());
        assertFalse(Files.exists(dir.resolve("nowhere")), "no directory was created");
    }

    @Test
    void aPlotThatIsADirectoryIsOneLineWithExitCode1() {
        CliRun run = zspace(withOption("--plot", dir.toString()));
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "directory");
        assertEquals("pamlearn zspace: cannot write plot " + dir + ": it is a directory", run.err().strip());
    }

    // ---------------------------------------------------------------------------------------------- help

    @Test
    void helpOfZspaceExitsZeroAndMentionsEveryOptionAndTheExitCodes() {
        CliRun run = zspace("--help");
        assertEquals(0, run.exit(), "exit code");
        for (String text : List.of("--plant", "integrator|gain", "--plant-gain", "--delay", "--reflex-gain",
                "--net-gain", "--lookahead", "--impulse", "--plot", "--json", "Exit codes:", "usage error",
                "cannot be realised", "K_cl")) {
            assertTrue(run.out().contains(text), "help mentions " + text + ": " + run.out());
        }
        assertFalse(run.out().contains("Default: 0.0"), "required numbers show no default: " + run.out());
        assertEquals("", run.err(), "stderr");
    }

    @Test
    void helpOfPamlearnListsZspace() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit(), "exit code");
        assertTrue(run.out().lines().anyMatch(line -> line.strip().startsWith("zspace")), run.out());
    }

    @Test
    void numbersInTheJsonAreNeverNegativeZero() throws IOException {
        // Every sample before n = 1 + T is 0; a -0.0 there would print as "-0.0".
        CliRun run = zspace("--plant", "integrator", "--plant-gain", "-0.5", "--delay", "1", "--reflex-gain", "-0.8",
                "--net-gain", "1", "--lookahead", "3", "--impulse", "6", "--json");
        assertEquals(0, run.exit(), "exit code; stderr " + run.err());
        assertFalse(run.out().contains("-0.0"), run.out());
        assertTrue(run.out().contains("\"impulse\":[0.0,0.0,0.0,0.0,0.5,"), run.out());
    }
}
