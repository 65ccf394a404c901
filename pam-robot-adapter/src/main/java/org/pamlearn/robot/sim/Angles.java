// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot.sim;

/** Angle helpers. */
final class Angles {

    private Angles() {
    }

    /**
     * An angle wrapped into {@code (-pi, pi]}.
     *
     * @param a radians, finite
     * @return the same direction in {@code (-pi, pi]}
     */
    static double wrap(double a) {
        if (a > -Math.PI && a <= Math.PI) {
            return a;
        }
        double w = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
        // w is in [-pi, pi); move -pi to pi.
        return w <= -Math.PI ? w + 2 * Math.PI : w;
    }
}
