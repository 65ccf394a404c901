// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.zspace.filter;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.pamlearn.zspace.internal.Checks;

/**
 * The filter array between the look-ahead sensors and the network (docs/ALGORITHMS.md &sect;1, &sect;4): each of
 * {@code P} predictor signals passes through its own {@link FilterBank} of {@code N} filters, giving
 * {@code P * N} network inputs per sample in the order
 * <pre>
 *   u[N * p + k] = output k of predictor p's bank,   p = 0 .. P - 1,  k = 0 .. N - 1
 * </pre>
 * (all filters of predictor 0, then all of predictor 1, ...). With {@link DelayTaps} that is
 * {@code u[D * p + d] = p_p(n - d)}; with a {@link ResonatorBank}, {@code k} is the resonator index, slowest
 * first.
 *
 * <p>Built once; {@link #filter(double[], double[], int)} validates its arguments, then runs every bank
 * without allocating. Not thread-safe: one thread steps one array.
 */
public final class FilterArray {

    private final FilterBank[] banks;
    private final int nFilters;
    private final int nOutputs;

    private FilterArray(FilterBank[] banks, int nFilters, int nOutputs) {
        this.banks = banks;
        this.nFilters = nFilters;
        this.nOutputs = nOutputs;
    }

    /**
     * An array of {@code nPredictors} banks, each made by {@code factory}.
     *
     * @param nPredictors the number of predictor signals {@code P}, {@code >= 1}
     * @param factory makes one new bank per call (called {@code nPredictors} times, in predictor order); every
     *     bank must have the same {@link FilterBank#size()} and be a distinct instance, as each holds one
     *     signal's state
     * @return the filter array
     * @throws IllegalArgumentException if {@code nPredictors < 1}, the factory returns banks of different sizes
     *     or the same bank twice, or {@code P * N} exceeds {@link Integer#MAX_VALUE}
     * @throws NullPointerException if {@code factory} is or returns {@code null}
     */
    public static FilterArray of(int nPredictors, Supplier<? extends FilterBank> factory) {
        if (nPredictors < 1) {
            throw new IllegalArgumentException("nPredictors must be >= 1, got " + nPredictors);
        }
        Objects.requireNonNull(factory, "factory");
        FilterBank[] banks = new FilterBank[nPredictors];
        Map<FilterBank, Integer> seen = new IdentityHashMap<>();
        for (int p = 0; p < nPredictors; p++) {
            final int predictor = p;
            FilterBank bank = Objects.requireNonNull(factory.get(), () -> "factory returned null for predictor "
                    + predictor);
            Integer previous = seen.put(bank, p);
            if (previous != null) {
                throw new IllegalArgumentException("factory returned the same bank for predictors " + previous
                        + " and " + p + ": each predictor needs a bank of its own");
            }
            int size = bank.size();
            if (size < 1) {
                throw new IllegalArgumentException("factory returned a bank of size " + size + " for predictor " + p
                        + ": a bank needs at least 1 output");
            }
            if (p > 0 && size != banks[0].size()) {
                throw new IllegalArgumentException("factory returned a bank of size " + size + " for predictor " + p
                        + ", but of size " + banks[0].size() + " for predictor 0: every predictor needs the same "
                        + "number of filters");
            }
            banks[p] = bank;
        }
        int nFilters = banks[0].size();
        long nOutputs = (long) nPredictors * nFilters;
        if (nOutputs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("nPredictors * bank size must be <= " + Integer.MAX_VALUE + ", got "
                    + nPredictors + " * " + nFilters + " = " + nOutputs);
        }
        return new FilterArray(banks, nFilters, (int) nOutputs);
    }

