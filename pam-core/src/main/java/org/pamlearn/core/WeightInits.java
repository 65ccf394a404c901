// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.pamlearn.core.internal.Checks;

/**
 * The standard weight initialisations. Random ones draw the weights from the network's seeded
 * generator and set every bias to zero.
 *
 * <p>The authors of the closed-loop papers used {@code U[0, 1)} everywhere and {@code U[0, 0.001)} on
 * the first layer (their "divide the first layer's sum by 1000", docs/ALGORITHMS.md &sect;3).
 */
public final class WeightInits {

    private WeightInits() {
    }

    /**
     * Weights drawn from {@code U[low, high)}.
     *
     * @param low the lower bound, inclusive
     * @param high the upper bound, exclusive; must exceed {@code low}
     * @return the initialisation
     * @throws IllegalArgumentException if a bound is not finite or {@code high <= low}
     */
    public static WeightInit uniform(double low, double high) {
        Checks.requireFinite("low", low);
        Checks.requireFinite("high", high);
        if (!(high > low)) {
            throw new IllegalArgumentException("uniform init needs high > low, got low " + low + ", high " + high);
        }
        return new Uniform(low, high, "uniform(" + low + ", " + high + ")");
    }

    /**
     * Weights drawn from {@code U[-halfWidth, halfWidth)}.
     *
     * @param halfWidth half the width of the range; finite and {@code > 0}
     * @return the initialisation
     * @throws IllegalArgumentException if {@code halfWidth} is not finite and positive
     */
    public static WeightInit symmetric(double halfWidth) {
        Checks.requirePositive("halfWidth", halfWidth);
        return new Uniform(-halfWidth, halfWidth, "symmetric(" + halfWidth + ")");
    }

    /**
     * Xavier/Glorot uniform: {@code U[-a, a)} with {@code a = sqrt(6 / (nInputs + nNeurons))}.
     *
     * @return the initialisation
     */
    public static WeightInit xavier() {
        return new Scaled(6.0, true, 1.0, "xavier");
    }

    /**
     * Xavier/Glorot uniform scaled for the logistic sigmoid: {@code U[-a, a)} with
     * {@code a = 4 sqrt(6 / (nInputs + nNeurons))}. The factor 4 is the inverse of the logistic's slope at 0 (1/4), so
     * a logistic layer keeps the variance of its input as a tanh layer does with {@link #xavier()} (Glorot and
     * Bengio, 2010).
     *
     * @return the initialisation
     */
    public static WeightInit xavierLogistic() {
        return new Scaled(6.0, true, 4.0, "xavier-logistic");
    }

    /**
     * He uniform: {@code U[-a, a)} with {@code a = sqrt(6 / nInputs)}, for ReLU layers.
     *
     * @return the initialisation
     */
    public static WeightInit he() {
        return new Scaled(6.0, false, 1.0, "he");
    }

    /**
     * Explicit weights and biases, copied at once.
     *
     * @param weights {@code weights[j][i]} from input {@code i} to neuron {@code j}; a rectangular
     *     {@code nNeurons x nInputs} array of finite values. Not modified.
     * @param bias the biases, length {@code nNeurons}, or {@code null} for zero biases (or a layer
     *     without bias). Not modified.
     * @return the initialisation; it fills only layers of exactly that shape
     * @throws IllegalArgumentException if the array is empty, ragged or holds a value that is not finite
     */
    public static WeightInit explicit(double[][] weights, double[] bias) {
        Objects.requireNonNull(weights, "weights");
        if (weights.length == 0 || weights[0] == null || weights[0].length == 0) {
            throw new IllegalArgumentException("explicit weights must be a non-empty nNeurons x nInputs array");
        }
        int nNeurons = weights.length;
        int nInputs = weights[0].length;
        double[] flat = new double[nNeurons * nInputs];
        for (int j = 0; j < nNeurons; j++) {
            if (weights[j] == null || weights[j].length != nInputs) {
                throw new IllegalArgumentException("explicit weights[" + j + "].length must be " + nInputs + ", got "
                        + (weights[j] == null ? "null" : weights[j].length));
            }
            for (int i = 0; i < nInputs; i++) {
                double w = weights[j][i];
                if (!Double.isFinite(w)) {
                    throw new IllegalArgumentException("explicit weights[" + j + "][" + i + "] must be finite, got "
                            + w);
                }
                flat[j * nInputs + i] = w;
            }
        }
        double[] b = null;
        if (bias != null) {
            if (bias.length != nNeurons) {
                throw new IllegalArgumentException(
                        "explicit bias.length must be " + nNeurons + ", got " + bias.length);
            }
            for (int j = 0; j < nNeurons; j++) {
                if (!Double.isFinite(bias[j])) {
                    throw new IllegalArgumentException("explicit bias[" + j + "] must be finite, got " + bias[j]);
                }
            }
            b = bias.clone();
        }
        return new Explicit(flat, b, nInputs, nNeurons);
    }

    private static void fillUniform(double[] weights, double low, double high, SplittableRandom random) {
        double width = high - low;
        for (int k = 0; k < weights.length; k++) {
            weights[k] = low + width * random.nextDouble();
        }
    }

    private static final class Uniform implements WeightInit {
        private final double low;
        private final double high;
        private final String description;

        Uniform(double low, double high, String description) {
            this.low = low;
            this.high = high;
            this.description = description;
        }

        @Override
        public void initialise(double[] weights, double[] bias, int nInputs, int nNeurons, SplittableRandom random) {
            fillUniform(weights, low, high, random);
            if (bias != null) {
                Arrays.fill(bias, 0.0);
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static final class Scaled implements WeightInit {
        private final double numerator;
        private final boolean countOutputs;
        private final double gain;
        private final String name;

        Scaled(double numerator, boolean countOutputs, double gain, String name) {
            this.numerator = numerator;
            this.countOutputs = countOutputs;
            this.gain = gain;
            this.name = name;
        }

        @Override
        public void initialise(double[] weights, double[] bias, int nInputs, int nNeurons, SplittableRandom random) {
            double fan = countOutputs ? nInputs + nNeurons : nInputs;
            double a = gain * Math.sqrt(numerator / fan);
            fillUniform(weights, -a, a, random);
            if (bias != null) {
                Arrays.fill(bias, 0.0);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final class Explicit implements WeightInit {
        private final double[] weights;
        private final double[] bias;
        private final int nInputs;
        private final int nNeurons;

        Explicit(double[] weights, double[] bias, int nInputs, int nNeurons) {
            this.weights = weights;
            this.bias = bias;
            this.nInputs = nInputs;
            this.nNeurons = nNeurons;
        }

        @Override
        public void initialise(double[] w, double[] b, int nIn, int nOut, SplittableRandom random) {
            if (nIn != nInputs || nOut != nNeurons) {
                throw new IllegalArgumentException("explicit weights are " + nNeurons + "x" + nInputs
                        + " (neurons x inputs), but the layer is " + nOut + "x" + nIn);
            }
            if (bias != null && b == null) {
                throw new IllegalArgumentException("explicit bias given for a layer without bias");
            }
            System.arraycopy(weights, 0, w, 0, weights.length);
            if (b != null) {
                if (bias == null) {
                    Arrays.fill(b, 0.0);
                } else {
                    System.arraycopy(bias, 0, b, 0, bias.length);
                }
            }
        }

        @Override
        public String toString() {
            return "explicit(" + nNeurons + "x" + nInputs + ")";
        }
    }
}
