// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.core.Activation;
import org.pamlearn.core.LayerSpec;
import org.pamlearn.core.Network;
import org.pamlearn.core.NetworkFixtures;
import org.pamlearn.core.WeightInits;
import org.pamlearn.core.internal.DenseLayer;
import org.pamlearn.core.internal.NetworkAccess;

/**
 * Back-propagation against finite differences: with {@code E_m = t_m - y_m}, one BP step is
 * {@code dw = -eta * dJ/dw} for {@code J = 0.5 * |t - y|^2} (docs/ALGORITHMS.md &sect;3).
 */
class BackpropGradientTest {

    /** Seeds of the property test; depth is {@code 1 + seed % 10}. */
    private static final int N_SEEDS = 200;

    static LongStream seeds() {
        return NetworkFixtures.seeds(N_SEEDS);
    }

    /**
     * For each parameter (weights and biases of every layer) the reference gradient {@code g = dJ/dp} comes
     * from central differences of {@code J} on a copy of the network, Richardson-extrapolated by Ridders'
     * method (Numerical Recipes, {@code dfridr}: steps h0 / 1.4^k, up to 10 levels, with an error estimate), the
     * first step {@code h0 = 0.1 * max(|p|, max|w| of the layer)}. BP's step is taken with {@code eta = 2^k}
     * chosen so that {@code eta * G_l >= 1e3 * max|p|} in every layer: multiplying and dividing by a power of
     * two is exact, so {@code (p_after - p_before) / eta} carries no rounding beyond {@code 2^-52 * |p| / eta}
     * (with a small eta the step would drown in the rounding of {@code p + dp}). BP computes every delta before
     * any weight changes, so the step is linear in eta and a large eta changes nothing else.
     *
     * <p>Criterion, per parameter of layer {@code l}: {@code |dp/eta - (-g)| <= 1e-6 * max(|g|, 1e-3 * G_l)},
     * {@code G_l} the largest {@code |g|} of layer {@code l}. A wrong sign is off by {@code 2|g|}; a missing
     * {@code f'} scales a step by {@code 1/f'} (at least 4 for the sigmoids), so both fail by orders of magnitude
     * (a derivative off by a relative 1e-5 already fails). A parameter whose finite differences change the sign
     * of any ReLU pre-activation (a kink inside the stencil) is skipped, not compared more loosely; so is one
     * whose Ridders error estimate exceeds a tenth of its tolerance (the reference cannot judge it). Both are
     * counted, and at least 75% of each network's parameters must be checked. A network whose gradient is zero
     * everywhere (dead ReLUs) is replaced by the next draw from the same seed.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void backpropStepIsMinusEtaTimesTheGradientOfHalfSquaredError(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int depth = 1 + (int) (seed % 10);
        // A network whose gradient is zero everywhere (dead ReLUs) would check nothing: draw another one.
        Network net;
        double[] error;
        Gradient reference;
        double[][] g;
        int draws = 0;
        do {
            net = NetworkFixtures.randomNetwork(random, depth);
            double[] u = NetworkFixtures.randomVector(random, net.inputCount(), -2.0, 2.0);
            double[] y = new double[net.outputCount()];
            net.forward(u, y);
            double[] target = new double[y.length];
            error = new double[y.length];
            for (int m = 0; m < y.length; m++) {
                target[m] = y[m] + random.nextDouble(-1.0, 1.0);
                error[m] = target[m] - y[m];
            }
            reference = new Gradient(net, u, target);
            g = reference.all();
        } while (allZero(g) && ++draws < 20);
        assertTrue(draws < 20, "seed " + seed + ": 20 networks in a row with zero gradient");

        // eta = 2^k with eta * G_l >= 1e3 * max|w| for every layer with a non-zero gradient.
        double smallest = Double.POSITIVE_INFINITY;
        double largestWeight = 0.0;
        for (int l = 0; l < net.layerCount(); l++) {
            double gl = maxAbs(g[l]);
            if (gl > 0.0) {
                smallest = Math.min(smallest, gl);
            }
            largestWeight = Math.max(largestWeight, maxAbs(NetworkFixtures.parameters(net, l)));
        }
        double eta = Math.scalb(1.0, Math.max(0, Math.getExponent(1e3 * largestWeight / smallest) + 1));

        double[][] before = new double[net.layerCount()][];
        for (int l = 0; l < net.layerCount(); l++) {
            before[l] = NetworkFixtures.parameters(net, l);
        }
        Learner bp = Backprop.builder().eta(eta).build().newLearner(net);
        bp.learn(error, new StepContext());

        int checked = 0;
        int total = 0;
        for (int l = 0; l < net.layerCount(); l++) {
            double[] after = NetworkFixtures.parameters(net, l);
            double gl = maxAbs(g[l]);
            for (int p = 0; p < after.length; p++) {
                total++;
                if (reference.skipped[l][p]) {
                    continue;
                }
                double step = (after[p] - before[l][p]) / eta;
                double expected = -g[l][p];
                double tol = 1e-6 * Math.max(Math.abs(expected), 1e-3 * gl);
                if (reference.error[l][p] > 0.1 * tol) {
                    reference.unresolved++;
                    continue;
                }
                checked++;
                if (!(Math.abs(step - expected) <= tol)) {
                    fail("seed " + seed + ", " + net + ", layer " + l + ", parameter " + p + ": BP step / eta = "
                            + step + ", -dJ/dp = " + expected + " (finite differences, error estimate "
                            + reference.error[l][p] + "), tolerance " + tol);
                }
            }
        }
        assertTrue(checked >= 0.75 * total, "seed " + seed + ", " + net + ": only " + checked + " of " + total
                + " parameters checked (" + reference.kinks + " at ReLU kinks, " + reference.unresolved
                + " beyond the finite differences' accuracy)");
    }

    /**
     * The CLDL variant without the output derivative: {@code delta^(L) = E}. Hand computation for a 2 -> 2 -> 1
     * network (hidden CENTERED_SIGMOID, output TANH, no bias), input u = (1, -1), E = 0.5:
     * <pre>
     *   v0 = (0.5*1 + 0.25*(-1), -1*1 + 0.5*(-1)) = (0.25, -1.5),  A0 = sigma(v0) - 0.5
     *   delta^(1) = E = 0.5   (not E * (1 - y^2))
     *   delta0_k = f'(v0_k) * w1_k * 0.5 = (0.5 + A0_k)(0.5 - A0_k) * w1_k * 0.5, w1 = (2, -1)
     *   w1 += 0.1 * 0.5 * A0;  w0_k += 0.1 * delta0_k * u
     * </pre>
     * sigma(0.25) = 0.562176500885798..., sigma(-1.5) = 0.182425523806356... (logistic function, 15 digits);
     * tolerance 1e-14.
     */
    @Test
    void withoutOutputDerivativeTheOutputDeltaIsTheError() {
        Network net = Network.builder(2)
                .layer(LayerSpec.of(2).withInit(WeightInits.explicit(new double[][] {{0.5, 0.25}, {-1.0, 0.5}}, null)))
                .layer(LayerSpec.of(1).withActivation(Activation.TANH)
                        .withInit(WeightInits.explicit(new double[][] {{2.0, -1.0}}, null)))
                .build();
        net.forward(new double[] {1.0, -1.0}, new double[1]);
        Learner bp = Backprop.builder().eta(0.1).outputDerivative(false).build().newLearner(net);
        bp.learn(0.5, new StepContext());

        double a0 = 0.562176500885798 - 0.5;
        double a1 = 0.182425523806356 - 0.5;
        double d0 = (0.5 + a0) * (0.5 - a0) * 2.0 * 0.5;
        double d1 = (0.5 + a1) * (0.5 - a1) * -1.0 * 0.5;
        assertArrayEquals(new double[] {0.5}, net.deltas(1), 0.0, "output delta = E exactly");
        assertArrayEquals(new double[] {d0, d1}, net.deltas(0), 1e-14, "hidden deltas");
        assertArrayEquals(new double[] {2.0 + 0.05 * a0, -1.0 + 0.05 * a1}, net.weights(1)[0], 1e-14,
                "output weights");
        assertArrayEquals(new double[] {0.5 + 0.1 * d0, 0.25 - 0.1 * d0}, net.weights(0)[0], 1e-14, "w0 row 0");
        assertArrayEquals(new double[] {-1.0 + 0.1 * d1, 0.5 - 0.1 * d1}, net.weights(0)[1], 1e-14, "w0 row 1");

        // With the derivative (the default) the same step scales delta^(L) by 1 - y^2 < 1.
        Network withDerivative = Network.builder(2).layer(1).build();
        withDerivative.forward(new double[] {1.0, 1.0}, new double[1]);
        Backprop.builder().eta(0.1).build().newLearner(withDerivative).learn(0.5, new StepContext());
        double y = withDerivative.activations(0)[0];
        assertEquals(0.5 * (0.5 + y) * (0.5 - y), withDerivative.deltas(0)[0], 1e-16, "delta^(L) = E f'(v)");
    }

