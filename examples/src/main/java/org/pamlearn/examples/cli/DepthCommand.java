// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.pamlearn.bench.depth.DepthPlot;
import org.pamlearn.bench.depth.DepthStudy;
import org.pamlearn.core.internal.Texts;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.NetworkInit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pamlearn depth}: the depth study ({@link DepthStudy}; docs/ALGORITHMS.md &sect;3). Writes
 * {@code DIR/depth.csv} as the study goes (the rows of each network shape as soon as they are measured) and
 * {@code DIR/depth.png} at the end, and prints a summary. It says up front what it will write and shows its progress
 * on standard error, one network shape (source, initialisation and depth, over all samples) at a time: a long grid
 * runs for minutes. Ctrl-C or SIGTERM ({@link StopOnSignal}) writes the points measured so far.
 */
@Command(name = "depth", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = PamlearnCommand.Version.class,
        description = {
            "The depth study: for each depth D (D hidden layers of 10 centred-sigmoid neurons, no bias, one output),"
                + " both initialisations (authors: U[0,1), first layer U[0,0.001); symmetric: U[-0.1,0.1)) and each"
                + " sample, one learning step (eta 1e-3) of BP, SaR (relevance |E|) and PaM (modulation |E|) on"
                + " copies of a fresh network. Per layer: BP's mean |delta| and each rule's mean |dw_ji|/|A_i|.",
            "Sources: random inputs U[-1,1) (30 inputs, E = 0.1) and the learned steps of a simulated line-follower"
                + " session (PaM, default settings; 150 inputs).",
            "DIR/depth.csv: source,init,depth,layer,rule,meanAbsDelta,meanAbsDwPerInput,measuredAbsDwPerInput"
                + " (layer 0 = first hidden, D = output), written as the study goes. DIR/depth.png: |dw|/|A| per"
                + " layer, log y, at the end. Progress goes to standard error.",
            "Ctrl-C (SIGINT) or SIGTERM stops the study cleanly, abandoning the (init, depth) point in progress:"
                + " depth.csv and depth.png hold the points measured so far (each whole), no summary is printed,"
                + " 'interrupted: ...' goes to standard error, and the exit code is 130 (SIGINT) or 143 (SIGTERM).",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the study ran",
            "1:an output file cannot be written",
            "2:usage error (bad or missing option, a value out of range)",
            "3:internal error (a bug; prints a stack trace)",
            "130:stopped by Ctrl-C (SIGINT), cleanly: the points measured so far are written",
            "143:stopped by SIGTERM, as for Ctrl-C"})
final class DepthCommand implements Callable<Integer> {

