// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pamlearn.core.Network;

/**
 * The standard cues against hand-computed values (docs/ALGORITHMS.md &sect;3), alone and through a learner.
 *
 * <p>Golden values: exp and atan of the hand-computed arguments, printed by Python 3's {@code math} module
 * ({@code repr}, 17 significant digits). Tolerance: 1e-15 relative.
 */
class CuesTest {

    private static final double E4 = 54.598150033144236;
    private static final double E10 = 22026.465794806718;
    private static final double E_MINUS_10 = 4.5399929762484854e-05;
    private static final double E1 = 2.718281828459045;
    private static final double E_MINUS_1 = 0.36787944117144233;
    private static final double E_HALF = 1.6487212707001282;
    private static final double E_MINUS_QUARTER = 0.7788007830714049;
    private static final double E2 = 7.38905609893065;
    private static final double E_MINUS_2 = 0.1353352832366127;
    private static final double ATAN_3 = 1.2490457723982544;
    private static final double ATAN_HALF = 0.4636476090008061;
    private static final double ATAN_2 = 1.1071487177940904;
    private static final double ATAN_1 = 0.7853981633974483;

    /** A context as a learner leaves it: E(n) and E(n-1) set. */
    private static StepContext context(double error, double previous) {
        StepContext c = new StepContext();
        c.setErrors(error, previous);
        return c;
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-15 * Math.abs(expected), what);
    }

    @Test
    void errorRateIsExpOfErrorTimesItsRate() {
        Cue erc = Cues.errorRate();
        // exponent E (E - E(n-1)) / dt, dt = 1, clamp 10
        assertRelative(E4, erc.value(context(2.0, 0.0)), "first step: E(n-1) = 0, 2 * 2 = 4");
        assertRelative(E_HALF, erc.value(context(-1.0, -0.5)), "-1 * (-1 + 0.5) = 0.5");
        assertRelative(E_MINUS_QUARTER, erc.value(context(0.5, 1.0)), "0.5 * (0.5 - 1) = -0.25: |E| shrinks");
        assertEquals(1.0, erc.value(context(0.0, 3.0)), 0.0, "E = 0: exp(0)");
        assertEquals(1.0, erc.value(context(1.5, 1.5)), 0.0, "E constant: exp(0)");
    }

    @Test
    void errorRateClampsItsExponentOnBothSides() {
        Cue erc = Cues.errorRate();
        assertRelative(E10, erc.value(context(5.0, 0.0)), "5 * 5 = 25 clamped to 10");
        assertRelative(E10, erc.value(context(-4.0, -1.0)), "-4 * (-4 + 1) = 12 clamped to 10");
        assertRelative(E_MINUS_10, erc.value(context(3.0, 10.0)), "3 * (3 - 10) = -21 clamped to -10");
        assertRelative(17154.228809290984, erc.value(context(-3.25, -0.25)), "-3.25 * -3 = 9.75, inside the clamp");
    }

    @Test
    void errorRateWithOtherClampAndSamplePeriod() {
        Cue erc = Cues.errorRate(2.0, 0.5);
        assertRelative(E1, erc.value(context(1.0, 0.5)), "1 * 0.5 / 0.5 = 1");
        assertRelative(E2, erc.value(context(2.0, 0.0)), "2 * 2 / 0.5 = 8 clamped to 2");
        assertRelative(E2, erc.value(context(-1.0, 2.0)), "-1 * -3 / 0.5 = 6 clamped to 2");
        assertRelative(E_MINUS_2, erc.value(context(1.0, 3.0)), "1 * -2 / 0.5 = -4 clamped to -2");
        assertRelative(E_HALF, Cues.errorRate(10.0, 4.0).value(context(2.0, 1.0)), "2 * 1 / 4 = 0.5");
    }

    @Test
    void lookaheadIsArctanOfKappaTimesDistanceFromTheCentre() {
        Cue lc = Cues.lookahead();
        assertEquals(0.0, lc.value(new StepContext().setLookahead(6.5)), 0.0, "at the default centre 6.5");
        assertRelative(ATAN_3, lc.value(new StepContext().setLookahead(9.5)), "|6.5 - 9.5| = 3");
        assertRelative(ATAN_3, lc.value(new StepContext().setLookahead(3.5)), "|6.5 - 3.5| = 3, other side");
        assertRelative(ATAN_HALF, lc.value(new StepContext().setLookahead(7.0)), "|6.5 - 7| = 0.5");
        Cue narrow = Cues.lookahead(4.0, 0.5);
        assertRelative(ATAN_1, narrow.value(new StepContext().setLookahead(6.0)), "0.5 * |4 - 6| = 1");
        assertRelative(ATAN_1, narrow.value(new StepContext().setLookahead(2.0)), "0.5 * |4 - 2| = 1");
        Cue wide = Cues.lookahead(4.0, 2.0);
        assertRelative(ATAN_2, wide.value(new StepContext().setLookahead(3.0)), "2 * |4 - 3| = 2");
        assertRelative(ATAN_2, wide.value(new StepContext().setLookahead(5.0)), "2 * |4 - 5| = 2");
    }

    @Test
    void lookaheadWithoutPositionIsRejected() {
        StepContext c = new StepContext().setLookahead(3.0).clearLookahead();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cues.lookahead().value(c));
        assertEquals("the lookahead cue needs the look-ahead position q: call StepContext.setLookahead(q) first",
                e.getMessage());
        IllegalArgumentException fresh = assertThrows(IllegalArgumentException.class,
                () -> Cues.lookahead().value(new StepContext()));
        assertEquals(e.getMessage(), fresh.getMessage());
    }

    @Test
    void productConstantAndAbsError() {
        StepContext c = context(1.0, 0.0).setLookahead(9.5);
        assertRelative(3.3952584260237675, Cues.product(Cues.errorRate(), Cues.lookahead()).value(c),
                "e^1 * atan(3)");
        StepContext negative = context(-3.0, 0.0);
        assertEquals(1.5, Cues.product(Cues.constant(2.0), Cues.constant(0.25), Cues.absError()).value(negative),
                0.0, "2 * 0.25 * |-3|");
        assertEquals(0.0, Cues.product(Cues.absError(), Cues.constant(5.0)).value(context(0.0, 1.0)), 0.0,
                "a zero factor");
        assertEquals(2.5, Cues.constant(2.5).value(negative), 0.0, "constant");
        assertEquals(0.0, Cues.constant(0.0).value(negative), 0.0, "constant 0 is allowed");
        assertEquals(0.3, Cues.absError().value(context(-0.3, 7.0)), 0.0, "|E|");
        assertEquals(0.0, Cues.absError().value(context(0.0, 7.0)), 0.0, "|0|");
    }

    @Test
    void cueFactoriesRejectBadParameters() {
        assertMessage("clamp must be finite and > 0, got 0.0", () -> Cues.errorRate(0.0, 1.0));
        assertMessage("clamp must be finite and > 0, got Infinity", () -> Cues.errorRate(Double.POSITIVE_INFINITY, 1));
        assertMessage("dt must be finite and > 0, got NaN", () -> Cues.errorRate(10.0, Double.NaN));
        assertMessage("dt must be finite and > 0, got -1.0", () -> Cues.errorRate(10.0, -1.0));
        assertMessage("lookahead centre must be finite, got NaN", () -> Cues.lookahead(Double.NaN, 1.0));
        assertMessage("kappa must be finite and > 0, got 0.0", () -> Cues.lookahead(6.5, 0.0));
        assertMessage("constant cue must be finite and >= 0, got -1.0", () -> Cues.constant(-1.0));
        assertMessage("constant cue must be finite and >= 0, got NaN", () -> Cues.constant(Double.NaN));
        assertMessage("constant cue must be finite and >= 0, got Infinity",
                () -> Cues.constant(Double.POSITIVE_INFINITY));
        assertMessage("product needs at least one cue", () -> Cues.product());
        NullPointerException npe = assertThrows(NullPointerException.class,
                () -> Cues.product(Cues.absError(), null));
        assertEquals("cues[1]", npe.getMessage());
    }

    private static void assertMessage(String message, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(message, e.getMessage());
    }

    private static Network network(int nOutputs) {
        Network net = Network.builder(2).layers(3, nOutputs).seed(5).build();
        net.forward(new double[] {0.5, -0.25}, new double[nOutputs]);
        return net;
    }

    /**
     * PaM's default modulation errorRate * lookahead, through a learner: E(n-1) is carried from step to step,
     * {@code reset()} brings it back to 0, and per-output errors count through their mean. The cue error limit is
     * off, so that errors of 2 reach the formula as they are (CueErrorLimitTest covers the limit).
     */
    @Test
    void primeAndModulateCarriesThePreviousErrorIntoItsModulation() {
        Learner pam = PrimeAndModulate.builder().eta(0.01).cueErrorLimit(Double.POSITIVE_INFINITY).build()
                .newLearner(network(1));
        StepContext c = new StepContext().setLookahead(9.5);
        assertTrue(Double.isNaN(pam.lastModulation()), "no modulation before the first step");
        assertEquals(0.0, pam.previousError(), 0.0, "E(n-1) = 0 before the first step");

        pam.learn(2.0, c);
        assertRelative(E4 * ATAN_3, pam.lastModulation(), "step 1: exp(2 * (2 - 0)) * atan(3)");
        assertEquals(2.0, pam.previousError(), 0.0, "step 1 carries E = 2");
        assertEquals(2.0, c.error(), 0.0, "the context shows E(n)");
        assertEquals(0.0, c.previousError(), 0.0, "the context shows E(n-1)");

        pam.learn(1.0, c);
        assertRelative(E_MINUS_1 * ATAN_3, pam.lastModulation(), "step 2: exp(1 * (1 - 2)) * atan(3)");
        assertEquals(1.0, pam.previousError(), 0.0, "step 2 carries E = 1");
        assertEquals(2.0, c.previousError(), 0.0, "the context showed E(n-1) = 2");

        pam.reset();
        assertEquals(0.0, pam.previousError(), 0.0, "reset clears E(n-1)");
        assertTrue(Double.isNaN(pam.lastModulation()), "reset clears the last modulation");
        pam.learn(1.0, c);
        assertRelative(E1 * ATAN_3, pam.lastModulation(), "after reset: exp(1 * (1 - 0)) * atan(3)");

        Learner twoOutputs = PrimeAndModulate.builder().eta(0.01).cueErrorLimit(Double.POSITIVE_INFINITY).build()
                .newLearner(network(2));
        twoOutputs.learn(new double[] {1.0, 3.0}, c);
        assertRelative(E4 * ATAN_3, twoOutputs.lastModulation(), "mean of (1, 3) is 2: exp(4) * atan(3)");
        assertEquals(2.0, twoOutputs.previousError(), 0.0, "per-output errors carry their mean");
        twoOutputs.learn(new double[] {0.5, 1.5}, c.setLookahead(7.0));
        assertRelative(E_MINUS_1 * ATAN_HALF, twoOutputs.lastModulation(), "exp(1 * (1 - 2)) * atan(0.5)");
    }

    @Test
    void otherRulesReportTheirModulation() {
        Learner sar = SignAndRelevance.builder().eta(0.01).build().newLearner(network(1));
        sar.learn(-0.3, new StepContext());
        assertEquals(0.3, sar.lastModulation(), 0.0, "SaR's default relevance |E|");
        Learner constant = SignAndRelevance.builder().eta(0.01).relevance(Cues.constant(1.0)).build()
                .newLearner(network(1));
        constant.learn(-0.3, new StepContext());
        assertEquals(1.0, constant.lastModulation(), 0.0, "relevance const");
        Learner bp = Backprop.builder().eta(0.01).build().newLearner(network(1));
        assertTrue(Double.isNaN(bp.lastModulation()), "BP before the first step");
        bp.learn(-0.3, new StepContext().setModulation(4.0));
        assertEquals(1.0, bp.lastModulation(), 0.0, "BP has no modulation and ignores a given one");
        assertEquals(-0.3, bp.previousError(), 0.0, "BP carries E too");
    }

    /** A given modulation overrides the cue for as long as it is set; clearing it brings the cue back. */
    @Test
    void givenModulationOverridesTheCueUntilCleared() {
        Learner pam = PrimeAndModulate.builder().eta(0.01).build().newLearner(network(1));
        StepContext c = new StepContext().setModulation(0.25);
        pam.learn(2.0, c);
        assertEquals(0.25, pam.lastModulation(), 0.0, "given modulation, no look-ahead needed");
        pam.learn(2.0, c.clearModulation().setLookahead(3.5));
        assertRelative(ATAN_3, pam.lastModulation(), "cue again: exp(2 * (2 - 2)) * atan(3)");
    }

    /** A user cue reads E(n), E(n-1) and its own signals from the context. */
    @Test
    void userCueReadsTheContext() {
        Cue cue = context -> Math.abs(context.error() - context.previousError()) * context.signal(0);
        Learner sar = SignAndRelevance.builder().eta(0.01).relevance(cue).build().newLearner(network(1));
        StepContext c = new StepContext(1).setSignal(0, 3.0);
        sar.learn(0.5, c);
        assertEquals(1.5, sar.lastModulation(), 0.0, "|0.5 - 0| * 3");
        sar.learn(-0.5, c.setSignal(0, 0.5));
        assertEquals(0.5, sar.lastModulation(), 0.0, "|-0.5 - 0.5| * 0.5");
    }
}
