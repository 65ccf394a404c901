// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pamlearn.zspace.ZspaceFixtures.assertSameRoots;
import static org.pamlearn.zspace.ZspaceFixtures.conv;
import static org.pamlearn.zspace.ZspaceFixtures.polynomialFromRoots;
import static org.pamlearn.zspace.ZspaceFixtures.randomDenominator;
import static org.pamlearn.zspace.ZspaceFixtures.randomNumerator;
import static org.pamlearn.zspace.ZspaceFixtures.randomSignal;
import static org.pamlearn.zspace.ZspaceFixtures.scale;
import static org.pamlearn.zspace.ZspaceFixtures.simulate;
import static org.pamlearn.zspace.ZspaceFixtures.step;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.complex.ComplexUtils;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of {@link TransferFunction} against independent test-side code: long division, difference
 * equations of block diagrams, companion-matrix eigenvalues, direct polynomial evaluation.
 */
class TransferFunctionPropertyTest {

    private static final int N = 60;

    static LongStream seeds() {
        return ZspaceFixtures.seeds();
    }

    /**
     * Impulse response = power series of num/den by long division, to 1e-10 relative to the largest sample (poles
     * of multiplicity up to 6 near 0.95 make samples of a few hundred).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void impulseResponseIsThePowerSeries(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = randomNumerator(rnd, 5);
        double[] a = randomDenominator(rnd, 6, 0.95);
        double[] expected = ZspaceFixtures.longDivision(b, a, N);
        assertArrayEquals(expected, TransferFunction.of(b, a).impulseResponse(N), 1e-10 * scale(expected),
                "seed " + seed);
    }

    /** Step response = running sum of the impulse response. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stepResponseIsTheRunningSum(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TransferFunction h = TransferFunction.of(randomNumerator(rnd, 5), randomDenominator(rnd, 6, 0.95));
        double[] imp = h.impulseResponse(N);
        double[] step = h.stepResponse(N);
        double sum = 0.0;
        for (int k = 0; k < N; k++) {
            sum += imp[k];
            assertEquals(sum, step[k], 1e-10 * Math.max(1.0, Math.abs(sum)), "seed " + seed + ", k = " + k);
        }
    }

    /** Series: G1.times(G2) = G2 simulated on the output of G1, sample by sample. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void seriesMatchesTheCascade(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b1 = randomNumerator(rnd, 4);
        double[] a1 = randomDenominator(rnd, 4, 0.95);
        double[] b2 = randomNumerator(rnd, 4);
        double[] a2 = randomDenominator(rnd, 4, 0.95);
        double[] x = randomSignal(rnd, N);
        double[] expected = simulate(b2, a2, simulate(b1, a1, x));
        double[] actual = TransferFunction.of(b1, a1).times(TransferFunction.of(b2, a2)).response(x);
        assertArrayEquals(expected, actual, 1e-10 * scale(expected), "seed " + seed);
    }

    /** Parallel: G1.plus(G2) = sum of the two outputs; also G.plus(G) = 2 G (equal denominators kept once). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void parallelMatchesTheSum(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b1 = randomNumerator(rnd, 4);
        double[] a1 = randomDenominator(rnd, 4, 0.95);
        double[] b2 = randomNumerator(rnd, 4);
        double[] a2 = randomDenominator(rnd, 4, 0.95);
        double[] x = randomSignal(rnd, N);
        double[] y1 = simulate(b1, a1, x);
        double[] y2 = simulate(b2, a2, x);
        double[] expected = new double[N];
        for (int n = 0; n < N; n++) {
            expected[n] = y1[n] + y2[n];
        }
        TransferFunction g1 = TransferFunction.of(b1, a1);
        assertArrayEquals(expected, g1.plus(TransferFunction.of(b2, a2)).response(x), 1e-10 * scale(expected),
                "seed " + seed);
        double[] twice = new double[N];
        for (int n = 0; n < N; n++) {
            twice[n] = 2.0 * y1[n];
        }
        assertArrayEquals(twice, g1.plus(g1).response(x), 1e-10 * scale(twice), "seed " + seed + ", G + G");
        assertEquals(g1.denominator().length, g1.plus(g1).denominator().length, "seed " + seed + ", G + G order");
    }

    /**
     * Feedback: G (with at least one sample of delay, so the loop is realisable) in the forward path, H in the
     * feedback path, simulated sample by sample: {@code e(n) = x(n) -+ (H y)(n)}, {@code y = G e}.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void feedbackMatchesTheLoop(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] bg = randomNumerator(rnd, 4);
        bg[0] = 0.0;
        double[] ag = randomDenominator(rnd, 4, 0.9);
        double[] bh = randomNumerator(rnd, 3);
        double[] ah = randomDenominator(rnd, 3, 0.9);
        for (int k = 0; k < bh.length; k++) {
            bh[k] *= 0.5;
        }
        double[] x = randomSignal(rnd, N);
        TransferFunction g = TransferFunction.of(bg, ag);
        TransferFunction h = TransferFunction.of(bh, ah);
        for (double sign : new double[] {1.0, -1.0}) {
            double[] e = new double[N];
            double[] y = new double[N];
            double[] hy = new double[N];
            for (int n = 0; n < N; n++) {
                // y(n) needs e only up to n - 1 (bg[0] = 0); e(n) is set below, after y(n) and (H y)(n).
                y[n] = step(bg, ag, e, y, n);
                hy[n] = step(bh, ah, y, hy, n);
                e[n] = x[n] - sign * hy[n];
            }
            TransferFunction loop = sign > 0 ? g.feedback(h) : g.positiveFeedback(h);
            assertArrayEquals(y, loop.response(x), 1e-10 * scale(y), "seed " + seed + ", sign " + sign);
        }
    }

    /** Zeros and poles = eigenvalues of the companion matrices (Commons Math), as multisets, to 1e-8. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rootsAreTheCompanionEigenvalues(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = randomNumerator(rnd, 9);
        double[] a = new double[1 + rnd.nextInt(9)];
        for (int k = 0; k < a.length; k++) {
            a[k] = rnd.nextDouble(-1.0, 1.0);
        }
        a[0] = rnd.nextDouble(0.5, 1.0);
        a[a.length - 1] = rnd.nextDouble(0.1, 1.0);
        TransferFunction h = TransferFunction.of(b, a);
        int d = 0;
        while (b[d] == 0.0) {
            d++;
        }
        int m = b.length;
        while (b[m - 1] == 0.0) {
            m--;
        }
        assertSameRoots(companionEigenvalues(Arrays.copyOfRange(b, d, m)), h.zeros(), "seed " + seed + ", zeros",
                "eigenvalue");
        assertSameRoots(companionEigenvalues(a), h.poles(), "seed " + seed + ", poles", "eigenvalue");
        assertConjugateStructure(h.zeros(), "seed " + seed + ", zeros");
        assertConjugateStructure(h.poles(), "seed " + seed + ", poles");
    }

    /**
     * Poles of a denominator multiplied out from known roots (real roots and conjugate pairs, at least 0.05 apart,
     * modulus up to 1.5) are those roots, to 1e-8: a check that does not rely on any eigenvalue solver.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void polesAreTheKnownRoots(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(8);
        Complex[] roots = new Complex[n];
        int k = 0;
        while (k < n) {
            boolean pair = k + 1 < n && rnd.nextBoolean();
            Complex r = pair
                    ? ComplexUtils.polar2Complex(rnd.nextDouble(0.1, 1.5), rnd.nextDouble(0.1, Math.PI - 0.1))
                    : new Complex(rnd.nextDouble(-1.5, 1.5));
            boolean apart = true;
            for (int i = 0; i < k; i++) {
                apart &= roots[i].subtract(r).abs() >= 0.05 && roots[i].subtract(r.conjugate()).abs() >= 0.05;
            }
            if (!apart || Math.abs(r.getReal()) < 0.05 && !pair) {
                continue;
            }
            roots[k++] = r;
            if (pair) {
                roots[k++] = r.conjugate();
            }
        }
        double[] a = {1.0};
        for (int i = 0; i < n; i++) {
            Complex r = roots[i];
            if (r.getImaginary() == 0.0) {
                a = conv(a, new double[] {1.0, -r.getReal()});
            } else if (r.getImaginary() > 0.0) {
                a = conv(a, new double[] {1.0, -2.0 * r.getReal(), r.abs() * r.abs()});
            }
        }
        assertSameRoots(roots, TransferFunction.of(new double[] {1.0}, a).poles(), "seed " + seed, "eigenvalue");
    }

    /**
     * Roots of very different sizes: 3 to 8 real roots with random signs and moduli {@code 10^u}, {@code u} uniform
     * in {@code [-4, 4]} (a companion-matrix eigen solver without grading loses the small ones), each found to
     * 1e-8 relative to its own size.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gradedRootsAreFoundRelativeToTheirSize(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 3 + rnd.nextInt(6);
        double[] roots = new double[n];
        double[] c = {1.0};
        for (int i = 0; i < n; i++) {
            double r;
            boolean apart;
            do {
                r = Math.pow(10.0, rnd.nextDouble(-4.0, 4.0)) * (rnd.nextBoolean() ? 1.0 : -1.0);
                apart = true;
                for (int j = 0; j < i; j++) {
                    apart &= Math.abs(r - roots[j]) > 0.1 * Math.max(Math.abs(r), Math.abs(roots[j]));
                }
            } while (!apart);
            roots[i] = r;
            c = conv(c, new double[] {1.0, -r});
        }
        Complex[] found = TransferFunction.of(new double[] {1.0}, c).poles();
        assertEquals(n, found.length, "seed " + seed + ": count");
        Arrays.sort(roots);
        for (int i = 0; i < n; i++) {
            assertEquals(0.0, found[i].getImaginary(), 0.0, "seed " + seed + ": real root " + i);
            assertEquals(roots[i], found[i].getReal(), 1e-8 * Math.abs(roots[i]), "seed " + seed + ": root " + i);
        }
    }

    /** H = b_d z^-d prod(1 - z_i z^-1) / prod(1 - p_j z^-1): the roots multiply back to the coefficients. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rootsMultiplyBackToTheCoefficients(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TransferFunction h = TransferFunction.of(randomNumerator(rnd, 8), randomDenominator(rnd, 8, 1.2));
        double[] num = h.numerator();
        int d = 0;
        while (num[d] == 0.0) {
            d++;
        }
        double[] zf = fromRoots(h.zeros());
        double[] rebuilt = new double[d + zf.length];
        for (int k = 0; k < zf.length; k++) {
            rebuilt[d + k] = num[d] * zf[k];
        }
        assertArrayEquals(num, rebuilt, 1e-9 * scale(num), "seed " + seed + ", numerator");
        assertArrayEquals(h.denominator(), fromRoots(h.poles()), 1e-9 * scale(h.denominator()),
                "seed " + seed + ", denominator");
    }

    /** fromZerosPolesGain(zeros(), poles(), b_d) rebuilds a delay-free function. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void zerosPolesGainRoundTrip(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = randomNumerator(rnd, 6);
        b[0] = rnd.nextDouble(0.5, 1.5);
        TransferFunction h = TransferFunction.of(b, randomDenominator(rnd, 6, 0.95));
        TransferFunction back = TransferFunction.fromZerosPolesGain(h.zeros(), h.poles(), h.numerator()[0]);
        assertArrayEquals(h.numerator(), back.numerator(), 1e-9 * scale(h.numerator()), "seed " + seed + ", num");
        assertArrayEquals(h.denominator(), back.denominator(), 1e-9 * scale(h.denominator()),
                "seed " + seed + ", den");
    }

    /** isStable(tol) agrees with the pole moduli, away from the boundary. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stabilityAgreesWithThePoleModuli(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TransferFunction h = TransferFunction.of(randomNumerator(rnd, 3), randomDenominator(rnd, 7, 1.25));
        double largest = 0.0;
        for (Complex p : h.poles()) {
            largest = Math.max(largest, p.abs());
        }
        for (double tol : new double[] {0.0, 0.05, 0.2, 0.5}) {
            if (Math.abs(largest - (1.0 - tol)) > 1e-6) {
                assertEquals(largest < 1.0 - tol, h.isStable(tol),
                        "seed " + seed + ", tolerance " + tol + ", largest |p| = " + largest);
            }
        }
    }

    /** valueAt against direct sums of b_k z^-k and a_k z^-k (no Horner), on the circle and off it; DC gain. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void valueAtIsTheRatioOfThePolynomials(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = randomNumerator(rnd, 6);
        double[] a = randomDenominator(rnd, 6, 0.95);
        TransferFunction h = TransferFunction.of(b, a);
        double w = rnd.nextDouble(-Math.PI, Math.PI);
        Complex expected = directSum(b, Complex.valueOf(Math.cos(w), Math.sin(w)))
                .divide(directSum(a, Complex.valueOf(Math.cos(w), Math.sin(w))));
        Complex v = h.valueAt(w);
        double tol = 1e-12 * Math.max(1.0, expected.abs());
        assertEquals(expected.getReal(), v.getReal(), tol, "seed " + seed + ", re at omega " + w);
        assertEquals(expected.getImaginary(), v.getImaginary(), tol, "seed " + seed + ", im at omega " + w);
        assertEquals(expected.abs(), h.magnitudeAt(w), tol, "seed " + seed + ", magnitude");
        Complex z = Complex.valueOf(rnd.nextDouble(-2.0, 2.0), rnd.nextDouble(-2.0, 2.0));
        Complex atZ = directSum(b, z).divide(directSum(a, z));
        Complex vz = h.valueAt(z);
        double tz = 1e-10 * Math.max(1.0, atZ.abs());
        assertEquals(atZ.getReal(), vz.getReal(), tz, "seed " + seed + ", re at z " + z);
        assertEquals(atZ.getImaginary(), vz.getImaginary(), tz, "seed " + seed + ", im at z " + z);
        double dc = Arrays.stream(b).sum() / Arrays.stream(a).sum();
        // A(1) is small when poles cluster near 1, so the two sums agree only relatively.
        assertEquals(dc, h.dcGain(), 1e-10 * Math.max(1.0, Math.abs(dc)), "seed " + seed + ", DC gain");
    }

    /** A common factor (random real roots and pairs) multiplied into both parts is cancelled again. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cancelledRemovesARandomCommonFactor(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = randomNumerator(rnd, 3);
        b[b.length - 1] = rnd.nextDouble(0.2, 1.0);
        TransferFunction base = TransferFunction.of(b, randomDenominator(rnd, 3, 0.9));
        double[] f = randomDenominator(rnd, 4, 1.1);
        TransferFunction common = base.times(TransferFunction.of(f, f));
        TransferFunction reduced = common.cancelled(1e-7);
        double[] expectedNum = base.numerator();
        double[] expectedDen = base.denominator();
        assertEquals(expectedDen.length, reduced.denominator().length, "seed " + seed + ", order");
        assertArrayEquals(expectedNum, reduced.numerator(), 1e-8 * scale(expectedNum), "seed " + seed + ", num");
        assertArrayEquals(expectedDen, reduced.denominator(), 1e-8 * scale(expectedDen), "seed " + seed + ", den");
    }

    /**
     * One or two multiple roots (double or triple real roots, double conjugate pairs) among 0 to 5 simple roots, all
     * of modulus below 1.2, in numerator and denominator. Each member of a multiple root is found only to about
     * 1e-8 (double) or 1e-5 (triple), but together the roots are those of a polynomial within rounding of the
     * coefficients: {@code b_d prod (1 - z_i z^-1)} and {@code prod (1 - p_i z^-1)}, multiplied out exactly
     * (BigDecimal), match the coefficients to 1e-14 of the largest (measured: at most 1e-15 over these seeds;
     * with the roots frozen one by one, before they were refined together, every seed was off by more than 1e-10,
     * the worst by about 1e-3).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void multipleRootsMultiplyBackToRounding(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = polynomialFromRoots(withMultipleRoots(rnd));
        double[] b = polynomialFromRoots(withMultipleRoots(rnd));
        double a0 = rnd.nextDouble(0.5, 2.0);
        double b0 = rnd.nextDouble(-2.0, -0.5);
        for (int k = 0; k < a.length; k++) {
            a[k] *= a0;
        }
        for (int k = 0; k < b.length; k++) {
            b[k] *= b0;
        }
        TransferFunction h = TransferFunction.of(b, a);
        double[] num = h.numerator();
        double[] zeros = exactProduct(h.zeros());
        for (int k = 0; k < zeros.length; k++) {
            zeros[k] *= num[0];
        }
        assertArrayEquals(num, zeros, 1e-14 * scale(num), "seed " + seed + ", numerator from zeros()");
        double[] den = h.denominator();
        assertArrayEquals(den, exactProduct(h.poles()), 1e-14 * scale(den), "seed " + seed + ", denominator");
    }

    /**
     * A double common factor, a real root or a conjugate pair at least 0.1 from every root of the base function,
     * cancels as a whole with the tolerance suggested for double roots, 1e-6, and leaves the base function to
     * 1e-11 relative (measured: at most 1e-12 over these seeds, the conditioning of the remaining roots; before
     * the roots were refined together, 12 of these seeds did not cancel completely, as members of the two clusters
     * lay more than 1e-6 apart).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cancelledRemovesADoubleCommonFactor(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Complex[] zeros = randomRoots(rnd, 1 + rnd.nextInt(4));
        Complex[] poles = randomRoots(rnd, 1 + rnd.nextInt(5));
        double[] b = polynomialFromRoots(zeros);
        double gain = rnd.nextDouble(0.5, 2.0);
        for (int k = 0; k < b.length; k++) {
            b[k] *= gain;
        }
        TransferFunction base = TransferFunction.of(b, polynomialFromRoots(poles));
        Complex root;
        boolean apart;
        do {
            root = rnd.nextBoolean() ? new Complex(rnd.nextDouble(-1.1, 1.1))
                    : ComplexUtils.polar2Complex(rnd.nextDouble(0.1, 1.1), rnd.nextDouble(0.1, Math.PI - 0.1));
            apart = true;
            for (Complex r : zeros) {
                apart &= r.subtract(root).abs() >= 0.1 && r.subtract(root.conjugate()).abs() >= 0.1;
            }
            for (Complex r : poles) {
                apart &= r.subtract(root).abs() >= 0.1 && r.subtract(root.conjugate()).abs() >= 0.1;
            }
        } while (!apart);
        Complex[] twice = root.getImaginary() == 0.0 ? new Complex[] {root, root}
                : new Complex[] {root, root.conjugate(), root, root.conjugate()};
        double[] f = polynomialFromRoots(twice);
        TransferFunction reduced = base.times(TransferFunction.of(f, f)).cancelled(1e-6);
        String what = "seed " + seed + ", common factor " + Arrays.toString(f);
        assertEquals(base.numerator().length, reduced.numerator().length, what + ": numerator order");
        assertEquals(base.denominator().length, reduced.denominator().length, what + ": denominator order");
        assertArrayEquals(base.numerator(), reduced.numerator(), 1e-11 * scale(base.numerator()), what + ", num");
        assertArrayEquals(base.denominator(), reduced.denominator(), 1e-11 * scale(base.denominator()),
                what + ", den");
    }

    // ------------------------------------------------------------------------------------------ helpers

    /**
     * Roots for {@link #multipleRootsMultiplyBackToRounding}: one or two multiple roots (a real root in
     * {@code +-[0.05, 1.2)} twice or three times, or a conjugate pair of radius in {@code [0.1, 1.2)} twice), then 0
     * to 5 simple roots (real in {@code (-1.2, 1.2)} or conjugate pairs), conjugates listed together.
     */
    private static Complex[] withMultipleRoots(SplittableRandom rnd) {
        Complex[] roots = new Complex[2 * 4 + 5];
        int n = 0;
        for (int group = rnd.nextInt(2); group >= 0; group--) {
            switch (rnd.nextInt(3)) {
                case 0:
                case 1: {
                    double r = Math.copySign(rnd.nextDouble(0.05, 1.2), rnd.nextDouble(-1.0, 1.0));
                    for (int i = rnd.nextInt(2); i >= -1; i--) {
                        roots[n++] = new Complex(r);
                    }
                    break;
                }
                default: {
                    Complex z = ComplexUtils.polar2Complex(rnd.nextDouble(0.1, 1.2),
                            rnd.nextDouble(0.05, Math.PI - 0.05));
                    for (int i = 0; i < 2; i++) {
                        roots[n++] = z;
                        roots[n++] = z.conjugate();
                    }
                }
            }
        }
        Complex[] simple = randomRoots(rnd, rnd.nextInt(6));
        System.arraycopy(simple, 0, roots, n, simple.length);
        return Arrays.copyOf(roots, n + simple.length);
    }

