// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.replay.Replay;
import org.pamlearn.core.replay.ReplayLog;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.SessionLogger;

/**
 * A session stopped early (Ctrl-C) leaves a session log with its header, also when it is stopped before its first
 * step: the log replays, from the initial network, to the session's network (the initial one after 0 steps).
 */
class StoppedSessionLogTest {

    private static final double ETA = 0.5;

    @TempDir
    Path dir;

    private static LineFollowerRun.Builder session(long stopAt) {
        long[] asked = new long[1];
        return LineFollowerRun.builder().rule(LearningMode.BP).eta(ETA).hidden(4).seed(3).maxSteps(1000)
                .stopWhen(() -> ++asked[0] >= stopAt);
    }

    private static LineFollowerRun.Result run(LineFollowerRun.Builder session, Path file, SessionLogger.Detail detail) {
        try (SessionLogger log = SessionLogger.open(file, detail)) {
            return session.listener(log).build().run();
        }
    }

    @ParameterizedTest(name = "{0}, stop before step {1}")
    @CsvSource({"session.tsv, 1", "session.tsv.gz, 1", "session.tsv, 2", "session.tsv, 5", "session.tsv.gz, 5"})
    void aStoppedSessionsLogReplaysToItsNetwork(String name, long stopAt) {
        LineFollowerRun.Builder session = session(stopAt);
        Network replayed = session.initialNetwork();
        Path file = dir.resolve(name);
        LineFollowerRun.Result result = run(session, file, SessionLogger.Detail.FULL);
        assertTrue(result.stopped(), "stopped");
        assertEquals(stopAt - 1, result.steps(), "steps run");
        int rows;
        try (ReplayLog log = ReplayLog.open(file, replayed.inputCount(), replayed.outputCount())) {
            rows = Replay.run(log, LearningRules.create(LearningRules.Name.BP, LearningRules.Options.eta(ETA))
                    .newLearner(replayed));
        }
        assertEquals(result.learnedSteps(), rows, "one row per learning step");
        assertEquals(Math.max(0, stopAt - 2), rows, "every step but the first learned");
        assertEquals(Checkpoints.toJson(result.network()), Checkpoints.toJson(replayed),
                "the replay gives the session's network");
        if (stopAt == 1) {
            assertEquals(Checkpoints.toJson(session.initialNetwork()), Checkpoints.toJson(replayed),
                    "no step: the initial network");
        }
    }

    @ParameterizedTest
    @EnumSource(SessionLogger.Detail.class)
    void aSessionStoppedBeforeItsFirstStepHasTheHeaderOfASessionThatRan(SessionLogger.Detail detail)
            throws IOException {
        Path none = dir.resolve("none.tsv");
        Path one = dir.resolve("one.tsv");
        run(session(1), none, detail);
        run(session(2), one, detail);
        List<String> empty = Files.readAllLines(none);
        List<String> ran = Files.readAllLines(one);
        int headerLines = detail == SessionLogger.Detail.COMPACT ? 2 : 1;
        assertEquals(headerLines, empty.size(), "the header alone: " + empty);
        assertEquals(ran.subList(0, headerLines), empty, "the same header as a session that ran a step");
        assertEquals(headerLines + 1, ran.size(), "and that one has a row");
        if (detail == SessionLogger.Detail.COMPACT) {
            assertEquals(SessionLogger.COMPACT_MARK, empty.get(0), "the compact mark");
            assertTrue(empty.get(1).startsWith("err\tmod\tq\tmon_step\t"), empty.get(1));
        } else {
            assertTrue(empty.get(0).startsWith("in0\tin1\t") && empty.get(0).contains("\terr\tmod\tq\tmon_step\t"),
                    empty.get(0));
        }
    }
}
