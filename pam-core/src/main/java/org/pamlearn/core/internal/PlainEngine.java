// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import org.pamlearn.core.Activation;

/**
 * The plain-Java engine: loops over flat row-major {@code double[]}, allocation-free. It is the
 * real-time path (B = 1); see {@link ComputeEngine} for the contract of each operation.
 *
 * <p>Performance notes (measured with {@code pam-benchmarks}' {@code StepBenchmark}): HotSpot C2 of JDK 17
 * vectorises none of these loops, because a weight row starts at an offset that C2 cannot prove apart from
 * the other array's index (it only vectorises {@code y[i] op x[i]} with one common index). So the code is
 * tuned for the scalar schedule: the forward pass computes four rows per pass with two partial sums each
 * (each input load shared, eight independent add chains), the backward pass sums four columns of the next
 * layer's weights per pass, and the update, an AXPY per weight row, is bound by one store per weight. For
 * the authors' small layers, {@code Math.exp} in the sigmoid is a large share of the forward pass.
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
            int j = 0;
            for (; j <= nOut - 4; j += 4) {
                dot4(in, inOffset, w, j * nIn, nIn, z, outOffset + j);
            }
            for (; j < nOut; j++) {
                z[outOffset + j] = dot(in, inOffset, w, j * nIn, nIn);
            }
            if (bias != null) {
                for (int k = 0; k < nOut; k++) {
                    z[outOffset + k] += bias[k];
                }
            }
        }
        activate(f, z, a, rows * nOut);
    }

    /**
     * Four dot products at once, of {@code x} with the four consecutive weight rows starting at {@code wOffset},
     * into {@code z[zOffset..zOffset+3]}. Sharing each load of {@code x} between four rows and keeping two
     * partial sums per row (even and odd {@code k}) gives eight independent add chains, enough to keep the
     * floating-point units busy despite the latency of each add.
     */
    private static void dot4(double[] x, int xOffset, double[] w, int wOffset, int n, double[] z, int zOffset) {
        final int r0 = wOffset;
        final int r1 = r0 + n;
        final int r2 = r1 + n;
        final int r3 = r2 + n;
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double t0 = 0.0;
        double t1 = 0.0;
        double t2 = 0.0;
        double t3 = 0.0;
        int k = 0;
        for (; k <= n - 2; k += 2) {
            final double x0 = x[xOffset + k];
            final double x1 = x[xOffset + k + 1];
            s0 += x0 * w[r0 + k];
            s1 += x0 * w[r1 + k];
            s2 += x0 * w[r2 + k];
            s3 += x0 * w[r3 + k];
            t0 += x1 * w[r0 + k + 1];
            t1 += x1 * w[r1 + k + 1];
            t2 += x1 * w[r2 + k + 1];
            t3 += x1 * w[r3 + k + 1];
        }
        if (k < n) {
            final double x0 = x[xOffset + k];
            s0 += x0 * w[r0 + k];
            s1 += x0 * w[r1 + k];
            s2 += x0 * w[r2 + k];
            s3 += x0 * w[r3 + k];
        }
        z[zOffset] = s0 + t0;
        z[zOffset + 1] = s1 + t1;
        z[zOffset + 2] = s2 + t2;
        z[zOffset + 3] = s3 + t3;
    }

    /** One dot product, with four partial sums; for the rows left over by {@link #dot4}. */
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
            // delta[k] = sum_j deltaNext[j] * wNext[j][k]: a column of wNext per k. Four columns at a time
            // share each load of deltaNext[j] and give four independent add chains.
            int k = 0;
            for (; k <= nOut - 4; k += 4) {
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                for (int j = 0; j < nNext; j++) {
                    final double dj = deltaNext[nextOffset + j];
                    final int at = j * nOut + k;
                    s0 += dj * wNext[at];
                    s1 += dj * wNext[at + 1];
                    s2 += dj * wNext[at + 2];
                    s3 += dj * wNext[at + 3];
                }
                delta[outOffset + k] = s0;
                delta[outOffset + k + 1] = s1;
                delta[outOffset + k + 2] = s2;
                delta[outOffset + k + 3] = s3;
            }
            for (; k < nOut; k++) {
                double s = 0.0;
                for (int j = 0; j < nNext; j++) {
                    s += deltaNext[nextOffset + j] * wNext[j * nOut + k];
                }
                delta[outOffset + k] = s;
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

    @Override
    public void hiddenDeltaAndUpdate(int rows, double[] scale, double[] g, boolean signOfG, int nOut, double[] in,
            int nIn, double[] w, double[] bias, Activation fIn, double[] zIn, double[] gIn) {
        if (rows != 1) {
            // Every row's delta must see the weights before any row's update.
            hiddenDelta(rows, g, nOut, w, nIn, fIn, zIn, in, gIn);
            update(rows, scale, g, signOfG, nOut, in, nIn, w, bias);
            return;
        }
        for (int i = 0; i < nIn; i++) {
            gIn[i] = 0.0;
        }
        final double s = scale[0];
        // Four rows of w per pass, each weight read for the delta and then updated while it is in a register. The
        // delta is summed over j in increasing order, as in hiddenDelta, so that the results are identical.
        int j = 0;
        for (; j <= nOut - 4; j += 4) {
            final double d0 = g[j];
            final double d1 = g[j + 1];
            final double d2 = g[j + 2];
            final double d3 = g[j + 3];
            final double c0 = s * (signOfG ? Math.signum(d0) : d0);
            final double c1 = s * (signOfG ? Math.signum(d1) : d1);
            final double c2 = s * (signOfG ? Math.signum(d2) : d2);
            final double c3 = s * (signOfG ? Math.signum(d3) : d3);
            final int r0 = j * nIn;
            final int r1 = r0 + nIn;
            final int r2 = r1 + nIn;
            final int r3 = r2 + nIn;
            if (c0 == 0.0 && c1 == 0.0 && c2 == 0.0 && c3 == 0.0) {
                for (int i = 0; i < nIn; i++) {
                    gIn[i] = gIn[i] + d0 * w[r0 + i] + d1 * w[r1 + i] + d2 * w[r2 + i] + d3 * w[r3 + i];
                }
                continue;
            }
            for (int i = 0; i < nIn; i++) {
                final double w0 = w[r0 + i];
                final double w1 = w[r1 + i];
                final double w2 = w[r2 + i];
                final double w3 = w[r3 + i];
                gIn[i] = gIn[i] + d0 * w0 + d1 * w1 + d2 * w2 + d3 * w3;
                final double x = in[i];
                w[r0 + i] = w0 + c0 * x;
                w[r1 + i] = w1 + c1 * x;
                w[r2 + i] = w2 + c2 * x;
                w[r3 + i] = w3 + c3 * x;
            }
            if (bias != null) {
                bias[j] += c0;
                bias[j + 1] += c1;
                bias[j + 2] += c2;
                bias[j + 3] += c3;
            }
        }
        for (; j < nOut; j++) {
            final double dj = g[j];
            final double c = s * (signOfG ? Math.signum(dj) : dj);
            final int row = j * nIn;
            for (int i = 0; i < nIn; i++) {
                final double wji = w[row + i];
                gIn[i] += dj * wji;
                w[row + i] = wji + c * in[i];
            }
            if (bias != null) {
                bias[j] += c;
            }
        }
        multiplyByDerivative(fIn, zIn, in, gIn, nIn);
    }
}
