// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The controller when the drive itself throws: a step never lets it escape, counts a {@link StepFault#DRIVE} and
 * tries to stop the motors; too many in a row close the controller; {@code close()} stops and closes the drive, each
 * attempted whatever the other does, and never throws.
 */
class ControllerDriveFaultTest {

    private final FaultyDrive drive = new FaultyDrive();
    /** L2, L1, R1, R2: E = 0.3 - 0.1 = 0.2, so the reflex drives left = 20 + 10 * 0.2 = 22. */
    private final ScriptedSensor reflex = new ScriptedSensor(0.0, 0.3, 0.0, 0.05);
    private final List<StepFault> faults = new ArrayList<>();
    private final List<RuntimeException> causes = new ArrayList<>();
    /** The wheel commands of each step's record. */
    private final List<double[]> commands = new ArrayList<>();

    private ClosedLoopController.Builder reflexOnly() {
        return ClosedLoopController.builder().reflexSensor(reflex).drive(drive).reflexGain(10.0).baseSpeed(20.0)
                .listener(r -> {
                    faults.add(r.fault());
                    causes.add(r.faultCause());
                    commands.add(new double[] {r.left(), r.right()});
                });
    }

    @Test
    void aThrowingStopOnCloseStillClosesTheDriveAndCloseDoesNotThrow() {
        drive.failingStops.add(1);
        ClosedLoopController c = reflexOnly().build();
        c.step();
        assertDoesNotThrow(c::close);
        assertEquals(1, drive.stops, "stop attempted");
        assertEquals(1, drive.closes, "close attempted after the failed stop");
        assertTrue(drive.closed, "drive closed");
        assertTrue(c.isClosed(), "controller closed");
        assertEquals(1, c.closeFailures().size(), "one failure");
        assertEquals("stop #1 failed", c.closeFailures().get(0).getMessage());
        assertEquals("stop() on close: IllegalStateException: stop #1 failed", c.driveReport());
        c.close();
        assertEquals(1, drive.closes, "a second close does nothing");
    }

    @Test
    void aThrowingCloseIsKeptAfterTheStopAndBothFailuresAreReportedInOrder() {
        drive.failClose = true;
        ClosedLoopController c = reflexOnly().build();
        c.step();
        assertDoesNotThrow(c::close);
        assertEquals(0.0, drive.left, "stopped before the failed close");
        assertEquals(List.of("close failed"), c.closeFailures().stream().map(Throwable::getMessage).toList());
        drive.failingStops.add(1);
        FaultyDrive both = drive;
        ClosedLoopController d = reflexOnly().build();
        both.stops = 0;
        both.closes = 0;
        d.close();
        assertEquals(1, both.stops, "stop attempted");
        assertEquals(1, both.closes, "close attempted");
        assertEquals(List.of("stop #1 failed", "close failed"),
                d.closeFailures().stream().map(Throwable::getMessage).toList(), "stop's first, then close's");
        assertEquals("stop() on close: IllegalStateException: stop #1 failed; close(): UnsupportedOperationException:"
                + " close failed", d.driveReport());
    }

    @Test
    void aThrowingDriveDoesNotEscapeTheStepIsCountedAndTheMotorsAreStopped() {
        drive.failingDrives.add(2);
        drive.failingDrives.add(3);
        try (ClosedLoopController c = reflexOnly().build()) {
            c.step();
            assertEquals(22.0, drive.left, 1e-12, "driving");
            assertDoesNotThrow(c::step);
            assertEquals(0.0, drive.left, "stopped after the failed command");
            assertEquals(1, drive.stops, "stop attempted");
            assertDoesNotThrow(c::step);
            assertEquals(2, drive.stops, "stop attempted again");
            c.step();
            assertEquals(22.0, drive.left, 1e-12, "the next good command drives again");
            assertEquals(4, c.steps(), "steps");
            assertEquals(2, c.driveFaults(), "drive faults");
            assertFalse(c.isClosed(), "two faults in a row are below the default limit");
            assertFalse(c.stoppedByDriveFaults(), "not stopped by them");
            assertEquals(0, c.sensorFaults() + c.learnerFaults() + c.outputFaults(), "no other fault");
        }
        assertEquals(List.of(StepFault.NONE, StepFault.DRIVE, StepFault.DRIVE, StepFault.NONE), faults);
        assertEquals("drive #2 failed", causes.get(1).getMessage(), "the cause is in the record");
        assertEquals("drive #3 failed", causes.get(2).getMessage(), "the cause is in the record");
    }

    @Test
    void aThrowingStopAfterAThrowingDriveKeepsTheDrivesException() {
        drive.failingDrives.add(1);
        drive.failingStops.add(1);
        try (ClosedLoopController c = reflexOnly().build()) {
            assertDoesNotThrow(c::step);
            assertEquals(1, c.driveFaults(), "one drive fault");
            assertTrue(c.driveReport().startsWith("the drive failed in 1 step (last: IllegalStateException: drive #1"
                    + " failed)"), c.driveReport());
        }
        assertEquals("drive #1 failed", causes.get(0).getMessage(), "the drive's exception, not stop's");
    }