    /** {@code n} random roots of modulus below 1.2: real ones and conjugate pairs, listed together. */
    private static Complex[] randomRoots(SplittableRandom rnd, int n) {
        Complex[] roots = new Complex[n];
        int k = 0;
        while (k < n) {
            if (k + 1 < n && rnd.nextBoolean()) {
                Complex z = ComplexUtils.polar2Complex(rnd.nextDouble(0.05, 1.2), rnd.nextDouble(0.05, Math.PI - 0.05));
                roots[k++] = z;
                roots[k++] = z.conjugate();
            } else {
                roots[k++] = new Complex(Math.copySign(rnd.nextDouble(0.05, 1.2), rnd.nextDouble(-1.0, 1.0)));
            }
        }
        return roots;
    }

    /** prod (1 - r z^-1) in exact (BigDecimal) arithmetic, rounded to double at the end; real by conjugate pairs. */
    private static double[] exactProduct(Complex[] roots) {
        BigDecimal[] re = {BigDecimal.ONE};
        BigDecimal[] im = {BigDecimal.ZERO};
        for (Complex r : roots) {
            BigDecimal zr = new BigDecimal(r.getReal());
            BigDecimal zi = new BigDecimal(r.getImaginary());
            BigDecimal[] nr = new BigDecimal[re.length + 1];
            BigDecimal[] ni = new BigDecimal[re.length + 1];
            Arrays.fill(nr, BigDecimal.ZERO);
            Arrays.fill(ni, BigDecimal.ZERO);
            for (int k = 0; k < re.length; k++) {
                nr[k] = nr[k].add(re[k]);
                ni[k] = ni[k].add(im[k]);
                nr[k + 1] = nr[k + 1].subtract(re[k].multiply(zr).subtract(im[k].multiply(zi)));
                ni[k + 1] = ni[k + 1].subtract(re[k].multiply(zi).add(im[k].multiply(zr)));
            }
            re = nr;
            im = ni;
        }
        double[] out = new double[re.length];
        for (int k = 0; k < re.length; k++) {
            assertEquals(0.0, im[k].doubleValue(), 0.0, "imaginary part " + k + " of an exactly conjugate set");
            out[k] = re[k].doubleValue();
        }
        return out;
    }

