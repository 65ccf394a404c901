// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import java.util.Arrays;
import org.pamlearn.core.Activation;

/**
 * The plain-Java engine: loops over {@code double[]} rows, allocation-free for one row (a batch allocates a few scratch
 * rows per operation). It is the real-time path (B = 1); see {@link ComputeEngine} for the contract of each operation.
 *
 * <p>Performance notes (measured with {@code pam-benchmarks}' {@code StepBenchmark}): HotSpot C2 of JDK 17
 * vectorises {@code y[i] op x[i]} only when every array is indexed by the same expression. So on the B = 1
 * path the update and the fused backward step index each weight row, the layer's inputs and the error
 * signal by the same {@code i}, which makes them SIMD loops (this is why weights are one array per row,
 * see {@link DenseLayer}). The forward pass is a set of dot products, a floating-point reduction that C2
 * does not vectorise (it would change the order of the additions); it is tuned for the scalar schedule, four
 * rows per pass with two partial sums each (each input load shared, eight independent add chains). For the
 * authors' small layers, {@code Math.exp} in the sigmoid is a large share of the forward pass.
 *
 * <p>Internal API. Stateless and thread-safe.
 */
public final class PlainEngine implements ComputeEngine {

    /** The one instance. */
    public static final PlainEngine INSTANCE = new PlainEngine();

    private PlainEngine() {
    }

