// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pamlearn.core.learning.Backprop;
import org.pamlearn.core.learning.Learner;
import org.pamlearn.core.learning.StepContext;

/** The activations against hand values and their derivatives against finite differences. */
class ActivationTest {

    /**
     * Golden values: logistic and tanh at 1 from Python 3's {@code math} ({@code repr}, 17 significant digits);
     * sigmoid(ln 3) = 1 / (1 + 1/3) = 0.75, tanh(ln 2) = (4 - 1) / (4 + 1) = 0.6. Tolerance 1e-15 unless exact.
     */
    @Test
    void valuesAndDerivativesAgainstHandValues() {
        Activation cs = Activation.CENTERED_SIGMOID;
        assertEquals(0.0, cs.value(0.0), 0.0, "centered sigmoid f(0)");
        assertEquals(0.25, cs.derivative(0.0, cs.value(0.0)), 0.0, "centered sigmoid f'(0)");
        assertEquals(0.2310585786300049, cs.value(1.0), 1e-15, "centered sigmoid f(1) = sigmoid(1) - 0.5");
        assertEquals(0.19661193324148185, cs.derivative(1.0, cs.value(1.0)), 1e-15, "sigmoid(1) (1 - sigmoid(1))");
        assertEquals(-0.25, cs.value(-Math.log(3.0)), 1e-15, "0.25 - 0.5");

        Activation s = Activation.SIGMOID;
        assertEquals(0.5, s.value(0.0), 0.0, "sigmoid f(0)");
        assertEquals(0.25, s.derivative(0.0, s.value(0.0)), 0.0, "sigmoid f'(0)");
        assertEquals(0.75, s.value(Math.log(3.0)), 1e-15, "sigmoid(ln 3)");
        assertEquals(0.1875, s.derivative(Math.log(3.0), s.value(Math.log(3.0))), 1e-15, "0.75 * 0.25");
        assertEquals(0.7310585786300049, s.value(1.0), 1e-15, "sigmoid(1)");

        Activation t = Activation.TANH;
        assertEquals(0.0, t.value(0.0), 0.0, "tanh(0)");
        assertEquals(1.0, t.derivative(0.0, t.value(0.0)), 0.0, "tanh'(0)");
        assertEquals(0.7615941559557649, t.value(1.0), 1e-15, "tanh(1)");
        assertEquals(0.41997434161402614, t.derivative(1.0, t.value(1.0)), 1e-15, "1 - tanh(1)^2");
        assertEquals(-0.6, t.value(-Math.log(2.0)), 1e-15, "tanh(-ln 2)");
        assertEquals(0.64, t.derivative(Math.log(2.0), t.value(Math.log(2.0))), 1e-15, "1 - 0.36");

        Activation lin = Activation.LINEAR;
        assertEquals(-2.5, lin.value(-2.5), 0.0, "linear");
        assertEquals(1.0, lin.derivative(-2.5, -2.5), 0.0, "linear'");

        Activation relu = Activation.RELU;
        assertEquals(0.0, relu.value(-1.0), 0.0, "relu(-1)");
        assertEquals(0.0, relu.value(0.0), 0.0, "relu(0)");
        assertEquals(2.0, relu.value(2.0), 0.0, "relu(2)");
        assertEquals(0.0, relu.derivative(-1.0, 0.0), 0.0, "relu'(-1)");
        assertEquals(0.0, relu.derivative(0.0, 0.0), 0.0, "relu'(0) = 0 by convention");
        assertEquals(1.0, relu.derivative(2.0, 2.0), 0.0, "relu'(2)");
    }

    /**
     * {@code derivative(v, value(v))} against a fourth-order central difference of {@code value} with step
     * 1e-3: truncation {@code ~h^4 f^(5) / 30 < 1e-13}, rounding {@code ~1e-16 / h = 1e-13}. Tolerance 1e-10
     * absolute (the derivatives are at most 1). Points avoid the ReLU kink at 0.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Activation.class)
    void derivativeMatchesFiniteDifferences(Activation f) {
        double h = 1e-3;
        for (double v : new double[] {-6.0, -2.5, -0.7, -0.01, 0.013, 0.3, 1.0, 2.5, 6.0}) {
            double fd = (8.0 * (f.value(v + h) - f.value(v - h)) - (f.value(v + 2 * h) - f.value(v - 2 * h)))
                    / (12.0 * h);
            assertEquals(fd, f.derivative(v, f.value(v)), 1e-10, f + " at v = " + v);
        }
    }

    /**
     * The network's forward and backward passes compute the same f and f' as this enum (the engine has its own
     * loops), including ReLU's convention f'(0) = 0: a 1 -> 1 network with weight 1 has v = u, so its output is
     * {@code value(u)} and BP's output delta for E = 1 is {@code derivative(u, value(u))}, bit for bit.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Activation.class)
    void networkComputesTheSameFunctionAndDerivative(Activation f) {
        Network net = Network.builder(1).activation(f)
                .layer(LayerSpec.of(1).withInit(WeightInits.explicit(new double[][] {{1.0}}, null))).build();
        Learner bp = Backprop.builder().eta(1e-300).build().newLearner(net);
        double[] y = new double[1];
        for (double v : new double[] {-3.5, -1.0, -0.0, 0.0, 1e-12, 0.4, 2.0, 40.0}) {
            net.forward(new double[] {v}, y);
            assertEquals(f.value(v), y[0], 0.0, f + " at v = " + v);
            bp.learn(1.0, new StepContext());
            assertEquals(f.derivative(v, f.value(v)), net.deltas(0)[0], 0.0, f + "' at v = " + v);
        }
    }
}
