// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import org.apache.commons.math3.complex.Complex;

/**
 * Roots of a real polynomial {@code c[0] z^n + c[1] z^(n-1) + ... + c[n]} with {@code c[0] != 0} and
 * {@code c[n] != 0} (so no root is 0): the entry point of the root finder, which runs the pipeline of the classes
 * below. Not API (see the package documentation).
 *
 * <p>Degrees 1 and 2 are solved in closed form (the quadratic in its cancellation-free form,
 * {@link QuadraticRoots}). From degree 3, by the Aberth-Ehrlich iteration ({@link AberthEhrlich}; as in MPSolve:
 * D. A. Bini, "Numerical computation of polynomial zeros by means of Aberth's method", Numerical Algorithms 13,
 * 1996): all roots are refined together by Newton steps corrected by the repulsion of the other approximations,
 * started on circles whose radii come from the Newton polygon of {@code log |c_k|} ({@link NewtonPolygonStart}), so
 * roots of very different sizes are found alike. A root is frozen once {@code |p(z)|} is at the level of the
 * rounding error of evaluating {@code p} there, i.e. once it is an exact root of a polynomial whose coefficients
 * differ from {@code c} by a few units in the last place (backward stable). Outside the unit circle {@code p} is
 * evaluated through the reversed polynomial, so nothing overflows.
 *
 * <p>Frozen one at a time, the roots are each backward stable but not together: the members of a multiple root
 * freeze anywhere within about {@code eps^(1/m)} of it, independently, so the factors built from them (sections,
 * cancelled functions) would be off by as much. So the roots are then refined together ({@link ClusterRefinement}):
 * grouped into clusters by overlapping inclusion disks, one factor per cluster, the factorisation
 * {@code p / c_0 = prod_j F_j} refined by Newton's method on the factors' coefficients
 * ({@link FactorisationNewton}; they are well-conditioned, unlike single roots of a cluster), and each factor's
 * roots solved around its centre ({@link ClusterFactorRoots}). Afterwards {@code prod (z - z_i)} matches
 * {@code p / c_0} to rounding: individual roots of multiplicity {@code m} are still only accurate to about
 * {@code eps^(1/m)}, but their errors are those of the roots of one polynomial within rounding of {@code p}.
 *
 * <p>Should the iteration not converge within its budget (not seen in tests), it is restarted from the eigenvalues
 * of the companion matrix ({@link CompanionMatrixStart}: scaled by a power of 2 and balanced; Commons Math's
 * {@code EigenDecomposition}, the method of NumPy's {@code roots}). The companion matrix alone is not the primary
 * method because Commons Math's eigen solver loses the small roots of polynomials whose roots span more than about
 * 8 orders of magnitude, and Commons Math's {@code LaguerreSolver} is not either: with its default accuracies it
 * loses such small roots, and with accuracies tight enough to find them it can run out of evaluations.
 * ({@code RootsVersusLaguerreTest} measures Laguerre against this class and notes the settings with which it does
 * find the small roots.)
 *
 * <p>The result is made exactly conjugate-symmetric, as the roots of a real polynomial are
 * ({@link ConjugateSymmetry}): each root with a non-zero imaginary part is paired with the root closest to its
 * conjugate and both are replaced by the mean pair; a root whose conjugate partner is farther away than its own
 * distance to the real axis is real, with imaginary part exactly 0. Output order: by real part, then imaginary
 * part; each conjugate pair adjacent, the member with positive imaginary part first.
 */
public final class PolynomialRoots {

    private PolynomialRoots() {
    }

    /**
     * The {@code n} roots, with multiplicity.
     *
     * @param c the coefficients, highest power first; {@code c[0] != 0}, {@code c[n] != 0}, all finite. Not
     *     modified.
     * @return the {@code n = c.length - 1} roots, conjugate pairs exact and adjacent
     * @throws ArithmeticException if no method converges (not seen for finite coefficients)
     */
    public static Complex[] of(double[] c) {
        int n = c.length - 1;
        if (n == 0) {
            return new Complex[0];
        }
        if (n == 1) {
            return new Complex[] {new Complex(-c[1] / c[0], 0.0)};
        }
        if (n == 2) {
            return QuadraticRoots.real(c[0], c[1], c[2]);
        }
        double[] re = new double[n];
        double[] im = new double[n];
        NewtonPolygonStart.fill(c, re, im);
        if (!AberthEhrlich.converge(c, re, im)) {
            return fromCompanionStart(c);
        }
        return ClusterRefinement.refine(c, ConjugateSymmetry.symmetrise(re, im));
    }

    /**
     * The fallback of {@link #of} for degree {@code >= 3}: the Aberth iteration started from the companion
     * matrix's eigenvalues. Public so that tests can compare the two starts.
     *
     * @param c the coefficients, as for {@link #of}, degree {@code >= 3}
     * @return the roots, conjugate pairs exact and adjacent
     * @throws ArithmeticException if the eigen solver or the iteration fails
     */
    public static Complex[] fromCompanionStart(double[] c) {
        int n = c.length - 1;
        double[] re = new double[n];
        double[] im = new double[n];
        CompanionMatrixStart.fill(c, re, im);
        if (!AberthEhrlich.converge(c, re, im)) {
            throw new ArithmeticException("root finding did not converge for a polynomial of degree " + n);
        }
        return ClusterRefinement.refine(c, ConjugateSymmetry.symmetrise(re, im));
    }
}
