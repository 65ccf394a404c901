// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LineFollowerRun;
import org.pamlearn.robot.sim.LookaheadSensors;

/**
 * {@code pamlearn line-follower --horizon N --trace}: the result line's learning time equals the one recomputed here
 * from {@code trace.csv} by the definition of docs/ALGORITHMS.md &sect;5 (own code, not the library's), the trace's
 * reflex columns are the library's own reflex-only run, and the new options ({@code --horizon}, the criterion,
 * {@code --trace}, {@code --camera}, {@code --init glorot}, any {@code long} seed) work or fail with one line.
 */
class LineFollowerHorizonTest {

    private static final int N = 20_000;
    private static final int W = 500;
    private static final double FRACTION = 0.1;
    private static final int HOLD = 10_000;
    private static final int FINAL = 5_000;

    /** The columns of trace.csv, parsed. */
    private record TraceFile(double[] err, boolean[] onLine, double[] reflexErr, boolean[] reflexOnLine) {

        static TraceFile read(Path file, boolean horizon) throws IOException {
            List<String> lines = Files.readAllLines(file);
            assertEquals(horizon ? "step,err,on_line,reflex_err,reflex_on_line" : "step,err,on_line", lines.get(0));
            int n = lines.size() - 1;
            TraceFile t = new TraceFile(new double[n], new boolean[n], new double[n], new boolean[n]);
            for (int k = 0; k < n; k++) {
                String[] cells = lines.get(k + 1).split(",", -1);
                assertEquals(horizon ? 5 : 3, cells.length, "row " + k);
                assertEquals(Integer.toString(k), cells[0], "row " + k + ": its step");
                t.err[k] = Double.parseDouble(cells[1]);
                t.onLine[k] = flag(cells[2]);
                if (horizon) {
                    t.reflexErr[k] = Double.parseDouble(cells[3]);
                    t.reflexOnLine[k] = flag(cells[4]);
                }
            }
            return t;
        }

        private static boolean flag(String cell) {
            assertTrue(cell.equals("1") || cell.equals("0"), "on_line is 1 or 0: " + cell);
            return cell.equals("1");
        }
    }

    /** Mean |x| over [from, from + count), summed in step order. */
    private static double meanAbs(double[] x, int from, int count) {
        double sum = 0;
        for (int k = from; k < from + count; k++) {
            sum += Math.abs(x[k]);
        }
        return sum / count;
    }

    /**
     * t_rel by its definition: the smallest s such that every window [k, k+W), s <= k <= N-W, has mean |E| below
     * 0.1 R and no step off the line; "none" when no s qualifies. {@code goodFrom[s]} says whether every window from
     * s on is good.
     */
    private static String tRel(double[] err, boolean[] onLine, double r) {
        int n = err.length;
        boolean[] goodFrom = new boolean[n - W + 2];
        goodFrom[n - W + 1] = true; // no window left
        for (int k = n - W; k >= 0; k--) {
            boolean on = true;
            for (int i = k; i < k + W; i++) {
                on &= onLine[i];
            }
            goodFrom[k] = goodFrom[k + 1] && on && meanAbs(err, k, W) < FRACTION * r;
        }
        for (int s = 0; s <= n - W; s++) {
            if (goodFrom[s]) {
                return Integer.toString(s);
            }
        }
        return "none";
    }

    private static Map<String, String> fields(String resultLine) {
        Map<String, String> map = new HashMap<>();
        for (String field : resultLine.substring("result: ".length()).split(" ")) {
            String[] kv = field.split("=", 2);
            map.put(kv[0], kv[1]);
        }
        return map;
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }

