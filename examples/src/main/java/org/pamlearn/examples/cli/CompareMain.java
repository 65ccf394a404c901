// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

/**
 * The convergence race as a plain benchmark main, for job schedulers and harnesses that start a class rather than
 * a subcommand: {@code java -cp pamlearn.jar org.pamlearn.examples.cli.CompareMain [options]} is exactly
 * {@code pamlearn compare [options]} (same options, output files and exit codes; see {@code --help}). A job array
 * passes {@code --shard $INDEX/$COUNT}; the shards' {@code compare.csv} files concatenate.
 */
public final class CompareMain {

    private CompareMain() {
    }

    /**
     * Runs {@code pamlearn compare} with these arguments and exits the JVM with its exit code.
     *
     * @param args the options of {@code pamlearn compare}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs {@code pamlearn compare} with these arguments in this JVM, printing to {@code System.out} and
     * {@code System.err}.
     *
     * @param args the options of {@code pamlearn compare}
     * @return the exit code: 0 the sweep ran, 1 bad input or an unwritable file, 2 a usage error, 3 a bug
     */
    public static int run(String... args) {
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "compare";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        return PamlearnCommand.newCommandLine().execute(withCommand);
    }
}
