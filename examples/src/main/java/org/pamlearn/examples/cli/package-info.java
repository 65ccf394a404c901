// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code pamlearn} command-line tool (docs/DESIGN.md, "The pamlearn command line"), built as the executable
 * {@code examples/target/pamlearn.jar}: {@link org.pamlearn.examples.cli.PamlearnCommand} and its subcommands.
 * User errors print one line, {@code pamlearn <subcommand>: <reason>}, and exit non-zero, never with a stack
 * trace.
 */
package org.pamlearn.examples.cli;
