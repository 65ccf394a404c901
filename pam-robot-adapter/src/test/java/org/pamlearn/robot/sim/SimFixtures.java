// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.function.Executable;

/** Synthetic tracks and helpers for the simulator tests. */
final class SimFixtures {

    private SimFixtures() {
    }

    /** A {@code w x h} track (pixel size 1) that is black everywhere: the distance to the line is always 0. */
    static Track allDark(int w, int h) {
        double[] d = new double[w * h];
        Arrays.fill(d, 1.0);
        return Tracks.fromDarkness(d, w, h, 1.0);
    }

    /** A track (pixel size 1) with a black horizontal band of pixel rows {@code [fromRow, toRow)}. */
    static Track band(int w, int h, int fromRow, int toRow) {
        double[] d = new double[w * h];
        for (int iy = fromRow; iy < toRow; iy++) {
            Arrays.fill(d, iy * w, (iy + 1) * w, 1.0);
        }
        return Tracks.fromDarkness(d, w, h, 1.0);
    }

    /** A track (pixel size 1) black for pixel columns {@code >= edge}, white left of it. */
    static Track halfPlane(int w, int h, int edge) {
        double[] d = new double[w * h];
        for (int iy = 0; iy < h; iy++) {
            Arrays.fill(d, iy * w + edge, (iy + 1) * w, 1.0);
        }
        return Tracks.fromDarkness(d, w, h, 1.0);
    }

    /** A simulator without motor noise on a track. */
    static LineFollowerSim exact(Track track) {
        return LineFollowerSim.builder().track(track).motorNoise(false).build();
    }

    /** The authors' reflex error from a sample in the order L2, L1, R1, R2. */
    static double reflexError(double[] r) {
        return (r[1] + 2 * r[0]) - (r[2] + 2 * r[3]);
    }

    /** {@code logistic(1 - darkness)}, the ground-sensor model. */
    static double groundValue(double darkness) {
        return 1.0 / (1.0 + Math.exp(-(1.0 - darkness)));
    }

    /** Asserts the exception type and that its message contains {@code part}. */
    static <T extends Throwable> T assertMessage(Class<T> type, String part, Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                "message should contain '" + part + "', got: " + e.getMessage());
        return e;
    }
}