    private static Complex directSum(double[] p, Complex z) {
        Complex s = Complex.ZERO;
        for (int k = 0; k < p.length; k++) {
            s = s.add(z.pow(-k).multiply(p[k]));
        }
        return s;
    }

    /** Eigenvalues of the companion matrix of {@code c[0] z^n + ... + c[n]}. */
    private static Complex[] companionEigenvalues(double[] c) {
        int n = c.length - 1;
        if (n == 0) {
            return new Complex[0];
        }
        double[][] m = new double[n][n];
        for (int k = 0; k < n; k++) {
            m[0][k] = -c[k + 1] / c[0];
        }
        for (int k = 1; k < n; k++) {
            m[k][k - 1] = 1.0;
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(m));
        Complex[] r = new Complex[n];
        for (int k = 0; k < n; k++) {
            r[k] = new Complex(eig.getRealEigenvalue(k), eig.getImagEigenvalue(k));
        }
        return r;
    }

    private static void assertConjugateStructure(Complex[] roots, String what) {
        for (int k = 0; k < roots.length; k++) {
            if (roots[k].getImaginary() != 0.0) {
                assertTrue(roots[k].getImaginary() > 0.0 && k + 1 < roots.length
                        && roots[k + 1].equals(roots[k].conjugate()), what + ": pair at " + k);
                k++;
            }
        }
    }

    /** prod (1 - r z^-1) with complex arithmetic; the imaginary parts must vanish. */
    private static double[] fromRoots(Complex[] roots) {
        Complex[] p = {Complex.ONE};
        for (Complex r : roots) {
            Complex[] q = new Complex[p.length + 1];
            Arrays.fill(q, Complex.ZERO);
            for (int k = 0; k < p.length; k++) {
                q[k] = q[k].add(p[k]);
                q[k + 1] = q[k + 1].subtract(p[k].multiply(r));
            }
            p = q;
        }
        double[] out = new double[p.length];
        for (int k = 0; k < p.length; k++) {
            assertEquals(0.0, p[k].getImaginary(), 1e-12 * Math.max(1.0, p[k].abs()), "imaginary part " + k);
            out[k] = p[k].getReal();
        }
        return out;
    }
}
