// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.util.Locale;
import java.util.StringJoiner;
import org.pamlearn.core.internal.Texts;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.learning.SignPropagation;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;
import org.pamlearn.robot.sim.LookaheadSensors;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The closed option sets of the command line as enums: picocli converts an option's text to the constant whose
 * {@link #label(Enum) label} it is ({@code EXACT_THEN_SIGN} is {@code exact-then-sign}), for single values and for
 * comma lists alike, and a bad value becomes the usage error {@code invalid value for --opt: 'x'; expected one of
 * a, b} (see {@link PamlearnCommand}).
 */
final class Choices {

    private Choices() {
    }

    /** SaR's relevance cue. */
    enum Relevance {
        /** {@code |E(n)|}. */
        ABS_ERROR,
        /** The constant 1. */
        CONST
    }

    /** A cue of PaM's modulation, or none at all. */
    enum CueName {
        /** The error-rate cue. */
        ERROR_RATE,
        /** The look-ahead cue. */
        LOOKAHEAD,
        /** No cue: {@code M = 1}. */
        NONE
    }

    /** A yes/no option written {@code true} or {@code false}. */
    enum TrueFalse {
        /** Yes. */
        TRUE,
        /** No. */
        FALSE
    }

    /** The byte order of the robot's frames. */
    enum ByteOrderName {
        /** Least significant byte first. */
        LITTLE,
        /** Most significant byte first. */
        BIG
    }

    /**
     * Converts a limit that may be off: a number {@code > 0}, or {@code inf} for {@code +Infinity} (as
     * {@code --cue-error-limit} takes it).
     */
    static final class PositiveOrInf implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String text = value.strip();
            double x;
            try {
                x = "inf".equalsIgnoreCase(text) ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
            } catch (NumberFormatException e) {
                x = Double.NaN;
            }
            if (!(x > 0)) {
                throw new TypeConversionException(Texts.quote(value) + "; expected a number > 0, or inf");
            }
            return x;
        }
    }

    /**
     * The command-line text of a constant: its name in lower case, {@code _} as {@code -}.
     *
     * @param constant the constant
     * @return e.g. {@code exact-then-sign}
     */
    static String label(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Registers the converters of every closed option set with a command line and its subcommands.
     *
     * @param commandLine the command line, with its subcommands added
     */
    static void registerAll(CommandLine commandLine) {
        register(commandLine, LearningRules.Name.class);
        register(commandLine, LearningMode.class);
        register(commandLine, SignPropagation.class);
        register(commandLine, NetworkInit.class);
        register(commandLine, LookaheadSensors.class);
        register(commandLine, Relevance.class);
        register(commandLine, CueName.class);
        register(commandLine, TrueFalse.class);
        register(commandLine, ByteOrderName.class);
        register(commandLine, ZspaceCommand.Plant.class);
        register(commandLine, CompareCommand.Runner.class);
        register(commandLine, SessionLogOptions.Mode.class);
        register(commandLine, ReplayCommand.EngineName.class);
        register(commandLine, SupervisedCommand.LossName.class);
        register(commandLine, SupervisedCommand.InitName.class);
        register(commandLine, SupervisedCommand.ModulationName.class);
        register(commandLine, SupervisedCommand.EngineName.class);
        register(commandLine, SupervisedCommand.Dtype.class);
        register(commandLine, SupervisedCommand.ActivationName.class);
    }

    private static <E extends Enum<E>> void register(CommandLine commandLine, Class<E> type) {
        commandLine.registerConverter(type, converter(type));
    }

    /**
     * The converter of one enum.
     *
     * @param type the enum
     * @param <E> its type
     * @return a converter that takes labels, surrounding blanks ignored
     */
    static <E extends Enum<E>> ITypeConverter<E> converter(Class<E> type) {
        return value -> {
            String text = value.strip();
            StringJoiner labels = new StringJoiner(", ");
            for (E constant : type.getEnumConstants()) {
                if (label(constant).equals(text)) {
                    return constant;
                }
                labels.add(label(constant));
            }
            throw new TypeConversionException(Texts.quote(value) + "; expected one of " + labels);
        };
    }
}
