// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.supervised;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pamlearn.bench.internal.CsvLines;
import org.pamlearn.bench.internal.ToolMain;
import org.pamlearn.core.Engine;
import org.pamlearn.core.data.IdxDataSet;
import org.pamlearn.core.internal.Texts;

/**
 * The supervised study (docs/RESULTS.md, "Fashion-MNIST"): deep sigmoid MLPs on an IDX data set (Fashion-MNIST by
 * default) trained by BP, SaR and PaM, each over a grid of learning rates {@code eta = 10^(k/2)} that is widened
 * toward an end of the grid that has the best mean test accuracy over the seeds (both ends for a flat curve), at most
 * {@code --max-widen} times per invocation, with several seeds per rate, plus a modern reference (ReLU, He
 * initialisation, BP) at every depth.
 *
 * <p>Writes {@code study.csv} (one row per run, appended as runs finish, so an interrupted study resumes where it
 * stopped; {@code study.properties} beside it holds the data, engine, epochs and batch size, which a resume must
 * repeat), {@code study.md} (the table at each rule's own best rate and the full table), and the plots
 * {@code accuracy-vs-eta.png} and {@code accuracy-vs-depth.png}.
 *
 * <p>Run: {@code java -cp examples/target/pamlearn.jar org.pamlearn.bench.supervised.SupervisedStudy --out DIR}
 * (options: {@code --data DIR --depths 1,3,5,10 --epochs 3 --batch 32 --seeds 3 --parallel 2 --engine plain
 * --threads 1 --max-widen 4}).
 */
public final class SupervisedStudy {

    /** The header of {@code study.csv}. */
    public static final String HEADER =
            "variant,depth,rule,k,seed,eta,epochs,batch,test_accuracy,train_loss,seconds,samples_per_s";
    /** The file beside {@code study.csv} that holds the options a resume must repeat. */
    static final String PROPERTIES = "study.properties";
    /** The columns of {@link #HEADER} that hold integers: depth, k, seed, epochs, batch. */
    private static final Set<Integer> INTEGER_COLUMNS = Set.of(1, 3, 4, 6, 7);