    static Stream<Arguments> horizonRuns() {
        return Stream.of(
                // PaM on the default network: FCL's criterion at 3468 steps, learned for good soon after.
                Arguments.of(List.of("--rule", "pam"), LineFollowerRun.builder().rule(LearningMode.PAM), true),
                // BP with the symmetric init at 10 hidden layers: the signal vanishes, it never learns.
                Arguments.of(List.of("--rule", "bp", "--init", "symmetric", "--layers", "10x10"),
                        LineFollowerRun.builder().rule(LearningMode.BP).init(NetworkInit.SYMMETRIC)
                                .hidden(10, 10, 10, 10, 10, 10, 10, 10, 10, 10), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("horizonRuns")
    void theResultLineIsTheLearningTimeRecomputedFromTraceCsv(List<String> options, LineFollowerRun.Builder same,
            boolean converges, @TempDir Path dir) throws IOException {
        List<String> args = new ArrayList<>(List.of("line-follower", "--horizon", "" + N, "--trace", "--log", "none",
                "--out", dir.toString()));
        args.addAll(options);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), run.err());
        String line = lastLine(run.out());
        Map<String, String> result = fields(line);
        TraceFile trace = TraceFile.read(dir.resolve("trace.csv"), true);
        assertEquals(N, trace.err().length, "one row per step");

        double r = meanAbs(trace.reflexErr(), 0, N);
        String tRel = tRel(trace.err(), trace.onLine(), r);
        boolean converged = !tRel.equals("none") && Integer.parseInt(tRel) <= N - HOLD;
        double finalAbsE = meanAbs(trace.err(), N - FINAL, FINAL);
        assertEquals(r, Double.parseDouble(result.get("reflex_abs_e")), line);
        assertEquals(tRel, result.get("t_rel"), line);
        assertEquals(Boolean.toString(converged), result.get("converged"), line);
        assertEquals(finalAbsE, Double.parseDouble(result.get("final_abs_e")), line);
        assertEquals(converges, converged, "the case is the one meant: " + line);
        if (converges) {
            assertTrue(Integer.parseInt(tRel) > W, "a t_rel past the first windows: " + line);
        }
        // The reflex columns are the reflex-only run the library runs for itself: the same line.
        assertEquals(same.seed(0).horizon(N).build().run().resultLine(), line);
        assertTrue(run.err().contains("reflex-only run of " + N + " steps first")
                && run.err().contains("reflex steps ") && run.err().contains("ran " + N + " steps"), run.err());
    }

    @Test
    void theReflexAloneIsItsOwnReflexOnlyRun(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("line-follower", "--rule", "none", "--horizon", "1000", "--t-rel-window", "100",
                "--t-rel-fraction", "2", "--t-rel-hold", "0", "--trace", "--log", "none", "--out", dir.toString());
        assertEquals(0, run.exit(), run.err());
        TraceFile trace = TraceFile.read(dir.resolve("trace.csv"), true);
        assertArrayEquals(trace.err(), trace.reflexErr());
        assertArrayEquals(trace.onLine(), trace.reflexOnLine());
        double r = meanAbs(trace.err(), 0, 1000);
        Map<String, String> result = fields(lastLine(run.out()));
        assertEquals(r, Double.parseDouble(result.get("reflex_abs_e")));
        assertEquals(meanAbs(trace.err(), 0, 1000), Double.parseDouble(result.get("final_abs_e")), "fewer than 5000");
        assertTrue(run.out().startsWith("result: rule=none steps=1000 success=false t_rel="), run.out());
        CliRun shortHorizon = CliRun.of("line-follower", "--rule", "none", "--horizon", "600");
        assertEquals(0, shortHorizon.exit(), shortHorizon.err());
        assertTrue(shortHorizon.out().contains(" converged=false "), "shorter than the default hold: "
                + shortHorizon.out());
    }

    @Test
    void aTraceWithoutAHorizonHasTheSessionsErrors(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of("line-follower", "--seed", "3", "--max-steps", "700", "--trace", "--log", "none",
                "--out", dir.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("result: rule=pam steps=700 success=false", run.out().strip(), "no learning time");
        TraceFile trace = TraceFile.read(dir.resolve("trace.csv"), false);
        LineFollowerRun.Result same = LineFollowerRun.builder().seed(3).maxSteps(700).build().run();
        assertArrayEquals(same.trace().error(), trace.err(), "err read back exactly");
        assertArrayEquals(same.trace().onLine(), trace.onLine());
        assertTrue(run.err().contains("trace.csv"), run.err());
    }

    @Test
    void theCameraGridSetsTheInputsAndGlorotTheRange(@TempDir Path dir) {
        CliRun run = CliRun.of("line-follower", "--sensors", "camera", "--camera", "4x6", "--init", "glorot",
                "--layers", "13,12,11", "--max-steps", "50", "--log", "none", "--out", dir.toString());
        assertEquals(0, run.exit(), run.err());
        Network initial = Checkpoints.load(dir.resolve("initial.json"));
        assertEquals(240, initial.inputCount(), "48 predictors x 5 resonators");
        double a = 4 * Math.sqrt(6.0 / (240 + 13));
        double max = Arrays.stream(initial.weights(0)).flatMapToDouble(Arrays::stream).map(Math::abs).max()
                .orElseThrow();
        assertTrue(max <= a && max > 0.99 * a, "glorot's first layer spans [-a, a]: max " + max + ", a " + a);
        Network same = LineFollowerRun.builder().sensors(LookaheadSensors.CAMERA).camera(4, 6)
                .init(NetworkInit.GLOROT).hidden(13, 12, 11).initialNetwork();
        assertArrayEquals(same.weights(0)[0], initial.weights(0)[0]);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("longSeeds")
    void anyLongIsASeed(long seed, @TempDir Path dir) {
        CliRun run = CliRun.of("line-follower", "--seed", Long.toString(seed), "--max-steps", "20", "--log", "none",
                "--out", dir.toString());
        assertEquals(0, run.exit(), run.err());
        Network expected = LineFollowerRun.builder().seed(seed).initialNetwork();
        assertArrayEquals(expected.weights(0)[0], Checkpoints.load(dir.resolve("initial.json")).weights(0)[0]);
    }

    static Stream<Long> longSeeds() {
        return Stream.of(Long.MIN_VALUE, -6_917_529_027_641_081_856L, -1L, Long.MAX_VALUE);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--horizon", "0"), "--horizon must be between 1 and 10000000, got 0"),
                Arguments.of(List.of("--horizon", "-5"), "--horizon must be between 1 and 10000000, got -5"),
                Arguments.of(List.of("--horizon", "abc"), "invalid value for --horizon: 'abc'"),
                Arguments.of(List.of("--horizon", "10000001"), "--horizon must be between 1 and 10000000"),
                Arguments.of(List.of("--horizon", "499"), "--horizon 499 is shorter than the window (--t-rel-window"
                        + " 500)"),
                Arguments.of(List.of("--horizon", "1000", "--t-rel-window", "1001"),
                        "--horizon 1000 is shorter than the window (--t-rel-window 1001)"),
                Arguments.of(List.of("--horizon", "1000", "--t-rel-window", "0"), "--t-rel-window must be >= 1, got 0"),
                Arguments.of(List.of("--horizon", "1000", "--t-rel-fraction", "NaN"),
                        "--t-rel-fraction must be finite and > 0, got NaN"),
                Arguments.of(List.of("--horizon", "1000", "--t-rel-fraction", "0"),
                        "--t-rel-fraction must be finite and > 0, got 0.0"),
                Arguments.of(List.of("--horizon", "1000", "--t-rel-hold", "-1"), "--t-rel-hold must be >= 0, got -1"),
                Arguments.of(List.of("--horizon", "1000", "--t-rel-hold", "1001"),
                        "--t-rel-hold 1001 is longer than --horizon 1000"),
                Arguments.of(List.of("--t-rel-fraction", "0.2"), "--t-rel-fraction needs --horizon N"),
                Arguments.of(List.of("--horizon", "1000", "--max-steps", "50000"),
                        "--max-steps does not apply with --horizon"),
                Arguments.of(List.of("--sensors", "camera", "--camera", "0x5"),
                        "invalid value for --camera: rows and columns must be 1..32, got '0x5'"),
                Arguments.of(List.of("--sensors", "camera", "--camera", "4x"),
                        "invalid value for --camera: '4x'; expected RxC"),
                Arguments.of(List.of("--sensors", "camera", "--camera", "99x99"),
                        "invalid value for --camera: rows and columns must be 1..32, got '99x99'"),
                Arguments.of(List.of("--camera", "4x6"), "--camera needs --sensors camera"),
                Arguments.of(List.of("--trace"), "--trace needs --out DIR"),
                Arguments.of(List.of("--horizon", "1000", "--trace"), "--trace needs --out DIR"),
                Arguments.of(List.of("--horizon", "1000", "--trace", "--t-rel-hold", "1001", "--out", "/nonexistent"),
                        "--t-rel-hold 1001 is longer than --horizon 1000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void aBadOptionIsOneLineAndTheUsageExitCode(List<String> options, String expected) {
        List<String> args = new ArrayList<>(List.of("line-follower"));
        args.addAll(options);
        CliRun run = CliRun.of(args);
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, options.toString());
        assertTrue(run.err().startsWith("pamlearn line-follower: " + expected), options + ": " + run.err());
    }

    @Test
    void helpDocumentsTheHorizonTheTraceAndTheInits() {
        String help = CliRun.of("line-follower", "--help").out().replaceAll("\\s+", " ");
        for (String text : List.of("--horizon=N", "--trace", "--t-rel-window=W", "--t-rel-fraction=F",
                "--t-rel-hold=H", "--camera=RxC", "symmetric|authors|glorot", "a = 4 sqrt(6 / (fan_in + fan_out))",
                "t_rel=<n|none> converged=<true|false> reflex_abs_e=<R> final_abs_e=<x>",
                "step,err,on_line", "reflex_err,reflex_on_line", "Not with --horizon")) {
            assertTrue(help.contains(text), text + " in: " + help);
        }
    }
}
