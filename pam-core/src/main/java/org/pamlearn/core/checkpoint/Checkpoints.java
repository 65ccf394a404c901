// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.checkpoint;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.internal.BoundedReading;
import org.pamlearn.core.internal.Texts;
import org.pamlearn.core.internal.WholeFileWriter;

/**
 * Writes and reads network checkpoints, JSON version 1 (docs/DESIGN.md, "Network checkpoint JSON"):
 *
 * <pre>{@code
 * { "format": "pamlearn-network", "version": 1, "inputs": 3,
 *   "layers": [
 *     { "activation": "CENTERED_SIGMOID",
 *       "weights": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],
 *       "bias": [0.0, 0.0] },
 *     { "activation": "LINEAR", "weights": [[1.0, -1.0]] } ] }
 * }</pre>
 *
 * <p>{@code weights[j][i]} is the weight from input {@code i} to neuron {@code j}: one row per neuron, one
 * column per input of the layer (the network's inputs for layer 0, the previous layer's neurons after).
 * {@code bias} is optional; a layer without it has no bias. Activation names are the {@link Activation}
 * constants' names.
 *
 * <p>Doubles round-trip bit-exactly: they are written with {@link Double#toString(double)} (which prints
 * {@code -0.0}, subnormals and extreme magnitudes so that they parse back to the same bits) and read with
 * correct rounding. Integers such as {@code 1} are accepted as doubles (an integer {@code -0} reads as
 * {@code 0.0}; the writer writes {@code -0.0}). Fields this version does not know (for example the
 * {@code "state"} object of a resume checkpoint) are ignored; they need only be well-formed JSON, in which
 * the non-standard tokens {@code NaN} and {@code Infinity} are tolerated so that, where they stand for a
 * weight, the error can name that weight.
 *
 * <p>A loaded network is a fresh one: its loaded weights are its initial weights (so
 * {@link Network#weightDistance(int)} is 0 for every layer), and its activations and error signals are zero
 * until the first forward pass. Reading validates the whole document before it builds anything: a bad one
 * throws a {@link CheckpointFormatException} naming the offending field, and nothing half-loaded is returned.
 *
 * <p>Thread-safe: every method works on its arguments only.
 */
public final class Checkpoints {

    /** The value of the {@code format} field. */
    static final String FORMAT = "pamlearn-network";
    /** The only version this class writes and reads. */
    static final int VERSION = 1;

    private static final String NEWLINE = "\n";
    private static final String ALLOWED_ACTIVATIONS = Arrays.stream(Activation.values())
            .map(Enum::name).collect(Collectors.joining(", "));

    /**
     * The largest checkpoint {@link #load(Path)} and {@link #read(Reader)} accept: 256 MiB (in bytes for a file,
     * in characters for a reader), some ten million weights. A larger file, or an endless stream such as
     * {@code /dev/zero}, is refused once this much has been read (a regular file at once, by its size).
     */
    public static final long MAX_BYTES = 256L << 20;
    /** The longest string: names and activations are short; a longer one is no checkpoint of this format. */
    private static final int MAX_STRING_CHARS = 1 << 20;

