// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pamlearn.zspace.filter.ResonatorTest.assertMessage;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** IirFilter from explicit sections: difference equations by hand, steady-state reset, preconditions. */
class IirFilterTest implements FilterContract {

    private static final double[] S1 = {0.5, 0.25, -0.125, -0.5, 0.25};
    private static final double[] S2 = {1.0, -0.5, 0.0, 0.25, 0.0};

    @Override
    public Filter newFilter() {
        return IirFilter.ofSections(S1, S2);
    }

    @Override
    public double dcGain() {
        // (0.5 + 0.25 - 0.125) / (1 - 0.5 + 0.25) * (1 - 0.5) / (1 + 0.25)
        return 0.625 / 0.75 * (0.5 / 1.25);
    }

    /** y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2], directly (direct form I). */
    static double[] directForm(double[] s, double[] x) {
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            double v = s[0] * x[n];
            if (n >= 1) {
                v += s[1] * x[n - 1] - s[3] * y[n - 1];
            }
            if (n >= 2) {
                v += s[2] * x[n - 2] - s[4] * y[n - 2];
            }
            y[n] = v;
        }
        return y;
    }

    @Test
    void oneSectionByHand() {
        IirFilter f = IirFilter.ofSections(S1);
        assertEquals(1, f.sectionCount());
        // Impulse: y0 = 0.5; y1 = 0.25 + 0.5 * 0.5 = 0.5; y2 = -0.125 + 0.5 * 0.5 - 0.25 * 0.5 = 0;
        // y3 = 0.5 * 0 - 0.25 * 0.5 = -0.125; y4 = 0.5 * -0.125 - 0.25 * 0 = -0.0625.
        double[] expected = {0.5, 0.5, 0.0, -0.125, -0.0625};
        for (int n = 0; n < expected.length; n++) {
            assertEquals(expected[n], f.filter(n == 0 ? 1.0 : 0.0), 0.0, "impulse response, n = " + n);
            assertEquals(expected[n], f.lastValue(), 0.0, "lastValue, n = " + n);
        }
    }

    @Test
    void pureDelaysAndGains() {
        IirFilter delay3 = IirFilter.ofSections(new double[] {0, 0, 1, 0, 0}, new double[] {0, 1, 0, 0, 0});
        double[] x = FilterContract.inputs(13, 20);
        for (int n = 0; n < x.length; n++) {
            assertEquals(n >= 3 ? x[n - 3] : 0.0, delay3.filter(x[n]), 0.0, "z^-3, n = " + n);
        }
        IirFilter gain = IirFilter.ofSections(new double[] {-2.5, 0, 0, 0, 0});
        assertEquals(-5.0, gain.filter(2.0), 0.0);
        assertEquals(-2.5, gain.dcGain(), 0.0);
    }

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    /** A random stable section: poles inside radius 0.95, numerator in [-2, 2). */
    static double[] randomStableSection(SplittableRandom random) {
        double r = random.nextDouble(0.95);
        double theta = random.nextDouble(Math.PI);
        double a1;
        double a2;
        if (random.nextBoolean()) {
            a1 = -2 * r * Math.cos(theta);
            a2 = r * r;
        } else {
            double p1 = random.nextDouble(-0.95, 0.95);
            double p2 = random.nextDouble(-0.95, 0.95);
            a1 = -(p1 + p2);
            a2 = p1 * p2;
        }
        return new double[] {random.nextDouble(-2, 2), random.nextDouble(-2, 2), random.nextDouble(-2, 2), a1, a2};
    }

    /** A cascade equals running its sections one after the other, each by its difference equation. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void cascadeEqualsSectionsInSeries(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int k = 1 + random.nextInt(4);
        double[][] sections = new double[k][];
        for (int i = 0; i < k; i++) {
            sections[i] = randomStableSection(random);
        }
        IirFilter f = IirFilter.ofSections(sections);
        assertEquals(k, f.sectionCount());
        double[][] copy = f.sections();
        for (int i = 0; i < k; i++) {
            assertArrayEquals(sections[i], copy[i], 0.0, "seed " + seed + ": sections()[" + i + "]");
        }
        double[] x = FilterContract.inputs(seed, 200);
        double[] expected = x;
        double dc = 1;
        for (double[] s : sections) {
            expected = directForm(s, expected);
            dc *= (s[0] + s[1] + s[2]) / (1 + s[3] + s[4]);
        }
        for (int n = 0; n < x.length; n++) {
            assertEquals(expected[n], f.filter(x[n]), 1e-10 * Math.max(1, Math.abs(expected[n])),
                    "seed " + seed + ", n = " + n);
        }
        assertEquals(dc, f.dcGain(), 1e-12 * Math.max(1, Math.abs(dc)), "seed " + seed + ": dcGain");
        double steady = random.nextDouble(-3, 3);
        f.reset(steady);
        for (int n = 0; n < 50; n++) {
            assertEquals(dc * steady, f.filter(steady), 1e-12 * Math.max(1, Math.abs(dc * steady)),
                    "seed " + seed + ": reset(" + steady + "), n = " + n);
        }
    }

    @Test
    void sectionsAreCopiedInAndOut() {
        double[] s = S1.clone();
        IirFilter f = IirFilter.ofSections(s);
        s[0] = 100;
        assertEquals(0.5, f.filter(1.0), 0.0, "the caller's section is copied");
        f.sections()[0][0] = 100;
        assertEquals(0.5, f.sections()[0][0], 0.0, "sections() is a copy");
        assertEquals("IirFilter[1 section]", f.toString());
        assertEquals("IirFilter[2 sections]", newFilter().toString());
    }

    @Test
    void poleAtOneHasNoSteadyState() {
        IirFilter integrator = IirFilter.ofSections(new double[] {1, 0, 0, 0.5, 0.25}, new double[] {1, 0, 0, -1, 0});
        integrator.filter(2.0);
        double last = integrator.lastValue();
        String message = "the DC gain is infinite: section 1 has a pole at z = 1 (1 + a1 + a2 = 0.0)";
        assertMessage(message, integrator::dcGain);
        assertMessage(message, () -> integrator.reset(1.0));
        assertEquals(last, integrator.lastValue(), 0.0, "lastValue unchanged");
        // the state is unchanged: the next output continues the integration of 2 through 1 / (1 + 0.5 z^-1 + ...)
        IirFilter twin = IirFilter.ofSections(new double[] {1, 0, 0, 0.5, 0.25}, new double[] {1, 0, 0, -1, 0});
        twin.filter(2.0);
        assertEquals(twin.filter(0.5), integrator.filter(0.5), 0.0, "state unchanged by the rejected reset");
        // a double pole at 1 in one section, and a pole at 1 to rounding
        assertMessage("the DC gain is infinite: section 0 has a pole at z = 1 (1 + a1 + a2 = 0.0)",
                () -> IirFilter.ofSections(new double[] {1, 0, 0, -2, 1}).dcGain());
        IirFilter nearOne = IirFilter.ofSections(new double[] {1, 0, 0, -(1 - 1e-10), 0});
        assertEquals(1e10, nearOne.dcGain(), 1e-5 * 1e10, "a pole 1e-10 inside z = 1 still has a DC gain");
    }

    @Test
    void badSectionsAreRejected() {
        assertMessage("sections must hold at least one section, got 0", () -> IirFilter.ofSections());
        assertMessage("sections[1].length must be 5 ({b0, b1, b2, a1, a2}), got 3",
                () -> IirFilter.ofSections(S1, new double[] {1, 2, 3}));
        assertMessage("sections[0][3] (a1) must be finite, got NaN",
                () -> IirFilter.ofSections(new double[] {1, 0, 0, Double.NaN, 0}));
        assertMessage("sections[1][0] (b0) must be finite, got Infinity",
                () -> IirFilter.ofSections(S1, new double[] {Double.POSITIVE_INFINITY, 0, 0, 0, 0}));
        assertMessage("sections[0][4] (a2) must be finite, got -Infinity",
                () -> IirFilter.ofSections(new double[] {1, 0, 0, 0, Double.NEGATIVE_INFINITY}));
        NullPointerException e = assertThrows(NullPointerException.class, () -> IirFilter.ofSections(S1, null));
        assertEquals("sections[1]", e.getMessage());
        assertThrows(NullPointerException.class, () -> IirFilter.ofSections((double[][]) null));
    }
}
