// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pamlearn.zspace.filter.ResonatorTest.assertMessage;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The resonator bank: its frequencies, its outputs against one filter per resonator, its preconditions. */
class ResonatorBankTest implements FilterBankContract {

    @Override
    public FilterBank newBank() {
        return new ResonatorBank(4, 2.5, 40, 0.7);
    }

    @Override
    public double[] dcGains() {
        ResonatorBank bank = new ResonatorBank(4, 2.5, 40, 0.7);
        double[] gains = new double[bank.size()];
        for (int m = 0; m < gains.length; m++) {
            Resonator r = bank.resonator(m);
            gains[m] = 1 / (r.norm() * (1 + r.d1() + r.d2()));
        }
        return gains;
    }

    @Test
    void frequenciesAreSpreadEvenlyBetweenTheInversePeriods() {
        ResonatorBank bank = new ResonatorBank(5, 3, 10, 0.51);
        assertEquals(5, bank.size());
        for (int m = 0; m < 5; m++) {
            // f_m = f_min + m (f_max - f_min) / (n - 1), f_min = 1/10, f_max = 1/3
            assertEquals(0.1 + m * (1.0 / 3 - 0.1) / 4, bank.resonator(m).frequency(), 1e-16, "f_" + m);
            assertEquals(0.51, bank.resonator(m).q(), 0.0, "q_" + m);
        }
        assertEquals(1.0 / 3, bank.resonator(4).frequency(), 1e-16, "f_max = 1 / minT");
        ResonatorBank one = new ResonatorBank(1, 3, 10, 0.51);
        assertEquals(1, one.size());
        assertEquals(0.1, one.resonator(0).frequency(), 0.0, "n = 1: f_min = 1 / maxT");
        ResonatorBank same = new ResonatorBank(3, 4, 4, 2.0);
        for (int m = 0; m < 3; m++) {
            assertEquals(0.25, same.resonator(m).frequency(), 0.0, "minT = maxT: every f = 1/4");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> bank.resonator(5));
        assertThrows(IndexOutOfBoundsException.class, () -> bank.resonator(-1));
    }

    static LongStream seeds() {
        return LongStream.range(0, 100);
    }

    /** The bank's flat loop gives what one IirFilter per resonator gives, for seeded designs and inputs. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bankAgreesWithOneFilterPerResonator(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(8);
        double minT = 2.01 + random.nextDouble(20);
        double maxT = minT + random.nextDouble(200);
        double q = 0.5 + Math.exp(random.nextDouble(Math.log(1e-3), Math.log(20)));
        ResonatorBank bank = new ResonatorBank(n, minT, maxT, q);
        IirFilter[] filters = new IirFilter[n];
        for (int m = 0; m < n; m++) {
            filters[m] = bank.resonator(m).newFilter();
        }
        double[] out = new double[n + 2];
        for (int i = 0; i < 300; i++) {
            double x = random.nextDouble(-1, 1);
            bank.filter(x, out, 2);
            for (int m = 0; m < n; m++) {
                double expected = filters[m].filter(x);
                assertEquals(expected, out[2 + m], 1e-12 * Math.max(1, Math.abs(expected)),
                        "seed " + seed + ", sample " + i + ", resonator " + m);
            }
        }
    }

    @Test
    void bankOfGivenResonators() {
        Resonator slow = Resonator.of(0.05, 0.6);
        Resonator fast = Resonator.of(0.4, 3.0);
        Resonator[] design = {fast, slow};
        ResonatorBank bank = new ResonatorBank(design);
        design[0] = slow;
        assertSame(fast, bank.resonator(0), "the array is copied");
        assertSame(slow, bank.resonator(1));
        double[] out = FilterBankContract.step(bank, 1.0);
        assertArrayEquals(new double[] {1 / fast.norm(), 1 / slow.norm()}, out, 0.0, "first sample of a step");
        assertMessage("resonators must hold at least one resonator, got 0", () -> new ResonatorBank());
        NullPointerException e = assertThrows(NullPointerException.class, () -> new ResonatorBank(slow, null));
        assertEquals("resonators[1]", e.getMessage());
    }

    @Test
    void impossibleBanksAreRejected() {
        assertMessage("n must be >= 1 resonator, got 0", () -> new ResonatorBank(0, 3, 10, 0.51));
        assertMessage("n must be >= 1 resonator, got -2", () -> new ResonatorBank(-2, 3, 10, 0.51));
        String minT = "minT must be finite and > 2 samples (a period of 2 samples or less is at or above the Nyquist "
                + "frequency 0.5), got ";
        assertMessage(minT + "2.0", () -> new ResonatorBank(5, 2, 10, 0.51));
        assertMessage(minT + "1.5", () -> new ResonatorBank(5, 1.5, 10, 0.51));
        assertMessage(minT + "-3.0", () -> new ResonatorBank(5, -3, 10, 0.51));
        assertMessage(minT + "NaN", () -> new ResonatorBank(5, Double.NaN, 10, 0.51));
        assertMessage(minT + "Infinity", () -> new ResonatorBank(5, Double.POSITIVE_INFINITY, 10, 0.51));
        assertMessage("maxT must be finite and >= minT = 3.0, got 2.5", () -> new ResonatorBank(5, 3, 2.5, 0.51));
        assertMessage("maxT must be finite and >= minT = 3.0, got NaN",
                () -> new ResonatorBank(5, 3, Double.NaN, 0.51));
        assertMessage("maxT must be finite and >= minT = 3.0, got Infinity",
                () -> new ResonatorBank(5, 3, Double.POSITIVE_INFINITY, 0.51));
        assertMessage("q must be finite and > 0.5 (oscillatory poles), got 0.5",
                () -> new ResonatorBank(5, 3, 10, 0.5));
        assertMessage("q must be finite and > 0.5 (oscillatory poles), got -0.51",
                () -> new ResonatorBank(5, 3, 10, -0.51));
        assertMessage("q must be finite and > 0.5 (oscillatory poles), got NaN",
                () -> new ResonatorBank(5, 3, 10, Double.NaN));
        assertMessage("maxT must be <= pi * 1000000.0 / q = " + (Math.PI * 1e6 / 0.51) + " samples (the slowest "
                + "resonator's decay time q * maxT / pi must be <= 1000000.0 samples), got 1.0E7",
                () -> new ResonatorBank(5, 3, 1e7, 0.51));
    }
}