    /*
     * Non-numeric tokens (NaN, Infinity) are parsed rather than refused by the parser, so that a file written
     * by a tool that prints them (Python's json module does) is rejected with the offending field's path
     * rather than with a bare line and column; every number read is then checked to be finite. Duplicate
     * keys are refused because which one wins would be a guess. The caller's reader is left open.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(MAX_BYTES)
                            .maxStringLength(MAX_STRING_CHARS).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private Checkpoints() {
    }

    /**
     * Returns a network's checkpoint as JSON: one field per line, one weight row per line, {@code \n} line
     * ends and a final line end. The same network always gives the same text.
     *
     * @param network the network. Not modified.
     * @return the checkpoint, JSON version 1
     * @throws NullPointerException if {@code network} is {@code null}
     */
    public static String toJson(Network network) {
        Objects.requireNonNull(network, "network");
        // about 24 characters per number; the cap keeps a huge network from asking for it all up front
        StringBuilder s = new StringBuilder((int) Math.min(1 << 20, 64 + 24 * countParameters(network)));
        s.append('{').append(NEWLINE);
        s.append("  \"format\": \"").append(FORMAT).append("\",").append(NEWLINE);
        s.append("  \"version\": ").append(VERSION).append(',').append(NEWLINE);
        s.append("  \"inputs\": ").append(network.inputCount()).append(',').append(NEWLINE);
        s.append("  \"layers\": [").append(NEWLINE);
        for (int l = 0; l < network.layerCount(); l++) {
            s.append("    {").append(NEWLINE);
            s.append("      \"activation\": \"").append(network.activation(l).name()).append("\",").append(NEWLINE);
            s.append("      \"weights\": [").append(NEWLINE);
            double[][] w = network.weights(l);
            for (int j = 0; j < w.length; j++) {
                s.append("        ");
                appendNumbers(s, w[j], "layers[" + l + "].weights[" + j + "]");
                s.append(j < w.length - 1 ? "," : "").append(NEWLINE);
            }
            s.append("      ]");
            if (network.hasBias(l)) {
                s.append(',').append(NEWLINE).append("      \"bias\": ");
                appendNumbers(s, network.bias(l), "layers[" + l + "].bias");
            }
            s.append(NEWLINE);
            s.append("    }").append(l < network.layerCount() - 1 ? "," : "").append(NEWLINE);
        }
        s.append("  ]").append(NEWLINE);
        s.append('}').append(NEWLINE);
        return s.toString();
    }

    /**
     * Writes a network's checkpoint ({@link #toJson(Network)}) to {@code out} and flushes it; does not close it.
     *
     * @param network the network. Not modified.
     * @param out receives the checkpoint
     * @throws NullPointerException if an argument is {@code null}
     * @throws UncheckedIOException if writing fails
     */
    public static void write(Network network, Writer out) {
        Objects.requireNonNull(out, "out");
        String json = toJson(network);
        try {
            out.write(json);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint: " + describe(e), e);
        }
    }

    /**
     * Saves a network's checkpoint to a file, UTF-8, replacing the file if it exists. The checkpoint is first
     * written to a temporary file in the same directory, then moved over {@code file} (atomically where the
     * file system allows it), so a reader never sees half a checkpoint. The directory must exist.
     *
     * @param network the network. Not modified.
     * @param file the file to write
     * @throws NullPointerException if an argument is {@code null}
     * @throws UncheckedIOException if writing fails (its message names {@code file}); {@code file} is then
     *     left as it was
     */
    public static void save(Network network, Path file) {
        Objects.requireNonNull(file, "file");
        String json = toJson(network);
        if (Files.isDirectory(file)) {
            throw new UncheckedIOException("cannot save checkpoint " + file + ": it is a directory",
                    new FileSystemException(file.toString(), null, "is a directory"));
        }
        Path fileName = file.getFileName();
        if (fileName == null) {
            throw new UncheckedIOException("cannot save checkpoint " + file + ": not a file name",
                    new FileSystemException(file.toString(), null, "not a file name"));
        }
        try {
            WholeFileWriter.write(file, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save checkpoint " + file + ": " + describe(e), e);
        }
    }

    /**
     * Reads a network from a checkpoint.
     *
     * @param json the checkpoint, JSON version 1
     * @return the network, its loaded weights counting as its initial ones
     * @throws NullPointerException if {@code json} is {@code null}
     * @throws CheckpointFormatException if the checkpoint is not valid JSON version 1; its
     *     {@link CheckpointFormatException#field()} names the offending field
     */
    public static Network fromJson(String json) {
        Objects.requireNonNull(json, "json");
        return read(new StringReader(json));
    }

    /**
     * Reads a network from a checkpoint to its end; does not close {@code in}. At most {@link #MAX_BYTES}
     * characters are read.
     *
     * @param in the checkpoint, JSON version 1
     * @return the network, its loaded weights counting as its initial ones
     * @throws NullPointerException if {@code in} is {@code null}
     * @throws CheckpointFormatException if the checkpoint is not valid JSON version 1; its
     *     {@link CheckpointFormatException#field()} names the offending field
     * @throws UncheckedIOException if reading fails
     */
    public static Network read(Reader in) {
        Objects.requireNonNull(in, "in");
        try {
            return parse(() -> MAPPER.readTree(in), "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint: " + describe(e), e);
        }
    }

    /**
     * Loads a network from a checkpoint file (UTF-8, or UTF-16/32 with their byte order marks) of at most
     * {@link #MAX_BYTES} bytes.
     *
     * @param file the checkpoint file, JSON version 1
     * @return the network, its loaded weights counting as its initial ones
     * @throws NullPointerException if {@code file} is {@code null}
     * @throws CheckpointFormatException if the checkpoint is not valid JSON version 1; its
     *     {@link CheckpointFormatException#field()} names the offending field and its message ends with
     *     {@code (in <file>)}
     * @throws UncheckedIOException if the file cannot be read, for example because it does not exist, or holds
     *     more than {@link #MAX_BYTES} bytes; its message
     *     names {@code file}
     */
    public static Network load(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isRegularFile(file)) {
            try {
                if (Files.size(file) > MAX_BYTES) {
                    throw new BoundedReading.TooLargeException(MAX_BYTES);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load checkpoint " + file + ": " + describe(e), e);
            }
        }
        try (InputStream in = BoundedReading.limit(Files.newInputStream(file), MAX_BYTES)) {
            return parse(() -> MAPPER.readTree(in), " (in " + file + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load checkpoint " + file + ": " + describe(e), e);
        }
    }

    /**
     * Parses a document and builds its network.
     *
     * @param source parses the document
     * @param where appended to every format error's message: {@code ""}, or the file that is read
     */
    private static Network parse(TreeSource source, String where) throws IOException {
        JsonNode root;
        try {
            root = source.read();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new CheckpointFormatException("$", "invalid JSON" + position + ": "
                    + Texts.parserMessage(e.getOriginalMessage()) + where, e);
        }
        return new Parser(where).network(root);
    }

    /** Where a document comes from. */
    @FunctionalInterface
    private interface TreeSource {
        JsonNode read() throws IOException;
    }

    private static long countParameters(Network network) {
        long count = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            count += (long) network.layerSize(l) * (network.layerInputCount(l) + 1);
        }
        return count;
    }

    private static void appendNumbers(StringBuilder s, double[] values, String field) {
        s.append('[');
        for (int k = 0; k < values.length; k++) {
            if (k > 0) {
                s.append(", ");
            }
            // A checkpoint this class could not load back must never be written.
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException("cannot write a checkpoint of a network whose " + field + "[" + k
                        + "] is " + values[k]);
            }
            // Double.toString gives enough digits to parse back to the same bits, "-0.0" for negative zero,
            // and always a valid JSON number for a finite value.
            s.append(Double.toString(values[k]));
        }
        s.append(']');
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof BoundedReading.TooLargeException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + message;
    }

