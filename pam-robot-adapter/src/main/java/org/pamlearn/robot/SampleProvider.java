// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.robot;

/**
 * A sensor, or a group of sensors read together, that fills a caller-owned buffer (leJOS's
 * {@code fetchSample} style), so that a control step allocates nothing.
 */
public interface SampleProvider {

    /**
     * Returns the number of values one sample holds.
     *
     * @return the sample size, {@code >= 1}; fixed for the provider's lifetime
     */
    int sampleSize();

    /**
     * Writes the latest sample into {@code dst[offset .. offset + sampleSize() - 1]}.
     *
     * @param dst receives the sample. Modified only in that range.
     * @param offset where the sample starts in {@code dst}
     * @throws SensorException if the sensor cannot deliver a sample (a torn frame, a timeout, a lost port); the
     *     contents of that range of {@code dst} are then unspecified
     * @throws IndexOutOfBoundsException if the range does not fit in {@code dst}
     */
    void fetchSample(double[] dst, int offset);
}
