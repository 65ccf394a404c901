// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import java.util.HashSet;
import java.util.Set;

/** A drive that throws on chosen calls (counted from 1 per method) and counts every attempt. */
final class FaultyDrive implements DifferentialDrive {
    final Set<Integer> failingDrives = new HashSet<>();
    final Set<Integer> failingStops = new HashSet<>();
    boolean failClose;
    int drives;
    int stops;
    int closes;
    boolean closed;
    double left = Double.NaN;

    @Override
    public double maxSpeed() {
        return 100.0;
    }

    @Override
    public void drive(double l, double r) {
        drives++;
        if (failingDrives.contains(drives)) {
            throw new IllegalStateException("drive #" + drives + " failed");
        }
        left = l;
    }

    @Override
    public void stop() {
        stops++;
        if (failingStops.contains(stops)) {
            throw new IllegalStateException("stop #" + stops + " failed");
        }
        left = 0.0;
    }

    @Override
    public void close() {
        closes++;
        if (failClose) {
            throw new UnsupportedOperationException("close failed");
        }
        closed = true;
    }
}
