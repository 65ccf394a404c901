// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.supervised;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.bench.internal.CsvLines;

/** The study on a small generated 10-class image set: its grid, widening, resume and summary. */
class SupervisedStudyTest {

    private static final int SIDE = 5;

    @TempDir
    Path dir;

    /** Writes an IDX set where class c lights pixel c (and a few random ones): easy, but not trivially so. */
    private Path data(int train, int test) throws IOException {
        Path d = Files.createDirectories(dir.resolve("data"));
        SplittableRandom random = new SplittableRandom(7);
        write(d, "train", train, random);
        write(d, "t10k", test, random);
        return d;
    }

    private static void write(Path d, String prefix, int n, SplittableRandom random) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        try (DataOutputStream im = new DataOutputStream(images); DataOutputStream lb = new DataOutputStream(labels)) {
            im.writeInt(2051);
            im.writeInt(n);
            im.writeInt(SIDE);
            im.writeInt(SIDE);
            lb.writeInt(2049);
            lb.writeInt(n);
            for (int k = 0; k < n; k++) {
                int label = random.nextInt(10);
                lb.writeByte(label);
                for (int p = 0; p < SIDE * SIDE; p++) {
                    boolean on = p == label * 2 || random.nextInt(12) == 0;
                    im.writeByte(on ? 255 : random.nextInt(40));
                }
            }
        }
        Files.write(d.resolve(prefix + "-images-idx3-ubyte"), images.toByteArray());
        Files.write(d.resolve(prefix + "-labels-idx1-ubyte"), labels.toByteArray());
    }

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = SupervisedStudy.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(SupervisedStudy.HEADER, lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(CsvLines.split(line));
        }
        return rows;
    }

    @Test
    void everyGridIsRunWithEverySeedWidenedAtItsBestEndAndResumedWithoutRunningAgain() throws IOException {
        Path data = data(400, 100);
        Path out = dir.resolve("out");
        String[] args = {"--data", data.toString(), "--out", out.toString(), "--depths", "1,2", "--epochs", "6",
            "--batch", "16", "--seeds", "2", "--parallel", "2", "--max-widen", "1"};
        Outcome first = run(args);
        assertEquals(0, first.status(), first.err());
        List<String[]> rows = rows(out.resolve("study.csv"));
        Set<String> keys = new HashSet<>();
        Map<String, Map<Integer, List<Double>>> byCurve = new HashMap<>();
        for (String[] r : rows) {
            assertTrue(keys.add(String.join(",", r[0], r[1], r[2], r[3], r[4])), "duplicate run " + r[3]);
            assertEquals(Math.pow(10, Integer.parseInt(r[3]) / 2.0), Double.parseDouble(r[5]));
            byCurve.computeIfAbsent(r[0] + " " + r[2] + " " + r[1], c -> new HashMap<>())
                    .computeIfAbsent(Integer.parseInt(r[3]), k -> new ArrayList<>()).add(Double.parseDouble(r[8]));
        }
        // 2 depths x (3 sigmoid rules + relu bp) curves, each a contiguous grid of at least 3 rates, 2 seeds each.
        assertEquals(8, byCurve.size());
        for (Map.Entry<String, Map<Integer, List<Double>>> c : byCurve.entrySet()) {
            Map<Integer, List<Double>> grid = c.getValue();
            int lo = grid.keySet().stream().mapToInt(Integer::intValue).min().orElseThrow();
            int hi = grid.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            assertTrue(hi - lo + 1 == grid.size() && grid.size() >= 3 && grid.size() <= 5, c.getKey() + ": " + grid);
            grid.values().forEach(seeds -> assertEquals(2, seeds.size()));
            // Widened (once at most) only at an end of the first three rates whose mean is the best of the three, and
            // at both ends only when both are: every widened end was a best end, and every best end was widened.
            int[] initial = initialRange(c.getKey());
            double bestMean = mean(grid.get(best(grid, initial[0], initial[1])));
            assertEquals(mean(grid.get(initial[0])) == bestMean, lo < initial[0], c.getKey() + " low end: " + grid);
            assertEquals(mean(grid.get(initial[1])) == bestMean, hi > initial[1], c.getKey() + " high end: " + grid);
        }
        String md = Files.readString(out.resolve("study.md"));
        for (Map.Entry<String, Map<Integer, List<Double>>> c : byCurve.entrySet()) {
            Map<Integer, List<Double>> grid = c.getValue();
            int lo = grid.keySet().stream().mapToInt(Integer::intValue).min().orElseThrow();
            int hi = grid.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
            int best = best(grid, lo, hi);
            double mean = grid.get(best).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            String[] parts = c.getKey().split(" ");
            String label = parts[0].equals("sigmoid") ? parts[1] : parts[0] + " " + parts[1];
            String expected = String.format(java.util.Locale.ROOT, "| %s | %s | %.3g", parts[2], label,
                    Math.pow(10, best / 2.0));
            assertTrue(md.contains(expected) && md.contains(String.format(java.util.Locale.ROOT, "%.4f ± ", mean)),
                    expected + " / " + mean + " in\n" + md);
        }
        assertTrue(Files.size(out.resolve("accuracy-vs-eta.png")) > 1000);
        assertTrue(Files.size(out.resolve("accuracy-vs-depth.png")) > 1000);
        // Every rule learned something on this easy set at one hidden layer (chance is 0.1).
        for (String curve : List.of("sigmoid bp 1", "sigmoid sar 1", "sigmoid pam 1", "relu bp 1")) {
            double best = byCurve.get(curve).values().stream().flatMap(List::stream)
                    .mapToDouble(Double::doubleValue).max().orElseThrow();
            assertTrue(best > 0.5, curve + ": best " + best);
        }

        long before = Files.size(out.resolve("study.csv"));
        Outcome again = run(args);
        assertEquals(0, again.status(), again.err());
        assertEquals(before, Files.size(out.resolve("study.csv")), "a finished study runs nothing again");
        assertEquals(Files.readString(out.resolve("study.md")).lines().skip(3).toList(),
                md.lines().skip(3).toList(), "the same summary from the same rows");
    }

    private static int[] initialRange(String curve) {
        String[] parts = curve.split(" ");
        return SupervisedStudy.initialGrid(new SupervisedStudy.Group(parts[0], parts[1], Integer.parseInt(parts[2])));
    }

    private static double mean(List<Double> accuracies) {
        return accuracies.stream().mapToDouble(a -> Double.isNaN(a) ? 0.0 : a).average().orElseThrow();
    }

    private static int best(Map<Integer, List<Double>> grid, int lo, int hi) {
        int best = lo;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int k = lo; k <= hi; k++) {
            double mean = grid.get(k).stream().mapToDouble(a -> Double.isNaN(a) ? 0.0 : a).average().orElseThrow();
            if (mean > bestMean) {
                bestMean = mean;
                best = k;
            }
        }
        return best;
    }

    @Test
    void resumingWithOtherEpochsIsRefusedInOneLine() throws IOException {
        Path data = data(50, 20);
        Path out = dir.resolve("out2");
        assertEquals(0, run("--data", data.toString(), "--out", out.toString(), "--depths", "1", "--epochs", "1",
                "--seeds", "1", "--max-widen", "0", "--parallel", "1").status());
        Outcome o = run("--data", data.toString(), "--out", out.toString(), "--depths", "1", "--epochs", "2");
        assertEquals(1, o.status());
        assertTrue(o.err().contains("was made with --epochs 1 --batch 32") && o.err().lines().count() == 1, o.err());
    }

    /** A finished one-rate, one-seed study at depth 1 in {@code out}, on {@code data}. */
    private static String[] small(Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("--data", data.toString(), "--out", out.toString(), "--depths",
                "1", "--epochs", "1", "--seeds", "1", "--max-widen", "0", "--parallel", "1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void resumingWithOtherDataOrEngineIsRefusedInOneLineAndAnOldStudyAdoptsItsOptions() throws IOException {
        Path data = data(50, 20);
        Path out = dir.resolve("out3");
        assertEquals(0, run(small(data, out)).status());
        Path properties = out.resolve(SupervisedStudy.PROPERTIES);
        assertTrue(Files.exists(properties));

        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        long before = Files.size(out.resolve("study.csv"));
        Outcome otherData = run(small(copy, out));
        assertEquals(1, otherData.status(), otherData.err());
        assertEquals(1, otherData.err().lines().count(), otherData.err());
        assertTrue(otherData.err().startsWith("SupervisedStudy: " + properties + " was made with --epochs 1 --batch 32"
                + " --data " + data.toAbsolutePath() + " --engine plain: use the same options"), otherData.err());
        Outcome otherEngine = run(small(data, out, "--engine", "nd4j-float"));
        assertEquals(1, otherEngine.status(), otherEngine.err());
        assertTrue(otherEngine.err().strip().endsWith("--engine plain: use the same options or another --out"),
                otherEngine.err());
        assertEquals(before, Files.size(out.resolve("study.csv")), "nothing ran");

        // A study.csv from before study.properties (the 12 columns as ever) resumes and records its options.
        Files.delete(properties);
        Outcome old = run(small(data, out));
        assertEquals(0, old.status(), old.err());
        assertEquals(before, Files.size(out.resolve("study.csv")), "a finished study runs nothing again");
        assertTrue(Files.readString(properties).contains("engine=plain"));
    }

    @Test
    void aNonNumericCellNamesFileAndLine() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out4"));
        Path csv = out.resolve("study.csv");
        Files.writeString(csv, SupervisedStudy.HEADER + "\n"
                + "sigmoid,1,bp,-1,1,0.31622776601683794,1,32,0.5,0.9,1.00,100\n"
                + "sigmoid,1,bp,0,1,1.0,1,32,0.5x,0.9,1.00,100\n");
        Outcome o = run(small(data(50, 20), out));
        assertEquals(1, o.status());
        assertEquals("SupervisedStudy: " + csv + " line 3: test_accuracy is not a number: '0.5x'", o.err().strip());
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        Outcome o = run("--engine", "gpu");
        assertEquals(2, o.status());
        assertEquals("SupervisedStudy: unknown engine 'gpu': use plain, nd4j, nd4j-double or nd4j-float",
                o.err().strip());
    }

    @Test
    void badOptionsAndMissingDataGiveOneLine() {
        Outcome unknown = run("--nope", "1");
        assertEquals(2, unknown.status());
        assertEquals("SupervisedStudy: unknown option '--nope'", unknown.err().strip());
        Outcome zero = run("--epochs", "0");
        assertEquals("SupervisedStudy: --epochs must be an integer >= 1, got '0'", zero.err().strip());
        Outcome missing = run("--data", dir.resolve("none").toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, missing.status());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("none"), missing.err());
    }
}
