// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.complex.Complex;
import org.pamlearn.zspace.internal.Checks;

/**
 * Factors {@code H(z) = gain * z^-delay * prod(1 - z_i z^-1) / prod(1 - p_i z^-1)} into second-order
 * sections (design time only). Complex roots are paired with their conjugates into real quadratics, real
 * roots two by two; a lone real zero takes one sample of the delay ({@code z^-1 - z_i z^-2}), the rest of
 * the delay becomes sections {@code z^-2} and {@code z^-1}. Sections are ordered by the largest pole
 * radius, the poles nearest the unit circle last (as is usual, e.g. in SciPy's {@code zpk2sos}), and each
 * is given the unused numerator factor whose zeros lie nearest its poles; the gain goes to the first.
 */
final class Sections {

    /** Roots with {@code |Im| <= REAL_TOLERANCE * max(1, |root|)} count as real. */
    private static final double REAL_TOLERANCE = 1e-12;

    /** A root's partner must lie within this (relative to {@code max(1, |root|)}) of its conjugate. */
    private static final double CONJUGATE_TOLERANCE = 1e-6;

    private Sections() {
    }

    /**
     * Second-order sections of {@code gain * z^-delay * prod(1 - zeros_i z^-1) / prod(1 - poles_i z^-1)}.
     *
     * @param zeros the finite zeros, nonzero, closed under conjugation. Not modified.
     * @param poles the poles, closed under conjugation. Not modified.
     * @param gain the gain, finite
     * @param delay the delay in samples, {@code >= 0}
     * @return the coefficients, flat, {@code {b0, b1, b2, a1, a2}} per section, at least one section
     * @throws IllegalArgumentException if a root is not finite or has no conjugate partner, or the gain is
     *     not finite
     */
    static double[] of(Complex[] zeros, Complex[] poles, double gain, int delay) {
        Checks.requireFinite("gain", gain);
        if (delay < 0) {
            throw new IllegalArgumentException("delay must be >= 0, got " + delay);
        }
        List<Factor> numerator = factors(zeros, "zeros");
        List<Factor> denominator = factors(poles, "poles");
        int remainingDelay = delay;
        for (int i = 0; i < numerator.size() && remainingDelay > 0; i++) {
            Factor f = numerator.get(i);
            if (f.linear) {
                // z^-1 (1 - r z^-1) = z^-1 - r z^-2
                numerator.set(i, new Factor(new double[] {0.0, 1.0, f.c[1]}, false, f.radius, f.root));
                remainingDelay--;
            }
        }
        for (; remainingDelay >= 2; remainingDelay -= 2) {
            numerator.add(new Factor(new double[] {0.0, 0.0, 1.0}, false, 0.0, Complex.ZERO));
        }
        if (remainingDelay == 1) {
            numerator.add(new Factor(new double[] {0.0, 1.0, 0.0}, false, 0.0, Complex.ZERO));
        }
        int nSections = Math.max(1, Math.max(numerator.size(), denominator.size()));
        while (denominator.size() < nSections) {
            denominator.add(new Factor(new double[] {1.0, 0.0, 0.0}, false, 0.0, Complex.ZERO));
        }
        denominator.sort(Comparator.comparingDouble((Factor f) -> f.radius));
        double[] flat = new double[IirFilter.STRIDE * nSections];
        boolean[] used = new boolean[numerator.size()];
        // Poles nearest the unit circle choose their zeros first; they run last.
        for (int k = nSections - 1; k >= 0; k--) {
            Factor den = denominator.get(k);
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int i = 0; i < numerator.size(); i++) {
                double distance = numerator.get(i).root.subtract(den.root).abs();
                if (!used[i] && (best < 0 || distance < bestDistance)) {
                    best = i;
                    bestDistance = distance;
                }
            }
            double[] b = best < 0 ? new double[] {1.0, 0.0, 0.0} : numerator.get(best).c;
            if (best >= 0) {
                used[best] = true;
            }
            int c = IirFilter.STRIDE * k;
            flat[c] = b[0];
            flat[c + 1] = b[1];
            flat[c + 2] = b[2];
            flat[c + 3] = den.c[1];
            flat[c + 4] = den.c[2];
        }
        for (int i = 0; i < 3; i++) {
            flat[i] *= gain;
        }
        return flat;
    }

    /** A real factor {@code c0 + c1 z^-1 + c2 z^-2}, with the radius and a representative of its roots. */
    private static final class Factor {
        final double[] c;
        final boolean linear;
        final double radius;
        final Complex root;

        Factor(double[] c, boolean linear, double radius, Complex root) {
            this.c = c;
            this.linear = linear;
            this.radius = radius;
            this.root = root;
        }
    }

    /** Real factors {@code 1 + c1 z^-1 + c2 z^-2} (or {@code 1 + c1 z^-1}) whose roots are {@code roots}. */
    private static List<Factor> factors(Complex[] roots, String name) {
        Objects.requireNonNull(roots, name);
        List<Complex> remaining = new ArrayList<>(roots.length);
        for (int i = 0; i < roots.length; i++) {
            Complex r = Objects.requireNonNull(roots[i], name);
            Checks.requireFinite(name, i, r);
            remaining.add(r);
        }
        List<Factor> factors = new ArrayList<>();
        List<Double> reals = new ArrayList<>();
        // The root with the largest |Im| first: its partner is the remaining root nearest its conjugate.
        remaining.sort(Comparator.comparingDouble((Complex r) -> -Math.abs(r.getImaginary())));
        while (!remaining.isEmpty()) {
            Complex z = remaining.remove(0);
            double scale = Math.max(1.0, z.abs());
            if (Math.abs(z.getImaginary()) <= REAL_TOLERANCE * scale) {
                reals.add(z.getReal());
                continue;
            }
            int partner = -1;
            double nearest = Double.POSITIVE_INFINITY;
            Complex conjugate = z.conjugate();
            for (int i = 0; i < remaining.size(); i++) {
                double distance = remaining.get(i).subtract(conjugate).abs();
                if (distance < nearest) {
                    nearest = distance;
                    partner = i;
                }
            }
            if (partner < 0 || nearest > CONJUGATE_TOLERANCE * scale) {
                throw new IllegalArgumentException(name + " must come in conjugate pairs (real coefficients), but "
                        + z + " has no conjugate partner in " + Arrays.toString(roots));
            }
            Complex w = remaining.remove(partner);
            // (1 - z q)(1 - w q) = 1 - (z + w) q + z w q, q = z^-1; real to rounding.
            factors.add(new Factor(new double[] {1.0, -z.add(w).getReal(), z.multiply(w).getReal()}, false,
                    Math.max(z.abs(), w.abs()), z.getImaginary() > 0 ? z : w));
        }
        reals.sort(Comparator.reverseOrder());
        for (int i = 0; i + 1 < reals.size(); i += 2) {
            double r1 = reals.get(i);
            double r2 = reals.get(i + 1);
            factors.add(new Factor(new double[] {1.0, -(r1 + r2), r1 * r2}, false,
                    Math.max(Math.abs(r1), Math.abs(r2)), new Complex(Math.abs(r1) >= Math.abs(r2) ? r1 : r2)));
        }
        if (reals.size() % 2 == 1) {
            double r = reals.get(reals.size() - 1);
            factors.add(new Factor(new double[] {1.0, -r, 0.0}, true, Math.abs(r), new Complex(r)));
        }
        return factors;
    }
}
