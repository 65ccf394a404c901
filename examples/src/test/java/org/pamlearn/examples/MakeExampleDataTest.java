// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.learning.PrimeAndModulate;
import org.pamlearn.examples.cli.PamlearnCommand;
import org.pamlearn.core.replay.Replay;
import org.pamlearn.core.replay.ReplayLog;

/** The committed example files are what {@link MakeExampleData} makes, and the README's command works on them. */
class MakeExampleDataTest {

    /** Tests run in the module directory. */
    private static final Path NETWORK = Path.of("data", MakeExampleData.NETWORK_FILE);
    private static final Path SESSION = Path.of("data", MakeExampleData.SESSION_FILE);

    @Test
    void theCommittedNetworkIsTheGeneratorsNetwork() {
        Network committed = Checkpoints.load(NETWORK);
        Network built = MakeExampleData.network();
        assertEquals(8, committed.inputCount(), "inputs");
        assertEquals(3, committed.layerCount(), "layers");
        for (int l = 0; l < committed.layerCount(); l++) {
            assertEquals(new int[] {6, 4, 1}[l], committed.layerSize(l), "layer " + l + " size");
            assertEquals(Activation.CENTERED_SIGMOID, committed.activation(l), "layer " + l + " activation");
            assertFalse(committed.hasBias(l), "layer " + l + " bias");
            assertArrayEquals(built.weights(l), committed.weights(l), "layer " + l + " weights, bit for bit");
        }
        for (double[] row : committed.weights(0)) {
            for (double w : row) {
                assertTrue(w >= 0 && w < 0.001, "first layer U[0, 0.001): " + w);
            }
        }
    }

    @Test
    void theCommittedSessionIsWhatTheGeneratorMakes() throws IOException {
        assertEquals(MakeExampleData.session(MakeExampleData.network()),
                Files.readString(SESSION, StandardCharsets.UTF_8));
    }

    @Test
    void replayingTheSessionReproducesTheRunThatRecordedIt() {
        Network inTheLoop = MakeExampleData.network();
        MakeExampleData.session(inTheLoop);

        Network replayed = Checkpoints.load(NETWORK);
        try (ReplayLog log = ReplayLog.open(SESSION, 8, 1)) {
            PrimeAndModulate pam = PrimeAndModulate.builder().eta(MakeExampleData.ETA).build();
            assertEquals(MakeExampleData.ROWS, Replay.run(log, pam.newLearner(replayed)), "rows");
        }
        for (int l = 0; l < replayed.layerCount(); l++) {
            assertArrayEquals(inTheLoop.weights(l), replayed.weights(l), "layer " + l + ", bit for bit");
            assertTrue(replayed.weightDistance(l) > 0, "layer " + l + " learned");
        }
    }

    @Test
    void theReadmeCommandWorks(@TempDir Path dir) {
        Path out = dir.resolve("target/replayed.json");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = PamlearnCommand.newCommandLine().setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr))
                .execute("replay", "--model", NETWORK.toString(), "--log", SESSION.toString(), "--rule", "pam",
                        "--eta", "0.01", "--out", out.toString());
        assertEquals(0, exit, "exit code; stderr " + stderr);
        assertEquals("", stdout.toString(), "stdout");
        assertTrue(stderr.toString().matches("replayed 400 rows of data/example-session\\.tsv with pam"
                + " \\(eta 0\\.01\\): weight distance per layer \\[\\S+, \\S+, \\S+\\]; wrote \\S+replayed\\.json\\R"),
                stderr.toString());
        assertEquals(8, Checkpoints.load(out).inputCount(), "a loadable checkpoint");
    }
}