    /** A curve of the study: one variant and rule at one depth, over rates. */
    record Group(String variant, String rule, int depth) {
        String label() {
            return variant.equals("sigmoid") ? rule : variant + " " + rule;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final Map<String, String[]> rows = new LinkedHashMap<>();

    private SupervisedStudy(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the study from the command line.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        ToolMain.run(args, SupervisedStudy::run);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        Engine engine;
        try {
            options = Options.parse(args);
            engine = Engine.named(options.engine);
        } catch (IllegalArgumentException e) {
            err.println("SupervisedStudy: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            // ND4J named but not available: nothing wrong with the options.
            err.println("SupervisedStudy: " + e.getMessage());
            return 1;
        }
        try {
            new SupervisedStudy(options, out).run(engine);
            return 0;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            err.println("SupervisedStudy: " + e.getMessage());
            return 1;
        }
    }

    private void run(Engine engine) throws IOException {
        IdxDataSet data = IdxDataSet.load(options.data, IdxDataSet.CLASSES);
        if (!engine.equals(Engine.plain())) {
            Engine.setNd4jThreads(options.threads);
        }
        Files.createDirectories(options.out);
        Path csv = options.out.resolve("study.csv");
        readRows(csv);
        checkMadeWith(options.out.resolve(PROPERTIES), engine);
        long start = System.nanoTime();
        int ran = 0;
        Map<Group, int[]> grids = new LinkedHashMap<>();
        for (Group g : groups()) {
            grids.put(g, initialGrid(g));
        }
        Map<Group, Integer> widened = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(options.parallel);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            if (rows.isEmpty() && Files.size(csv) == 0) {
                w.write(HEADER);
                w.newLine();
                w.flush();
            }
            boolean changed = true;
            while (changed) {
                List<StudyRun> missing = new ArrayList<>();
                grids.forEach((g, range) -> {
                    for (int k = range[0]; k <= range[1]; k++) {
                        for (int s = 1; s <= options.seeds; s++) {
                            StudyRun r = new StudyRun(g.variant(), g.depth(), g.rule(), k, s);
                            if (!rows.containsKey(r.key())) {
                                missing.add(r);
                            }
                        }
                    }
                });
                runAll(missing, data, engine, pool, w);
                ran += missing.size();
                changed = false;
                for (Map.Entry<Group, int[]> e : grids.entrySet()) {
                    int[] range = e.getValue();
                    boolean[] ends = StudySummary.bestAtEnds(StudySummary.points(rows, e.getKey(), range,
                            options.seeds));
                    int n = widened.getOrDefault(e.getKey(), 0);
                    if (n < options.maxWiden && (ends[0] || ends[1])) {
                        // Toward the end that is best; both ways when both ends tie for best (a flat curve, e.g. a
                        // rule that learns at no rate of the grid: which way lies a rate that learns is unknown).
                        if (ends[0]) {
                            range[0]--;
                        }
                        if (ends[1]) {
                            range[1]++;
                        }
                        widened.put(e.getKey(), n + 1);
                        changed = true;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        StudySummary summary = new StudySummary(grids, rows, options.seeds);
        Files.writeString(options.out.resolve("study.md"), summary.markdown(options.describe(), ran, minutes),
                StandardCharsets.UTF_8);
        StudyPlots.write(summary, options.depths, options.out);
        out.printf(Locale.ROOT, "study: %d runs in %s (%.1f min this time)%n", rows.size(), csv, minutes);
        out.print(summary.bestTable());
    }

    private void runAll(List<StudyRun> runs, IdxDataSet data, Engine engine, ExecutorService pool, BufferedWriter w)
            throws IOException {
        List<Future<String>> futures = new ArrayList<>();
        for (StudyRun r : runs) {
            futures.add(pool.submit(() -> r.run(data, options.epochs, options.batch, engine)));
        }
        for (int i = 0; i < runs.size(); i++) {
            String line;
            try {
                line = futures.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(runs.get(i).key() + ": " + e.getCause(), e.getCause());
            }
            w.write(line);
            w.newLine();
            w.flush();
            rows.put(runs.get(i).key(), CsvLines.split(line));
            out.printf(Locale.ROOT, "%d/%d %s%n", i + 1, runs.size(), line);
        }
    }

    private List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        for (int depth : options.depths) {
            for (String rule : List.of("bp", "sar", "pam")) {
                groups.add(new Group("sigmoid", rule, depth));
            }
            groups.add(new Group("relu", "bp", depth));
        }
        return groups;
    }

    /**
     * The first grid: three half-decades around where each rule's best rate lay in a one-epoch pilot at one hidden
     * layer (one seed, not kept); the study widens it where the best is at an end.
     */
    static int[] initialGrid(Group g) {
        switch (g.rule()) {
            case "bp":
                return g.variant().equals("relu") ? new int[] {-3, -1} : new int[] {-1, 1};
            case "sar":
                return new int[] {-4, -2};
            default:
                return new int[] {-7, -5};
        }
    }


    /**
     * Refuses to resume a study made with other data, engine, epochs or batch size: its rows would not be comparable.
     * The options are kept in {@value #PROPERTIES}; a study begun before that file existed (its {@code study.csv}
     * carries epochs and batch per row, checked by {@link #readRows}) adopts the options of its first resume.
     */
    private void checkMadeWith(Path file, Engine engine) throws IOException {
        Properties wanted = new Properties();
        wanted.setProperty("epochs", Integer.toString(options.epochs));
        wanted.setProperty("batch", Integer.toString(options.batch));
        wanted.setProperty("data", options.data.toAbsolutePath().normalize().toString());
        wanted.setProperty("engine", engine.name());
        if (Files.exists(file)) {
            Properties made = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                made.load(r);
            }
            for (String key : List.of("epochs", "batch", "data", "engine")) {
                if (!wanted.getProperty(key).equals(made.getProperty(key))) {
                    throw new IllegalArgumentException(file + " was made with --epochs " + made.getProperty("epochs")
                            + " --batch " + made.getProperty("batch") + " --data " + made.getProperty("data")
                            + " --engine " + made.getProperty("engine") + ": use the same options or another --out");
                }
            }
            return;
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            wanted.store(w, "SupervisedStudy: the options a resume must repeat");
        }
    }

    private void readRows(Path csv) throws IOException {
        if (!Files.exists(csv)) {
            return;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0 && lines.get(0).equals(HEADER) || lines.get(i).isEmpty()) {
                continue;
            }
            String[] cells = CsvLines.split(lines.get(i));
            if (cells.length != HEADER.split(",").length) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": expected "
                        + HEADER.split(",").length + " cells, got " + cells.length);
            }
            checkNumbers(csv, i + 1, cells);
            if (Integer.parseInt(cells[6]) != options.epochs || Integer.parseInt(cells[7]) != options.batch) {
                throw new IllegalArgumentException(csv + " was made with --epochs " + cells[6] + " --batch "
                        + cells[7] + ": use the same options or another --out");
            }
            rows.put(String.join(",", cells[0], cells[1], cells[2], cells[3], cells[4]), cells);
        }
    }

