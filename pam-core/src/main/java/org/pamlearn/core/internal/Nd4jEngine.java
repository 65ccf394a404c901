// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.pamlearn.core.Activation;

/**
 * The ND4J batch engine: every operation of {@link ComputeEngine} on {@link INDArray}s, in double or float.
 *
 * <p>The caller's {@code double[]} buffers stay the truth (the network, its checkpoints and the learners read them);
 * each operation copies what it reads into ND4J arrays of its data type, computes there (matrix products through
 * ND4J's {@code matmul}, elementwise math through its transforms) and copies the results back. In float, the
 * arithmetic is single precision and the weights, kept in the caller's {@code double[]}, receive each update
 * rounded to float. The copies cost {@code O(rows * width + weights)} per operation against the products'
 * {@code O(rows * weights)}: small for mini-batches, dominant for single rows, which is why the real-time path
 * (B = 1) stays on {@link PlainEngine}.
 *
 * <p>Two defects of ND4J 1.0.0-M2.1 are avoided on purpose: {@code Level2.gemv} ignores its transpose flag and
 * {@code Level2.ger} is right only for 'f'-ordered matrices. Every product here is a {@link INDArray#mmul} of
 * 'c'-ordered (or transposed-view) matrices, which runs libnd4j's {@code matmul} op, never those Level 2 calls, also
 * for one row; the conformance tests cover rows = 1.
 *
 * <p>Internal API. Stateless apart from its data type, thread-safe as ND4J is.
 */
public final class Nd4jEngine implements ComputeEngine {

    private final DataType type;

    /**
     * Creates an engine.
     *
     * @param single {@code true} for float arithmetic, {@code false} for double
     */
    public Nd4jEngine(boolean single) {
        this.type = single ? DataType.FLOAT : DataType.DOUBLE;
    }

    /**
     * Returns whether the engine computes in float.
     *
     * @return {@code true} for float, {@code false} for double
     */
    public boolean single() {
        return type == DataType.FLOAT;
    }

    /**
     * Sets the threads of ND4J's native code, process-wide: libnd4j's own and its OpenMP threads, and OpenBLAS's.
     *
     * @param threads threads, {@code >= 1}
     */
    public static void setThreads(int threads) {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
    }

    @Override
    public void forward(int rows, double[] in, int nIn, double[][] w, double[] bias, int nOut, Activation f,
            double[] z, double[] a) {
        INDArray zm = matrix(in, rows, nIn).mmul(weights(w, nOut, nIn).transpose());
        if (bias != null) {
            zm.addiRowVector(matrix(bias, 1, nOut));
        }
        INDArray am = activate(f, zm);
        read(zm, z);
        read(am, a);
    }

    @Override
    public void outputDelta(int rows, double[] err, int nOut, Activation f, boolean useDerivative, double[] z,
            double[] a, double[] delta) {
        INDArray d = matrix(err, rows, nOut);
        if (useDerivative && f != Activation.LINEAR) {
            d.muli(derivative(f, matrix(z, rows, nOut), matrix(a, rows, nOut)));
        }
        read(d, delta);
    }

    @Override
    public void hiddenDelta(int rows, double[] deltaNext, int nNext, double[][] wNext, int nOut, Activation f,
            double[] z, double[] a, double[] delta) {
        read(hiddenDelta(rows, deltaNext, nNext, weights(wNext, nNext, nOut), nOut, f, z, a), delta);
    }

    private INDArray hiddenDelta(int rows, double[] deltaNext, int nNext, INDArray wNext, int nOut, Activation f,
            double[] z, double[] a) {
        INDArray d = matrix(deltaNext, rows, nNext).mmul(wNext);
        if (f != Activation.LINEAR) {
            d.muli(derivative(f, matrix(z, rows, nOut), matrix(a, rows, nOut)));
        }
        return d;
    }

    @Override
    public void signInPlace(int n, double[] x) {
        read(Transforms.sign(matrix(x, 1, n), false), x);
    }