    private static boolean allZero(double[][] g) {
        for (double[] layer : g) {
            if (maxAbs(layer) != 0.0) {
                return false;
            }
        }
        return true;
    }

    private static double maxAbs(double[] x) {
        double m = 0.0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Ridders-extrapolated central differences of {@code J = 0.5 |t - y|^2} on a copy of the network. */
    private static final class Gradient {
        private static final double CON = 1.4;
        private static final double CON2 = CON * CON;
        private static final int NTAB = 10;
        private static final double SAFE = 2.0;

        private final Network probe;
        private final DenseLayer[] layers;
        private final double[] input;
        private final double[] target;
        private final double[] yPlus;
        private final double[] yMinus;
        private final boolean[][] reluPattern;
        private final double[][] a = new double[NTAB][NTAB];
        final boolean[][] skipped;
        final double[][] error;
        int kinks;
        int unresolved;
        private boolean kinked;

        Gradient(Network net, double[] input, double[] target) {
            this.probe = net.copy();
            this.layers = NetworkAccess.state(probe).layers;
            this.input = input;
            this.target = target;
            this.yPlus = new double[target.length];
            this.yMinus = new double[target.length];
            this.reluPattern = pattern();
            this.skipped = new boolean[layers.length][];
            this.error = new double[layers.length][];
        }

        /** The pattern {@code v > 0} of every ReLU neuron after the last forward pass of the probe. */
        private boolean[][] pattern() {
            boolean[][] p = new boolean[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                p[l] = new boolean[layers[l].nOut];
                for (int j = 0; j < p[l].length; j++) {
                    p[l][j] = layers[l].z[j] > 0.0;
                }
            }
            return p;
        }

        private boolean samePattern() {
            for (int l = 0; l < layers.length; l++) {
                if (layers[l].activation != Activation.RELU) {
                    continue;
                }
                for (int j = 0; j < layers[l].nOut; j++) {
                    if ((layers[l].z[j] > 0.0) != reluPattern[l][j]) {
                        return false;
                    }
                }
            }
            return true;
        }

        double[][] all() {
            double[][] g = new double[layers.length][];
            for (int l = 0; l < layers.length; l++) {
                DenseLayer d = layers[l];
                int nW = d.nOut * d.nIn;
                int n = nW + (d.bias == null ? 0 : d.nOut);
                g[l] = new double[n];
                skipped[l] = new boolean[n];
                error[l] = new double[n];
                double scale = 0.0;
                for (double[] row : d.w) {
                    for (double w : row) {
                        scale = Math.max(scale, Math.abs(w));
                    }
                }
                for (int p = 0; p < n; p++) {
                    double[] arr = p < nW ? d.w[p / d.nIn] : d.bias;
                    int k = p < nW ? p % d.nIn : p - nW;
                    double h = 0.1 * Math.max(Math.abs(arr[k]), scale);
                    boolean done = false;
                    for (int attempt = 0; attempt < 4 && !done; attempt++, h *= 0.1) {
                        kinked = false;
                        double[] r = ridders(arr, k, h);
                        if (!kinked) {
                            g[l][p] = r[0];
                            error[l][p] = r[1];
                            done = true;
                        }
                    }
                    if (!done) {
                        skipped[l][p] = true;
                        kinks++;
                    }
                }
            }
            return g;
        }

        /** Returns {derivative, error estimate}; sets {@link #kinked} if an evaluation crossed a ReLU kink. */
        private double[] ridders(double[] arr, int k, double h0) {
            double hh = h0;
            a[0][0] = centralDifference(arr, k, hh);
            double err = Double.MAX_VALUE;
            double ans = a[0][0];
            for (int i = 1; i < NTAB && !kinked; i++) {
                hh /= CON;
                a[0][i] = centralDifference(arr, k, hh);
                double fac = CON2;
                for (int j = 1; j <= i; j++) {
                    a[j][i] = (a[j - 1][i] * fac - a[j - 1][i - 1]) / (fac - 1.0);
                    fac *= CON2;
                    double errt = Math.max(Math.abs(a[j][i] - a[j - 1][i]), Math.abs(a[j][i] - a[j - 1][i - 1]));
                    if (errt <= err) {
                        err = errt;
                        ans = a[j][i];
                    }
                }
                if (Math.abs(a[i][i] - a[i - 1][i - 1]) >= SAFE * err) {
                    break;
                }
            }
            return new double[] {ans, err};
        }

        /**
         * {@code (J(p + h) - J(p - h)) / (h+ + h-)}, with the steps actually taken after rounding, and the
         * difference of J written as {@code 0.5 * sum (y- - y+)(2t - y+ - y-)} to avoid cancelling two values of J.
         */
        private double centralDifference(double[] arr, int k, double h) {
            double p0 = arr[k];
            double plus = p0 + h;
            double minus = p0 - h;
            arr[k] = plus;
            probe.forward(input, yPlus);
            kinked |= !samePattern();
            arr[k] = minus;
            probe.forward(input, yMinus);
            kinked |= !samePattern();
            arr[k] = p0;
            double dj = 0.0;
            for (int m = 0; m < target.length; m++) {
                dj += (yMinus[m] - yPlus[m]) * (2.0 * target[m] - yPlus[m] - yMinus[m]);
            }
            return 0.5 * dj / ((plus - p0) + (p0 - minus));
        }
    }
}
