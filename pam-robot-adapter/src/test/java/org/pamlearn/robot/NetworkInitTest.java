// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.core.Network;

/**
 * {@link NetworkInit#GLOROT}: every layer's weights lie in {@code [-a, a]} with {@code a = 4 sqrt(6 / (in + out))},
 * computed here from the layer's shape, and span that range; the draws depend on the seed only.
 */
class NetworkInitTest {

    /** The line follower's 150 inputs, ten hidden layers of 10 and a wide one, 3 outputs. */
    private static final int INPUTS = 150;
    private static final int[] HIDDEN = {10, 10, 10, 10, 10, 10, 10, 10, 10, 200};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 1, 2, -7, Long.MIN_VALUE})
    void glorotWeightsLieInTheirLayersRangeAndSpanIt(long seed) {
        Network net = NetworkInit.GLOROT.network(INPUTS, HIDDEN, 3, seed, NetworkInit.DEFAULT_HALF_WIDTH);
        assertEquals(HIDDEN.length + 1, net.layerCount());
        for (int l = 0; l < net.layerCount(); l++) {
            int in = net.layerInputCount(l);
            int out = net.layerSize(l);
            double a = 4 * Math.sqrt(6.0 / (in + out));
            double max = 0;
            boolean negative = false;
            boolean positive = false;
            for (double[] row : net.weights(l)) {
                for (double w : row) {
                    assertTrue(w >= -a && w <= a, "seed " + seed + " layer " + l + ": " + w + " outside +-" + a);
                    max = Math.max(max, Math.abs(w));
                    negative |= w < 0;
                    positive |= w > 0;
                }
            }
            String what = "seed " + seed + " layer " + l + " (" + in + " x " + out + "): max |w| " + max + ", a " + a;
            assertTrue(negative && positive, what + ": both signs");
            // n uniform draws all stay below (1 - e) a with probability (1 - e)^n: 0.99^1500 = 3e-7.
            assertTrue(max > (in * out >= 1000 ? 0.99 : 0.5) * a, what + ": spans the range");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0, 5})
    void glorotIsDeterministicPerSeed(long seed) {
        Network a = NetworkInit.GLOROT.network(INPUTS, HIDDEN, 3, seed, NetworkInit.DEFAULT_HALF_WIDTH);
        Network b = NetworkInit.GLOROT.network(INPUTS, HIDDEN, 3, seed, 0.5);
        Network other = NetworkInit.GLOROT.network(INPUTS, HIDDEN, 3, seed + 1, NetworkInit.DEFAULT_HALF_WIDTH);
        for (int l = 0; l < a.layerCount(); l++) {
            double[][] w = a.weights(l);
            double[][] v = b.weights(l);
            for (int j = 0; j < w.length; j++) {
                assertArrayEquals(w[j], v[j], "seed " + seed + " layer " + l + " neuron " + j
                        + ": same seed, same weights (the half width is ignored)");
            }
            assertFalse(Arrays.deepEquals(w, other.weights(l)), "seed " + seed + " layer " + l + ": another seed");
        }
        assertEquals("glorot", NetworkInit.GLOROT.label());
    }
}