    /** Validates a parsed document field by field and builds the network only once all of it is valid. */
    private static final class Parser {
        private final String where;

        Parser(String where) {
            this.where = where;
        }

        Network network(JsonNode root) {
            if (root == null || root.isMissingNode()) {
                throw fail("$", "must be a JSON object, got an empty document");
            }
            if (!root.isObject()) {
                throw fail("$", "must be a JSON object, got " + show(root));
            }
            checkFormat(root.get("format"));
            checkVersion(root.get("version"));
            int nInputs = inputs(root.get("inputs"));
            JsonNode layers = root.get("layers");
            if (layers == null) {
                throw fail("layers", "missing; must be a non-empty array of layers");
            }
            if (!layers.isArray()) {
                throw fail("layers", "must be a non-empty array of layers, got " + show(layers));
            }
            if (layers.isEmpty()) {
                throw fail("layers", "must hold at least one layer, got an empty array");
            }
            int nLayers = layers.size();
            Activation[] activations = new Activation[nLayers];
            double[][][] weights = new double[nLayers][][];
            double[][] biases = new double[nLayers][];
            int nIn = nInputs;
            for (int l = 0; l < nLayers; l++) {
                String path = "layers[" + l + "]";
                JsonNode layer = layers.get(l);
                if (!layer.isObject()) {
                    throw fail(path, "must be an object with activation, weights and optional bias, got "
                            + show(layer));
                }
                activations[l] = activation(layer.get("activation"), path + ".activation");
                String inputsAre = l == 0 ? "the network's inputs" : "the previous layer's neurons";
                weights[l] = weights(layer.get("weights"), path + ".weights", nIn, inputsAre);
                biases[l] = bias(layer.get("bias"), path + ".bias", weights[l].length);
                nIn = weights[l].length;
            }
            Network.Builder builder = Network.builder(nInputs);
            for (int l = 0; l < nLayers; l++) {
                builder.layer(LayerSpec.of(weights[l].length).withActivation(activations[l])
                        .withBias(biases[l] != null).withInit(WeightInits.explicit(weights[l], biases[l])));
            }
            return builder.build();
        }

