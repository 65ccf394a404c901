// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import org.junit.jupiter.api.Test;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.zspace.filter.FilterArray;

/** The session log's columns, its learned/unlearned rows, and I/O failures that never reach the loop. */
class SessionLoggerTest {

    private final RecordingDrive drive = new RecordingDrive();
    private final ScriptedSensor reflex = new ScriptedSensor(0.0, 0.3, 0.0, 0.05);
    private final ScriptedSensor predictors = new ScriptedSensor(0.25, 1.0);

    private ClosedLoopController controller(StepListener listener) {
        Network net = Network.builder(2).activation(Activation.LINEAR)
                .init(WeightInits.explicit(new double[][] {{0.5, -0.5}}, null)).layers(1).build();
        return ClosedLoopController.builder().reflexSensor(reflex).predictorSensor(predictors).drive(drive)
                .network(net).filters(FilterArray.delayTaps(2, 1)).rule(Backprop.builder().eta(0.125).build())
                .outputMix(new double[] {1.0}, new double[] {1.0}).reflexGain(10.0).baseSpeed(20.0)
                .lookahead(new LookaheadPosition(2, 0)).listener(listener).build();
    }

    @Test
    void headerAndRowsPairTheLearnedInputsWithTheLearningStep() {
        StringWriter text = new StringWriter();
        try (SessionLogger log = new SessionLogger(text); ClosedLoopController c = controller(log)) {
            c.step();
            predictors.values[0] = 0.75;
            c.step();
        }
        String[] lines = text.toString().split("\n");
        assertEquals(3, lines.length, text.toString());
        assertEquals("in0\tin1\terr\tmod\tq\tmon_step\tmon_learned\tmon_paused\tmon_fault\tmon_reflex_only"
                + "\tmon_left\tmon_right\tmon_out0\tmon_wd0", lines[0]);
        // Step 1 did not learn: a comment. E = 0.3 - 0.1 = 0.2 (up to rounding); o = 0.5 * 0.25 - 0.5 = -0.375.
        String[] first = lines[1].split("\t", -1);
        assertEquals("#NaN", first[0], "commented, inputs NaN");
        assertEquals("NaN", first[3], "no modulation");
        assertEquals("2.0", first[4], "q: column 2 sees most");
        assertEquals("1", first[5], "step");
        assertEquals("0", first[6], "not learned");
        assertEquals("NONE", first[8], "fault");
        assertEquals("-0.375", first[12], "output");
        assertEquals("0.0", first[13], "weights not moved");
        // Step 2 learned with E(2) on u(1) = (0.25, 1.0).
        String[] second = lines[2].split("\t", -1);
        assertEquals("0.25", second[0], "in0 of u(1), not u(2) = 0.75");
        assertEquals("1.0", second[1], "in1 of u(1)");
        assertEquals(0.3 - 2 * 0.05, Double.parseDouble(second[2]), "err");
        assertEquals("1.0", second[3], "back-propagation's modulation");
        assertEquals("1", second[6], "learned");
        assertTrue(Double.parseDouble(second[13]) > 0, "weights moved");
    }

    @Test
    void aControllerThatNeverStepsLeavesTheHeaderSoTheLogReplays() {
        StringWriter text = new StringWriter();
        try (SessionLogger log = new SessionLogger(text); ClosedLoopController c = controller(log)) {
            assertEquals(0, c.steps(), "no step");
        }
        assertEquals("in0\tin1\terr\tmod\tq\tmon_step\tmon_learned\tmon_paused\tmon_fault\tmon_reflex_only"
                + "\tmon_left\tmon_right\tmon_out0\tmon_wd0\n", text.toString(), "the header alone");
    }

    @Test
    void unlearnedStepsCanBeLeftOut() {
        StringWriter text = new StringWriter();
        try (SessionLogger log = new SessionLogger(text, false); ClosedLoopController c = controller(log)) {
            c.step();
            c.pauseLearningFor(2);
            c.step();
            c.step();
            c.step();
        }
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length, "header and the one learned step: " + text);
        assertTrue(lines[1].split("\t")[5].equals("4"), "step 4");
    }

    @Test
    void anIoFailureStopsTheLogNotTheLoop() {
        IOException broken = new IOException("disk full");
        Writer failing = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw broken;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        SessionLogger log = new SessionLogger(failing);
        try (ClosedLoopController c = controller(log)) {
            c.step();
            c.step();
            assertEquals(2, c.steps(), "the loop went on");
        }
        assertSame(broken, log.failure(), "kept");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, log::close);
        assertEquals("session log: disk full", e.getMessage());
        assertNull(new SessionLogger(new StringWriter()).failure(), "no failure");
    }
}
