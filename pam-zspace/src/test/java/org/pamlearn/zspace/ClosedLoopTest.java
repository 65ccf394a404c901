// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pamlearn.zspace.ZspaceFixtures.randomDenominator;
import static org.pamlearn.zspace.ZspaceFixtures.randomNumerator;
import static org.pamlearn.zspace.ZspaceFixtures.randomSignal;
import static org.pamlearn.zspace.ZspaceFixtures.scale;
import static org.pamlearn.zspace.ZspaceFixtures.step;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.apache.commons.math3.complex.Complex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ClosedLoop} against closed forms derived by hand and against time-domain simulations of the loop's
 * difference equations written here.
 */
class ClosedLoopTest {

    private static final int N = 60;

    static LongStream seeds() {
        return ZspaceFixtures.seeds();
    }

    /** {@code R = K z^-1 / (1 - z^-1)}: an integrating plant with one sample of delay. */
    private static TransferFunction integratingPlant(double k) {
        return TransferFunction.of(new double[] {0.0, k}, new double[] {1.0, -1.0});
    }

    /**
     * Proportional reflex {@code H = G_R} around {@code R = K z^-1 / (1 - z^-1)}, by hand:
     * {@code 1 + R H = (1 - z^-1 + K G_R z^-1) / (1 - z^-1)}, so
     * {@code G_YE = -R G_N / (1 + R H) = -K G_N z^-1 / (1 - (1 - K G_R) z^-1)}, one pole at {@code 1 - K G_R},
     * {@code K_cl = lim_{z->1} K G_N z^-1 / (1 - (1 - K G_R) z^-1) = G_N / G_R}, and
     * {@code E/D = -K z^-(1+T) / (1 - (1 - K G_R) z^-1)}.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void proportionalReflexAroundAnIntegratorMatchesTheHandDerivation(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double k = rnd.nextDouble(0.1, 2.0);
        double gr = rnd.nextDouble(0.05, 3.0);
        double gn = rnd.nextDouble(0.1, 2.0) * (rnd.nextBoolean() ? 1.0 : -1.0);
        int t = rnd.nextInt(4);
        ClosedLoop loop = ClosedLoop.of(integratingPlant(k), TransferFunction.gain(gr), gn, t);
        String s = "seed " + seed + " (K = " + k + ", G_R = " + gr + ", G_N = " + gn + ", T = " + t + ")";

        TransferFunction gye = loop.networkToError();
        assertArrayEquals(new double[] {0.0, -k * gn}, gye.numerator(), 1e-14, s + ": G_YE numerator");
        assertArrayEquals(new double[] {1.0, -(1.0 - k * gr)}, gye.denominator(), 1e-14, s + ": G_YE denominator");
        double[] eNum = new double[t + 2];
        eNum[t + 1] = -k;
        assertArrayEquals(eNum, loop.reflexOnlyErrorResponse().numerator(), 1e-14, s + ": E/D numerator");
        assertArrayEquals(gye.denominator(), loop.reflexOnlyErrorResponse().denominator(), 0.0,
                s + ": E/D denominator");

        Complex[] poles = loop.poles();
        assertEquals(1, poles.length, s + ": one pole");
        assertEquals(1.0 - k * gr, poles[0].getReal(), 1e-14, s + ": pole 1 - K G_R");
        assertEquals(0.0, poles[0].getImaginary(), 0.0, s + ": real pole");

        assertEquals(gn / gr, loop.closedLoopGain(), 1e-12 * Math.abs(gn / gr), s + ": K_cl = G_N / G_R");
        assertEquals(loop.closedLoopGain(), loop.closedLoopGain(0.0), 0.0, s + ": K_cl(0) = K_cl");
        assertEquals((int) Math.signum(gn), loop.primingSign(), s + ": priming sign = sign of G_N");
        double margin = Math.abs(1.0 - k * gr);
        if (Math.abs(margin - 1.0) > 1e-9) {
            assertEquals(margin < 1.0, loop.isReflexStable(), s + ": stable iff 0 < K G_R < 2");
        }

        ClosedLoop flipped = ClosedLoop.of(integratingPlant(k), TransferFunction.gain(gr), -gn, t);
        assertEquals(-loop.closedLoopGain(), flipped.closedLoopGain(), 0.0, s + ": K_cl flips with G_N");
        assertEquals(-loop.primingSign(), flipped.primingSign(), s + ": the sign flips with G_N");
        assertEquals(loop.isReflexStable(), flipped.isReflexStable(), s + ": G_N does not change the reflex loop");
    }

    @Test
    void aReflexGainThatDestabilisesTheLoopIsReportedUnstable() {
        // Pole 1 - K G_R with K = 1: G_R = 1.9 gives -0.9 (stable), 2 gives -1 (on the circle), 2.5 gives -1.5.
        assertTrue(ClosedLoop.of(integratingPlant(1.0), TransferFunction.gain(1.9), 1.0, 0).isReflexStable(),
                "K G_R = 1.9");
        assertFalse(ClosedLoop.of(integratingPlant(1.0), TransferFunction.gain(2.0), 1.0, 0).isReflexStable(),
                "K G_R = 2: pole at -1");
        ClosedLoop unstable = ClosedLoop.of(integratingPlant(1.0), TransferFunction.gain(2.5), 1.0, 0);
        assertFalse(unstable.isReflexStable(), "K G_R = 2.5");
        assertEquals(-1.5, unstable.poles()[0].getReal(), 1e-15, "pole -1.5");
        // A negative reflex gain (positive feedback) pushes the pole past 1.
        assertFalse(ClosedLoop.of(integratingPlant(1.0), TransferFunction.gain(-0.1), 1.0, 0).isReflexStable(),
                "G_R < 0");
        // The line follower's G_R = 300 (docs/ALGORITHMS.md section 5) needs K < 2 / 300 (the example in section 2).
        assertTrue(ClosedLoop.of(integratingPlant(0.006), TransferFunction.gain(300), 1.0, 0).isReflexStable(),
                "K G_R = 1.8");
        assertFalse(ClosedLoop.of(integratingPlant(0.007), TransferFunction.gain(300), 1.0, 0).isReflexStable(),
                "K G_R = 2.1");
    }

    /**
     * Gain plant {@code R = K z^-D}, {@code H = G_R}: {@code 1 + R H = 1 + K G_R z^-D}, so the poles are the D
     * roots of {@code z^D = -K G_R}, all of modulus {@code |K G_R|^(1/D)}: stable iff {@code |K G_R| < 1};
     * {@code K_cl = K G_N / (1 + K G_R)}.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void gainPlantWithDelay(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double k = rnd.nextDouble(0.1, 2.0);
        double gr = rnd.nextDouble(0.05, 1.5);
        double gn = rnd.nextDouble(-2.0, 2.0);
        int d = 1 + rnd.nextInt(6);
        TransferFunction r = TransferFunction.gain(k).times(TransferFunction.delay(d));
        ClosedLoop loop = ClosedLoop.of(r, TransferFunction.gain(gr), gn, 0);
        String s = "seed " + seed + " (K = " + k + ", G_R = " + gr + ", D = " + d + ")";
        Complex[] poles = loop.poles();
        assertEquals(d, poles.length, s + ": D poles");
        double radius = Math.pow(k * gr, 1.0 / d);
        for (Complex p : poles) {
            assertEquals(radius, p.abs(), 1e-12, s + ": |p|");
            Complex pd = p.pow(d);
            assertEquals(-k * gr, pd.getReal(), 1e-10, s + ": p^D real");
            assertEquals(0.0, pd.getImaginary(), 1e-10, s + ": p^D imaginary");
        }
        if (Math.abs(k * gr - 1.0) > 1e-9) {
            assertEquals(k * gr < 1.0, loop.isReflexStable(), s + ": stable iff K G_R < 1");
        }
        double kcl = k * gn / (1.0 + k * gr);
        assertEquals(kcl, loop.closedLoopGain(), 1e-14, s + ": K_cl");
    }

    /**
     * The loop simulated sample by sample for the integrating plant:
     * {@code r(n) = r(n-1) + K s(n-1)}, {@code s(n) = d(n-T) + u(n)}, {@code E(n) = -r(n)},
     * {@code u(n) = G_R E(n) + G_N y(n)}. With {@code y = 0} and an impulse {@code d}, {@code E} is the impulse
     * response of {@link ClosedLoop#reflexOnlyErrorResponse()}; with {@code d = 0} and a random {@code y}, it is
     * {@link ClosedLoop#networkToError()}'s response to {@code y}.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void timeDomainSimulationOfTheIntegratorLoopAgrees(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double k = rnd.nextDouble(0.1, 1.0);
        double gr = rnd.nextDouble(0.1, 1.9 / k);
        double gn = rnd.nextDouble(-2.0, 2.0);
        int t = rnd.nextInt(5);
        ClosedLoop loop = ClosedLoop.of(integratingPlant(k), TransferFunction.gain(gr), gn, t);
        double[] impulse = new double[N];
        impulse[0] = 1.0;
        double[] e = simulateIntegratorLoop(k, gr, gn, t, impulse, new double[N]);
        assertArrayEquals(e, loop.reflexOnlyErrorResponse().impulseResponse(N), 1e-10 * scale(e),
                "seed " + seed + ", reflex only");
        double[] y = randomSignal(rnd, N);
        double[] ey = simulateIntegratorLoop(k, gr, gn, t, new double[N], y);
        assertArrayEquals(ey, loop.networkToError().response(y), 1e-10 * scale(ey), "seed " + seed + ", G_YE");
    }

    private static double[] simulateIntegratorLoop(double k, double gr, double gn, int t, double[] d, double[] y) {
        double[] e = new double[N];
        double r = 0.0;
        double sPrev = 0.0;
        for (int n = 0; n < N; n++) {
            r += k * sPrev;
            e[n] = -r;
            double u = gr * e[n] + gn * y[n];
            sPrev = (n >= t ? d[n - t] : 0.0) + u;
        }
        return e;
    }

    /**
     * Any strictly proper R (one sample of delay at least) and any H, simulated with the difference equations of
     * {@code E = -R (z^-T D + U)}, {@code U = H E + G_N Y}: the error for a random disturbance and a random network
     * output equals {@code (E/D) D + G_YE Y}.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void timeDomainSimulationOfAGeneralLoopAgrees(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] br = randomNumerator(rnd, 3);
        br[0] = 0.0;
        double[] ar = randomDenominator(rnd, 3, 0.9);
        double[] bh = randomNumerator(rnd, 3);
        double[] ah = randomDenominator(rnd, 2, 0.9);
        for (int i = 0; i < bh.length; i++) {
            bh[i] *= 0.5;
        }
        double gn = rnd.nextDouble(-2.0, 2.0);
        int t = rnd.nextInt(4);
        double[] dist = randomSignal(rnd, N);
        double[] y = randomSignal(rnd, N);
        // Signals: s = z^-T D + U into R, r = R s, E = -r, U = H E + G_N Y (H E through its own state).
        double[] s = new double[N];
        double[] r = new double[N];
        double[] e = new double[N];
        double[] he = new double[N];
        for (int n = 0; n < N; n++) {
            r[n] = step(br, ar, s, r, n);
            e[n] = -r[n];
            he[n] = step(bh, ah, e, he, n);
            s[n] = (n >= t ? dist[n - t] : 0.0) + he[n] + gn * y[n];
        }
        ClosedLoop loop = ClosedLoop.of(TransferFunction.of(br, ar), TransferFunction.of(bh, ah), gn, t);
        double[] fromD = loop.reflexOnlyErrorResponse().response(dist);
        double[] fromY = loop.networkToError().response(y);
        double[] sum = new double[N];
        for (int n = 0; n < N; n++) {
            sum[n] = fromD[n] + fromY[n];
        }
        assertArrayEquals(e, sum, 1e-10 * scale(e), "seed " + seed);
        // The sensitivity 1/(1 + R H) shares the characteristic polynomial.
        assertArrayEquals(loop.networkToError().denominator(), loop.sensitivity().denominator(), 0.0,
                "seed " + seed + ", common denominator");
    }

    /** {@code closedLoopGain(omega) = Re(G_N R / (1 + R H))} at {@code z = e^{j omega}}, from R and H directly. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void closedLoopGainAtAFrequencyIsTheRealPart(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] br = randomNumerator(rnd, 3);
        br[0] = 0.0;
        TransferFunction r = TransferFunction.of(br, randomDenominator(rnd, 3, 0.9));
        TransferFunction h = TransferFunction.of(randomNumerator(rnd, 2), randomDenominator(rnd, 2, 0.9));
        double gn = rnd.nextDouble(-2.0, 2.0);
        ClosedLoop loop = ClosedLoop.of(r, h, gn, 1);
        double w = rnd.nextDouble(0.01, Math.PI);
        Complex rv = r.valueAt(w);
        Complex expected = rv.multiply(gn).divide(Complex.ONE.add(rv.multiply(h.valueAt(w))));
        assertEquals(expected.getReal(), loop.closedLoopGain(w), 1e-10 * Math.max(1.0, expected.abs()),
                "seed " + seed + ", omega " + w);
        double dc = r.dcGain() * gn / (1.0 + r.dcGain() * h.dcGain());
        assertEquals(dc, loop.closedLoopGain(), 1e-9 * Math.max(1.0, Math.abs(dc)), "seed " + seed + ", DC");
    }

    @Test
    void closedLoopGainTakesTheLimitThroughACommonFactor() {
        // R = 0.5 z^-1 (1 - z^-1) / (1 - z^-1)^2: an integrator written with a redundant factor. K_cl = G_N / G_R
        // by the limit; the hidden mode at z = 1 still counts for stability.
        TransferFunction r = TransferFunction.of(new double[] {0.0, 0.5, -0.5}, new double[] {1.0, -2.0, 1.0});
        ClosedLoop loop = ClosedLoop.of(r, TransferFunction.gain(0.8), 3.0, 0);
        assertEquals(3.0 / 0.8, loop.closedLoopGain(), 1e-12, "K_cl = G_N / G_R");
        assertEquals(1, loop.primingSign(), "positive");
        assertFalse(loop.isReflexStable(), "the uncancelled mode at z = 1");
        // The reduced form is stable: pole 1 - 0.5 * 0.8.
        ClosedLoop reduced = ClosedLoop.of(r.cancelled(1e-9), TransferFunction.gain(0.8), 3.0, 0);
        assertTrue(reduced.isReflexStable(), "after cancellation");
        assertEquals(0.6, reduced.poles()[0].getReal(), 1e-12, "pole 1 - K G_R");
    }

    @Test
    void infiniteClosedLoopGainIsAClearError() {
        // No reflex around an integrator: R/(1 + R H) = R keeps its pole at z = 1.
        ClosedLoop loop = ClosedLoop.of(integratingPlant(1.0), TransferFunction.gain(0.0), 1.0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loop::closedLoopGain, "K_cl");
        assertTrue(e.getMessage().contains("K_cl is infinite") && e.getMessage().contains("pole at z = 1"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, loop::primingSign, "priming sign");
        assertFalse(loop.isReflexStable(), "marginal");
        // G_N = 0: K_cl is 0 whatever the loop.
        ClosedLoop silent = ClosedLoop.of(integratingPlant(1.0), TransferFunction.gain(0.0), 0.0, 0);
        assertEquals(0.0, silent.closedLoopGain(), 0.0, "G_N = 0");
        assertEquals(0, silent.primingSign(), "sign 0");
        assertArrayEquals(new double[] {0.0}, silent.networkToError().numerator(), 0.0, "G_YE = 0");
        assertArrayEquals(new double[] {1.0, -1.0}, silent.networkToError().denominator(), 0.0,
                "over the characteristic polynomial");
    }

    @Test
    void accessorsAndToString() {
        TransferFunction r = integratingPlant(0.5);
        TransferFunction h = TransferFunction.gain(1.0);
        ClosedLoop loop = ClosedLoop.of(r, h, -2.0, 3);
        assertEquals(r, loop.environment(), "R");
        assertEquals(h, loop.reflex(), "H");
        assertEquals(-2.0, loop.networkGain(), 0.0, "G_N");
        assertEquals(3, loop.lookahead(), "T");
        assertEquals("ClosedLoop[R = (0.5 z^-1)/(1 - 1 z^-1), H = 1, G_N = -2.0, T = 3]", loop.toString(), "text");
    }
}
