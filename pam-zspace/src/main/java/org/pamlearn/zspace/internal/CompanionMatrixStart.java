// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.internal;

import org.apache.commons.math3.exception.MathArithmeticException;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The fallback starting points for the {@link AberthEhrlich} iteration: the eigenvalues of the companion matrix,
 * the method of NumPy's {@code roots} and MATLAB's {@code roots} (A. Edelman and H. Murakami, "Polynomial roots
 * from companion matrix eigenvalues", Mathematics of Computation 64 (1995) 763-776), computed by Commons Math's
 * {@link EigenDecomposition} after scaling and balancing.
 *
 * <p>Why only a fallback (see {@link PolynomialRoots}): Commons Math's eigen solver loses the small roots of
 * polynomials whose roots span more than about 8 orders of magnitude, where the {@link NewtonPolygonStart}
 * circles do not; it is used only if the iteration from those circles does not converge.
 *
 * <p>Shapes: {@code c} has {@code n + 1} entries, highest power first, {@code c[0] != 0} and {@code c[n] != 0};
 * the {@code n} eigenvalues go into {@code re} and {@code im}.
 */
final class CompanionMatrixStart {

    /**
     * A row and its column are rescaled only if that shrinks their combined norm below this fraction of it
     * (LAPACK's {@code gebal} uses the same 0.95); balancing ends with the first sweep that rescales none.
     */
    private static final double BALANCE_GAIN = 0.95;

    private CompanionMatrixStart() {
    }

    /**
     * Eigenvalues of the companion matrix into {@code re}, {@code im}: of {@code p(2^e w)} with {@code 2^e} near the
     * geometric mean {@code |c[n] / c[0]|^(1/n)} of the root moduli (Commons Math's eigen solver refuses matrices
     * of norm below 1e-12), balanced.
     *
     * @throws ArithmeticException if the eigen solver fails or gives a non-finite eigenvalue
     */
    static void fill(double[] c, double[] re, double[] im) {
        int n = c.length - 1;
        int e = (int) Math.round((Math.log(Math.abs(c[n])) - Math.log(Math.abs(c[0]))) / (n * Math.log(2.0)));
        double[][] m = new double[n][n];
        for (int k = 0; k < n; k++) {
            m[0][k] = -Math.scalb(c[k + 1], -(k + 1) * e) / c[0];
        }
        for (int k = 1; k < n; k++) {
            m[k][k - 1] = 1.0;
        }
        balance(m);
        double[] r;
        double[] i;
        try {
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
            r = eig.getRealEigenvalues();
            i = eig.getImagEigenvalues();
        } catch (MathIllegalStateException | MathArithmeticException ex) {
            throw new ArithmeticException("root finding failed for a polynomial of degree " + n + ": "
                    + ex.getMessage());
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(r[k]) || !Double.isFinite(i[k])) {
                throw new ArithmeticException("root finding gave a non-finite root for a polynomial of degree " + n);
            }
            re[k] = Math.scalb(r[k], e);
            im[k] = Math.scalb(i[k], e);
        }
    }

    /**
     * Balancing (B. N. Parlett and C. Reinsch, "Balancing a matrix for calculation of eigenvalues and
     * eigenvectors", Numerische Mathematik 13 (1969) 293-304; as LAPACK's {@code gebal} without permutations): a
     * similarity by powers of 2 that makes each row and its column about equally large, which keeps the QR
     * iteration accurate for polynomials whose coefficients differ by orders of magnitude. Exact (no rounding); in
     * place.
     */
    private static void balance(double[][] m) {
        int n = m.length;
        boolean converged = false;
        while (!converged) {
            converged = true;
            for (int i = 0; i < n; i++) {
                double col = 0.0;
                double row = 0.0;
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        col += Math.abs(m[j][i]);
                        row += Math.abs(m[i][j]);
                    }
                }
                if (col == 0.0 || row == 0.0) {
                    continue;
                }
                double f = 1.0;
                double s = col + row;
                double g = row / 2.0;
                while (col < g) {
                    f *= 2.0;
                    col *= 4.0;
                }
                g = row * 2.0;
                while (col > g) {
                    f /= 2.0;
                    col /= 4.0;
                }
                if ((col + row) / f < BALANCE_GAIN * s) {
                    converged = false;
                    for (int j = 0; j < n; j++) {
                        m[i][j] /= f;
                        m[j][i] *= f;
                    }
                }
            }
        }
    }
}