        private void checkFormat(JsonNode format) {
            if (format == null) {
                throw fail("format", "missing; must be \"" + FORMAT + "\"");
            }
            if (!format.isTextual() || !FORMAT.equals(format.textValue())) {
                throw fail("format", "must be \"" + FORMAT + "\", got " + show(format));
            }
        }

        private void checkVersion(JsonNode version) {
            if (version == null) {
                throw fail("version", "missing; must be " + VERSION);
            }
            if (!version.isIntegralNumber()) {
                throw fail("version", "must be the integer " + VERSION + ", got " + show(version));
            }
            if (!version.canConvertToInt() || version.intValue() != VERSION) {
                throw fail("version", "unsupported version " + show(version) + "; this reader knows version "
                        + VERSION + " only");
            }
        }

        private int inputs(JsonNode inputs) {
            if (inputs == null) {
                throw fail("inputs", "missing; must be an integer > 0");
            }
            if (!inputs.isIntegralNumber() || !inputs.canConvertToInt() || inputs.intValue() <= 0) {
                throw fail("inputs", "must be an integer > 0, got " + show(inputs));
            }
            return inputs.intValue();
        }

        private Activation activation(JsonNode name, String path) {
            if (name == null) {
                throw fail(path, "missing; must be one of " + ALLOWED_ACTIVATIONS);
            }
            if (name.isTextual()) {
                for (Activation f : Activation.values()) {
                    if (f.name().equals(name.textValue())) {
                        return f;
                    }
                }
            }
            throw fail(path, "must be one of " + ALLOWED_ACTIVATIONS + ", got " + show(name));
        }

        private double[][] weights(JsonNode rows, String path, int nIn, String inputsAre) {
            String expected = "an array of rows, one per neuron, each of " + nIn + " numbers";
            if (rows == null) {
                throw fail(path, "missing; must be " + expected);
            }
            if (!rows.isArray()) {
                throw fail(path, "must be " + expected + ", got " + show(rows));
            }
            if (rows.isEmpty()) {
                throw fail(path, "must hold at least one row (one per neuron), got an empty array");
            }
            double[][] w = new double[rows.size()][];
            for (int j = 0; j < w.length; j++) {
                String rowPath = path + "[" + j + "]";
                JsonNode row = rows.get(j);
                if (!row.isArray()) {
                    throw fail(rowPath, "must be an array of " + nIn + " numbers (one per input), got "
                            + show(row));
                }
                if (row.size() != nIn) {
                    throw fail(rowPath, "must have " + nIn + " entries, one per input (" + inputsAre + "), got "
                            + row.size());
                }
                w[j] = numbers(row, rowPath);
            }
            return w;
        }

        private double[] bias(JsonNode bias, String path, int nNeurons) {
            if (bias == null) {
                return null;
            }
            if (!bias.isArray()) {
                throw fail(path, "must be an array of " + nNeurons
                        + " numbers (or absent for a layer without bias), got " + show(bias));
            }
            if (bias.size() != nNeurons) {
                throw fail(path, "must have " + nNeurons + " entries, one per neuron, got " + bias.size());
            }
            return numbers(bias, path);
        }

        private double[] numbers(JsonNode array, String path) {
            double[] values = new double[array.size()];
            for (int k = 0; k < values.length; k++) {
                JsonNode cell = array.get(k);
                double x = cell.isNumber() ? cell.doubleValue() : Double.NaN;
                if (!Double.isFinite(x)) {
                    throw fail(path + "[" + k + "]", "must be a finite number, got " + show(cell));
                }
                values[k] = x;
            }
            return values;
        }

        private CheckpointFormatException fail(String field, String problem) {
            return new CheckpointFormatException(field, problem + where);
        }
    }

    /** A short rendering of a JSON value for a message: the value itself, or its kind for a container. */
    private static String show(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isNumber()) {
            double x = node.doubleValue();
            // NaN and the infinities (spelled out, or numbers beyond the double range such as 1e999)
            return Double.isFinite(x) ? Texts.prefix(node.asText()) : Double.toString(x);
        }
        return Texts.prefix(node.toString());
    }
}
