// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.DoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pamlearn.core.Network;
import org.pamlearn.core.NetworkFixtures;
import org.pamlearn.core.WeightInits;

/**
 * Bad input to learners, rules and contexts: the exception type and message, and a failed call changes no
 * weight, bias or activation (compared bit for bit) and no history ({@code previousError}, {@code lastModulation}).
 */
class LearnerValidationTest {

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("BP", Backprop.builder().eta(0.1).build()),
                arguments("SaR", SignAndRelevance.builder().eta(0.1).build()),
                arguments("SaR SIGN_ONLY",
                        SignAndRelevance.builder().eta(0.1).signPropagation(SignPropagation.SIGN_ONLY).build()),
                arguments("PaM", PrimeAndModulate.builder().eta(0.1).build()));
    }

    /** A 3 -> 4 -> 2 network with biases, after a forward pass. */
    private static Network network() {
        Network net = Network.builder(3).bias(true).init(WeightInits.symmetric(1.0)).seed(11).layers(4, 2).build();
        net.forward(new double[] {0.3, -0.7, 1.1}, new double[2]);
        return net;
    }

    /**
     * A learner that has made one step with E = 0.4 (with a given modulation, so that no cue is asked), so
     * that its history is not the initial one; the network has run forward again.
     */
    private static Learner stepped(LearningRule rule) {
        Network net = network();
        Learner learner = rule.newLearner(net);
        learner.learn(0.4, new StepContext().setModulation(1.0));
        net.forward(new double[] {0.3, -0.7, 1.1}, new double[2]);
        return learner;
    }

    /** Runs {@code call}, expecting {@code type} with {@code message}, and checks that nothing changed. */
    private static <T extends Throwable> void assertRejected(Class<T> type, String message, Learner learner,
            Executable call) {
        Network net = learner.network();
        double[][] before = NetworkFixtures.snapshot(net);
        double previous = learner.previousError();
        double modulation = learner.lastModulation();
        T e = assertThrows(type, call, message);
        assertEquals(message, e.getMessage());
        NetworkFixtures.assertUnchanged(before, net, message);
        assertEquals(previous, learner.previousError(), 0.0, message + ": previousError unchanged");
        assertEquals(Double.doubleToRawLongBits(modulation), Double.doubleToRawLongBits(learner.lastModulation()),
                message + ": lastModulation unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void learningBeforeAnyForwardPassIsAnIllegalState(String name, LearningRule rule) {
        Network net = Network.builder(3).layers(4, 2).build();
        Learner learner = rule.newLearner(net);
        String message = "learn needs the activations of a forward pass: call network.forward first";
        StepContext c = new StepContext().setLookahead(2.0);
        assertRejected(IllegalStateException.class, message, learner, () -> learner.learn(0.5, c));
        assertRejected(IllegalStateException.class, message, learner, () -> learner.learn(new double[] {0.5, 1}, c));
        assertEquals(0.0, learner.previousError(), 0.0, name);
        assertTrue(Double.isNaN(learner.lastModulation()), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void errorsMustBeFiniteAndOfTheRightLength(String name, LearningRule rule) {
        Learner learner = stepped(rule);
        StepContext c = new StepContext().setLookahead(2.0);
        assertRejected(IllegalArgumentException.class, "error must be finite, got NaN", learner,
                () -> learner.learn(Double.NaN, c));
        assertRejected(IllegalArgumentException.class, "error must be finite, got Infinity", learner,
                () -> learner.learn(Double.POSITIVE_INFINITY, c));
        assertRejected(IllegalArgumentException.class, "error must be finite, got -Infinity", learner,
                () -> learner.learn(Double.NEGATIVE_INFINITY, c));
        assertRejected(IllegalArgumentException.class, "errors[1] must be finite, got NaN", learner,
                () -> learner.learn(new double[] {0.5, Double.NaN}, c));
        assertRejected(IllegalArgumentException.class, "errors[0] must be finite, got -Infinity", learner,
                () -> learner.learn(new double[] {Double.NEGATIVE_INFINITY, 0.5}, c));
        assertRejected(IllegalArgumentException.class, "errors.length must be 2, got 3", learner,
                () -> learner.learn(new double[] {0.5, 0.5, 0.5}, c));
        assertRejected(IllegalArgumentException.class, "errors.length must be 2, got 1", learner,
                () -> learner.learn(new double[] {0.5}, c));
        assertRejected(NullPointerException.class, "errors", learner, () -> learner.learn(null, c));
        assertRejected(NullPointerException.class, "context", learner, () -> learner.learn(0.5, null));
        // and a valid step still works afterwards, from the same history
        learner.learn(0.2, c);
        assertEquals(0.2, learner.previousError(), 0.0, name);
    }

    /** User cues that give a negative, NaN or infinite value are rejected, naming the cue. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {-1.0, -0.0001, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void cueValuesMustBeFiniteAndNonNegative(double bad) {
        Cue cue = context -> bad;
        String message = "cue " + cue + " must give a finite value >= 0, got " + bad;
        Learner sar = stepped(SignAndRelevance.builder().eta(0.1).relevance(cue).build());
        assertRejected(IllegalArgumentException.class, message, sar, () -> sar.learn(0.5, new StepContext()));
        Learner pam = stepped(PrimeAndModulate.builder().eta(0.1).modulation(cue).build());
        assertRejected(IllegalArgumentException.class, message, pam,
                () -> pam.learn(new double[] {0.5, -0.5}, new StepContext()));
    }

    @Test
    void lookaheadCueWithoutPositionChangesNothing() {
        Learner pam = stepped(PrimeAndModulate.builder().eta(0.1).build());
        assertRejected(IllegalArgumentException.class,
                "the lookahead cue needs the look-ahead position q: call StepContext.setLookahead(q) first", pam,
                () -> pam.learn(0.5, new StepContext()));
    }

    @Test
    void contextRejectsBadModulationLookaheadAndSignals() {
        StepContext c = new StepContext(2).setModulation(0.5).setLookahead(3.0).setSignal(1, 7.0);
        Learner pam = stepped(PrimeAndModulate.builder().eta(0.1).build());
        assertRejected(IllegalArgumentException.class, "modulation must be finite and >= 0, got -1.0", pam,
                () -> c.setModulation(-1.0));
        assertRejected(IllegalArgumentException.class, "modulation must be finite and >= 0, got NaN", pam,
                () -> c.setModulation(Double.NaN));
        assertRejected(IllegalArgumentException.class, "modulation must be finite and >= 0, got Infinity", pam,
                () -> c.setModulation(Double.POSITIVE_INFINITY));
        assertEquals(0.5, c.modulation(), 0.0, "the former modulation stays");
        assertRejected(IllegalArgumentException.class, "lookahead q must be finite, got NaN", pam,
                () -> c.setLookahead(Double.NaN));
        assertRejected(IllegalArgumentException.class, "lookahead q must be finite, got -Infinity", pam,
                () -> c.setLookahead(Double.NEGATIVE_INFINITY));
        assertEquals(3.0, c.lookahead(), 0.0, "the former look-ahead stays");
        assertRejected(IllegalArgumentException.class, "signal[1] must be finite, got NaN", pam,
                () -> c.setSignal(1, Double.NaN));
        assertEquals(7.0, c.signal(1), 0.0, "the former signal stays");
        assertThrows(IndexOutOfBoundsException.class, () -> c.setSignal(2, 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StepContext(-1));
        assertEquals("nSignals must be >= 0, got -1", e.getMessage());
        // the context still works: the modulation given before acts
        pam.learn(0.5, c);
        assertEquals(0.5, pam.lastModulation(), 0.0);
    }

    static Stream<Arguments> etaSetters() {
        DoubleFunction<Object> bp = eta -> Backprop.builder().eta(eta);
        DoubleFunction<Object> sar = eta -> SignAndRelevance.builder().eta(eta);
        DoubleFunction<Object> pam = eta -> PrimeAndModulate.builder().eta(eta);
        return Stream.of(arguments("BP", bp), arguments("SaR", sar), arguments("PaM", pam));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("etaSetters")
    void etaMustBeFiniteAndPositive(String name, DoubleFunction<Object> setEta) {
        for (double bad : new double[] {Double.NaN, 0.0, -0.0, -0.1, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> setEta.apply(bad),
                    name + ", eta " + bad);
            assertEquals("eta must be finite and > 0, got " + bad, e.getMessage(), name);
        }
    }

    @Test
    void etaMustBeSetAndAFailedSetterKeepsTheFormerValue() {
        String message = "eta must be set: call eta(...) before build()";
        assertEquals(message, assertThrows(IllegalStateException.class, () -> Backprop.builder().build()).getMessage());
        assertEquals(message,
                assertThrows(IllegalStateException.class, () -> SignAndRelevance.builder().build()).getMessage());
        assertEquals(message,
                assertThrows(IllegalStateException.class, () -> PrimeAndModulate.builder().build()).getMessage());

        Backprop.Builder bp = Backprop.builder().eta(0.25);
        assertThrows(IllegalArgumentException.class, () -> bp.eta(Double.NaN));
        assertEquals(0.25, bp.build().eta(), 0.0, "BP");
        SignAndRelevance.Builder sar = SignAndRelevance.builder();
        assertThrows(IllegalArgumentException.class, () -> sar.eta(-1.0));
        assertEquals(message, assertThrows(IllegalStateException.class, sar::build).getMessage(),
                "a rejected eta does not count as set");
    }
}
