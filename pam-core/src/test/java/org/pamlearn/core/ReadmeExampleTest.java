// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.PrimeAndModulate;
import org.pamlearn.core.learning.StepContext;

/** An online-learning loop (the earlier README example) against a toy robot: every layer of a deep PaM net learns. */
class ReadmeExampleTest {

    /**
     * A toy plant: a bend signal seen by the look-ahead inputs 5 steps before it shows in the reflex error, so a
     * network that learns cancels part of it.
     */
    private static final class ToyRobot {
        private final double[] bends = new double[1000 + 8];
        private int n;
        private double compensation;

        ToyRobot() {
            for (int k = 0; k < bends.length; k++) {
                bends[k] = (k / 50) % 2 == 0 ? 0.0 : ((k / 100) % 2 == 0 ? 1.0 : -1.0);
            }
        }

        double reflexError() {
            return bends[n] - compensation;
        }

        double pathColumn() {
            return 6.5 + 5 * bends[n + 5];
        }

        void predictors(double[] u) {
            for (int i = 0; i < u.length; i++) {
                u[i] = Math.max(0.0, bends[n + 5]) * (i % 2) + Math.max(0.0, -bends[n + 5]) * ((i + 1) % 2);
            }
        }

        void drive(double error, double[] y) {
            compensation = y[0] - y[1];
            n++;
        }
    }

    @Test
    void readmeExampleRunsAndLearns() {
        ToyRobot robot = new ToyRobot();
        // --- README example starts here ---
        Network net = Network.builder(240)                        // 240 look-ahead inputs
                .layer(LayerSpec.of(13).withInit(WeightInits.uniform(0, 0.001)))
                .layers(12, 11, 10, 9, 8, 7, 6, 5, 4, 3)          // CENTERED_SIGMOID, U[0,1), no bias
                .seed(42)
                .build();
        Learner learner = PrimeAndModulate.builder().eta(1e-3).build().newLearner(net);
        StepContext context = new StepContext();
        double[] u = new double[240];
        double[] y = new double[3];
        for (int n = 0; n < 1000; n++) {
            double error = robot.reflexError();                   // E(n), "desired minus actual"
            if (n > 0) {
                context.setLookahead(robot.pathColumn());         // q(n), for PaM's look-ahead cue
                learner.learn(error, context);                    // on the previous forward pass
            }
            robot.predictors(u);                                  // filtered look-ahead signals u(n)
            net.forward(u, y);                                    // allocation-free
            robot.drive(error, y);                                // motor = G_R·E + G_N·Σ c·y
        }
        // --- README example ends here ---
        for (int l = 0; l < net.layerCount(); l++) {
            assertTrue(net.weightDistance(l) > 0, "layer " + l + " did not learn");
        }
    }
}
