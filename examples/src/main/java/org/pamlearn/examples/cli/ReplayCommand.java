// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.pamlearn.core.Engine;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.CheckpointFormatException;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.learning.Cue;
import org.pamlearn.core.learning.Cues;
import org.pamlearn.core.learning.LearningRule;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.learning.SignPropagation;
import org.pamlearn.core.replay.Replay;
import org.pamlearn.core.replay.ReplayLog;
import org.pamlearn.core.replay.ReplayLogException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pamlearn replay}: replays a recorded session (docs/DESIGN.md, "Replay log") into a network checkpoint
 * with one learning rule and writes the trained network (checkpoint JSON v1) to a file or to standard output.
 * A one-line summary goes to the error stream, so that standard output stays pure JSON.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = PamlearnCommand.Version.class,
        description = {
            "Replays a recorded closed-loop session into a network: for each row of the log, forward(inputs),"
                + " then learn(error) on that forward pass. Writes the final network (checkpoint JSON v1) to"
                + " --out, or to standard output; a one-line summary goes to standard error.",
            "",
            "The log is tab-separated: a header line, then one row per step. Columns: in0..in{N-1} (the model's"
                + " N inputs, in order), then either err (a scalar error sent to every output) or err0..err{M-1}"
                + " (one per output), then optional mod (the modulation M(n) >= 0, replacing sar's relevance and"
                + " pam's cue product; bp ignores it) and optional q (the look-ahead position for pam's look-ahead"
                + " cue), in either order. Every cell is a finite decimal number. Columns named mon_... (monitoring,"
                + " as written by the robot controller's session log) may follow the errors and are ignored."
                + " Blank lines and lines starting with # are skipped. A log whose name ends in .gz is read through"
                + " gzip.",
            "",
            "Reading is bounded (--max-line-chars, --max-columns, --max-rows): it stops at the"
                + " first line, cell or row past a limit, so a file without line breaks or an endless stream"
                + " (/dev/zero, a FIFO) fails at once with one line.",
            "",
            "A compact session log (line-follower or serial with --log compact) has no input columns and does not"
                + " replay; record with --log full.",
            "",
            "--engine nd4j replays on ND4J's batch engine, one row at a time, to the same result as the plain engine"
                + " (within rounding, 1e-12 relative): slower for single rows, it checks that engine on recorded"
                + " sessions.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:bad input file (missing or unreadable model or log, bad checkpoint, header that does not match the"
                + " model, bad cell: the message names the line and column), a step that would make a weight NaN"
                + " or infinite, or --engine nd4j without ND4J",
            "2:usage error (bad or missing option, an option the rule does not take)",
            "3:internal error (a bug; prints a stack trace)"})
final class ReplayCommand implements Callable<Integer> {

    private static final String OUTPUT_DERIVATIVE = "--output-derivative";
    private static final String SIGN_PROPAGATION = "--sign-propagation";
    private static final String RELEVANCE = "--relevance";
    private static final String CUES = "--cues";
    private static final String LOOKAHEAD_CENTRE = "--lookahead-centre";
    private static final String LOOKAHEAD_KAPPA = "--lookahead-kappa";
    private static final String ERROR_RATE_CLAMP = "--error-rate-clamp";
    private static final String CUE_ERROR_LIMIT = "--cue-error-limit";
    private static final String ERROR_RATE_CUE = "error-rate";
    private static final String LOOKAHEAD_CUE = "lookahead";
    private static final String NO_CUES = "none";
    private static final String MAX_LINE_CHARS = "--max-line-chars";
    private static final String MAX_COLUMNS = "--max-columns";
    private static final String MAX_ROWS = "--max-rows";

    /** The engines of {@code --engine}; each label is a name that {@link Engine#named} takes. */
    enum EngineName {
        /** Plain Java, the real-time engine. */
        PLAIN,
        /** ND4J in double. */
        ND4J,
        /** ND4J in double, as {@link #ND4J}. */
        ND4J_DOUBLE,
        /** ND4J in float. */
        ND4J_FLOAT
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "M.json",
            description = "The initial network, checkpoint JSON v1.")
    private Path model;

