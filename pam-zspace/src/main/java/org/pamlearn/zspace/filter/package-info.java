// SPDX-License-Identifier: Apache-2.0
/**
 * Real-time filters that turn sensor signals into network inputs (docs/ALGORITHMS.md &sect;4): plain
 * {@code double} arithmetic on preallocated state, no allocation per sample.
 *
 * <ul>
 *   <li>{@link org.pamlearn.zspace.filter.Filter}: one input, one output per sample &mdash;
 *       {@link org.pamlearn.zspace.filter.IirFilter} (cascaded second-order sections, from explicit sections
 *       or any transfer function) and {@link org.pamlearn.zspace.filter.LowPass} (first-order sensor
 *       smoothing);</li>
 *   <li>{@link org.pamlearn.zspace.filter.FilterBank}: one input, {@code N} outputs per sample &mdash;
 *       {@link org.pamlearn.zspace.filter.ResonatorBank} (the authors' resonators, designed by
 *       {@link org.pamlearn.zspace.filter.Resonator}) and {@link org.pamlearn.zspace.filter.DelayTaps};</li>
 *   <li>{@link org.pamlearn.zspace.filter.FilterArray}: one bank per predictor signal, {@code P} predictors to
 *       {@code P * N} network inputs in the order {@code u[N * p + k]}.</li>
 * </ul>
 *
 * <p>Coefficients are immutable; each filter's state is small and mutable, and filters are not
 * thread-safe. Inputs are checked once per call (finite, lengths); bad parameters are rejected at
 * construction with a message naming the parameter and its value.
 */
package org.pamlearn.zspace.filter;
