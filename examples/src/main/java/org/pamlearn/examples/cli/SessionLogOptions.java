// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import org.pamlearn.core.replay.ReplayLogWriter;
import org.pamlearn.robot.SessionLogger;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * The session-log options that {@code line-follower} and {@code serial} share ({@code --log}, {@code --gzip}),
 * as a picocli mixin: what the log in {@code --out DIR} holds and what it is called.
 */
final class SessionLogOptions {

    /** The file name of an uncompressed session log. */
    static final String FILE = "session.tsv";
    /** The file name of a compressed one. */
    static final String GZIP_FILE = FILE + ReplayLogWriter.GZIP_SUFFIX;

    private static final String LOG = "--log";
    private static final String GZIP = "--gzip";

    /** What the session log holds. */
    enum Mode {
        /** Every column: replayable. */
        FULL,
        /** No input columns: monitoring only, not replayable. */
        COMPACT,
        /** No session log. */
        NONE
    }

    @Option(names = LOG, paramLabel = "full|compact|none", defaultValue = "full",
            description = "What the session log in --out DIR holds: full (every column; replayable; about 3 kB per"
                    + " step with the simulator's 150 inputs), compact (the same rows without the network inputs"
                    + " in0..: errors, modulation, motor commands, outputs and weight distances, for plots and"
                    + " monitoring; about 0.2 kB per step, but it does not replay, since a replay needs the inputs)"
                    + " or none (no session log; the networks are still written).")
    private Mode mode;

    @Option(names = GZIP,
            description = "Compress the session log with gzip: " + GZIP_FILE + " instead of " + FILE
                    + " (also a complete gzip file after Ctrl-C).")
    private boolean gzip;

    SessionLogOptions() {
        // Fields are set by picocli.
    }

    /**
     * Checks the options against {@code --out} and names the log.
     *
     * @param spec the command
     * @param hasOut whether {@code --out} was given
     * @return the log's file name in the output directory, or {@code null} for no log
     * @throws picocli.CommandLine.ParameterException if {@code --log} or {@code --gzip} is given without
     *     {@code --out}, or {@code --gzip} with {@code --log none}
     */
    String fileName(CommandSpec spec, boolean hasOut) {
        ParseResult given = spec.commandLine().getParseResult();
        for (String option : new String[] {LOG, GZIP}) {
            if (!hasOut && given.hasMatchedOption(option)) {
                throw OptionChecks.usage(spec, option + " needs --out DIR (without it no session log is written)");
            }
        }
        if (mode == Mode.NONE) {
            if (gzip) {
                throw OptionChecks.usage(spec, GZIP + " needs a session log, but --log is none");
            }
            return null;
        }
        return gzip ? GZIP_FILE : FILE;
    }

    /**
     * Returns what the log holds (meaningful when {@link #fileName} named one).
     *
     * @return full or compact
     */
    SessionLogger.Detail detail() {
        return mode == Mode.COMPACT ? SessionLogger.Detail.COMPACT : SessionLogger.Detail.FULL;
    }
}
