// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace;

import java.util.Arrays;
import java.util.Objects;

/**
 * A frequency response sampled on a grid: {@code magnitude[k] = |H(e^{j omegas[k]})|} and
 * {@code phase[k] = arg H(e^{j omegas[k]})}, from {@link TransferFunction#frequencyResponse(double[])}.
 *
 * <p>Immutable: the arrays are copied on construction and every accessor returns a copy. {@link #equals} and
 * {@link #hashCode} compare the array contents.
 *
 * @param omegas the angular frequencies in rad/sample
 * @param magnitude the gains (not in dB), same length as {@code omegas}
 * @param phase the phases in radians, wrapped to {@code [-pi, pi]}, same length as {@code omegas}
 */
public record FrequencyResponse(double[] omegas, double[] magnitude, double[] phase) {

    /**
     * Copies the arrays.
     *
     * @param omegas the angular frequencies in rad/sample. Not modified (copied).
     * @param magnitude the gains. Not modified (copied).
     * @param phase the phases in radians. Not modified (copied).
     * @throws NullPointerException if an array is {@code null}
     * @throws IllegalArgumentException if the lengths differ
     */
    public FrequencyResponse {
        Objects.requireNonNull(omegas, "omegas");
        Objects.requireNonNull(magnitude, "magnitude");
        Objects.requireNonNull(phase, "phase");
        if (magnitude.length != omegas.length || phase.length != omegas.length) {
            throw new IllegalArgumentException("magnitude.length and phase.length must be omegas.length = "
                    + omegas.length + ", got " + magnitude.length + " and " + phase.length);
        }
        omegas = omegas.clone();
        magnitude = magnitude.clone();
        phase = phase.clone();
    }

    /**
     * The angular frequencies.
     *
     * @return a copy, in rad/sample
     */
    @Override
    public double[] omegas() {
        return omegas.clone();
    }

    /**
     * The gains {@code |H|}.
     *
     * @return a copy
     */
    @Override
    public double[] magnitude() {
        return magnitude.clone();
    }

    /**
     * The phases {@code arg H}, wrapped to {@code [-pi, pi]}.
     *
     * @return a copy, in radians
     */
    @Override
    public double[] phase() {
        return phase.clone();
    }

    /**
     * The number of frequencies.
     *
     * @return {@code omegas().length}
     */
    public int size() {
        return omegas.length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FrequencyResponse)) {
            return false;
        }
        FrequencyResponse r = (FrequencyResponse) o;
        return Arrays.equals(omegas, r.omegas) && Arrays.equals(magnitude, r.magnitude)
                && Arrays.equals(phase, r.phase);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(omegas) + Arrays.hashCode(magnitude)) + Arrays.hashCode(phase);
    }

    @Override
    public String toString() {
        return "FrequencyResponse[omegas=" + Arrays.toString(omegas) + ", magnitude=" + Arrays.toString(magnitude)
                + ", phase=" + Arrays.toString(phase) + "]";
    }
}
