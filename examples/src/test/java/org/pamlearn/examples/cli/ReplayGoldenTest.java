// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;

/**
 * {@code pamlearn replay} on hand-made two-layer cases, one or more per rule, against final weights computed
 * independently.
 */
class ReplayGoldenTest {

    /** 2 inputs, 2 + 1 centred sigmoids, no bias. Mirrors NET_A of replay_golden.py. */
    static final String NET_A = "{\"format\": \"pamlearn-network\", \"version\": 1, \"inputs\": 2, \"layers\": ["
            + "{\"activation\": \"CENTERED_SIGMOID\", \"weights\": [[0.3, -0.2], [0.5, 0.1]]},"
            + "{\"activation\": \"CENTERED_SIGMOID\", \"weights\": [[0.7, -0.4]]}]}";

    /** 2 inputs, 2 centred sigmoids with bias, 2 tanh outputs. Mirrors NET_B of replay_golden.py. */
    static final String NET_B = "{\"format\": \"pamlearn-network\", \"version\": 1, \"inputs\": 2, \"layers\": ["
            + "{\"activation\": \"CENTERED_SIGMOID\", \"weights\": [[0.2, 0.4], [-0.3, 0.6]], \"bias\": [0.05, -0.1]},"
            + "{\"activation\": \"TANH\", \"weights\": [[0.5, -0.6], [0.25, 0.8]]}]}";

    /** in0, in1, err0 (the scalar err for NET_A), err1, mod, q. Mirrors ROWS of replay_golden.py. */
    static final String[][] ROWS = {
        {"0.5", "-1.0", "0.8", "-0.3", "0.5", "3"},
        {"1.0", "0.25", "-0.4", "0.2", "1.5", "9.5"},
        {"-0.75", "0.5", "0.3", "0.6", "2.0", "5"},
        {"0.2", "0.9", "0.6", "-0.7", "0.25", "11"},
    };

    /** Tolerance of the final weights: the two computations differ only in rounding, ~1e-16. */
    private static final double TOLERANCE = 1e-12;

    /**
     * Final weights and biases. Provenance: printed by {@code python3 examples/src/test/python/replay_golden.py} (run
     * from the repository root; stdlib only), an independent from-scratch implementation of docs/ALGORITHMS.md &sect;3
     * and the replay semantics (docs/DESIGN.md, "Replay log"), pasted unchanged.
     */
    private static final List<Expected> GOLDEN = List.of(
            golden("bp_scalar",
                    new double[][][] {
                    {{0.2975636033724843, -0.20413634888858856}, {0.5009148497027668, 0.1024821907739461}},
                    {{0.6998580348626009, -0.4018987333696447}}},
                    new double[][] {null, null}),
            golden("bp_no_output_derivative_ignores_mod_q",
                    new double[][][] {
                    {{0.2887573543051052, -0.2164339473902876}, {0.5031781371182227, 0.10867280927212541}},
                    {{0.69435589460996, -0.40464428441500727}}},
                    new double[][] {null, null}),
            golden("bp_per_output",
                    new double[][][] {
                    {{0.18652775623000337, 0.3911795254589039}, {-0.32083868354435, 0.6016103554354894}},
                    {{0.4969832230151911, -0.6096376329039386}, {0.24163432908956153, 0.8093823307887178}}},
                    new double[][] {new double[] {0.0932142579854183, -0.16085104193441077}, null}),
            golden("sar_abs_error",
                    new double[][][] {
                    {{0.2894999999999999, -0.22100000000000003}, {0.5105, 0.12100000000000005}},
                    {{0.6986307356280872, -0.40012967187915555}}},
                    new double[][] {null, null}),
            golden("sar_mod",
                    new double[][][] {
                    {{0.029999999999999968, -0.16499999999999998}, {0.77, 0.06500000000000002}},
                    {{0.6798581133761245, -0.43401635855681864}}},
                    new double[][] {null, null}),
            golden("sar_const_sign_only_per_output",
                    new double[][][] {
                    {{0.09499999999999999, 0.41500000000000004}, {-0.345, 0.685}},
                    {{0.4952419149819333, -0.5844205195284068}, {0.25850632819377367, 0.8065483663182513}}},
                    new double[][] {new double[] {0.25, -0.1}, null}),
            golden("pam_q",
                    new double[][][] {
                    {{0.23107332468587002, -0.24463480376325542}, {0.56892667531413, 0.14463480376325544}},
                    {{0.6931605522679095, -0.40558933847744094}}},
                    new double[][] {null, null}),
            golden("pam_mod_and_q",
                    new double[][][] {
                    {{0.16499999999999998, -0.18250000000000002}, {0.635, 0.08249999999999999}},
                    {{0.6895000028787663, -0.416580525317361}}},
                    new double[][] {null, null}),
            golden("pam_per_output_q_custom_cues",
                    new double[][][] {
                    {{0.14309787655158085, 0.4319480488939161}, {-0.28152861557930586, 0.593672443791234}},
                    {{0.49952907531519963, -0.5896360054723288}, {0.2514869558394429, 0.7952521795247742}}},
                    new double[][] {new double[] {0.10328115158588239, -0.1020401662155824}, null}),
            golden("pam_error_rate_only",
                    new double[][][] {
                    {{0.23231754825581935, -0.2303082411532587}, {0.5676824517441807, 0.13030824115325873}},
                    {{0.6941077256752354, -0.4066617300060328}}},
                    new double[][] {null, null}),
            golden("pam_no_cues_sign_only_per_output",
                    new double[][][] {
                    {{0.1475, 0.40750000000000003}, {-0.3225, 0.6425}},
                    {{0.49847639160703094, -0.59457408155612}, {0.2537097137901292, 0.8053403985394093}}},
                    new double[][] {new double[] {0.15000000000000002, -0.10000000000000002}, null}));

