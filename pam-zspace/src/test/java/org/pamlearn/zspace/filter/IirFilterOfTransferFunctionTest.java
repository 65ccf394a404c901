// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pamlearn.zspace.filter.ResonatorTest.assertMessage;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pamlearn.zspace.TransferFunction;

/**
 * {@link IirFilter#of(TransferFunction)}: the factored cascade realises the transfer function. Its impulse
 * response equals {@link TransferFunction#impulseResponse(int)} and the power series of {@code B / A} by long
 * division (written here), its DC gain and steady state agree, and the sections multiply back to {@code B / A}.
 */
class IirFilterOfTransferFunctionTest {

    private static final int SAMPLES = 300;

    /** The power series of B(z^-1) / A(z^-1) by long division: h[n] = (b[n] - sum_{k=1..n} a[k] h[n-k]) / a[0]. */
    static double[] powerSeries(double[] b, double[] a, int n) {
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            double v = i < b.length ? b[i] : 0.0;
            for (int k = 1; k < a.length && k <= i; k++) {
                v -= a[k] * h[i - k];
            }
            h[i] = v / a[0];
        }
        return h;
    }

    /** p(z^-1) * (c0 + c1 z^-1 + c2 z^-2). */
    private static double[] times(double[] p, double c0, double c1, double c2) {
        double[] r = new double[p.length + 2];
        for (int i = 0; i < p.length; i++) {
            r[i] += c0 * p[i];
            r[i + 1] += c1 * p[i];
            r[i + 2] += c2 * p[i];
        }
        return r;
    }

    /** A denominator 1 + a1 z^-1 + ... with nPoles random poles, radius below rMax, as real and conjugate pairs. */
    private static double[] randomDenominator(SplittableRandom random, int nPoles, double rMax) {
        double[] a = {1.0};
        int left = nPoles;
        while (left > 0) {
            if (left >= 2 && random.nextBoolean()) {
                double r = random.nextDouble(rMax);
                double theta = random.nextDouble(Math.PI);
                a = times(a, 1.0, -2 * r * Math.cos(theta), r * r);
                left -= 2;
            } else {
                a = times(a, 1.0, -random.nextDouble(-rMax, rMax), 0.0);
                left--;
            }
        }
        return Arrays.copyOf(a, nPoles + 1);
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    /**
     * Seeded random stable transfer functions: 0 to 7 poles inside radius 0.95; a numerator of 1 to 8 random
     * coefficients in [-1, 1) after 0 to 3 leading zeros (a delay). Tolerance: 1e-10 relative to the largest
     * sample of the response (the responses reach up to a few hundred).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void impulseResponseIsThePowerSeries(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = randomDenominator(random, random.nextInt(8), 0.95);
        int delay = random.nextInt(4);
        double[] b = new double[delay + 1 + random.nextInt(8)];
        for (int i = delay; i < b.length; i++) {
            b[i] = random.nextDouble(-1, 1);
        }
        b[delay] = Math.copySign(0.1 + Math.abs(b[delay]), b[delay]);
        b[b.length - 1] = Math.copySign(0.1 + Math.abs(b[b.length - 1]), b[b.length - 1]);
        TransferFunction tf = TransferFunction.of(b, a);
        String what = "seed " + seed + ": " + tf;
        IirFilter filter = IirFilter.of(tf);
        int m = b.length - 1;
        int n = a.length - 1;
        assertEquals(Math.max(1, Math.max((m + 1) / 2, (n + 1) / 2)), filter.sectionCount(), what + ": sections");

        double[] expected = powerSeries(b, a, SAMPLES);
        double[] fromTf = tf.impulseResponse(SAMPLES);
        double scale = 1.0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < SAMPLES; i++) {
            double h = filter.filter(i == 0 ? 1.0 : 0.0);
            assertEquals(expected[i], h, 1e-10 * scale, what + ": h[" + i + "] against long division");
            assertEquals(fromTf[i], h, 1e-10 * scale, what + ": h[" + i + "] against tf.impulseResponse");
        }

        TransferFunction realised = filter.transferFunction();
        assertCoefficients(tf.numerator(), realised.numerator(), what + ": numerator of the sections' product");
        assertCoefficients(tf.denominator(), realised.denominator(), what + ": denominator of the sections' product");

        double dc = tf.dcGain();
        assertEquals(dc, filter.dcGain(), 1e-10 * Math.max(1, Math.abs(dc)), what + ": dcGain");
        double steady = random.nextDouble(-2, 2);
        filter.reset(steady);
        double tolerance = 1e-10 * Math.max(1, Math.abs(dc * steady));
        assertEquals(dc * steady, filter.lastValue(), tolerance, what + ": lastValue after reset(" + steady + ")");
        for (int i = 0; i < 50; i++) {
            assertEquals(dc * steady, filter.filter(steady), tolerance, what + ": reset(" + steady + "), n = " + i);
        }
    }

    private static void assertCoefficients(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1.0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, 1e-10 * scale, what);
    }

    @Test
    void simpleFunctions() {
        IirFilter gain = IirFilter.of(TransferFunction.gain(-3));
        assertEquals(1, gain.sectionCount());
        assertArrayEquals(new double[] {-3, 0, 0, 0, 0}, gain.sections()[0], 0.0, "gain");

        IirFilter zero = IirFilter.of(TransferFunction.of(new double[] {0}, new double[] {1, -0.5}));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0}, zero.sections()[0], 0.0, "the zero function");
        assertEquals(0.0, zero.filter(5.0), 0.0);

        IirFilter delay5 = IirFilter.of(TransferFunction.delay(5));
        assertEquals(3, delay5.sectionCount(), "z^-5 = z^-2 z^-2 z^-1");
        double[] x = FilterContract.inputs(14, 30);
        for (int n = 0; n < x.length; n++) {
            assertEquals(n >= 5 ? x[n - 5] : 0.0, delay5.filter(x[n]), 0.0, "z^-5, n = " + n);
        }

        // 0.5 z^-1 (1 - 0.8 z^-1): the lone zero takes the delay, one section.
        IirFilter oneZero = IirFilter.of(TransferFunction.of(new double[] {0, 0.5, -0.4}, new double[] {1}));
        assertEquals(1, oneZero.sectionCount());
        assertArrayEquals(new double[] {0, 0.5, -0.4, 0, 0}, oneZero.sections()[0], 1e-15, "z^-1 (0.5 - 0.4 z^-1)");

        LowPass lp = LowPass.ofAlpha(0.2);
        IirFilter lpFilter = IirFilter.of(lp.transferFunction());
        for (double v : x) {
            assertEquals(lp.filter(v), lpFilter.filter(v), 1e-15, "low-pass as an IirFilter");
        }

        Resonator r = Resonator.of(0.2, 0.51);
        IirFilter resonator = IirFilter.of(r.transferFunction());
        IirFilter direct = r.newFilter();
        for (double v : x) {
            assertEquals(direct.filter(v), resonator.filter(v), 1e-13, "resonator through its transfer function");
        }
    }

    @Test
    void unstableFunctionsAreRealisedToo() {
        TransferFunction tf = TransferFunction.of(new double[] {1, 0.5}, new double[] {1, -1.5, 0.2});
        assertTrue(!tf.isStable());
        IirFilter filter = IirFilter.of(tf);
        double[] h = tf.impulseResponse(40);
        for (int i = 0; i < h.length; i++) {
            assertEquals(h[i], filter.filter(i == 0 ? 1 : 0), 1e-12 * Math.max(1, Math.abs(h[i])), "h[" + i + "]");
        }
        // a finite DC gain: the equilibrium exists, though the filter would leave it
        assertEquals(tf.dcGain(), filter.dcGain(), 1e-12);
    }

    @Test
    void integratorHasNoSteadyState() {
        IirFilter integrator = IirFilter.of(TransferFunction.integrator().times(TransferFunction.lowPass(0.5)));
        assertEquals(1.0, integrator.filter(1.0) / 0.5, 1e-15);
        double last = integrator.lastValue();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> integrator.reset(2.0));
        assertTrue(e.getMessage().startsWith("the DC gain is infinite: section 0 has a pole at z = 1 (1 + a1 + a2 = "),
                e.getMessage());
        assertEquals(last, integrator.lastValue(), 0.0, "unchanged by the rejected reset");
    }

    /**
     * Multiple roots are found only to about 1e-16^(1/m) each (TransferFunction.zeros()), but they multiply back to
     * the coefficients to rounding, so the sections are exact to rounding: a double pole and a double zero (the
     * members of the double pole were once frozen 7e-8 and 3.5e-8 from 0.5, which put 3.5e-8 into h[1]).
     */
    @Test
    void doubleRootsStayInOneSection() {
        double[] a = times(times(new double[] {1}, 1, -0.5, 0), 1, -0.5, 0); // (1 - 0.5 z^-1)^2
        double[] a2 = times(a, 1, 0.3, 0.02); // and poles -0.1, -0.2
        double[] b = times(new double[] {1}, 1, -1.6, 0.64); // (1 - 0.8 z^-1)^2
        TransferFunction tf = TransferFunction.of(b, a2);
        IirFilter filter = IirFilter.of(tf);
        double[] h = powerSeries(b, a2, 200);
        for (int i = 0; i < h.length; i++) {
            assertEquals(h[i], filter.filter(i == 0 ? 1 : 0), 1e-14, "h[" + i + "]");
        }
    }

    /** The multiple root of {@link #withMultipleRoot}. */
    private enum Multiple { DOUBLE_REAL, DOUBLE_PAIR, TRIPLE_REAL }

    /**
     * A polynomial {@code 1 + c_1 z^-1 + ...} with a multiple root (real in {@code (-1.2, 1.2)}, away from 0, or a
     * conjugate pair of radius in {@code [0.1, 1.2)}, angle in {@code [0.05, pi - 0.05]}) and 0 to 5 simple roots
     * (real or conjugate pairs, radius below 1.2), stable or not, multiplied out in double precision.
     */
    private static double[] withMultipleRoot(SplittableRandom random, Multiple kind) {
        double[] p = {1.0};
        if (kind == Multiple.DOUBLE_PAIR) {
            double r = random.nextDouble(0.1, 1.2);
            double theta = random.nextDouble(0.05, Math.PI - 0.05);
            p = times(times(p, 1, -2 * r * Math.cos(theta), r * r), 1, -2 * r * Math.cos(theta), r * r);
        } else {
            double r = Math.copySign(random.nextDouble(0.05, 1.2), random.nextDouble(-1, 1));
            int m = kind == Multiple.DOUBLE_REAL ? 2 : 3;
            for (int i = 0; i < m; i++) {
                p = times(p, 1, -r, 0);
            }
        }
        int simple = random.nextInt(6);
        while (simple > 0) {
            if (simple >= 2 && random.nextBoolean()) {
                double r = random.nextDouble(0.05, 1.2);
                double theta = random.nextDouble(0.05, Math.PI - 0.05);
                p = times(p, 1, -2 * r * Math.cos(theta), r * r);
                simple -= 2;
            } else {
                p = times(p, 1, -random.nextDouble(-1.2, 1.2), 0);
                simple--;
            }
        }
        int n = p.length;
        while (p[n - 1] == 0.0) {
            n--;
        }
        return Arrays.copyOf(p, n);
    }

    static LongStream multipleRootSeeds() {
        return LongStream.range(0, 200);
    }

    /** Seeded: numerator and denominator each with a double real root among simple roots. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("multipleRootSeeds")
    void sectionsMultiplyBackWithADoubleRealRoot(long seed) {
        assertSectionsMultiplyBack(seed, Multiple.DOUBLE_REAL);
    }

    /** Seeded: numerator and denominator each with a double conjugate pair among simple roots. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("multipleRootSeeds")
    void sectionsMultiplyBackWithADoubleConjugatePair(long seed) {
        assertSectionsMultiplyBack(seed, Multiple.DOUBLE_PAIR);
    }

    /**
     * Seeded: numerator and denominator each with a triple real root among simple roots; the triple is always
     * split over two sections, and its members are found only to about 1e-5 each.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("multipleRootSeeds")
    void sectionsMultiplyBackWithATripleRealRoot(long seed) {
        assertSectionsMultiplyBack(seed, Multiple.TRIPLE_REAL);
    }

    /**
     * The product of the sections, multiplied out here, equals {@code B} and {@code A} to 1e-13 relative to their
     * largest coefficient. Measured over these 600 cases: at most 2e-15; with the roots frozen one by one (before
     * they were refined together) all but one case failed, most by more than 1e-8, the worst by about 1e-4.
     */
    private static void assertSectionsMultiplyBack(long seed, Multiple kind) {
        SplittableRandom random = new SplittableRandom(seed * 3 + kind.ordinal());
        double[] a = withMultipleRoot(random, kind);
        double[] monic = withMultipleRoot(random, kind);
        int delay = random.nextInt(3);
        double gain = Math.copySign(random.nextDouble(0.5, 2.0), random.nextDouble(-1, 1));
        double[] b = new double[delay + monic.length];
        for (int i = 0; i < monic.length; i++) {
            b[delay + i] = gain * monic[i];
        }
        TransferFunction tf = TransferFunction.of(b, a);
        String what = "seed " + seed + ", " + kind + ": " + tf;
        double[] num = {1.0};
        double[] den = {1.0};
        for (double[] s : IirFilter.of(tf).sections()) {
            num = times(num, s[0], s[1], s[2]);
            den = times(den, 1.0, s[3], s[4]);
        }
        assertProduct(b, num, what + ": numerator");
        assertProduct(a, den, what + ": denominator");
    }

    /** {@code actual} (possibly longer, by zeros) equals {@code expected} to 1e-13 of its largest coefficient. */
    private static void assertProduct(double[] expected, double[] actual, String what) {
        assertTrue(actual.length >= expected.length, what + ": length " + actual.length);
        double scale = 0.0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int k = 0; k < actual.length; k++) {
            assertEquals(k < expected.length ? expected[k] : 0.0, actual[k], 1e-13 * scale, what + ", z^-" + k);
        }
    }

    @Test
    void rootsWithoutConjugatesAreRejected() {
        Complex[] lonely = {new Complex(0.5, 0.3), new Complex(0.2, 0)};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sections.of(new Complex[0], lonely, 1.0, 0));
        assertEquals("poles must come in conjugate pairs (real coefficients), but (0.5, 0.3) has no conjugate partner "
                + "in [(0.5, 0.3), (0.2, 0.0)]", e.getMessage());
        assertMessage("zeros[0] must be finite, got (NaN, 0.0)",
                () -> Sections.of(new Complex[] {new Complex(Double.NaN, 0)}, new Complex[0], 1.0, 0));
        assertMessage("gain must be finite, got Infinity",
                () -> Sections.of(new Complex[0], new Complex[0], Double.POSITIVE_INFINITY, 0));
        assertMessage("delay must be >= 0, got -1", () -> Sections.of(new Complex[0], new Complex[0], 1.0, -1));
        assertThrows(NullPointerException.class, () -> IirFilter.of(null));
    }
}
