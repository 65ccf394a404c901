// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.soak;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.pamlearn.bench.internal.ToolMain;
import org.pamlearn.core.Network;
import org.pamlearn.core.internal.Texts;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.learning.StepContext;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LineFollowerRun;

/**
 * The soak test: many millions of online learning steps per rule on a line-follower-sized network, to show that
 * nothing drifts that a robot left running for hours would notice: no NaN, no unbounded weight growth, no
 * growing heap or resident memory, a steady time per step. It is a plain {@code main}, not a unit test (a run of
 * {@value #DEFAULT_STEPS} steps per rule takes minutes).
 *
 * <p>Each step draws fresh inputs {@code U[-1, 1)}, an error {@code E ~ U[-1, 1)} and a look-ahead column
 * {@code 1..12}, runs {@code forward} and {@code learn}. The errors do not close a loop: they are the worst case
 * for weight growth, as no error ever goes to zero. The network is the simulated line follower's default:
 * 30 predictors &times; 5 resonators = 150 inputs, hidden layers 8 and 6, 3 outputs, {@code U[-0.1, 0.1)}
 * weights, {@code eta = 1e-3}, PaM's default modulation (error rate times look-ahead).
 *
 * <p>At {@code --reports} evenly spaced points of each rule's run it prints one line: the steps so far, the
 * steps whose outputs were not finite, the weights that are not finite, each layer's Frobenius norm
 * {@code ||W_l||}, the heap in use, the resident set size (Linux's {@code VmRSS} from {@code /proc/self/status};
 * {@code n/a} elsewhere) and the time per step. A closing line per rule gives the norm growth (final over initial
 * norm per layer), the bytes the stepping thread allocated during the steps, and the heap after a GC.
 *
 * <pre>
 *   ./mvnw -B -ntp -q -pl pam-benchmarks -am package -DskipTests
 *   java -cp pam-benchmarks/target/benchmarks.jar org.pamlearn.bench.soak.Soak
 *   java -cp pam-benchmarks/target/benchmarks.jar org.pamlearn.bench.soak.Soak --steps 1000000 --rules pam
 * </pre>
 */
public final class Soak {

    /** Default steps per rule. */
    public static final long DEFAULT_STEPS = 10_000_000L;
    /** Default progress lines per rule. */
    static final int DEFAULT_REPORTS = 10;
    /** Default seed of the weights and the draws. */
    static final long DEFAULT_SEED = 20261204L;
    /** The line follower's network inputs: 30 predictors times 5 resonators. */
    static final int INPUTS = 30 * LineFollowerRun.DEFAULT_RESONATORS;
    /** The line follower's default hidden layers. */
    private static final int[] HIDDEN = {8, 6};
    /** The line follower's outputs: one per weight of the motor mix. */
    static final int OUTPUTS = 3;
    /** Look-ahead columns drawn, as on a 12-column sensor row. */
    private static final int COLUMNS = 12;
    private static final String USAGE = "usage: java -cp benchmarks.jar org.pamlearn.bench.soak.Soak"
            + " [--steps N] [--rules bp,sar,pam] [--seed S] [--reports K]";
    private static final double MB = 1024.0 * 1024.0;

    private Soak() {
    }

    /**
     * Runs the soak and prints its lines to stdout, or one error line to stderr and exits with status 1.
     *
     * @param args the options (see {@link Soak}); not modified
     */
    public static void main(String[] args) {
        ToolMain.run(args, Soak::run);
    }

    /**
     * Does the work of {@link #main(String[])} without exiting.
     *
     * @param args the options; not modified
     * @param out where the report goes
     * @param err where a one-line usage error goes
     * @return 0, or 1 on a usage error
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Soak: " + e.getMessage());
            err.println(USAGE);
            return 1;
        }
        out.printf(Locale.ROOT, "soak: %d steps per rule, network %d -> 8, 6 -> %d, eta %s, seed %d, Java %s%n",
                options.steps, INPUTS, OUTPUTS, LineFollowerRun.DEFAULT_ETA, options.seed,
                System.getProperty("java.version"));
        for (LearningRules.Name rule : options.rules) {
            soak(rule, options, out);
        }
        return 0;
    }

    /** Soaks one rule and prints its lines. */
    private static void soak(LearningRules.Name rule, Options options, PrintStream out) {
        Network network = NetworkInit.SYMMETRIC.network(INPUTS, HIDDEN, OUTPUTS, options.seed,
                NetworkInit.DEFAULT_HALF_WIDTH);
        Learner learner = LearningRules.create(rule, LearningRules.Options.eta(LineFollowerRun.DEFAULT_ETA))
                .newLearner(network);
        double[] initialNorms = norms(network);
        SplittableRandom random = new SplittableRandom(options.seed);
        StepContext context = new StepContext();
        double[] input = new double[INPUTS];
        double[] output = new double[OUTPUTS];
        long nanSteps = 0;
        long done = 0;
        long allocated = 0;
        long start = System.nanoTime();
        for (int r = 1; r <= options.reports; r++) {
            long until = options.steps * r / options.reports;
            long allocatedBefore = threadAllocatedBytes();
            allocated = allocatedBefore < 0 || allocated < 0 ? -1 : allocated;
            long t0 = System.nanoTime();
            for (; done < until; done++) {
                for (int i = 0; i < INPUTS; i++) {
                    input[i] = random.nextDouble(-1.0, 1.0);
                }
                network.forward(input, output);
                if (!allFinite(output)) {
                    nanSteps++;
                }
                context.setLookahead(1 + random.nextInt(COLUMNS));
                learner.learn(random.nextDouble(-1.0, 1.0), context);
            }
            long t1 = System.nanoTime();
            if (allocated >= 0) {
                allocated += threadAllocatedBytes() - allocatedBefore;
            }
            long chunk = until - (options.steps * (r - 1) / options.reports);
            out.printf(Locale.ROOT, "%s %,12d steps: non-finite outputs %d, weights %d; ||W|| %s; heap %.1f MB;"
                    + " RSS %s; %.3f us/step%n", rule.label(), done, nanSteps, nonFiniteWeights(network),
                    join(norms(network), "%.4g"), heapUsed() / MB, rss(), chunk == 0 ? 0.0 : (t1 - t0) / 1e3 / chunk);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] growth = norms(network);
        for (int l = 0; l < growth.length; l++) {
            growth[l] /= initialNorms[l];
        }
        System.gc();
        out.printf(Locale.ROOT, "%s done: %,d steps in %.1f s; non-finite outputs %d; norm growth %s;"
                + " allocated during steps %s; heap after GC %.1f MB; RSS %s%n", rule.label(), done, seconds,
                nanSteps, join(growth, "x%.3g"), allocated < 0 ? "n/a" : String.format(Locale.ROOT, "%,d B", allocated),
                heapUsed() / MB, rss());
    }

