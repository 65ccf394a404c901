// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * Turns one reflex-sensor sample into the closed-loop error {@code E(n)} (docs/ALGORITHMS.md &sect;1): the signal
 * the fixed reflex acts on and the network learns from. Standard ones are in {@link ReflexErrors}.
 *
 * <p>Implementations are called once per control step and must not allocate.
 */
@FunctionalInterface
public interface ReflexError {

    /**
     * Computes {@code E(n)} from a reflex sample.
     *
     * @param sample the reflex sensor's values. Not modified.
     * @param offset where the sample starts in {@code sample}
     * @return the error, "desired minus actual"; a non-finite value makes the step a sensor fault
     * @throws IndexOutOfBoundsException if the sample is shorter than the function needs
     */
    double error(double[] sample, int offset);
}
