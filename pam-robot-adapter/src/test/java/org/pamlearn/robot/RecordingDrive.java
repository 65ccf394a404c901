// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/** A drive that records its last command (clamped like a real one), its stops and whether it is closed. */
final class RecordingDrive implements DifferentialDrive {

    double left = Double.NaN;
    double right = Double.NaN;
    int drives;
    int stops;
    boolean closed;

    @Override
    public double maxSpeed() {
        return 100.0;
    }

    @Override
    public void drive(double l, double r) {
        left = DifferentialDrive.safe(l, 100.0);
        right = DifferentialDrive.safe(r, 100.0);
        drives++;
    }

    @Override
    public void stop() {
        left = 0.0;
        right = 0.0;
        stops++;
    }

    @Override
    public void close() {
        stop();
        closed = true;
    }
}
