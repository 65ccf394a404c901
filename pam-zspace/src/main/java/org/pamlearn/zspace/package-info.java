// SPDX-License-Identifier: Apache-2.0
/**
 * The closed loop in z-space (docs/ALGORITHMS.md &sect;2): {@link org.pamlearn.zspace.TransferFunction}, an immutable
 * ratio of real polynomials in {@code z^-1} with its algebra (series, parallel, negative and positive feedback,
 * cancellation) and analysis (poles and zeros, stability, DC gain, frequency, impulse and step responses), and
 * {@link org.pamlearn.zspace.ClosedLoop}, which derives from the environment {@code R(z)}, the reflex {@code H(z)},
 * the network gain {@code G_N} and the look-ahead {@code T} the reflex-only error response, the transfer function
 * {@code G_YE} from network output to error, the closed-loop gain {@code K_cl} and the priming sign that the
 * learning rules rely on.
 *
 * <p>Conventions: coefficient arrays hold the coefficients of {@code z^0, z^-1, z^-2, ...}; frequencies are
 * angular, in rad/sample ({@code pi} is the Nyquist frequency); poles and zeros are points of the {@code z}-plane
 * as {@link org.apache.commons.math3.complex.Complex}.
 *
 * <p>Numerics: polynomial roots come from closed forms up to degree 2 and from the Aberth-Ehrlich iteration above
 * (started from the Newton polygon, so roots of very different sizes come out alike; backward stable), with the
 * companion matrix's eigenvalues (Apache Commons Math) as the fallback start, then are refined together, one
 * factor per cluster of roots by Newton's method on the factorisation, so that they multiply back to the
 * coefficients to rounding even where multiple roots make single roots inaccurate; stability is decided from the
 * coefficients by the Schur-Cohn recursion, so it does not depend on root accuracy. The root finder lives in
 * {@code org.pamlearn.zspace.internal}, one algorithm per class (not API). This package is for design and
 * analysis and allocates freely; the allocation-free real-time filters built from its transfer functions are in
 * {@code org.pamlearn.zspace.filter}.
 */
package org.pamlearn.zspace;