    @Override
    public void update(int rows, double[] scale, double[] g, boolean signOfG, int nOut, double[] in, int nIn,
            double[][] w, double[] bias) {
        INDArray gm = matrix(g, rows, nOut);
        if (signOfG) {
            Transforms.sign(gm, false);
        }
        // S = diag(scale) * g'; dW = S^T * in; dbias = the column sums of S.
        INDArray s = gm.muliColumnVector(matrix(scale, rows, 1));
        add(s.transpose().mmul(matrix(in, rows, nIn)), w, nOut, nIn);
        if (bias != null) {
            addTo(s.sum(0), bias);
        }
    }

    @Override
    public void hiddenDeltaAndUpdate(int rows, double[] scale, double[] g, boolean signOfG, int nOut, double[] in,
            int nIn, double[][] w, double[] bias, Activation fIn, double[] zIn, double[] gIn) {
        read(hiddenDelta(rows, g, nOut, weights(w, nOut, nIn), nIn, fIn, zIn, in), gIn);
        update(rows, scale, g, signOfG, nOut, in, nIn, w, bias);
    }

    @Override
    public void signOfSumUpdate(int rows, double step, double[] g, int nOut, double[] in, int nIn, double[][] w,
            double[] bias) {
        INDArray gm = matrix(g, rows, nOut);
        INDArray change = Transforms.sign(gm.transpose().mmul(matrix(in, rows, nIn)), false).muli(step);
        add(change, w, nOut, nIn);
        if (bias != null) {
            addTo(Transforms.sign(gm.sum(0), false).muli(step), bias);
        }
    }

    /** {@code f(z)} as a new array. */
    private static INDArray activate(Activation f, INDArray z) {
        switch (f) {
            case CENTERED_SIGMOID:
                return Transforms.sigmoid(z, true).subi(0.5);
            case SIGMOID:
                return Transforms.sigmoid(z, true);
            case TANH:
                return Transforms.tanh(z, true);
            case LINEAR:
                return z.dup();
            case RELU:
                return Transforms.relu(z, true);
            default:
                throw new AssertionError(f);
        }
    }

    /** {@code f'(z)}, written through the activation {@code a} as {@link PlainEngine} does, as a new array. */
    private INDArray derivative(Activation f, INDArray z, INDArray a) {
        switch (f) {
            case CENTERED_SIGMOID:
                return a.add(0.5).muli(a.rsub(0.5));
            case SIGMOID:
                return a.mul(a.rsub(1.0));
            case TANH:
                return a.mul(a).rsubi(1.0);
            case RELU:
                return z.gt(0.0).castTo(type);
            case LINEAR:
                return Nd4j.onesLike(z);
            default:
                throw new AssertionError(f);
        }
    }

    /** The first {@code rows * cols} values of {@code x} as a 'c'-ordered {@code rows x cols} array. */
    private INDArray matrix(double[] x, int rows, int cols) {
        int n = rows * cols;
        return Nd4j.create(x.length == n ? x : Arrays.copyOf(x, n), new long[] {rows, cols}, type);
    }

    /** {@code w[j][i]} as a 'c'-ordered {@code nOut x nIn} array. */
    private INDArray weights(double[][] w, int nOut, int nIn) {
        double[] flat = new double[nOut * nIn];
        for (int j = 0; j < nOut; j++) {
            System.arraycopy(w[j], 0, flat, j * nIn, nIn);
        }
        return Nd4j.create(flat, new long[] {nOut, nIn}, type);
    }

    /** The values of {@code m} in row-major order into {@code dst[0..m.length())}. */
    private static void read(INDArray m, double[] dst) {
        double[] values = values(m);
        System.arraycopy(values, 0, dst, 0, values.length);
    }

    private static double[] values(INDArray m) {
        return m.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** {@code w[j][i] += d[j][i]}. */
    private static void add(INDArray d, double[][] w, int nOut, int nIn) {
        double[] values = values(d);
        for (int j = 0; j < nOut; j++) {
            double[] wj = w[j];
            int offset = j * nIn;
            for (int i = 0; i < nIn; i++) {
                wj[i] += values[offset + i];
            }
        }
    }

    /** {@code x[k] += d[k]}. */
    private static void addTo(INDArray d, double[] x) {
        double[] values = values(d);
        for (int k = 0; k < x.length; k++) {
            x[k] += values[k];
        }
    }
}
