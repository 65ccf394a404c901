// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples;

import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.Cues;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.core.learning.StepContext;

/** A network learns, from the error a reflex would correct, to cancel a disturbance it sees 5 steps early. */
public final class OnlineLearningExample {

    public static void main(String[] args) {
        Network net = Network.builder(2)                          // two look-ahead inputs
                .layer(LayerSpec.of(8).withInit(WeightInits.uniform(0, 0.001)))
                .layers(4, 1)                                     // CENTERED_SIGMOID, U[0,1), no bias
                .seed(42)
                .build();
        Learner learner = LearningRules.create(LearningRules.Name.PAM,
                LearningRules.Options.eta(1e-3).withModulation(Cues.errorRate())).newLearner(net);
        StepContext context = new StepContext();
        double[] u = new double[2];
        double[] y = new double[1];
        double compensation = 0;
        double early = 0;
        double late = 0;
        for (int n = 0; n < 20_000; n++) {
            double error = bend(n) - compensation;                // E(n), "desired minus actual"
            if (n > 0) {
                learner.learn(error, context);                    // on the previous forward pass
            }
            u[0] = Math.max(0, bend(n + 5));                      // the look-ahead sees the bend 5 steps early
            u[1] = Math.max(0, -bend(n + 5));
            net.forward(u, y);                                    // allocation-free
            compensation = 4 * y[0];                              // acts at the next step
            early += n < 1000 ? Math.abs(error) : 0;
            late += n >= 19_000 ? Math.abs(error) : 0;
        }
        System.out.printf("mean |E|: first 1000 steps %.3f, last 1000 steps %.3f%n", early / 1000, late / 1000);
    }

    /** Bends left and right: 0, +1, 0, -1, each for 50 steps. */
    private static double bend(int n) {
        return (n / 50) % 2 == 0 ? 0.0 : ((n / 100) % 2 == 0 ? 1.0 : -1.0);
    }
}