    /**
     * An array of the authors' resonator banks: {@code new ResonatorBank(nResonators, minT, maxT, q)} per
     * predictor.
     *
     * @param nPredictors the number of predictor signals {@code P}, {@code >= 1}
     * @param nResonators the number of resonators per predictor {@code N}, {@code >= 1}
     * @param minT the shortest period in samples (see {@link ResonatorBank#ResonatorBank(int, double, double,
     *     double)})
     * @param maxT the longest period in samples
     * @param q the quality factor
     * @return the filter array
     * @throws IllegalArgumentException if a parameter is out of range, NaN or infinite
     */
    public static FilterArray resonators(int nPredictors, int nResonators, double minT, double maxT, double q) {
        ResonatorBank first = new ResonatorBank(nResonators, minT, maxT, q);
        Resonator[] design = new Resonator[nResonators];
        for (int m = 0; m < nResonators; m++) {
            design[m] = first.resonator(m);
        }
        return of(nPredictors, () -> new ResonatorBank(design));
    }

    /**
     * An array of delay taps: {@code new DelayTaps(nTaps)} per predictor, so {@code u[D * p + d] = p_p(n - d)}.
     *
     * @param nPredictors the number of predictor signals {@code P}, {@code >= 1}
     * @param nTaps the number of taps per predictor {@code D}, {@code >= 1}
     * @return the filter array
     * @throws IllegalArgumentException if {@code nPredictors < 1} or {@code nTaps < 1}
     */
    public static FilterArray delayTaps(int nPredictors, int nTaps) {
        return of(nPredictors, () -> new DelayTaps(nTaps));
    }

    /**
     * The number of predictor signals.
     *
     * @return {@code P}
     */
    public int predictorCount() {
        return banks.length;
    }

    /**
     * The number of filters per predictor.
     *
     * @return {@code N}, every bank's size
     */
    public int filtersPerPredictor() {
        return nFilters;
    }

    /**
     * The number of outputs per sample, the network's input count.
     *
     * @return {@code P * N}
     */
    public int outputCount() {
        return nOutputs;
    }

    /**
     * Filters one sample of every predictor into {@code dst[offset + N * p + k]}.
     *
     * @param predictors the predictor samples, length {@code P}, all finite. Not modified.
     * @param dst receives the outputs. Modified at {@code offset .. offset + P * N - 1} only.
     * @param offset the index in {@code dst} of output 0, {@code >= 0}
     * @throws IllegalArgumentException if {@code predictors.length != P}, a predictor is not finite,
     *     {@code offset < 0} or {@code dst} is shorter than {@code offset + P * N}; no bank and no element of
     *     {@code dst} is then changed
     * @throws NullPointerException if an array is {@code null}
     */
    public void filter(double[] predictors, double[] dst, int offset) {
        requirePredictors(predictors, "predictors");
        Checks.requireRoom(dst, offset, nOutputs);
        final FilterBank[] b = banks;
        final int n = nFilters;
        for (int p = 0, o = offset; p < b.length; p++, o += n) {
            b[p].filter(predictors[p], dst, o);
        }
    }

    /** Clears every bank's state: as if every past predictor sample had been 0. */
    public void reset() {
        for (FilterBank bank : banks) {
            bank.reset();
        }
    }

    /**
     * Sets every bank to its steady state for a constant predictor (see {@link FilterBank#reset(double)}).
     *
     * @param steadyPredictors the constant past predictor samples, length {@code P}, all finite. Not modified.
     * @throws IllegalArgumentException if the length is not {@code P} or a value is not finite (no bank is then
     *     changed)
     * @throws NullPointerException if {@code steadyPredictors} is {@code null}
     */
    public void reset(double[] steadyPredictors) {
        requirePredictors(steadyPredictors, "steadyPredictors");
        for (int p = 0; p < banks.length; p++) {
            banks[p].reset(steadyPredictors[p]);
        }
    }

    private void requirePredictors(double[] values, String name) {
        Objects.requireNonNull(values, name);
        if (values.length != banks.length) {
            throw new IllegalArgumentException(name + ".length must be " + banks.length + ", got " + values.length);
        }
        Checks.requireFinite(name, values);
    }

    @Override
    public String toString() {
        return "FilterArray[" + banks.length + " predictors x " + nFilters + " filters, first bank " + banks[0] + "]";
    }
}
