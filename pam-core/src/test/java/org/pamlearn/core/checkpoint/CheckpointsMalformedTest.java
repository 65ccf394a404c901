// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad checkpoint is rejected with a {@link CheckpointFormatException} naming its field. */
class CheckpointsMalformedTest {

    private static final String ALLOWED = "CENTERED_SIGMOID, SIGMOID, TANH, LINEAR, RELU";
    private static final String HEAD = "'format': 'pamlearn-network', 'version': 1, 'inputs': 3";
    /** A valid layer of 2 neurons on 3 inputs, with bias. */
    private static final String LAYER0 = "{'activation': 'TANH', 'weights': [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],"
            + " 'bias': [0.0, 0.0]}";
    private static final String VALID = json("{" + HEAD + ", 'layers': [" + LAYER0 + "]}");

    /** Single quotes stand for double quotes, to keep the table readable. */
    private static String json(String text) {
        return text.replace('\'', '"');
    }

    /** A document with the valid header and these layers. */
    private static String layers(String... layers) {
        return json("{" + HEAD + ", 'layers': [" + String.join(", ", layers) + "]}");
    }

    /** A document whose only layer, on 3 inputs, has these weights and no bias. */
    private static String weights(String weights) {
        return layers("{'activation': 'LINEAR', 'weights': " + weights + "}");
    }

