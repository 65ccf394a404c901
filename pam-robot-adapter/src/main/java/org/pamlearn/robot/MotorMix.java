// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * Output mixes {@code c_m}: the weights with which the network's outputs {@code o_m} enter the motor command,
 * {@code left = v0 + G_R E + G_N sum_m c_m o_m} (docs/ALGORITHMS.md &sect;5).
 */
public final class MotorMix {

    /** Output neurons of the authors' mix. */
    public static final int AUTHORS_OUTPUTS = 3;

    private MotorMix() {
    }

    /**
     * The authors' mix, {@code c_m = 50 / 5^m}: {@code (50, 10, 2)}, the same on both sides.
     *
     * @return a new array {@code {50, 10, 2}}
     */
    public static double[] authors() {
        return new double[] {50.0, 10.0, 2.0};
    }
}