    @Override
    public void forward(int rows, double[] in, int nIn, double[][] w, double[] bias, int nOut, Activation f,
            double[] z, double[] a) {
        for (int b = 0; b < rows; b++) {
            final int inOffset = b * nIn;
            final int outOffset = b * nOut;
            int j = 0;
            for (; j <= nOut - 4; j += 4) {
                dot4(in, inOffset, w[j], w[j + 1], w[j + 2], w[j + 3], nIn, z, outOffset + j);
            }
            for (; j < nOut; j++) {
                z[outOffset + j] = dot(in, inOffset, w[j], nIn);
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
     * Four dot products at once, of {@code x} with the weight rows {@code w0..w3}, into
     * {@code z[zOffset..zOffset+3]}. Sharing each load of {@code x} between four rows and keeping two partial
     * sums per row (even and odd {@code k}) gives eight independent add chains, enough to keep the
     * floating-point units busy despite the latency of each add.
     */
    private static void dot4(double[] x, int xOffset, double[] w0, double[] w1, double[] w2, double[] w3, int n,
            double[] z, int zOffset) {
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
            s0 += x0 * w0[k];
            s1 += x0 * w1[k];
            s2 += x0 * w2[k];
            s3 += x0 * w3[k];
            t0 += x1 * w0[k + 1];
            t1 += x1 * w1[k + 1];
            t2 += x1 * w2[k + 1];
            t3 += x1 * w3[k + 1];
        }
        if (k < n) {
            final double x0 = x[xOffset + k];
            s0 += x0 * w0[k];
            s1 += x0 * w1[k];
            s2 += x0 * w2[k];
            s3 += x0 * w3[k];
        }
        z[zOffset] = s0 + t0;
        z[zOffset + 1] = s1 + t1;
        z[zOffset + 2] = s2 + t2;
        z[zOffset + 3] = s3 + t3;
    }

    /** One dot product, with four partial sums; for the rows left over by {@link #dot4}. */
    private static double dot(double[] x, int xOffset, double[] w, int n) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int k = 0;
        for (; k <= n - 4; k += 4) {
            s0 += x[xOffset + k] * w[k];
            s1 += x[xOffset + k + 1] * w[k + 1];
            s2 += x[xOffset + k + 2] * w[k + 2];
            s3 += x[xOffset + k + 3] * w[k + 3];
        }
        for (; k < n; k++) {
            s0 += x[xOffset + k] * w[k];
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
    public void hiddenDelta(int rows, double[] deltaNext, int nNext, double[][] wNext, int nOut, Activation f,
            double[] z, double[] a, double[] delta) {
        if (rows == 1) {
            hiddenDeltaOneRow(deltaNext, nNext, wNext, nOut, delta);
        } else {
            // Each row summed in a row of its own, indexed like the weights (SIMD; see update), then copied.
            final double[] d = new double[nOut];
            for (int b = 0; b < rows; b++) {
                Arrays.fill(d, 0.0);
                final int nextOffset = b * nNext;
                for (int j = 0; j < nNext; j++) {
                    final double dj = deltaNext[nextOffset + j];
                    final double[] wj = wNext[j];
                    for (int k = 0; k < nOut; k++) {
                        d[k] += dj * wj[k];
                    }
                }
                System.arraycopy(d, 0, delta, b * nOut, nOut);
            }
        }
        multiplyByDerivative(f, z, a, delta, rows * nOut);
    }

    /** {@code delta[k] = sum_j deltaNext[j] * wNext[j][k]}, summed over j in increasing order (as the fused step). */
    private static void hiddenDeltaOneRow(double[] deltaNext, int nNext, double[][] wNext, int nOut, double[] delta) {
        for (int k = 0; k < nOut; k++) {
            delta[k] = 0.0;
        }
        for (int j = 0; j < nNext; j++) {
            final double dj = deltaNext[j];
            final double[] wj = wNext[j];
            for (int k = 0; k < nOut; k++) {
                delta[k] += dj * wj[k];
            }
        }
    }

    @Override
    public void signInPlace(int n, double[] x) {
        for (int k = 0; k < n; k++) {
            x[k] = Math.signum(x[k]);
        }
    }

    @Override
    public void update(int rows, double[] scale, double[] g, boolean signOfG, int nOut, double[] in, int nIn,
            double[][] w, double[] bias) {
        if (rows == 1) {
            updateOneRow(scale[0], g, signOfG, nOut, in, nIn, w, bias);
            return;
        }
        // A batch: each input row is copied into a row of its own first, so that the inner loop indexes the weights
        // and the inputs by the same i and C2 vectorises it (see DenseLayer); the arithmetic is unchanged.
        final double[] x = new double[nIn];
        for (int b = 0; b < rows; b++) {
            System.arraycopy(in, b * nIn, x, 0, nIn);
            final int outOffset = b * nOut;
            final double s = scale[b];
            for (int j = 0; j < nOut; j++) {
                final double gj = signOfG ? Math.signum(g[outOffset + j]) : g[outOffset + j];
                final double c = s * gj;
                if (c == 0.0) {
                    continue;
                }
                final double[] wj = w[j];
                for (int i = 0; i < nIn; i++) {
                    wj[i] += c * x[i];
                }
                if (bias != null) {
                    bias[j] += c;
                }
            }
        }
    }

    /** {@link #update} for one row; {@code wj[i]} and {@code in[i]} share their index, so the loop is SIMD. */
    private static void updateOneRow(double s, double[] g, boolean signOfG, int nOut, double[] in, int nIn,
            double[][] w, double[] bias) {
        for (int j = 0; j < nOut; j++) {
            final double c = s * (signOfG ? Math.signum(g[j]) : g[j]);
            if (c == 0.0) {
                continue;
            }
            final double[] wj = w[j];
            for (int i = 0; i < nIn; i++) {
                wj[i] += c * in[i];
            }
            if (bias != null) {
                bias[j] += c;
            }
        }
    }

    @Override
    public void hiddenDeltaAndUpdate(int rows, double[] scale, double[] g, boolean signOfG, int nOut, double[] in,
            int nIn, double[][] w, double[] bias, Activation fIn, double[] zIn, double[] gIn) {
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
        // Four rows of w per pass, each weight read for the delta and then updated while it is in a register; every
        // array indexed by the same i, so the loop is SIMD. The delta is summed over j in increasing order, as in
        // hiddenDelta, so that the results are identical.
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
            final double[] w0 = w[j];
            final double[] w1 = w[j + 1];
            final double[] w2 = w[j + 2];
            final double[] w3 = w[j + 3];
            if (c0 == 0.0 && c1 == 0.0 && c2 == 0.0 && c3 == 0.0) {
                for (int i = 0; i < nIn; i++) {
                    gIn[i] = gIn[i] + d0 * w0[i] + d1 * w1[i] + d2 * w2[i] + d3 * w3[i];
                }
                continue;
            }
            for (int i = 0; i < nIn; i++) {
                final double v0 = w0[i];
                final double v1 = w1[i];
                final double v2 = w2[i];
                final double v3 = w3[i];
                gIn[i] = gIn[i] + d0 * v0 + d1 * v1 + d2 * v2 + d3 * v3;
                final double x = in[i];
                w0[i] = v0 + c0 * x;
                w1[i] = v1 + c1 * x;
                w2[i] = v2 + c2 * x;
                w3[i] = v3 + c3 * x;
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
            final double[] wj = w[j];
            for (int i = 0; i < nIn; i++) {
                final double v = wj[i];
                gIn[i] += dj * v;
                wj[i] = v + c * in[i];
            }
            if (bias != null) {
                bias[j] += c;
            }
        }
        multiplyByDerivative(fIn, zIn, in, gIn, nIn);
    }

    @Override
    public void signOfSumUpdate(int rows, double step, double[] g, int nOut, double[] in, int nIn, double[][] w,
            double[] bias) {
        // A batch-only operation (the real-time path never calls it), so it may allocate: the summed change of every
        // synapse, accumulated row by row over contiguous copies of the input rows (SIMD, as in update), each sum in
        // increasing b.
        final double[][] sum = new double[nOut][nIn];
        final double[] biasSum = new double[nOut];
        final double[] x = new double[nIn];
        for (int b = 0; b < rows; b++) {
            System.arraycopy(in, b * nIn, x, 0, nIn);
            for (int j = 0; j < nOut; j++) {
                final double gj = g[b * nOut + j];
                final double[] sj = sum[j];
                for (int i = 0; i < nIn; i++) {
                    sj[i] += gj * x[i];
                }
                biasSum[j] += gj;
            }
        }
        for (int j = 0; j < nOut; j++) {
            final double[] wj = w[j];
            final double[] sj = sum[j];
            for (int i = 0; i < nIn; i++) {
                wj[i] += step * Math.signum(sj[i]);
            }
            if (bias != null) {
                bias[j] += step * Math.signum(biasSum[j]);
            }
        }
    }
}
