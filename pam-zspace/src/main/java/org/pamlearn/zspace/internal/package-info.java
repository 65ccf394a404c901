// SPDX-License-Identifier: Apache-2.0
/**
 * Internals of pam-zspace. <b>Not API</b>: anything here may change or disappear in any release without notice.
 * The few public classes are public only because {@code org.pamlearn.zspace} and {@code org.pamlearn.zspace.filter}
 * use them across the package boundary; code outside pam-zspace must not.
 *
 * <p>The polynomial root finder behind {@link org.pamlearn.zspace.TransferFunction#poles()} and
 * {@link org.pamlearn.zspace.TransferFunction#zeros()}, one algorithm per class:
 *
 * <ul>
 *   <li>{@link org.pamlearn.zspace.internal.PolynomialRoots}: the entry point, which runs the pipeline below;</li>
 *   <li>{@code QuadraticRoots}: degree 2 in closed form, without cancellation;</li>
 *   <li>{@code NewtonPolygonStart}: starting points on circles from the Newton polygon (Bini 1996);</li>
 *   <li>{@code CompanionMatrixStart}: the fallback starting points, eigenvalues of the balanced companion
 *       matrix;</li>
 *   <li>{@code AberthEhrlich}: the simultaneous iteration (Ehrlich 1967, Aberth 1973);</li>
 *   <li>{@code ConjugateSymmetry}: exact conjugate pairs and the output order;</li>
 *   <li>{@code ClusterRefinement}, {@code FactorisationNewton}, {@code ClusterFactorRoots}: the joint refinement
 *       of clustered and multiple roots through the factorisation of the polynomial into one factor per
 *       cluster, with a double-double residual;</li>
 *   <li>{@code Horner} and {@code DoubleDouble}: the evaluation and extended-precision arithmetic they share.</li>
 * </ul>
 *
 * <p>Besides: {@link org.pamlearn.zspace.internal.PoleZeroPairing}, the conjugate pairing and pole/zero
 * cancellation of {@code TransferFunction}, and {@link org.pamlearn.zspace.internal.Checks}, the module's argument
 * checks (messages name the argument and the value).
 */
package org.pamlearn.zspace.internal;
