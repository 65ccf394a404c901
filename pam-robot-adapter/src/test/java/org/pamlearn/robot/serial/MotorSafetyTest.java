// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.pamlearn.robot.DifferentialDrive;
import org.pamlearn.robot.FixedRateLoop;

/**
 * {@link MotorSafety} stops the drive when the JVM exits while the loop runs: a child JVM starts a loop, arms the
 * stop and calls {@code System.exit}; its output shows the drive stopped and closed.
 */
class MotorSafetyTest {

    /** A drive that prints {@code stopped} and {@code closed}. */
    private static final class PrintingDrive implements DifferentialDrive {
        @Override
        public double maxSpeed() {
            return 1.0;
        }

        @Override
        public void drive(double left, double right) {
            // a real drive would move here
        }

        @Override
        public void stop() {
            System.out.println("stopped");
        }

        @Override
        public void close() {
            System.out.println("closed");
        }
    }

    /** The child JVM: a loop on its own thread driving forward, then an exit from the main thread. */
    public static final class ExitWhileDriving {

        private ExitWhileDriving() {
        }

        public static void main(String[] args) throws InterruptedException {
            DifferentialDrive drive = new PrintingDrive();
            FixedRateLoop loop = new FixedRateLoop(() -> drive.drive(1.0, 1.0), 1_000_000L, drive);
            MotorSafety safety = MotorSafety.arm(loop, drive, 200, false);
            loop.start();
            Thread.sleep(100);
            if (args.length > 0) {
                // the session ended normally: the loop stops the drive, the stop is disarmed
                loop.close();
                safety.close();
            }
            System.out.println("exiting");
            System.exit(0);
        }
    }

    @Test
    void theDriveIsStoppedAndClosedWhenTheJvmExits() throws IOException, InterruptedException {
        assertEquals(List.of("exiting", "stopped", "closed"), runChild(),
                "the hook stops the loop, which stops the drive, then closes the drive");
    }

    @Test
    void aClosedStopDoesNothingAtExit() throws IOException, InterruptedException {
        List<String> lines = runChild("disarm");
        assertEquals("exiting", lines.get(lines.size() - 1), "nothing runs at exit: " + lines);
        assertFalse(lines.contains("closed"), "a disarmed stop does not close the drive: " + lines);
        assertTrue(lines.contains("stopped"), "the loop stopped the drive when it ended: " + lines);
    }

    private static List<String> runChild(String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                ExitWhileDriving.class.getName()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void aNegativeWaitIsRefused() {
        DifferentialDrive drive = new PrintingDrive();
        FixedRateLoop loop = new FixedRateLoop(() -> { }, 1_000_000L, drive);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MotorSafety.arm(loop, drive, -1, false));
        assertEquals("waitMillis must be >= 0, got -1", e.getMessage());
    }
}
