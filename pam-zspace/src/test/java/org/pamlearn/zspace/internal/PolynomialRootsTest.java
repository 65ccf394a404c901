// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pamlearn.zspace.ZspaceFixtures.assertSameRoots;
import static org.pamlearn.zspace.ZspaceFixtures.randomDenominator;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.zspace.TransferFunction;

/**
 * The entry point {@link PolynomialRoots} directly: its closed forms and its fallback start. The root finder as a
 * whole is tested through {@code TransferFunction} ({@code TransferFunctionPropertyTest}) and against Commons Math
 * ({@link RootsVersusLaguerreTest}).
 */
class PolynomialRootsTest {

    /** Seeds 0..199, as the property tests of {@code org.pamlearn.zspace}. */
    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @Test
    void closedFormsForDegreesZeroToTwo() {
        assertEquals(0, PolynomialRoots.of(new double[] {3.0}).length);
        Complex[] linear = PolynomialRoots.of(new double[] {2.0, 1.0});
        assertEquals(1, linear.length);
        assertEquals(-0.5, linear[0].getReal(), 0.0);
        assertEquals(0.0, linear[0].getImaginary(), 0.0);
        // (z - 1)(z - 1e-9) = z^2 - (1 + 1e-9) z + 1e-9: the small root keeps its relative accuracy.
        Complex[] real = PolynomialRoots.of(new double[] {1.0, -(1.0 + 1e-9), 1e-9});
        assertEquals(1e-9, real[0].getReal(), 1e-24);
        assertEquals(1.0, real[1].getReal(), 1e-15);
        assertEquals(0.0, real[0].getImaginary(), 0.0);
        // z^2 + 1: the conjugate pair, positive imaginary part first.
        Complex[] pair = PolynomialRoots.of(new double[] {1.0, 0.0, 1.0});
        double[] parts = {pair[0].getReal(), pair[0].getImaginary(), pair[1].getReal(), pair[1].getImaginary()};
        assertArrayEquals(new double[] {0.0, 1.0, 0.0, -1.0}, parts, 0.0);
    }

    /**
     * The fallback start (companion eigenvalues, then the same iteration) finds the same roots. Moved here from
     * {@code TransferFunctionPropertyTest} with the root finder; the same seeds give the same polynomials.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void companionStartFindsTheSameRoots(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a;
        do {
            a = randomDenominator(rnd, 9, 1.2);
        } while (a.length < 4);
        double[] monic = TransferFunction.of(new double[] {1.0}, a).denominator();
        assertSameRoots(PolynomialRoots.fromCompanionStart(monic), PolynomialRoots.of(monic), "seed " + seed, "root");
    }
}