    @Option(names = "--log", required = true, paramLabel = "L.tsv", description = "The replay log (TSV).")
    private Path log;

    @Option(names = "--rule", required = true, paramLabel = "bp|sar|pam",
            description = "The learning rule: back-propagation, Sign-and-Relevance or Prime-and-Modulate.")
    private LearningRules.Name rule;

    @Option(names = "--eta", required = true, paramLabel = "X", showDefaultValue = Visibility.NEVER,
            description = "The learning rate, finite and > 0.")
    private double eta;

    @Option(names = "--out", paramLabel = "OUT.json",
            description = "Where to write the final network (parent directories are created); standard output if"
                    + " not given.")
    private Path out;

    @Option(names = "--engine", paramLabel = "plain|nd4j|nd4j-double|nd4j-float", defaultValue = "plain",
            description = "The compute engine: plain Java, or ND4J's batch engine in double (nd4j, or nd4j-double:"
                    + " the same result as plain to rounding) or in float (nd4j-float: single-precision arithmetic,"
                    + " so not the same result). ND4J must be on the class path (it is in pamlearn.jar).")
    private EngineName engine;

    @Option(names = OUTPUT_DERIVATIVE, paramLabel = "true|false", defaultValue = "true",
            description = "All rules: multiply the output error by f'(v).")
    private Choices.TrueFalse outputDerivative;

    @Option(names = SIGN_PROPAGATION, paramLabel = "exact-then-sign|sign-only", defaultValue = "exact-then-sign",
            description = "sar, pam: propagate the real-valued delta and take its sign at each synapse, or"
                    + " propagate signs only.")
    private SignPropagation signPropagation;

    @Option(names = RELEVANCE, paramLabel = "abs-error|const", defaultValue = "abs-error",
            description = "sar: the relevance R(n), |E(n)| or the constant 1 (a mod column replaces it).")
    private Choices.Relevance relevance;

    @Option(names = CUES, split = ",", paramLabel = "CUE", defaultValue = ERROR_RATE_CUE + ","
            + LOOKAHEAD_CUE,
            description = "pam: the cues whose product is the modulation M(n): a comma list of error-rate and"
                    + " lookahead, or none (M = 1). A mod column replaces them. The look-ahead cue needs a q column"
                    + " (or a mod column).")
    private List<Choices.CueName> cues;

    @Option(names = LOOKAHEAD_CENTRE, paramLabel = "C", defaultValue = "" + Cues.DEFAULT_LOOKAHEAD_CENTRE,
            description = "pam with the look-ahead cue: the centre column q_c, finite.")
    private double lookaheadCentre;

    @Option(names = LOOKAHEAD_KAPPA, paramLabel = "K", defaultValue = "" + Cues.DEFAULT_LOOKAHEAD_KAPPA,
            description = "pam with the look-ahead cue: kappa in arctan(kappa * |q_c - q|), finite and > 0.")
    private double lookaheadKappa;

    @Option(names = ERROR_RATE_CLAMP, paramLabel = "X", defaultValue = "" + Cues.DEFAULT_ERROR_RATE_CLAMP,
            description = "pam with the error-rate cue: the clamp c in exp(clamp(E(n)(E(n)-E(n-1)), -c, c)),"
                    + " finite and > 0.")
    private double errorRateClamp;

    @Option(names = MAX_LINE_CHARS, paramLabel = "N", defaultValue = "" + ReplayLog.Limits.DEFAULT_MAX_LINE_CHARS,
            description = "The longest line of the log, in characters, > 0.")
    private int maxLineChars;

    @Option(names = MAX_COLUMNS, paramLabel = "N", defaultValue = "" + ReplayLog.Limits.DEFAULT_MAX_COLUMNS,
            description = "The most cells on one line of the log (the header's columns), > 0.")
    private int maxColumns;

    @Option(names = MAX_ROWS, paramLabel = "N", defaultValue = "" + ReplayLog.Limits.DEFAULT_MAX_ROWS,
            description = "The most rows the log may hold, > 0.")
    private int maxRows;