    @Test
    void aThrowingStopWithoutAGoodSampleIsADriveFaultNotAnEscape() {
        reflex.faultyReads.add(1);
        drive.failingStops.add(1);
        try (ClosedLoopController c = reflexOnly().build()) {
            assertDoesNotThrow(c::step);
            assertEquals(1, drive.stops, "stop is not retried in the same step");
            assertEquals(1, c.sensorFaults(), "the sensor fault is counted");
            assertEquals(1, c.driveFaults(), "and the drive fault");
        }
        assertEquals(StepFault.DRIVE, faults.get(0), "the drive fault replaces the sensor fault in the record");
        assertEquals("stop #1 failed", causes.get(0).getMessage());
    }

    @Test
    void driveFaultsInARowUpToTheLimitCloseTheControllerCleanly() {
        for (int k = 1; k <= 10; k++) {
            drive.failingDrives.add(k);
        }
        drive.failingDrives.remove(3); // a good command in between restarts the count
        ClosedLoopController c = reflexOnly().maxDriveFaults(3).build();
        for (int k = 0; k < 5; k++) {
            c.step();
            assertFalse(c.isClosed(), "open after step " + (k + 1));
        }
        c.step(); // the third fault in a row: steps 4, 5, 6
        assertTrue(c.isClosed(), "closed after 3 in a row");
        assertTrue(c.stoppedByDriveFaults(), "by the drive faults");
        assertTrue(drive.closed, "the drive is closed");
        assertEquals(1, drive.closes, "once");
        int stops = drive.stops;
        c.step();
        c.close();
        assertEquals(6, c.steps(), "later steps do nothing");
        assertEquals(stops, drive.stops, "nothing more is sent");
        assertEquals(1, drive.closes, "closed once");
        assertEquals(5, c.driveFaults(), "drive faults");
        assertEquals("the drive failed in 5 steps (last: IllegalStateException: drive #6 failed); the controller"
                + " stopped after 3 in a row", c.driveReport());
        assertEquals(StepFault.DRIVE, faults.get(5), "the last step reports its fault");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClosedLoopController.builder().maxDriveFaults(0));
        assertEquals("maxDriveFaults must be >= 1, got 0", e.getMessage());
    }

    @Test
    void aStopThatSucceedsBetweenFailedCommandsDoesNotRestartTheCount() {
        for (int k = 1; k <= 100; k++) {
            drive.failingDrives.add(k); // drive() always throws, stop() always works
        }
        for (int read = 2; read <= 100; read += 2) {
            reflex.faultyReads.add(read); // every other step a sensor fault: no stale steps allowed, so stop()
        }
        ClosedLoopController c = reflexOnly().maxStaleSteps(0).maxDriveFaults(3).build();
        for (int k = 0; k < 20 && !c.isClosed(); k++) {
            c.step();
        }
        // Steps 1, 3, 5 send a command that fails; steps 2 and 4 stop the motors successfully in between.
        assertTrue(c.isClosed(), "closed by the drive faults, after " + c.steps() + " steps");
        assertTrue(c.stoppedByDriveFaults(), "by the drive faults");
        assertEquals(5, c.steps(), "the third failed command closes it");
        assertEquals(3, c.driveFaults(), "drive faults");
        assertEquals(2, c.sensorFaults(), "sensor faults");
        assertEquals(List.of(StepFault.DRIVE, StepFault.SENSOR, StepFault.DRIVE, StepFault.SENSOR, StepFault.DRIVE),
                faults);
    }

    @Test
    void theRecordHoldsTheCommandTheDriveTookNotTheOneItRefused() {
        drive.failingDrives.add(2);
        drive.failingDrives.add(3);
        drive.failingStops.add(2); // the stop after the second failed command throws too
        try (ClosedLoopController c = reflexOnly().build()) {
            for (int k = 0; k < 4; k++) {
                c.step();
            }
        }
        assertEquals(22.0, commands.get(0)[0], 1e-12, "step 1 left: driven");
        assertEquals(18.0, commands.get(0)[1], 1e-12, "step 1 right: driven");
        assertEquals(0.0, commands.get(1)[0], 0.0, "step 2 left: drive() threw, stop() worked");
        assertEquals(0.0, commands.get(1)[1], 0.0, "step 2 right: stopped");
        assertTrue(Double.isNaN(commands.get(2)[0]), "step 3 left: neither drive() nor stop() worked");
        assertTrue(Double.isNaN(commands.get(2)[1]), "step 3 right: unknown");
        assertEquals(22.0, commands.get(3)[0], 1e-12, "step 4 left: driven again");
        assertEquals(List.of(StepFault.NONE, StepFault.DRIVE, StepFault.DRIVE, StepFault.NONE), faults);
    }

    @Test
    void aThrowingStopOnAStaleStepRecordsNoCommand() {
        reflex.faultyReads.add(1);
        drive.failingStops.add(1);
        try (ClosedLoopController c = reflexOnly().build()) {
            c.step();
        }
        assertTrue(Double.isNaN(commands.get(0)[0]) && Double.isNaN(commands.get(0)[1]),
                "stop() threw: no command was applied, " + commands.get(0)[0]);
    }

    @Test
    void aHealthyDriveLeavesNothingToReport() {
        ClosedLoopController c = reflexOnly().build();
        c.step();
        c.close();
        assertEquals("", c.driveReport());
        assertTrue(c.closeFailures().isEmpty(), "no failures");
        assertSame(StepFault.NONE, faults.get(0));
        assertEquals(0, c.driveFaults());
    }
}
