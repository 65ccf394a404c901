// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples;

import org.pamlearn.zspace.ClosedLoop;
import org.pamlearn.zspace.TransferFunction;
import org.pamlearn.zspace.filter.FilterArray;

/** The closed loop of a reflex and a network in z-space, and the filters between look-ahead sensors and network. */
public final class ZspaceExample {

    public static void main(String[] args) {
        TransferFunction plant = TransferFunction.gain(0.5).times(TransferFunction.delay(1))
                .times(TransferFunction.integrator());            // R(z) = 0.5 z^-1/(1 - z^-1)
        ClosedLoop loop = ClosedLoop.of(plant, TransferFunction.gain(0.8), 1.5, 2);  // H = G_R, G_N, T
        System.out.println("reflex stable: " + loop.isReflexStable());         // true: pole 0.6
        System.out.println("closed-loop gain: " + loop.closedLoopGain());      // K_cl = G_N/G_R = 1.875
        System.out.println("priming sign: " + loop.primingSign());             // +1

        FilterArray filters = FilterArray.resonators(48, 5, 3, 10, 0.51);      // 48 predictors x 5 resonators
        double[] p = new double[48];
        double[] u = new double[240];
        p[0] = 1;                                                 // an impulse on predictor 0
        filters.filter(p, u, 0);                                  // u[5*i + k], allocation-free, per sample
        System.out.println("first resonator output: " + u[0]);
    }
}