    @Option(names = CUE_ERROR_LIMIT, paramLabel = "L|inf", defaultValue = "1",
            converter = Choices.PositiveOrInf.class,
            description = "sar, pam: the cues see the error saturated to [-L, L], so that an outlier cannot make a"
                    + " step huge (sar's relevance is min(|E|, L)); > 0, or inf to turn the limit off. A mod column"
                    + " is not limited.")
    private double cueErrorLimit;

    ReplayCommand() {
        // Fields are set by picocli.
    }

    @Override
    public Integer call() {
        LearningRule learningRule = learningRule();
        Engine chosen = engine();
        Network network = onEngine(loadModel(), chosen);
        int rows;
        try (ReplayLog replayLog = openLog(network)) {
            if (rule == LearningRules.Name.PAM && usesLookahead() && !replayLog.hasLookahead()
                    && !replayLog.hasModulation()) {
                throw new UserInputException(log + ": pam's look-ahead cue needs a q column, and the log has neither"
                        + " q nor mod; add a q column, or choose --cues " + ERROR_RATE_CUE + " or --cues " + NO_CUES);
            }
            rows = Replay.run(replayLog, learningRule.newLearner(network));
        } catch (ReplayLogException e) {
            if (e.compactSessionLog()) {
                throw new UserInputException(log + " is a compact session log (no input columns): it does not"
                        + " replay; record with --log full", e);
            }
            throw new UserInputException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw IoMessages.cannotRead("log ", log, e.getCause());
        }
        writeNetwork(network);
        spec.commandLine().getErr().println(summary(network, rows));
        spec.commandLine().getErr().flush();
        return 0;
    }

    /** Checks the options in the order applicability, values, and builds the rule. */
    private LearningRule learningRule() {
        OptionChecks.requireOnce(spec, CUES);
        OptionChecks.requirePositive(spec, "--eta", eta);
        OptionChecks.requirePositiveCount(spec, MAX_LINE_CHARS, maxLineChars);
        OptionChecks.requirePositiveCount(spec, MAX_COLUMNS, maxColumns);
        OptionChecks.requirePositiveCount(spec, MAX_ROWS, maxRows);
        Cue modulation = null;
        switch (rule) {
            case BP:
                rejectGiven("rule bp", SIGN_PROPAGATION, RELEVANCE, CUES, LOOKAHEAD_CENTRE, LOOKAHEAD_KAPPA,
                        ERROR_RATE_CLAMP, CUE_ERROR_LIMIT);
                break;
            case SAR:
                rejectGiven("rule sar", CUES, LOOKAHEAD_CENTRE, LOOKAHEAD_KAPPA, ERROR_RATE_CLAMP);
                break;
            default:
                rejectGiven("rule pam", RELEVANCE);
                boolean[] chosen = parseCues();
                String with = "rule pam with --cues " + cuesText();
                if (!chosen[1]) {
                    rejectGiven(with + " (no look-ahead cue)", LOOKAHEAD_CENTRE, LOOKAHEAD_KAPPA);
                }
                if (!chosen[0]) {
                    rejectGiven(with + " (no error-rate cue)", ERROR_RATE_CLAMP);
                }
                modulation = modulationCue(chosen);
                break;
        }
        LearningRules.Options options = LearningRules.Options.eta(eta)
                .withOutputDerivative(outputDerivative == Choices.TrueFalse.TRUE).withSignPropagation(signPropagation)
                .withRelevance(relevance == Choices.Relevance.ABS_ERROR ? Cues.absError() : Cues.constant(1.0))
                .withCueErrorLimit(cueErrorLimit);
        return LearningRules.create(rule, modulation == null ? options : options.withModulation(modulation));
    }

    /** The engine of {@code --engine}; a user error if ND4J does not load. */
    private Engine engine() {
        try {
            return Engine.named(Choices.label(engine));
        } catch (IllegalStateException e) {
            throw new UserInputException("--engine " + Choices.label(engine) + ": " + e.getMessage(), e);
        }
    }

