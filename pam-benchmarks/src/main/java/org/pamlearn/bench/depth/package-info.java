// SPDX-License-Identifier: Apache-2.0
/**
 * The depth study behind {@code pamlearn depth} (docs/ALGORITHMS.md &sect;3): how the error signal of back-propagation
 * and the weight steps of BP, Sign-and-Relevance and Prime-and-Modulate change layer by layer as the network gets
 * deeper, for the authors' all-positive and a symmetric initialisation, on random inputs and on states recorded from a
 * simulated line-follower session. {@link org.pamlearn.bench.depth.DepthStudy} measures,
 * {@link org.pamlearn.bench.depth.DepthPlot} draws.
 */
package org.pamlearn.bench.depth;
