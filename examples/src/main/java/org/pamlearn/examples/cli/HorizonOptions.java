// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import org.pamlearn.robot.LearningTime;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of the learning time over a fixed horizon (docs/ALGORITHMS.md, "Learning time over a fixed horizon")
 * that every command running over a horizon shares, as a picocli mixin: {@code --t-rel-window W},
 * {@code --t-rel-fraction F} and {@code --t-rel-hold H}, the parameters of {@link LearningTime.Criterion}. A command
 * adds them with {@code @Mixin private HorizonOptions criterion;} and takes its own {@value #HORIZON} option (its
 * default differs: none for {@code line-follower}), checked with {@link #requireHorizon}.
 */
final class HorizonOptions {

    /** The option of the horizon {@code N}: run exactly {@code N} steps, learning throughout. */
    static final String HORIZON = "--horizon";
    /** The option of the window {@code W}. */
    static final String WINDOW = "--t-rel-window";
    /** The option of the fraction of {@code R} a window's mean |E| must stay below. */
    static final String FRACTION = "--t-rel-fraction";
    /** The option of the hold: the steps a run must stay learned before the horizon to count as converged. */
    static final String HOLD = "--t-rel-hold";
    /** The largest horizon: as many steps as {@code line-follower --max-steps} allows. */
    static final long MAX_HORIZON = LineFollowerCommand.MAX_STEPS;
    /** What a horizon option takes, for help texts. */
    static final String HORIZON_DESCRIPTION = "Run exactly N steps, learning throughout (FCL's success does not"
            + " stop the run), and measure the learning time against the reflex-only run of the same setting and"
            + " seed: t_rel, converged, R = reflex_abs_e and final_abs_e (the mean |E| of the last "
            + LearningTime.Criterion.DEFAULT_FINAL_WINDOW + " steps). N is at least " + WINDOW + " and at most "
            + MAX_HORIZON + ".";

    @Option(names = WINDOW, paramLabel = "W", defaultValue = "" + LearningTime.Criterion.DEFAULT_WINDOW,
            description = "The window of t_rel: t_rel is the smallest step s such that every window [k, k+W) with"
                    + " s <= k <= N-W has a mean |E| below F x R and no step off the line (none when the last"
                    + " window fails). At least 1 and at most N.")
    private int window;

    @Option(names = FRACTION, paramLabel = "F", defaultValue = "" + LearningTime.Criterion.DEFAULT_FRACTION,
            description = "The fraction of R (the reflex-only run's mean |E|) that a window's mean |E| must stay"
                    + " below, finite and > 0.")
    private double fraction;

    @Option(names = HOLD, paramLabel = "H", defaultValue = "" + LearningTime.Criterion.DEFAULT_HOLD,
            description = "The hold: a run has converged when t_rel exists and t_rel <= N - H (it stayed learned"
                    + " for at least its last H steps). 0..N; with the default, no run shorter than H converges.")
    private long hold;

    HorizonOptions() {
        // Fields are set by picocli.
    }

    /**
     * Checks a horizon option's value.
     *
     * @param spec the command
     * @param horizon {@code N}
     * @throws picocli.CommandLine.ParameterException if {@code N} is not in {@code 1..}{@link #MAX_HORIZON}
     */
    static void requireHorizon(CommandSpec spec, long horizon) {
        if (horizon < 1 || horizon > MAX_HORIZON) {
            throw OptionChecks.usage(spec, HORIZON + " must be between 1 and " + MAX_HORIZON + ", got " + horizon);
        }
    }

    /**
     * Checks the options against a horizon and returns the criterion.
     *
     * @param spec the command
     * @param horizon {@code N}, already checked by {@link #requireHorizon}
     * @return the criterion ({@code final_abs_e} over its default {@value LearningTime.Criterion#DEFAULT_FINAL_WINDOW}
     *     steps)
     * @throws picocli.CommandLine.ParameterException if a value is out of range or does not fit in {@code N}
     */
    LearningTime.Criterion criterion(CommandSpec spec, long horizon) {
        if (window < 1) {
            throw OptionChecks.usage(spec, WINDOW + " must be >= 1, got " + window);
        }
        OptionChecks.requirePositive(spec, FRACTION, fraction);
        if (hold < 0) {
            throw OptionChecks.usage(spec, HOLD + " must be >= 0, got " + hold);
        }
        if (horizon < window) {
            throw OptionChecks.usage(spec, HORIZON + " " + horizon + " is shorter than the window (" + WINDOW + " "
                    + window + ")");
        }
        // With the default hold a horizon shorter than it is allowed (no run converges); an explicit one is a slip.
        if (hold > horizon && spec.commandLine().getParseResult().hasMatchedOption(HOLD)) {
            throw OptionChecks.usage(spec, HOLD + " " + hold + " is longer than " + HORIZON + " " + horizon
                    + ": no run could converge");
        }
        return new LearningTime.Criterion(window, fraction, hold, LearningTime.Criterion.DEFAULT_FINAL_WINDOW);
    }

    /**
     * Refuses the options when there is no horizon to apply them to.
     *
     * @param spec the command
     * @throws picocli.CommandLine.ParameterException naming the first of them that was given
     */
    static void rejectWithoutHorizon(CommandSpec spec) {
        for (String option : new String[] {WINDOW, FRACTION, HOLD}) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw OptionChecks.usage(spec, option + " needs " + HORIZON + " N");
            }
        }
    }
}
