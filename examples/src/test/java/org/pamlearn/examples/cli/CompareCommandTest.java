// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.bench.race.CompareRow;

/**
 * {@code pamlearn compare} on a tiny grid (bp and pam, eta_20 and eta_21, one seed, layers 1x4, a horizon of 3000
 * steps: 4 runs):
 * the CSV, thread-count independence, resume, shards, the summary and the plot, and one-line usage errors.
 */
class CompareCommandTest {

    @TempDir
    Path dir;

    /** The tiny grid's command line; {@code extra} option/value pairs replace the grid's or are added. */
    private static List<String> tiny(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--rules", "bp,pam", "--layers", "1x4", "--init",
                "symmetric", "--eta-min", "8e-4", "--eta-max", "1.1e-3", "--seeds", "1", "--horizon", "3000",
                "--t-rel-hold", "0", "--out", out.toString()));
        for (int k = 0; k < extra.length; k += 2) {
            int at = args.indexOf(extra[k]);
            if (at >= 0) {
                args.set(at + 1, extra[k + 1]);
            } else {
                args.add(extra[k]);
                args.add(extra[k + 1]);
            }
        }
        return args;
    }

    private static List<String> rows(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("compare.csv"), StandardCharsets.UTF_8);
        assertEquals(CompareRow.HEADER, lines.get(0), "header");
        return lines.subList(1, lines.size());
    }

    @Test
    void aTinyGridWritesOneRowPerRunTheSummaryAndThePlot() throws IOException {
        List<String> args = tiny(dir, "--threads", "1");
        int hold = args.indexOf("--t-rel-hold");
        args.subList(hold, hold + 2).clear(); // the default hold, 10,000 steps: longer than these runs
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), run.err());
        List<String> lines = Files.readAllLines(dir.resolve("compare.csv"), StandardCharsets.UTF_8);
        assertEquals("rule,depth,init,eta,seed,steps,success", lines.get(0).substring(0, 38), "first columns");
        List<String> rows = rows(dir);
        assertEquals(4, rows.size(), "2 rules x 2 etas x 1 seed: " + rows);
        Set<String> points = new HashSet<>();
        for (String line : rows) {
            String[] f = line.split(",", -1);
            assertEquals(22, f.length, line);
            assertTrue(f[0].equals("bp") || f[0].equals("pam"), line);
            assertEquals("1x4", f[1], line);
            assertEquals("symmetric", f[2], line);
            assertTrue(f[3].equals("8.673617379884037E-4") || f[3].equals("0.0010842021724855044"), line);
            assertEquals("0", f[4], line);
            long steps = Long.parseLong(f[5]);
            assertTrue(steps >= 1 && steps <= 3000, line);
            assertTrue(f[6].equals("true") || f[6].equals("false") && steps == 3000, line);
            assertEquals("3000", f[9], line);
            assertEquals("1.0", f[10], line);
            assertEquals("builtin", f[11], line);
            assertEquals("rows", f[12], line);
            assertEquals("3000", f[13], line);
            assertTrue(f[14].equals("none") || Long.parseLong(f[14]) <= 2500, "t_rel: " + line);
            assertEquals("false", f[15], "a 3000-step run cannot hold 10,000 steps: " + line);
            assertTrue(Double.parseDouble(f[16]) > 0, "R: " + line);
            assertEquals(List.of("500", "0.1", "10000"), List.of(f[19], f[20], f[21]), line);
            points.add(f[0] + f[3]);
        }
        assertEquals(4, points.size(), "every grid point once: " + rows);
        assertTrue(run.out().contains("### 1x4 hidden, symmetric init"), run.out());
        assertTrue(run.out().contains("Claims at 1x4 hidden (the deepest shape here;"), run.out());
        assertTrue(run.out().contains("- (a) PaM learns faster than BP, symmetric init: "), run.out());
        assertTrue(run.err().contains("4 runs in the grid (shard 0/1), 0 already in"), run.err());
        assertTrue(run.err().contains("warning: --horizon 3000 is shorter than the hold (--t-rel-hold 10000): no run"
                + " can converge"), run.err());
        String md = Files.readString(dir.resolve("compare.md"), StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# pamlearn compare")
                && md.contains("| eta | bp t_rel [95% CI] | bp converged | pam t_rel"), md);
        byte[] png = Files.readAllBytes(dir.resolve("compare.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "PNG magic");
    }

    @Test
    void everyRowIsReproducedByLineFollowerWithItsRunSeedAndSettings() throws IOException {
        // Rules x etas at 2 seed indices on the camera grid of the authors' shape, the harder setting.
        List<String> args = tiny(dir, "--rules", "bp,sar,pam", "--layers", "3,2", "--init", "glorot", "--seeds", "2",
                "--track", "sharp", "--speed", "2", "--sensors", "camera", "--camera", "4x6", "--horizon", "2500",
                "--t-rel-window", "200", "--t-rel-fraction", "0.3", "--t-rel-hold", "1000");
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), run.err());
        List<String> rows = rows(dir);
        assertEquals(3 * 2 * 2, rows.size(), rows.toString());
        for (String line : rows) {
            String[] f = line.split(",", -1);
            assertEquals(List.of("3-2", "glorot", "sharp", "camera-4x6", "2500", "200", "0.3", "1000"),
                    List.of(f[1], f[2], f[11], f[12], f[13], f[19], f[20], f[21]), line);
            CliRun again = CliRun.of("line-follower", "--rule", f[0], "--eta", f[3], "--layers", "3,2", "--init",
                    f[2], "--seed", f[8], "--horizon", f[13], "--track", "sharp", "--speed", "2", "--sensors",
                    "camera", "--camera", "4x6", "--t-rel-window", "200", "--t-rel-fraction", "0.3", "--t-rel-hold",
                    "1000");
            assertEquals(0, again.exit(), again.err());
            String expected = "result: rule=" + f[0] + " steps=" + f[5] + " success=" + f[6] + " t_rel=" + f[14]
                    + " converged=" + f[15] + " reflex_abs_e=" + f[16] + " final_abs_e=" + f[17];
            assertEquals(expected, again.out().strip(), "the row " + line);
        }
    }

    @Test
    void aHorizonJustAboveTheHoldCanConvergeAndGetsNoWarning() throws IOException {
        // t_rel can be 0, so with N = 10,200 >= hold 10,000 a run converges when its windows are all good.
        List<String> args = tiny(dir, "--rules", "pam", "--eta-max", "9e-4", "--horizon", "10200",
                "--t-rel-fraction", "100");
        int hold = args.indexOf("--t-rel-hold");
        args.subList(hold, hold + 2).clear();
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), run.err());
        assertTrue(!run.err().contains("warning"), run.err());
        assertTrue(rows(dir).get(0).contains(",0,true,"), "t_rel 0, converged: " + rows(dir));
    }

    @Test
    void resultsDoNotDependOnTheThreadCountAndShardsConcatenateToTheFullRun() throws IOException {
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, CliRun.of(tiny(one, "--threads", "1")).exit(), "threads 1");
        assertEquals(0, CliRun.of(tiny(two, "--threads", "2")).exit(), "threads 2");
        Set<String> full = new HashSet<>(rows(one));
        assertEquals(full, new HashSet<>(rows(two)), "threads 1 vs 2");
        Path s0 = dir.resolve("s0");
        Path s1 = dir.resolve("s1");
        CliRun r0 = CliRun.of(tiny(s0, "--threads", "2", "--shard", "0/2"));
        CliRun r1 = CliRun.of(tiny(s1, "--threads", "1", "--shard", "1/2"));
        assertEquals(0, r0.exit(), r0.err());
        assertEquals(0, r1.exit(), r1.err());
        assertEquals(2, rows(s0).size(), "shard 0/2 has runs 0 and 2");
        assertEquals(2, rows(s1).size(), "shard 1/2 has runs 1 and 3");
        Set<String> joined = new HashSet<>(rows(s0));
        joined.addAll(rows(s1));
        assertEquals(full, joined, "shards concatenated");
    }

    @Test
    void aSecondRunResumesAndAddsNothingAndACutLastLineIsRunAgain() throws IOException {
        assertEquals(0, CliRun.of(tiny(dir, "--threads", "2")).exit(), "first run");
        Path csv = dir.resolve("compare.csv");
        String first = Files.readString(csv, StandardCharsets.UTF_8);
        CliRun again = CliRun.of(tiny(dir, "--threads", "2"));
        assertEquals(0, again.exit(), again.err());
        assertEquals(first, Files.readString(csv, StandardCharsets.UTF_8), "nothing added");
        assertTrue(again.err().contains("4 already in") && again.err().contains("0 run now"), again.err());
        // An interrupted sweep: the last row cut in the middle.
        Files.writeString(csv, first.substring(0, first.length() - 6), StandardCharsets.UTF_8);
        CliRun resumed = CliRun.of(tiny(dir, "--threads", "1"));
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.err().contains("3 already in") && resumed.err().contains("1 run now"), resumed.err());
        assertEquals(new HashSet<>(first.lines().toList()), new HashSet<>(Files.readAllLines(csv)), "same rows");
        assertEquals(5, Files.readAllLines(csv).size(), "header and 4 rows");
    }

    @Test
    void theSettingIsInTheRowsAndAResumeWithAnotherSettingIsRefusedLeavingTheFileAlone() throws IOException {
        CliRun run = CliRun.of(tiny(dir, "--rules", "pam", "--eta-max", "9e-4", "--speed", "2", "--threads", "1"));
        assertEquals(0, run.exit(), run.err());
        List<String> rows = rows(dir);
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.get(0).contains(",3000,2.0,builtin,rows,3000,"), rows.get(0));
        assertTrue(run.out().contains("speed 2.0"), run.out());
        Path csv = dir.resolve("compare.csv");
        // An interrupted sweep's partial last line, too: a refused resume must not cut it either.
        Files.writeString(csv, "pam,1x4,symmetric,8.673617379884037E-4,0,12", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        String before = Files.readString(csv, StandardCharsets.UTF_8);
        for (List<String> other : List.of(List.of("--speed", "1"), List.of("--speed", "2", "--horizon", "2000"),
                List.of("--speed", "2", "--track", "sharp"), List.of("--speed", "2", "--sensors", "camera"))) {
            List<String> args = new ArrayList<>(List.of("--rules", "pam", "--eta-max", "9e-4"));
            args.addAll(other);
            CliRun again = CliRun.of(tiny(dir, args.toArray(new String[0])));
            again.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, other.toString());
            assertTrue(again.err().contains("holds runs of another setting"), again.err());
            assertEquals(before, Files.readString(csv, StandardCharsets.UTF_8), "file unchanged: " + other);
        }
    }

    @Test
    void aPngTrackIsNamedByItsContentSoAnEditedImageIsNotResumed() throws Exception {
        BufferedImage image = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 200, 150);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(4));
        g.drawOval(20, 20, 160, 110);
        g.dispose();
        Path png = dir.resolve("ring.png");
        ImageIO.write(image, "png", png.toFile());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(png));
        String label = "png:" + HexFormat.of().formatHex(digest, 0, 8);
        Path out = dir.resolve("out");
        List<String> args = List.of("--rules", "pam", "--eta-max", "9e-4", "--horizon", "500", "--track",
                png.toString());
        CliRun run = CliRun.of(tiny(out, args.toArray(new String[0])));
        assertEquals(0, run.exit(), run.err());
        assertTrue(rows(out).get(0).contains(",500,1.0," + label + ",rows,500,"), rows(out).get(0));
        image.setRGB(0, 0, 0);
        ImageIO.write(image, "png", png.toFile());
        CliRun edited = CliRun.of(tiny(out, args.toArray(new String[0])));
        edited.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "edited image");
        assertTrue(edited.err().contains("track " + label), edited.err());
    }

    @Test
    void layersTakeNxSListsSemicolonListsAndRepeatedOptions() throws IOException {
        List<String> args = tiny(dir, "--rules", "pam", "--eta-min", "1e-5", "--eta-max", "1e-5", "--horizon", "500",
                "--layers", "1x4,2x3;1x4");
        args.addAll(List.of("--layers", "4,3"));
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exit(), run.err());
        Set<String> depths = new HashSet<>();
        for (String line : rows(dir)) {
            depths.add(line.split(",", -1)[1]);
        }
        assertEquals(Set.of("1x4", "2x3", "4-3"), depths, "three depths, the duplicate 1x4 once");
        assertEquals(3, rows(dir).size(), "one run per depth");
    }

    @Test
    void aFileThatIsNotACompareCsvIsOneLineWithExitCode1() throws IOException {
        Files.writeString(dir.resolve("compare.csv"), "a,b\n1,2\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.of(tiny(dir));
        run.assertOneLineError(PamlearnCommand.EXIT_BAD_INPUT, "bad csv");
        assertTrue(run.err().contains("not a compare CSV"), run.err());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--rules", "bp,none"), "invalid value for --rules: 'none'"),
                Arguments.of(List.of("--init", "random"), "invalid value for --init: 'random'"),
                Arguments.of(List.of("--layers", "0x4"),
                        "invalid value for --layers: must have 1..100 hidden layers, got 0"),
                Arguments.of(List.of("--layers", "1x4;a"), "invalid value for --layers: 'a'"),
                Arguments.of(List.of("--eta-min", "2e3", "--eta-max", "3e3"), "no learning rate"),
                Arguments.of(List.of("--eta-max", "NaN"), "--eta-max must be finite and > 0, got NaN"),
                Arguments.of(List.of("--seeds", "0"), "--seeds must be between 1 and 1000, got 0"),
                Arguments.of(List.of("--horizon", "0"), "--horizon must be between 1 and 10000000, got 0"),
                Arguments.of(List.of("--horizon", "499"), "--horizon 499 is shorter than the window (--t-rel-window"
                        + " 500)"),
                Arguments.of(List.of("--t-rel-fraction", "NaN"), "--t-rel-fraction must be finite and > 0, got NaN"),
                Arguments.of(List.of("--eta-step", "0"), "--eta-step must be between 1 and 82, got 0"),
                Arguments.of(List.of("--eta-min", "1e-3", "--eta-max", "1.1e-3", "--eta-step", "2"),
                        "--eta-step 2 keeps none of the learning rates in [--eta-min, --eta-max] (k = 21..21;"),
                Arguments.of(List.of("--camera", "4x"), "invalid value for --camera: '4x'; expected RxC"),
                Arguments.of(List.of("--sensors", "camera", "--camera", "0x6"),
                        "invalid value for --camera: rows and columns must be 1..32, got '0x6'"),
                Arguments.of(List.of("--camera", "4x6"), "--camera needs --sensors camera"),
                Arguments.of(List.of("--threads", "0"), "--threads must be between 1 and 1024, got 0"),
                Arguments.of(List.of("--shard", "2/2"), "invalid value for --shard: '2/2'"),
                Arguments.of(List.of("--shard", "x"), "invalid value for --shard: 'x'"),
                Arguments.of(List.of("--sensors", "sonar"), "invalid value for --sensors: 'sonar'"),
                Arguments.of(List.of("--speed", "0"), "--speed must be in (0, 10.0], got 0.0"),
                Arguments.of(List.of("--speed", "NaN"), "--speed must be in (0, 10.0], got NaN"),
                Arguments.of(List.of("--speed", "11"), "--speed must be in (0, 10.0], got 11.0"),
                Arguments.of(List.of("--runner", "cluster"), "invalid value for --runner: 'cluster'"),
                Arguments.of(List.of("--spark-master", "local[2]"), "--spark-master needs --runner spark"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsAreOneLineWithExitCode2(List<String> extra, String message) {
        Path out = dir.resolve("new");
        CliRun run = CliRun.of(tiny(out, extra.toArray(new String[0])));
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, extra.toString());
        assertTrue(run.err().startsWith("pamlearn compare: ") && run.err().contains(message), run.err());
        assertTrue(!Files.exists(out), "a usage error leaves no --out directory behind: " + extra);
    }

    @Test
    void outIsRequired() {
        CliRun run = CliRun.of("compare", "--rules", "bp");
        run.assertOneLineError(PamlearnCommand.EXIT_USAGE, "no --out");
        assertTrue(run.err().contains("Missing required option: '--out=DIR'"), run.err());
    }
}
