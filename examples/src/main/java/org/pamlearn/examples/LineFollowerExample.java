// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples;

import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.ClosedLoopController;
import org.pamlearn.robot.EmaSuccess;
import org.pamlearn.robot.LookaheadPosition;
import org.pamlearn.robot.SuccessDetector;
import org.pamlearn.robot.sim.LineFollowerSim;
import org.pamlearn.zspace.filter.FilterArray;

/** The default run of {@code pamlearn line-follower}, written out: PaM learns to follow the built-in track. */
public final class LineFollowerExample {

    public static void main(String[] args) {
        LineFollowerSim sim = LineFollowerSim.builder().seed(0).build();   // built-in track, 2 rows x 15 sensors
        LookaheadPosition q = new LookaheadPosition(15, 15);                // farthest row: predictors 15..29
        Network net = Network.builder(30 * 5).init(WeightInits.uniform(-0.1, 0.1)).layers(8, 6, 3).build();
        ClosedLoopController controller = ClosedLoopController.builder()
                .reflexSensor(sim.reflexSensors()).predictorSensor(sim.predictorSensors())
                .filters(FilterArray.resonators(30, 5, 3, 20, 0.51))      // 30 predictors x 5 resonators
                .network(net).lookahead(q).drive(sim.drive())
                .rule(LearningRules.create(LearningRules.Name.PAM, LearningRules.Options.eta(1e-3)
                        .withModulation(LearningRules.errorRateTimesLookahead(q.centre(), 1))))
                .build();                                                 // v0 90, G_R 300, mix (50, 10, 2)
        SuccessDetector success = new EmaSuccess();
        for (int n = 0; n < 50_000 && !success.succeeded(); n++) {
            controller.step();                                            // sense, learn, act
            if (sim.advance()) {                                          // 30 ms of world; true: put back on line
                controller.pauseLearningFor(30);
            }
            success.update(controller.lastStep().error(), sim.onLine());
        }
        System.out.println("success: " + success.succeeded() + " after " + success.stepsToSuccess() + " steps");
    }
}