    /** A document whose only layer, 2 neurons on 3 inputs, has this bias. */
    private static String bias(String bias) {
        return layers("{'activation': 'LINEAR', 'weights': [[1, 2, 3], [4, 5, 6]], 'bias': " + bias + "}");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // JSON syntax
                Arguments.of("truncated", json("{'format': 'pamlearn-network',"), "$",
                        "invalid JSON at line 1, column 31: Unexpected end-of-input"),
                Arguments.of("missing comma", json("{'format': 'pamlearn-network'\n  'version': 1}"), "$",
                        "invalid JSON at line 2, column 3: Unexpected character ('\"'"),
                Arguments.of("single quotes", "{'format': 'pamlearn-network'}", "$", "invalid JSON at line 1"),
                Arguments.of("trailing object", VALID + " {}", "$", "Trailing token"),
                Arguments.of("trailing garbage", VALID + "\nx", "$", "invalid JSON at line 2, column 1: "
                        + "Unrecognized token 'x'"),
                Arguments.of("duplicate key", json("{" + HEAD + ", 'inputs': 4, 'layers': [" + LAYER0 + "]}"), "$",
                        "Duplicate field 'inputs'"),
                Arguments.of("empty", "", "$", "must be a JSON object, got an empty document"),
                Arguments.of("blank", " \n\t", "$", "must be a JSON object, got an empty document"),
                // root
                Arguments.of("root array", "[" + VALID + "]", "$", "must be a JSON object, got an array"),
                Arguments.of("root number", "42", "$", "must be a JSON object, got 42"),
                Arguments.of("root null", "null", "$", "must be a JSON object, got null"),
                // format
                Arguments.of("format missing", json("{'version': 1, 'inputs': 3, 'layers': [" + LAYER0 + "]}"),
                        "format", "missing; must be \"pamlearn-network\""),
                Arguments.of("format wrong", VALID.replace("pamlearn-network", "pamlearn-net"), "format",
                        "must be \"pamlearn-network\", got \"pamlearn-net\""),
                Arguments.of("format upper case", VALID.replace("pamlearn-network", "PAMLEARN-NETWORK"), "format",
                        "must be \"pamlearn-network\", got \"PAMLEARN-NETWORK\""),
                Arguments.of("format number", VALID.replace("\"pamlearn-network\"", "1"), "format",
                        "must be \"pamlearn-network\", got 1"),
                Arguments.of("format long", VALID.replace("pamlearn-network", "x".repeat(100)), "format",
                        "got \"" + "x".repeat(39) + "..."),
                // version
                Arguments.of("version missing", VALID.replace("\"version\": 1, ", ""), "version", "missing; must be 1"),
                Arguments.of("version 2", VALID.replace("\"version\": 1", "\"version\": 2"), "version",
                        "unsupported version 2; this reader knows version 1 only"),
                Arguments.of("version 0", VALID.replace("\"version\": 1", "\"version\": 0"), "version",
                        "unsupported version 0"),
                Arguments.of("version huge", VALID.replace("\"version\": 1", "\"version\": 99999999999"), "version",
                        "unsupported version 99999999999"),
                Arguments.of("version float", VALID.replace("\"version\": 1", "\"version\": 1.0"), "version",
                        "must be the integer 1, got 1.0"),
                Arguments.of("version string", VALID.replace("\"version\": 1", "\"version\": \"1\""), "version",
                        "must be the integer 1, got \"1\""),
                // inputs
                Arguments.of("inputs missing", VALID.replace(", \"inputs\": 3", ""), "inputs",
                        "missing; must be an integer > 0"),
                Arguments.of("inputs zero", VALID.replace("\"inputs\": 3", "\"inputs\": 0"), "inputs",
                        "must be an integer > 0, got 0"),
                Arguments.of("inputs negative", VALID.replace("\"inputs\": 3", "\"inputs\": -3"), "inputs",
                        "must be an integer > 0, got -3"),
                Arguments.of("inputs fraction", VALID.replace("\"inputs\": 3", "\"inputs\": 2.5"), "inputs",
                        "must be an integer > 0, got 2.5"),
                Arguments.of("inputs float", VALID.replace("\"inputs\": 3", "\"inputs\": 3.0"), "inputs",
                        "must be an integer > 0, got 3.0"),
                Arguments.of("inputs string", VALID.replace("\"inputs\": 3", "\"inputs\": \"3\""), "inputs",
                        "must be an integer > 0, got \"3\""),
                Arguments.of("inputs beyond int", VALID.replace("\"inputs\": 3", "\"inputs\": 10000000000"), "inputs",
                        "must be an integer > 0, got 10000000000"),
                Arguments.of("inputs null", VALID.replace("\"inputs\": 3", "\"inputs\": null"), "inputs",
                        "must be an integer > 0, got null"),
                // layers
                Arguments.of("layers missing", json("{" + HEAD + "}"), "layers",
                        "missing; must be a non-empty array of layers"),
                Arguments.of("layers object", json("{" + HEAD + ", 'layers': " + LAYER0 + "}"), "layers",
                        "must be a non-empty array of layers, got an object"),
                Arguments.of("layers string", json("{" + HEAD + ", 'layers': 'dense'}"), "layers",
                        "must be a non-empty array of layers, got \"dense\""),
                Arguments.of("layers empty", layers(), "layers", "must hold at least one layer, got an empty array"),
                Arguments.of("layer number", layers("3"), "layers[0]",
                        "must be an object with activation, weights and optional bias, got 3"),
                Arguments.of("second layer null", layers(LAYER0, "null"), "layers[1]",
                        "must be an object with activation, weights and optional bias, got null"),
                // activation
                Arguments.of("activation missing", layers("{'weights': [[1, 2, 3]]}"), "layers[0].activation",
                        "missing; must be one of " + ALLOWED),
                Arguments.of("activation unknown", layers("{'activation': 'SOFTMAX', 'weights': [[1, 2, 3]]}"),
                        "layers[0].activation", "must be one of " + ALLOWED + ", got \"SOFTMAX\""),
                Arguments.of("activation lower case", layers("{'activation': 'tanh', 'weights': [[1, 2, 3]]}"),
                        "layers[0].activation", "must be one of " + ALLOWED + ", got \"tanh\""),
                Arguments.of("activation number", layers("{'activation': 2, 'weights': [[1, 2, 3]]}"),
                        "layers[0].activation", "must be one of " + ALLOWED + ", got 2"),
                Arguments.of("second activation null", layers(LAYER0, "{'activation': null, 'weights': [[1, 2]]}"),
                        "layers[1].activation", "must be one of " + ALLOWED + ", got null"),
                // weights: presence and structure
                Arguments.of("weights missing", layers("{'activation': 'LINEAR', 'bias': [0]}"), "layers[0].weights",
                        "missing; must be an array of rows, one per neuron, each of 3 numbers"),
                Arguments.of("weights object", weights("{'0': [1, 2, 3]}"), "layers[0].weights",
                        "must be an array of rows, one per neuron, each of 3 numbers, got an object"),
                Arguments.of("weights number", weights("1.5"), "layers[0].weights",
                        "must be an array of rows, one per neuron, each of 3 numbers, got 1.5"),
                Arguments.of("weights empty", weights("[]"), "layers[0].weights",
                        "must hold at least one row (one per neuron), got an empty array"),
                Arguments.of("weights flat", weights("[1, 2, 3]"), "layers[0].weights[0]",
                        "must be an array of 3 numbers (one per input), got 1"),
                Arguments.of("weights row null", weights("[[1, 2, 3], null]"), "layers[0].weights[1]",
                        "must be an array of 3 numbers (one per input), got null"),
                Arguments.of("weights row empty", weights("[[]]"), "layers[0].weights[0]",
                        "must have 3 entries, one per input (the network's inputs), got 0"),
                // weights: shapes
                Arguments.of("ragged rows", weights("[[1, 2, 3], [1, 2]]"), "layers[0].weights[1]",
                        "must have 3 entries, one per input (the network's inputs), got 2"),
                Arguments.of("rows shorter than inputs", weights("[[1, 2], [3, 4]]"), "layers[0].weights[0]",
                        "must have 3 entries, one per input (the network's inputs), got 2"),
                Arguments.of("rows longer than inputs", weights("[[1, 2, 3, 4]]"), "layers[0].weights[0]",
                        "must have 3 entries, one per input (the network's inputs), got 4"),
                Arguments.of("rows disagree with previous layer",
                        layers(LAYER0, "{'activation': 'LINEAR', 'weights': [[1, 2, 3]]}"), "layers[1].weights[0]",
                        "must have 2 entries, one per input (the previous layer's neurons), got 3"),
                // bias
                Arguments.of("bias short", bias("[0]"), "layers[0].bias", "must have 2 entries, one per neuron, got 1"),
                Arguments.of("bias long", bias("[0, 0, 0]"), "layers[0].bias",
                        "must have 2 entries, one per neuron, got 3"),
                Arguments.of("bias empty", bias("[]"), "layers[0].bias", "must have 2 entries, one per neuron, got 0"),
                Arguments.of("bias string", bias("'zero'"), "layers[0].bias",
                        "must be an array of 2 numbers (or absent for a layer without bias), got \"zero\""),
                Arguments.of("bias null", bias("null"), "layers[0].bias",
                        "must be an array of 2 numbers (or absent for a layer without bias), got null"),
                Arguments.of("bias cell string", bias("[0, 'a']"), "layers[0].bias[1]",
                        "must be a finite number, got \"a\""),
                Arguments.of("bias cell NaN", bias("[NaN, 0]"), "layers[0].bias[0]",
                        "must be a finite number, got NaN"),
                // cells
                Arguments.of("cell string", weights("[[0.1, '0.2', 0.3]]"), "layers[0].weights[0][1]",
                        "must be a finite number, got \"0.2\""),
                Arguments.of("cell null", weights("[[0.1, 0.2, null]]"), "layers[0].weights[0][2]",
                        "must be a finite number, got null"),
                Arguments.of("cell true", weights("[[true, 0.2, 0.3]]"), "layers[0].weights[0][0]",
                        "must be a finite number, got true"),
                Arguments.of("cell array", weights("[[0.1, [0.2], 0.3]]"), "layers[0].weights[0][1]",
                        "must be a finite number, got an array"),
                Arguments.of("cell object", weights("[[0.1, 0.2, {}]]"), "layers[0].weights[0][2]",
                        "must be a finite number, got an object"),
                Arguments.of("cell NaN", weights("[[0.1, 0.2, 0.3], [0.4, NaN, 0.6]]"), "layers[0].weights[1][1]",
                        "must be a finite number, got NaN"),
                Arguments.of("cell Infinity", weights("[[Infinity, 0.2, 0.3]]"), "layers[0].weights[0][0]",
                        "must be a finite number, got Infinity"),
                Arguments.of("cell -Infinity", weights("[[0.1, -Infinity, 0.3]]"), "layers[0].weights[0][1]",
                        "must be a finite number, got -Infinity"),
                Arguments.of("cell 1e999", weights("[[0.1, 0.2, 1e999]]"), "layers[0].weights[0][2]",
                        "must be a finite number, got Infinity"),
                Arguments.of("cell -1e999", weights("[[-1e999, 0.2, 0.3]]"), "layers[0].weights[0][0]",
                        "must be a finite number, got -Infinity"),
                Arguments.of("cell integer beyond double", weights("[[1" + "0".repeat(400) + ", 0.2, 0.3]]"),
                        "layers[0].weights[0][0]", "must be a finite number, got Infinity"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void isRejectedNamingTheField(String name, String json, String field, String fragment) {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.fromJson(json),
                name);

        assertEquals(field, e.field(), name + ": " + e.getMessage());
        String prefix = "checkpoint field " + field + ": ";
        assertTrue(e.getMessage().startsWith(prefix), name + ": message should start with '" + prefix + "', was: "
                + e.getMessage());
        assertTrue(e.getMessage().contains(fragment), name + ": message should contain '" + fragment + "', was: "
                + e.getMessage());
    }

    @Test
    void validBaseDocumentLoads() {
        // the table's cases are edits of this document, so it must itself be valid
        assertEquals(2, Checkpoints.fromJson(VALID).layerSize(0));
        assertEquals(2, Checkpoints.fromJson(bias("[0, 0]")).bias(0).length);
        assertEquals(2, Checkpoints.fromJson(layers(LAYER0, "{'activation': 'LINEAR', 'weights': [[1, 2]]}"))
                .layerCount());
    }

    @Test
    void namesTheDeepFieldInTheMessage() {
        String json = layers("{'activation': 'TANH', 'weights': [[1, 2, 3], [4, 5, 6], [7, 8, 9]]}",
                "{'activation': 'LINEAR', 'weights': [[1, 2, NaN]]}");

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> Checkpoints.fromJson(json));

        assertEquals("layers[1].weights[0][2]", e.field());
        assertEquals("checkpoint field layers[1].weights[0][2]: must be a finite number, got NaN", e.getMessage());
    }

    @Test
    void isAnIllegalArgumentException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.fromJson("{}"));

        assertEquals(CheckpointFormatException.class, e.getClass());
        assertEquals("checkpoint field format: missing; must be \"pamlearn-network\"", e.getMessage());
    }

    @Test
    void syntaxErrorKeepsTheParserErrorAsCause() {
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> Checkpoints.fromJson("{\"format\": }"));

        assertEquals("$", e.field());
        assertTrue(e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException,
                "cause was " + e.getCause());
    }

    @Test
    void nullIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Checkpoints.fromJson(null));

        assertEquals("json", e.getMessage());
    }
}