    /** The loaded network itself on the plain engine (as before --engine existed), else a copy on the engine. */
    private static Network onEngine(Network loaded, Engine chosen) {
        return chosen == Engine.plain() ? loaded : loaded.copy(chosen);
    }

    private void rejectGiven(String context, String... options) {
        OptionChecks.rejectGiven(spec, context, options);
    }

    /** Returns {error-rate chosen, lookahead chosen}. */
    private boolean[] parseCues() {
        boolean[] chosen = new boolean[2];
        if (cues.size() == 1 && cues.get(0) == Choices.CueName.NONE) {
            return chosen;
        }
        for (Choices.CueName cue : cues) {
            if (cue == Choices.CueName.NONE) {
                throw usage("invalid value for " + CUES + ": '" + cuesText() + "'; " + NO_CUES + " stands alone");
            }
            int k = cue == Choices.CueName.ERROR_RATE ? 0 : 1;
            if (chosen[k]) {
                throw usage("invalid value for " + CUES + ": '" + cuesText() + "' names " + Choices.label(cue)
                        + " twice");
            }
            chosen[k] = true;
        }
        return chosen;
    }

    private String cuesText() {
        StringJoiner text = new StringJoiner(",");
        for (Choices.CueName cue : cues) {
            text.add(Choices.label(cue));
        }
        return text.toString();
    }

    private boolean usesLookahead() {
        return parseCues()[1];
    }

    private Cue modulationCue(boolean[] chosen) {
        Cue errorRate = null;
        Cue lookahead = null;
        if (chosen[0]) {
            requirePositive(ERROR_RATE_CLAMP, errorRateClamp);
            errorRate = Cues.errorRate(errorRateClamp, Cues.DEFAULT_DT);
        }
        if (chosen[1]) {
            if (!Double.isFinite(lookaheadCentre)) {
                throw usage(LOOKAHEAD_CENTRE + " must be finite, got " + lookaheadCentre);
            }
            requirePositive(LOOKAHEAD_KAPPA, lookaheadKappa);
            lookahead = Cues.lookahead(lookaheadCentre, lookaheadKappa);
        }
        if (errorRate != null && lookahead != null) {
            return Cues.product(errorRate, lookahead);
        }
        if (errorRate != null) {
            return errorRate;
        }
        return lookahead != null ? lookahead : Cues.constant(1.0);
    }

    private void requirePositive(String option, double value) {
        OptionChecks.requirePositive(spec, option, value);
    }

    private ParameterException usage(String message) {
        return OptionChecks.usage(spec, message);
    }

    private Network loadModel() {
        try {
            return Checkpoints.load(model);
        } catch (CheckpointFormatException e) {
            throw new UserInputException("model " + model + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw IoMessages.cannotRead("model ", model, e.getCause());
        }
    }

    private ReplayLog openLog(Network network) {
        return ReplayLog.open(log, network.inputCount(), network.outputCount(),
                new ReplayLog.Limits(maxLineChars, maxColumns, maxRows));
    }

    private void writeNetwork(Network network) {
        if (out == null) {
            Checkpoints.write(network, spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return;
        }
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Checkpoints.save(network, out);
        } catch (IOException e) {
            throw IoMessages.cannotWrite(out, e);
        } catch (UncheckedIOException e) {
            throw IoMessages.cannotWrite(out, e.getCause());
        }
    }

    private String summary(Network network, int rows) {
        StringJoiner distances = new StringJoiner(", ", "[", "]");
        for (int l = 0; l < network.layerCount(); l++) {
            distances.add(String.format(Locale.ROOT, "%.4g", network.weightDistance(l)));
        }
        String on = network.engine() == Engine.plain() ? "" : " on the " + network.engine() + " engine";
        return String.format(Locale.ROOT, "replayed %d row%s of %s with %s (eta %s)%s: weight distance per layer %s%s",
                rows, rows == 1 ? "" : "s", log, rule.label(), eta, on, distances, out == null ? "" : "; wrote " + out);
    }
}
