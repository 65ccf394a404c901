// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The option checks every {@code pamlearn} subcommand shares. Each failure is a usage error
 * ({@link ParameterException}), which {@link PamlearnCommand} prints as one line with exit code
 * {@link PamlearnCommand#EXIT_USAGE}; messages name the option and the value.
 */
final class OptionChecks {

    private OptionChecks() {
    }

    /**
     * A usage error of the command.
     *
     * @param spec the command
     * @param message the one-line reason
     * @return the exception, to throw
     */
    static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Requires a finite value.
     *
     * @throws ParameterException if {@code value} is NaN or infinite
     */
    static void requireFinite(CommandSpec spec, String option, double value) {
        if (!Double.isFinite(value)) {
            throw usage(spec, option + " must be finite, got " + value);
        }
    }

    /**
     * Requires a finite value {@code > 0}.
     *
     * @throws ParameterException if {@code value} is NaN, infinite or {@code <= 0}
     */
    static void requirePositive(CommandSpec spec, String option, double value) {
        if (!(value > 0) || value == Double.POSITIVE_INFINITY) {
            throw usage(spec, option + " must be finite and > 0, got " + value);
        }
    }

    /**
     * Requires a count {@code > 0}.
     *
     * @throws ParameterException if {@code value <= 0}
     */
    static void requirePositiveCount(CommandSpec spec, String option, long value) {
        if (value <= 0) {
            throw usage(spec, option + " must be > 0, got " + value);
        }
    }

    /**
     * Requires a value in {@code (0, max]}.
     *
     * @throws ParameterException if {@code value} is NaN, {@code <= 0} or {@code > max}
     */
    static void requireUpTo(CommandSpec spec, String option, double value, double max) {
        if (!(value > 0 && value <= max)) {
            throw usage(spec, option + " must be in (0, " + max + "], got " + value);
        }
    }

    /**
     * Requires list options to be given at most once: picocli would append the values of a repeated one.
     *
     * @throws ParameterException if one of them was given more than once
     */
    static void requireOnce(CommandSpec spec, String... options) {
        ParseResult result = spec.commandLine().getParseResult();
        for (String option : options) {
            OptionSpec matched = result.matchedOption(option);
            if (matched != null && matched.originalStringValues().size() > 1) {
                throw usage(spec, option + " should be given once (a comma list), got it "
                        + matched.originalStringValues().size() + " times");
            }
        }
    }

    /**
     * Refuses options that do not apply in this context (a rule that does not take them).
     *
     * @param context what they do not apply to, e.g. {@code rule bp}
     * @throws ParameterException naming the first of them that was given
     */
    static void rejectGiven(CommandSpec spec, String context, String... options) {
        for (String option : options) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw usage(spec, "option " + option + " does not apply to " + context);
            }
        }
    }
}