    /** Refuses a row whose numeric cells (every one but variant and rule) do not parse, naming file and line. */
    private static void checkNumbers(Path csv, int line, String[] cells) {
        String[] names = HEADER.split(",");
        for (int c = 0; c < cells.length; c++) {
            if (c == 0 || c == 2) {
                continue;
            }
            try {
                if (INTEGER_COLUMNS.contains(c)) {
                    Integer.parseInt(cells[c]);
                } else {
                    Double.parseDouble(cells[c]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + " line " + line + ": " + names[c] + " is not a number: "
                        + Texts.quote(cells[c]), e);
            }
        }
    }

    /** The study's options. */
    static final class Options {
        Path data = Path.of(IdxDataSet.FASHION_MNIST_DIR);
        Path out = Path.of("study-out");
        int[] depths = {1, 3, 5, 10};
        int epochs = 3;
        int batch = 32;
        int seeds = 3;
        int parallel = 2;
        int threads = 1;
        int maxWiden = 4;
        String engine = "plain";

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--data" -> o.data = Path.of(v);
                    case "--out" -> o.out = Path.of(v);
                    case "--depths" -> o.depths = Arrays.stream(v.split(","))
                            .mapToInt(s -> positive("--depths", s)).toArray();
                    case "--epochs" -> o.epochs = positive(args[i], v);
                    case "--batch" -> o.batch = positive(args[i], v);
                    case "--seeds" -> o.seeds = positive(args[i], v);
                    case "--parallel" -> o.parallel = positive(args[i], v);
                    case "--threads" -> o.threads = positive(args[i], v);
                    case "--max-widen" -> o.maxWiden = atLeast(args[i], v, 0);
                    case "--engine" -> o.engine = v;
                    default -> throw new IllegalArgumentException("unknown option "
                            + Texts.quote(args[i]));
                }
            }
            return o;
        }

        private static int positive(String name, String value) {
            return atLeast(name, value, 1);
        }

        private static int atLeast(String name, String value, int min) {
            try {
                int n = Integer.parseInt(value);
                if (n >= min) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException(name + " must be an integer >= " + min + ", got "
                    + Texts.quote(value));
        }

        String describe() {
            return String.format(Locale.ROOT, "--data %s --depths %s --epochs %d --batch %d --seeds %d --engine %s"
                    + " --max-widen %d", data, Arrays.toString(depths).replaceAll("[\\[\\] ]", ""), epochs,
                    batch, seeds, engine, maxWiden);
        }
    }
}
