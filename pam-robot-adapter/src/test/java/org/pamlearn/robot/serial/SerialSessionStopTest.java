// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.core.learning.LearningRules;

/**
 * {@link SerialSession.Builder#stopWhen}: the session ends on its stop condition as at its step budget, with its
 * files and its result, also when the condition holds before the first step (a signal that came before the exit
 * hook was armed).
 */
class SerialSessionStopTest {

    @ParameterizedTest(name = "stop after {0} steps")
    @ValueSource(longs = {0, 1, 7})
    void theStopConditionEndsTheSessionWithItsFiles(long stopAfter, @TempDir Path dir) throws IOException {
        FakeSerialTransport port = new FakeSerialTransport();
        for (int k = 0; k < 50; k++) {
            port.chunk(Frames.ramp(1 + k));
        }
        SerialRobot robot = SerialRobot.builder(port).handshakeDelayMillis(0).build();
        robot.open();
        // The start line, then a status line after every step: after the start line and k steps, k + 1 lines.
        AtomicLong lines = new AtomicLong();
        List<String> status = new ArrayList<>();
        SerialSession.Result result = SerialSession.builder(robot).learning(LearningRules.Name.SAR, 1e-3,
                new int[] {4}, 1).rate(1000.0, 40).status(1, line -> {
                    status.add(line);
                    lines.incrementAndGet();
                }).out(dir).handshakeDelayMillis(0).stopWhen(() -> lines.get() > stopAfter).build().run();
        robot.close();
        assertEquals(stopAfter, result.steps(), "steps run: " + status);
        assertTrue(Files.exists(dir.resolve("network.json")), "network.json");
        assertEquals(stopAfter + 1, Files.readAllLines(dir.resolve("session.tsv")).size(),
                "the header and a row per step");
    }
}
