// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import org.junit.jupiter.api.Test;
import org.pamlearn.core.Activation;
import org.pamlearn.core.Engine;
import org.pamlearn.core.Network;
import org.pamlearn.core.WeightInits;

class BatchSmokeTest {
    @Test
    void smoke() {
        Network plain = Network.builder(5).layers(7, 3).init(WeightInits.uniform(-1, 1)).bias(true).seed(3).build();
        Network nd = plain.copy(Engine.nd4j(Engine.Precision.DOUBLE));
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        double[] x = new double[5];
        double[] y = new double[3];
        Learner lp = PrimeAndModulate.builder().eta(0.1).build().newLearner(plain);
        Learner ln = PrimeAndModulate.builder().eta(0.1).build().newLearner(nd);
        StepContext c = new StepContext().setLookahead(3);
        for (int s = 0; s < 100; s++) {
            for (int i = 0; i < 5; i++) {
                x[i] = r.nextDouble(-1, 1);
            }
            plain.forward(x, y);
            nd.forward(x, y);
            double e = r.nextDouble(-1, 1);
            lp.learn(e, c);
            ln.learn(e, c);
        }
        double[][] wp = plain.weights(0);
        double[][] wn = nd.weights(0);
        System.out.println("online " + wp[0][0] + " " + wn[0][0] + " " + (wp[3][4] - wn[3][4]));
        for (String rule : new String[] {"bp", "sar", "pam"}) {
            Network net = Network.builder(4).layer(16).layer(3, Activation.LINEAR).activation(Activation.SIGMOID)
                    .init(WeightInits.uniform(-0.5, 0.5)).bias(true).seed(5).engine(Engine.nd4j(Engine.Precision.FLOAT))
                    .build();
            LearningRule lr = rule.equals("bp") ? Backprop.builder().eta(0.5).build()
                    : rule.equals("sar") ? SignAndRelevance.builder().eta(0.01).build()
                    : PrimeAndModulate.builder().eta(0.01).build();
            BatchLearner bl = BatchLearner.builder(lr, net).loss(BatchLearner.Loss.SOFTMAX_CROSS_ENTROPY).maxRows(32)
                    .build();
            double[] in = new double[32 * 4];
            double[] t = new double[32 * 3];
            double first = 0;
            double loss = 0;
            for (int s = 0; s < 2000; s++) {
                java.util.Arrays.fill(t, 0);
                for (int b = 0; b < 32; b++) {
                    int k = r.nextInt(3);
                    for (int i = 0; i < 4; i++) {
                        in[b * 4 + i] = r.nextGaussian() * 0.3 + (i == k ? 1 : 0);
                    }
                    t[b * 3 + k] = 1;
                }
                loss = bl.step(in, t, 32);
                if (s == 0) {
                    first = loss;
                }
            }
            System.out.println(rule + " loss " + first + " -> " + loss + " M " + bl.lastModulation());
        }
    }
}
