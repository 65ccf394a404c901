// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import org.pamlearn.core.Activation;

/**
 * The plain-Java engine: loops over flat row-major {@code double[]}, allocation-free. It is the
 * real-time path (B = 1); see {@link ComputeEngine} for the contract of each operation.
 *
 * <p>The loops are written so that HotSpot's C2 can vectorise them: the inner loops of the backward
 * pass and of the update are AXPYs over a contiguous weight row, and the forward dot products keep
 * four independent partial sums.
 *
 * <p>Internal API. Stateless and thread-safe.
 */
public final class PlainEngine implements ComputeEngine {

    /** The one instance. */
    public static final PlainEngine INSTANCE = new PlainEngine();

    private PlainEngine() {
    }

    @Override
    public void forward(int rows, double[] in, int nIn, double[] w, double[] bias, int nOut, Activation f,
            double[] z, double[] a) {
        for (int b = 0; b < rows; b++) {
            final int inOffset = b * nIn;
            final int outOffset = b * nOut;
            for (int j = 0; j < nOut; j++) {
                z[outOffset + j] = dot(in, inOffset, w, j * nIn, nIn) + (bias == null ? 0.0 : bias[j]);
            }
        }
        activate(f, z, a, rows * nOut);
    }

    private static double dot(double[] x, int xOffset, double[] y, int yOffset, int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int k = 0;
        for (; k <= n - 4; k += 4) {
            s0 += x[xOffset + k] * y[yOffset + k];
            s1 += x[xOffset + k + 1] * y[yOffset + k + 1];
            s2 += x[xOffset + k + 2] * y[yOffset + k + 2];
            s3 += x[xOffset + k + 3] * y[yOffset + k + 3];
        }
        for (; k < n; k++) {
            s0 += x[xOffset + k] * y[yOffset + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void activate(Activation f, double[] z, double[] a, int n) {
        switch (f) {
            case CENTERED_SIGMOID:
                for (int k = 0; k < n; k++) {
                    a[k] = 1.0 / (1.0 + Math.exp(-z[k])) - 0.5;
                }
                break;
            case SIGMOID:
                for (int k = 0; k < n; k++) {
                    a[k] = 1.0 / (1.0 + Math.exp(-z[k]));
                }
                break;
            case TANH:
                for (int k = 0; k < n; k++) {
                    a[k] = Math.tanh(z[k]);
                }
                break;
            case LINEAR:
                System.arraycopy(z, 0, a, 0, n);
                break;
            case RELU:
                for (int k = 0; k < n; k++) {
                    a[k] = z[k] > 0.0 ? z[k] : 0.0;
                }
                break;
            default:
                throw new AssertionError(f);
        }
    }

    /** {@code d[k] *= f'(z[k])}, with {@code f'} written through the stored activation where possible. */
    private static void multiplyByDerivative(Activation f, double[] z, double[] a, double[] d, int n) {
        switch (f) {
            case CENTERED_SIGMOID:
                for (int k = 0; k < n; k++) {
                    d[k] *= (0.5 + a[k]) * (0.5 - a[k]);
                }
                break;
            case SIGMOID:
                for (int k = 0; k < n; k++) {
                    d[k] *= a[k] * (1.0 - a[k]);
                }
                break;
            case TANH:
                for (int k = 0; k < n; k++) {
                    d[k] *= 1.0 - a[k] * a[k];
                }
                break;
            case LINEAR:
                break;
            case RELU:
                for (int k = 0; k < n; k++) {
                    if (!(z[k] > 0.0)) {
                        d[k] = 0.0;
                    }
                }
                break;
            default:
                throw new AssertionError(f);
        }
    }

    @Override
    public void outputDelta(int rows, double[] err, int nOut, Activation f, boolean useDerivative, double[] z,
            double[] a, double[] delta) {
        final int n = rows * nOut;
        System.arraycopy(err, 0, delta, 0, n);
        if (useDerivative) {
            multiplyByDerivative(f, z, a, delta, n);
        }
    }

    @Override
    public void hiddenDelta(int rows, double[] deltaNext, int nNext, double[] wNext, int nOut, Activation f,
            double[] z, double[] a, double[] delta) {
        for (int b = 0; b < rows; b++) {
            final int outOffset = b * nOut;
            final int nextOffset = b * nNext;
            for (int k = 0; k < nOut; k++) {
                delta[outOffset + k] = 0.0;
            }
            // delta[k] = sum_j deltaNext[j] * wNext[j][k], as AXPYs over the contiguous rows of wNext.
            for (int j = 0; j < nNext; j++) {
                final double dj = deltaNext[nextOffset + j];
                if (dj == 0.0) {
                    continue;
                }
                final int row = j * nOut;
                for (int k = 0; k < nOut; k++) {
                    delta[outOffset + k] += dj * wNext[row + k];
                }
            }
        }
        multiplyByDerivative(f, z, a, delta, rows * nOut);
    }

    @Override
    public void signInPlace(int n, double[] x) {
        for (int k = 0; k < n; k++) {
            x[k] = Math.signum(x[k]);
        }
    }

    @Override
    public void update(int rows, double[] scale, double[] g, boolean signOfG, int nOut, double[] in, int nIn,
            double[] w, double[] bias) {
        for (int b = 0; b < rows; b++) {
            final int inOffset = b * nIn;
            final int outOffset = b * nOut;
            final double s = scale[b];
            for (int j = 0; j < nOut; j++) {
                final double gj = signOfG ? Math.signum(g[outOffset + j]) : g[outOffset + j];
                final double c = s * gj;
                if (c == 0.0) {
                    continue;
                }
                final int row = j * nIn;
                for (int i = 0; i < nIn; i++) {
                    w[row + i] += c * in[inOffset + i];
                }
                if (bias != null) {
                    bias[j] += c;
                }
            }
        }
    }
}
