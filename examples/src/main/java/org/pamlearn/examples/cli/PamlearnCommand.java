// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code pamlearn} command-line tool: {@code java -jar pamlearn.jar <subcommand> ...}. Subcommands:
 * {@link LineFollowerCommand line-follower}, {@link CompareCommand compare}, {@link DepthCommand depth},
 * {@link SerialCommand serial},
 * {@link ReplayCommand replay}, {@link ZspaceCommand zspace}, {@link SupervisedCommand supervised}.
 *
 * <p>Build it with {@link #newCommandLine()}, which installs the error handling that
 * docs/DESIGN.md, "The pamlearn command line", asks for: a user error prints one line,
 * {@code pamlearn <subcommand>: <reason>}, to the error stream and exits with {@link #EXIT_BAD_INPUT} (a bad input
 * file, or an output file that cannot be written) or {@link #EXIT_USAGE} (a bad command line), never with a stack
 * trace; only an unexpected internal error prints one ({@link #EXIT_INTERNAL}).
 */
@Command(name = "pamlearn", mixinStandardHelpOptions = true, versionProvider = PamlearnCommand.Version.class,
        subcommands = {LineFollowerCommand.class, CompareCommand.class, DepthCommand.class, SerialCommand.class,
            ReplayCommand.class, ZspaceCommand.class, SupervisedCommand.class},
        description = "Closed-loop learning of forward models with back-propagation (bp), Sign-and-Relevance (sar)"
                + " and Prime-and-Modulate (pam), and the same rules on mini-batches of images (supervised).",
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:bad input file (missing or unreadable file, bad checkpoint, bad replay log) or an output file that"
                + " cannot be written",
            "2:usage error (bad or missing option, an option the rule does not take, a value out of range, no"
                + " subcommand)",
            "3:internal error (a bug; prints a stack trace)"})
public final class PamlearnCommand implements Callable<Integer> {

    /**
     * Exit code of a bad input file (missing or unreadable, a bad checkpoint, a bad replay log) or an output file
     * that cannot be written.
     */
    public static final int EXIT_BAD_INPUT = 1;
    /** Exit code of a bad command line: an unknown, missing or invalid option, or one the rule does not take. */
    public static final int EXIT_USAGE = 2;
    /** Exit code of an unexpected internal error (a bug), which prints a stack trace. */
    public static final int EXIT_INTERNAL = 3;

    @Spec
    private CommandSpec spec;

    /**
     * Creates the command; run it through {@link #newCommandLine()}.
     */
    public PamlearnCommand() {
        // Fields are set by picocli.
    }

    /**
     * Runs the tool and exits the JVM with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * Creates the command line with the tool's error handling installed; callers may redirect its output
     * ({@code setOut}, {@code setErr}) before {@code execute}.
     *
     * @return a new command line
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new PamlearnCommand());
        Choices.registerAll(commandLine);
        commandLine.setParameterExceptionHandler(PamlearnCommand::handleParameterException);
        commandLine.setExecutionExceptionHandler(PamlearnCommand::handleExecutionException);
        commandLine.setExecutionStrategy(parseResult -> {
            int code;
            try {
                code = new CommandLine.RunLast().execute(parseResult);
            } catch (Error e) {
                // picocli passes an Error through, past the handlers: the exit must not wait for them.
                StopOnSignal.releaseFinished();
                throw e;
            }
            StopOnSignal.releaseFinished();
            return code;
        });
        return commandLine;
    }

    /** Without a subcommand there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand (line-follower, compare, depth, serial, replay, zspace, supervised); see"
                        + " 'pamlearn --help'");
    }

    private static int handleParameterException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        String message = e.getMessage();
        if (e.getCause() instanceof TypeConversionException && e.getArgSpec() instanceof OptionSpec) {
            // picocli's wording names the option with its label; ours names the option and the value only.
            message = "invalid value for " + ((OptionSpec) e.getArgSpec()).longestName() + ": "
                    + e.getCause().getMessage();
        }
        printError(commandLine, message);
        StopOnSignal.releaseFinished();
        return EXIT_USAGE;
    }

    private static int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        try {
            if (e instanceof UserInputException) {
                printError(commandLine, e.getMessage());
                return EXIT_BAD_INPUT;
            }
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName()
                    + ": internal error, please report:");
            e.printStackTrace(commandLine.getErr());
            commandLine.getErr().flush();
            return EXIT_INTERNAL;
        } finally {
            StopOnSignal.releaseFinished();
        }
    }

    private static void printError(CommandLine commandLine, String message) {
        String reason = message == null ? "(no reason given)" : message.strip().replaceAll("\\s*\\R\\s*", " ");
        commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + reason);
        commandLine.getErr().flush();
    }

    /** The version, filled in from the Maven project version when the jar is built. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = PamlearnCommand.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    throw new IllegalStateException("version.properties is missing from the class path");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new String[] {"pamlearn " + properties.getProperty("version")};
        }
    }
}
