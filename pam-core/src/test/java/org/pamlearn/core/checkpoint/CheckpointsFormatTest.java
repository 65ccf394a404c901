// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;

/**
 * The format itself (docs/DESIGN.md, "Network checkpoint JSON"): its example, the written layout, what a reader
 * tolerates.
 */
class CheckpointsFormatTest {

    /** The example of docs/DESIGN.md, "Network checkpoint JSON", verbatim. */
    static final String DESIGN_EXAMPLE = String.join("\n",
            "{ \"format\": \"pamlearn-network\", \"version\": 1, \"inputs\": 3,",
            "  \"layers\": [",
            "    { \"activation\": \"CENTERED_SIGMOID\",",
            "      \"weights\": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],",
            "      \"bias\": [0.0, 0.0] },",
            "    { \"activation\": \"LINEAR\", \"weights\": [[1.0, -1.0]] } ] }");

    @Test
    void designExampleLoadsWithItsShapesAndValues() {
        Network network = Checkpoints.fromJson(DESIGN_EXAMPLE);

        assertEquals(3, network.inputCount());
        assertEquals(2, network.layerCount());
        assertEquals(2, network.layerSize(0));
        assertEquals(1, network.layerSize(1));
        assertEquals(2, network.layerInputCount(1));
        assertEquals(Activation.CENTERED_SIGMOID, network.activation(0));
        assertEquals(Activation.LINEAR, network.activation(1));
        assertTrue(network.hasBias(0));
        assertFalse(network.hasBias(1));
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, network.weights(0)[0], 0.0);
        assertArrayEquals(new double[] {0.4, 0.5, 0.6}, network.weights(0)[1], 0.0);
        assertArrayEquals(new double[] {0.0, 0.0}, network.bias(0), 0.0);
        assertArrayEquals(new double[] {1.0, -1.0}, network.weights(1)[0], 0.0);
        assertArrayEquals(new double[0], network.bias(1), 0.0);
        assertEquals(0.0, network.weightDistance(0), 0.0);
        assertEquals(0.0, network.weightDistance(1), 0.0);
    }

    @Test
    void designExampleComputesItsOutput() {
        Network network = Checkpoints.fromJson(DESIGN_EXAMPLE);
        double[] out = new double[1];

        network.forward(new double[] {1.0, 1.0, 1.0}, out);

        // f(0.6) - f(1.5) with f(v) = 1/(1+e^-v) - 0.5, evaluated with mpmath at 40 digits:
        // -0.17191816996784820669...; tolerance 1e-15 covers the rounding of the weights and of Math.exp.
        assertEquals(-0.1719181699678482, out[0], 1e-15);
    }

    @Test
    void writesOneFieldPerLineAndOneRowPerLine() {
        Network network = Network.builder(2)
                .layer(LayerSpec.of(2).withActivation(Activation.TANH).withBias(true)
                        .withInit(WeightInits.explicit(new double[][] {{-0.0, 1e-300}, {Double.MIN_VALUE, 1.0}},
                                new double[] {0.5, -2.0})))
                .layer(LayerSpec.of(1).withActivation(Activation.RELU)
                        .withInit(WeightInits.explicit(new double[][] {{1e300, -0.25}}, null)))
                .build();

        // Hand-written from the layout Checkpoints.toJson documents; numbers as Double.toString prints them.
        String expected = String.join("\n",
                "{",
                "  \"format\": \"pamlearn-network\",",
                "  \"version\": 1,",
                "  \"inputs\": 2,",
                "  \"layers\": [",
                "    {",
                "      \"activation\": \"TANH\",",
                "      \"weights\": [",
                "        [-0.0, 1.0E-300],",
                "        [4.9E-324, 1.0]",
                "      ],",
                "      \"bias\": [0.5, -2.0]",
                "    },",
                "    {",
                "      \"activation\": \"RELU\",",
                "      \"weights\": [",
                "        [1.0E300, -0.25]",
                "      ]",
                "    }",
                "  ]",
                "}",
                "");
        assertEquals(expected, Checkpoints.toJson(network));
    }

    @Test
    void writesStandardJson() throws Exception {
        // A plain mapper (no NaN tokens, no leniency) must read what the writer writes.
        Network network = CheckpointsRoundTripTest.randomNetwork(new SplittableRandom(11));

        JsonNode root = new ObjectMapper().readTree(Checkpoints.toJson(network));

        assertEquals("pamlearn-network", root.get("format").textValue());
        assertEquals(1, root.get("version").intValue());
        assertEquals(network.inputCount(), root.get("inputs").intValue());
        assertEquals(network.layerCount(), root.get("layers").size());
        for (int l = 0; l < network.layerCount(); l++) {
            JsonNode layer = root.get("layers").get(l);
            assertEquals(network.activation(l).name(), layer.get("activation").textValue(), "layer " + l);
            assertEquals(network.layerSize(l), layer.get("weights").size(), "layer " + l);
            assertEquals(network.hasBias(l), layer.has("bias"), "layer " + l);
        }
    }

    @Test
    void unknownFieldsAreIgnored() {
        String withExtras = String.join("\n",
                "{ \"comment\": \"written by hand\", \"format\": \"pamlearn-network\", \"version\": 1, \"inputs\": 3,",
                "  \"state\": { \"rule\": \"pam\", \"previousError\": 0.25, \"step\": 1200,",
                "             \"filters\": [[0.1, 0.2], [0.3]], \"rng\": null },",
                "  \"layers\": [",
                "    { \"name\": \"hidden\", \"activation\": \"CENTERED_SIGMOID\",",
                "      \"weights\": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]],",
                "      \"bias\": [0.0, 0.0], \"frozen\": true },",
                "    { \"activation\": \"LINEAR\", \"weights\": [[1.0, -1.0]], \"extra\": {\"a\": [1, 2]} } ],",
                "  \"trailer\": [] }");

        Network loaded = Checkpoints.fromJson(withExtras);

        CheckpointsRoundTripTest.assertSameNetwork(Checkpoints.fromJson(DESIGN_EXAMPLE), loaded, "with extras");
    }

    @Test
    void integersAreReadAsDoubles() {
        Network network = Checkpoints.fromJson("{\"format\": \"pamlearn-network\", \"version\": 1, \"inputs\": 3,"
                + " \"layers\": [{\"activation\": \"LINEAR\", \"weights\": [[1, -2, 0]],"
                + " \"bias\": [12345678901234]}]}");

        assertArrayEquals(new double[] {1.0, -2.0, 0.0}, network.weights(0)[0], 0.0);
        assertArrayEquals(new double[] {12345678901234.0}, network.bias(0), 0.0);
    }

    @Test
    void exponentsAndSignedZeroAreRead() {
        Network network = Checkpoints.fromJson("{\"format\": \"pamlearn-network\", \"version\": 1, \"inputs\": 4,"
                + " \"layers\": [{\"activation\": \"LINEAR\", \"weights\": [[-0.0, 4.9e-324, 1E+2, -2.5E-3]]}]}");

        double[] w = network.weights(0)[0];
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(w[0]));
        assertEquals(Double.doubleToRawLongBits(Double.MIN_VALUE), Double.doubleToRawLongBits(w[1]));
        assertEquals(100.0, w[2], 0.0);
        assertEquals(-0.0025, w[3], 0.0);
    }
}