    private static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** Each layer's Frobenius norm {@code sqrt(sum w^2)} (the networks have no bias). */
    static double[] norms(Network network) {
        double[] norms = new double[network.layerCount()];
        for (int l = 0; l < norms.length; l++) {
            double sum = 0.0;
            for (double[] row : network.weights(l)) {
                for (double w : row) {
                    sum += w * w;
                }
            }
            norms[l] = Math.sqrt(sum);
        }
        return norms;
    }

    private static long nonFiniteWeights(Network network) {
        long count = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            for (double[] row : network.weights(l)) {
                for (double w : row) {
                    if (!Double.isFinite(w)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static String join(double[] values, String format) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, format, v));
        }
        return s.toString();
    }

    private static long heapUsed() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Bytes the current thread has allocated, or -1 when the JVM cannot tell. */
    private static long threadAllocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
            return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    /**
     * The resident set size from {@code /proc/self/status} ({@code VmRSS}, Linux).
     *
     * @return e.g. {@code 61.2 MB}, or {@code n/a (no /proc/self/status)} where it cannot be read
     */
    static String rss() {
        return rss(Path.of("/proc/self/status"));
    }

    /**
     * The {@code VmRSS} line of a {@code /proc/<pid>/status} file, in MB.
     *
     * @param status the file
     * @return e.g. {@code 61.2 MB}, or {@code n/a (...)} saying why it is unavailable
     */
    static String rss(Path status) {
        List<String> lines;
        try {
            lines = Files.readAllLines(status, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "n/a (no " + status + ")";
        }
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB") && parts[0].matches("[0-9]{1,15}")) {
                    return String.format(Locale.ROOT, "%.1f MB", Long.parseLong(parts[0]) / 1024.0);
                }
                return "n/a (unreadable VmRSS line)";
            }
        }
        return "n/a (no VmRSS in " + status + ")";
    }

    /** The parsed command line. */
    static final class Options {
        long steps = DEFAULT_STEPS;
        List<LearningRules.Name> rules = List.of(LearningRules.Name.values());
        long seed = DEFAULT_SEED;
        int reports = DEFAULT_REPORTS;

        /**
         * Parses the options.
         *
         * @param args the arguments
         * @return the options
         * @throws IllegalArgumentException with a one-line message naming the bad value
         */
        static Options parse(String[] args) {
            Options o = new Options();
            for (int k = 0; k < args.length; k += 2) {
                String name = args[k];
                if (k + 1 >= args.length) {
                    throw new IllegalArgumentException(Texts.prefix(name) + " needs a value");
                }
                String value = args[k + 1];
                switch (name) {
                    case "--steps":
                        o.steps = positive(name, value);
                        break;
                    case "--seed":
                        o.seed = number(name, value);
                        break;
                    case "--reports":
                        long reports = positive(name, value);
                        if (reports > 1000) {
                            throw new IllegalArgumentException("--reports must be <= 1000, got " + reports);
                        }
                        o.reports = (int) reports;
                        break;
                    case "--rules":
                        o.rules = rules(value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + Texts.quote(name));
                }
            }
            return o;
        }

        private static List<LearningRules.Name> rules(String value) {
            List<LearningRules.Name> rules = new ArrayList<>();
            for (String label : value.split(",", -1)) {
                LearningRules.Name rule = LearningRules.Name.parse(label.trim());
                if (rules.contains(rule)) {
                    throw new IllegalArgumentException("--rules names " + rule.label() + " twice");
                }
                rules.add(rule);
            }
            return rules;
        }

        private static long positive(String name, String value) {
            long n = number(name, value);
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, got " + n);
            }
            return n;
        }

        private static long number(String name, String value) {
            try {
                return Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be an integer, got " + Texts.quote(value), e);
            }
        }
    }
}
