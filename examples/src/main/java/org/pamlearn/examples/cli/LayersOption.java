// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.util.Arrays;
import org.pamlearn.core.internal.Texts;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --layers} option shared by the commands that build a network: the hidden layers, as {@code NxS}
 * ({@code N} layers of {@code S} neurons, e.g. {@code 10x10}) or a comma list of sizes (e.g. {@code 13,12,11}). The
 * output layer is not part of it: each command adds one neuron per weight of its motor mix.
 */
final class LayersOption implements ITypeConverter<LayersOption.Hidden> {

    /**
     * The hidden layer sizes of one option value (a holder: picocli would take an {@code int[]} option for a list of
     * single ints).
     *
     * @param sizes the sizes, input side first
     */
    record Hidden(int[] sizes) {
    }

    /** The most hidden layers. */
    static final int MAX_LAYERS = 100;
    /** The most neurons in one layer. */
    static final int MAX_LAYER_SIZE = 10_000;
    /**
     * The most weights between hidden layers: with the first layer's (at most a few hundred inputs times
     * {@link #MAX_LAYER_SIZE}) and the initial copy kept for the weight-distance monitor, a few hundred MB.
     */
    static final long MAX_HIDDEN_WEIGHTS = 20_000_000L;
    /** What {@code --layers} takes, for help texts. */
    static final String DESCRIPTION = "The hidden layers: NxS is N layers of S neurons (10x10: ten layers of 10),"
            + " or a comma list of sizes (13,12,11). An output layer of 3 neurons (one per motor-mix weight) is added.";

    LayersOption() {
        // picocli makes one per option
    }

    /**
     * Converts an option's value, for picocli ({@code converter = LayersOption.class}); a failure is the usage error
     * {@code invalid value for --layers: <why>}.
     *
     * @param text the option's value
     * @return the sizes
     * @throws TypeConversionException if the text is malformed or a count or size is out of range
     */
    @Override
    public Hidden convert(String text) {
        return new Hidden(sizes(text));
    }

    /**
     * Parses the hidden layer sizes of one option value, for a caller that parses several (compare's specs).
     *
     * @param option the option's name, for messages
     * @param text the value
     * @return the sizes, input side first
     * @throws IllegalArgumentException if the text is malformed or out of range: {@code invalid value for <option>:
     *     <why>}
     */
    static int[] parse(String option, String text) {
        try {
            return sizes(text);
        } catch (TypeConversionException e) {
            throw new IllegalArgumentException("invalid value for " + option + ": " + e.getMessage(), e);
        }
    }

    private static int[] sizes(String text) {
        String s = text.strip();
        int[] sizes;
        try {
            int x = s.indexOf('x');
            if (x >= 0) {
                int n = Integer.parseInt(s.substring(0, x).strip());
                int size = Integer.parseInt(s.substring(x + 1).strip());
                if (n < 1 || n > MAX_LAYERS) {
                    throw new TypeConversionException("must have 1.." + MAX_LAYERS + " hidden layers, got " + n
                            + " in " + Texts.quote(text));
                }
                sizes = new int[n];
                Arrays.fill(sizes, size);
            } else {
                String[] parts = s.split(",", -1);
                if (parts.length > MAX_LAYERS) {
                    throw new TypeConversionException("must have 1.." + MAX_LAYERS + " hidden layers, got "
                            + parts.length);
                }
                sizes = new int[parts.length];
                for (int k = 0; k < parts.length; k++) {
                    sizes[k] = Integer.parseInt(parts[k].strip());
                }
            }
        } catch (NumberFormatException e) {
            throw new TypeConversionException(Texts.quote(text) + "; expected NxS (N layers of S neurons, e.g. 10x10)"
                    + " or a comma list of sizes (e.g. 13,12,11)");
        }
        for (int size : sizes) {
            if (size < 1 || size > MAX_LAYER_SIZE) {
                throw new TypeConversionException("a layer must have 1.." + MAX_LAYER_SIZE + " neurons, got " + size
                        + " in " + Texts.quote(text));
            }
        }
        long weights = 0;
        for (int k = 1; k < sizes.length; k++) {
            weights += (long) sizes[k - 1] * sizes[k];
        }
        if (weights > MAX_HIDDEN_WEIGHTS) {
            throw new TypeConversionException("at most " + MAX_HIDDEN_WEIGHTS + " weights between hidden layers, got "
                    + weights + " in " + Texts.quote(text));
        }
        return sizes;
    }
}