    /** The deepest network. */
    static final int MAX_DEPTH = 200;
    /** The most samples. */
    static final int MAX_SAMPLES = 1_000_000;
    /** The longest session. */
    static final int MAX_SESSION_STEPS = 10_000_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--depths", paramLabel = "LIST", defaultValue = "1-20",
            description = "The depths: a comma list of numbers and ranges a-b, each 1.." + MAX_DEPTH + ".")
    private String depths;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "200",
            description = "Random samples per depth and init, 1.." + MAX_SAMPLES + ".")
    private int samples;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "The seed.")
    private long seed;

    @Option(names = "--session-steps", paramLabel = "N", defaultValue = "500",
            description = "Steps of the recorded session, 0.." + MAX_SESSION_STEPS + "; 0 skips the session source.")
    private int sessionSteps;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "The directory (created if missing) of depth.csv and depth.png.")
    private Path out;

    DepthCommand() {
        // Fields are set by picocli.
    }

    @Override
    public Integer call() {
        int[] depthList = parseDepths();
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw usage("--samples must be between 1 and " + MAX_SAMPLES + ", got " + samples);
        }
        if (sessionSteps < 0 || sessionSteps > MAX_SESSION_STEPS) {
            throw usage("--session-steps must be between 0 and " + MAX_SESSION_STEPS + ", got " + sessionSteps);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw cannotWrite(out, e);
        }
        try (StopOnSignal stop = StopOnSignal.install()) {
            study(depthList, stop);
        }
        return 0;
    }

    /** Measures until done or stopped, then writes the rows measured and, when done, prints the summary. */
    private void study(int[] depthList, StopOnSignal stop) {
        List<NetworkInit> inits = List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC);
        Path csv = out.resolve("depth.csv");
        Path png = out.resolve("depth.png");
        PrintWriter err = spec.commandLine().getErr();
        int sources = sessionSteps > 0 ? 2 : 1;
        long networks = (long) sources * inits.size() * depthList.length;
        err.println("depth: " + networks + " network shapes (" + depthList.length + " depths x " + inits.size()
                + " inits x " + sources + (sources == 1 ? " source" : " sources") + "); writing " + csv
                + " as it goes, " + png + " at the end");
        err.flush();
        ProgressBar bar = new ProgressBar(err, System.console() != null, "networks", "%.2f", true, 20);
        List<DepthStudy.Row> rows = new ArrayList<>();
        long[] measuredNetworks = {0};
        DepthStudy.Samples random;
        DepthStudy.Samples session = null;
        try (BufferedWriter writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            writer.write(DepthStudy.Row.HEADER + "\n");
            writer.flush();
            Consumer<List<DepthStudy.Row>> done = measured -> {
                append(writer, measured);
                bar.update(++measuredNetworks[0], networks, "");
            };
            random = DepthStudy.randomSamples(samples, DepthStudy.RANDOM_INPUTS, DepthStudy.RANDOM_ERROR, seed);
            rows.addAll(DepthStudy.measure(DepthStudy.Source.RANDOM, random, inits, depthList, seed, done, stop));
            if (sessionSteps > 0 && !stop.getAsBoolean()) {
                // Empty when stopped before the session learned a step: then no session points.
                session = DepthStudy.sessionSamples(sessionSteps, seed, stop).orElse(null);
                if (session != null) {
                    rows.addAll(DepthStudy.measure(DepthStudy.Source.SESSION, session, inits, depthList, seed, done,
                            stop));
                }
            }
        } catch (IOException e) {
            throw cannotWrite(csv, e);
        } catch (UncheckedIOException e) {
            throw cannotWrite(csv, e.getCause());
        } finally {
            bar.finish();
        }
        if (!rows.isEmpty()) {
            try {
                DepthPlot.write(rows, png);
            } catch (IOException e) {
                throw cannotWrite(png, e);
            }
        }
        err.println("wrote " + csv + (rows.isEmpty() ? "" : ", " + png));
        if (stop.getAsBoolean()) {
            // The summary compares every depth of both inits; a stopped study may lack some.
            err.println("interrupted: " + csv + " holds the points measured so far; no summary");
            err.flush();
            return;
        }
        err.flush();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(summary(rows, depthList, random, session));
        stdout.flush();
    }

    /** Appends rows to the CSV and flushes them, so that the file grows as the study goes. */
    private static void append(BufferedWriter writer, List<DepthStudy.Row> rows) {
        try {
            for (DepthStudy.Row r : rows) {
                writer.write(r.csv() + "\n");
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String summary(List<DepthStudy.Row> rows, int[] depthList, DepthStudy.Samples random,
            DepthStudy.Samples session) {
        StringBuilder s = new StringBuilder();
        for (DepthStudy.Source source : DepthStudy.Source.values()) {
            DepthStudy.Samples samples = source == DepthStudy.Source.RANDOM ? random : session;
            if (samples == null) {
                continue;
            }
            double meanAbsE = 0.0;
            for (double e : samples.errors()) {
                meanAbsE += Math.abs(e) / samples.size();
            }
            s.append(String.format(Locale.ROOT, "%s inputs: %d samples of %d inputs, mean |E| %.4g, eta %.0e"
                    + " (so eta*M = %.4g for the sign rules)%n", source.label(), samples.size(), samples.inputSize(),
                    meanAbsE, DepthStudy.ETA, DepthStudy.ETA * meanAbsE));
            for (NetworkInit init : List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC)) {
                s.append("  ").append(init.label()).append(" init, BP first-layer mean |delta| (output/first):");
                for (int depth : depthList) {
                    if (!shown(depth, depthList)) {
                        continue;
                    }
                    double first = find(rows, source, init, depth, 0, LearningRules.Name.BP).meanAbsDelta();
                    double last = find(rows, source, init, depth, depth, LearningRules.Name.BP).meanAbsDelta();
                    s.append(String.format(Locale.ROOT, " D=%d %.3e (%.3g)", depth, first, last / first));
                }
                s.append(String.format(Locale.ROOT, "%n"));
                for (LearningRules.Name rule : List.of(LearningRules.Name.SAR, LearningRules.Name.PAM)) {
                    double min = Double.POSITIVE_INFINITY;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int depth : depthList) {
                        double v = find(rows, source, init, depth, 0, rule).meanAbsDwPerInput();
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    s.append(String.format(Locale.ROOT, "  %s init, %s first-layer mean |dw|/|A| over depths"
                            + " %d..%d: %.6e .. %.6e%n", init.label(), rule.label(), depthList[0],
                            depthList[depthList.length - 1], min, max));
                }
            }
        }
        return s.toString();
    }

    /** Depths 1, 5, 10, 20 when present; otherwise every depth when there are few, else the ends. */
    private static boolean shown(int depth, int[] depthList) {
        if (depthList.length <= 4) {
            return true;
        }
        return depth == 1 || depth == 5 || depth == 10 || depth == 20 || depth == depthList[0]
                || depth == depthList[depthList.length - 1];
    }

    private static DepthStudy.Row find(List<DepthStudy.Row> rows, DepthStudy.Source source,
            NetworkInit init, int depth, int layer, LearningRules.Name rule) {
        for (DepthStudy.Row r : rows) {
            if (r.source() == source && r.init() == init && r.depth() == depth && r.layer() == layer
                    && r.rule() == rule) {
                return r;
            }
        }
        throw new IllegalStateException("no row for " + source + " " + init + " " + depth + " " + layer + " " + rule);
    }

    private int[] parseDepths() {
        TreeSet<Integer> set = new TreeSet<>();
        for (String part : depths.split(",", -1)) {
            String p = part.strip();
            String[] ends = p.split("-", -1);
            try {
                if (ends.length == 1 || ends.length == 2) {
                    int a = Integer.parseInt(ends[0].strip());
                    int b = ends.length == 2 ? Integer.parseInt(ends[1].strip()) : a;
                    if (a >= 1 && b >= a && b <= MAX_DEPTH) {
                        for (int d = a; d <= b; d++) {
                            set.add(d);
                        }
                        continue;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw usage("invalid value for --depths: " + Texts.quote(p) + "; expected a comma list of depths and"
                    + " ranges a-b with 1 <= a <= b <= " + MAX_DEPTH);
        }
        int[] result = new int[set.size()];
        int k = 0;
        for (int d : set) {
            result[k++] = d;
        }
        return result;
    }

    private static UserInputException cannotWrite(Path file, IOException e) {
        return IoMessages.cannotWrite(file, e);
    }

    private ParameterException usage(String message) {
        return OptionChecks.usage(spec, message);
    }
}