    record Expected(String name, double[][][] weights, double[][] biases) {
    }

    private static Expected golden(String name, double[][][] weights, double[][] biases) {
        return new Expected(name, weights, biases);
    }

    record Scenario(String name, String network, boolean perOutput, List<String> extraColumns, List<String> options) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                scenario("bp_scalar", NET_A, false, List.of(), "--rule", "bp", "--eta", "0.5"),
                scenario("bp_no_output_derivative_ignores_mod_q", NET_A, false, List.of("mod", "q"), "--rule", "bp",
                        "--eta", "0.5", "--output-derivative", "false"),
                scenario("bp_per_output", NET_B, true, List.of(), "--rule", "bp", "--eta", "0.3"),
                scenario("sar_abs_error", NET_A, false, List.of(), "--rule", "sar", "--eta", "0.1"),
                scenario("sar_mod", NET_A, false, List.of("mod"), "--rule", "sar", "--eta", "0.1"),
                scenario("sar_const_sign_only_per_output", NET_B, true, List.of(), "--rule", "sar", "--eta", "0.1",
                        "--relevance", "const", "--sign-propagation", "sign-only"),
                scenario("pam_q", NET_A, false, List.of("q"), "--rule", "pam", "--eta", "0.05"),
                scenario("pam_mod_and_q", NET_A, false, List.of("q", "mod"), "--rule", "pam", "--eta", "0.05"),
                scenario("pam_per_output_q_custom_cues", NET_B, true, List.of("q"), "--rule", "pam", "--eta", "0.05",
                        "--lookahead-centre", "4", "--lookahead-kappa", "0.5", "--error-rate-clamp", "0.1"),
                scenario("pam_error_rate_only", NET_A, false, List.of(), "--rule", "pam", "--eta", "0.05",
                        "--cues", "error-rate", "--output-derivative", "false"),
                scenario("pam_no_cues_sign_only_per_output", NET_B, true, List.of(), "--rule", "pam", "--eta", "0.05",
                        "--cues", "none", "--sign-propagation", "sign-only"));
    }

    private static Scenario scenario(String name, String network, boolean perOutput, List<String> extraColumns,
            String... options) {
        return new Scenario(name, network, perOutput, extraColumns, List.of(options));
    }

    /** Writes the scenario's log: the errors after the inputs, then the extra columns in the given order. */
    static String log(boolean perOutput, List<String> extraColumns) {
        StringBuilder s = new StringBuilder("# a hand-made replay log\n\nin0\tin1\t");
        s.append(perOutput ? "err0\terr1" : "err");
        for (String column : extraColumns) {
            s.append('\t').append(column);
        }
        s.append('\n');
        for (String[] row : ROWS) {
            s.append(row[0]).append('\t').append(row[1]).append('\t').append(row[2]);
            if (perOutput) {
                s.append('\t').append(row[3]);
            }
            for (String column : extraColumns) {
                s.append('\t').append(column.equals("mod") ? row[4] : row[5]);
            }
            s.append('\n');
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replayReproducesTheIndependentlyComputedWeights(Scenario scenario, @TempDir Path dir) throws IOException {
        Path model = Files.writeString(dir.resolve("model.json"), scenario.network(), StandardCharsets.UTF_8);
        Path log = Files.writeString(dir.resolve("log.tsv"), log(scenario.perOutput(), scenario.extraColumns()),
                StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("replay", "--model", model.toString(), "--log", log.toString()));
        args.addAll(scenario.options());
        CliRun run = CliRun.of(args);

        assertEquals(0, run.exit(), scenario + ": exit code; stderr " + run.err());
        assertTrue(run.err().startsWith("replayed 4 rows of " + log + " with " + scenario.options().get(1)),
                scenario + ": summary " + run.err());
        Network trained = Checkpoints.fromJson(run.out());
        Expected expected = GOLDEN.stream().filter(g -> g.name().equals(scenario.name())).findFirst().orElseThrow();
        for (int l = 0; l < expected.weights().length; l++) {
            double[][] w = trained.weights(l);
            assertEquals(expected.weights()[l].length, w.length, scenario + ": layer " + l + " neurons");
            for (int j = 0; j < w.length; j++) {
                for (int i = 0; i < w[j].length; i++) {
                    assertEquals(expected.weights()[l][j][i], w[j][i], TOLERANCE,
                            scenario + ": weights[" + l + "][" + j + "][" + i + "]");
                }
            }
            if (expected.biases()[l] == null) {
                assertFalse(trained.hasBias(l), scenario + ": layer " + l + " has no bias");
            } else {
                double[] b = trained.bias(l);
                for (int j = 0; j < b.length; j++) {
                    assertEquals(expected.biases()[l][j], b[j], TOLERANCE, scenario + ": bias[" + l + "][" + j + "]");
                }
            }
        }
    }
}
