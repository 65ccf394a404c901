// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.core.internal;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
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
 * (B = 1) stays on {@link PlainEngine}. They are bulk copies between the {@code double[]} and the array's native
 * buffer (its NIO view): {@code Nd4j.create(double[], ...)} and {@code castTo(DOUBLE).dup().data().asDouble()}
 * copied element by element and through intermediate arrays, which made the copies of a 784-256-128-10 step
 * cost about a third of it (docs/RESULTS.md, "Mini-batch speed"). What remains beyond the products is mostly
 * ND4J's allocation of a new native array per intermediate result.
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
            d.muli(derivative(f, rows, nOut, z, a));
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
            d.muli(derivative(f, rows, nOut, z, a));
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

    /**
     * {@code f'(z)} of a {@code rows x cols} batch, written through the activation {@code a} as {@link PlainEngine}
     * does, as a new array; only the values it needs are copied in ({@code z} for ReLU, {@code a} otherwise).
     */
    private INDArray derivative(Activation f, int rows, int cols, double[] zValues, double[] aValues) {
        if (f == Activation.RELU) {
            return matrix(zValues, rows, cols).gt(0.0).castTo(type);
        }
        if (f == Activation.LINEAR) {
            return Nd4j.ones(type, rows, cols);
        }
        INDArray a = matrix(aValues, rows, cols);
        switch (f) {
            case CENTERED_SIGMOID:
                return a.add(0.5).muli(a.rsub(0.5));
            case SIGMOID:
                return a.rsub(1.0).muli(a);
            case TANH:
                return a.mul(a).rsubi(1.0);
            default:
                throw new AssertionError(f);
        }
    }

    /** The first {@code rows * cols} values of {@code x} as a new 'c'-ordered {@code rows x cols} array. */
    private INDArray matrix(double[] x, int rows, int cols) {
        INDArray m = Nd4j.createUninitialized(type, rows, cols);
        write(x, m, 0, rows * cols);
        return m;
    }

    /** {@code w[j][i]} as a new 'c'-ordered {@code nOut x nIn} array. */
    private INDArray weights(double[][] w, int nOut, int nIn) {
        INDArray m = Nd4j.createUninitialized(type, nOut, nIn);
        for (int j = 0; j < nOut; j++) {
            write(w[j], m, j * nIn, nIn);
        }
        return m;
    }

    /**
     * {@code src[0..n)} into the elements {@code at..at+n)} of {@code m}, a new (not a view) 'c'-ordered
     * array, rounded to float for a float array: one bulk copy into the native buffer, where {@code Nd4j.create}
     * from a {@code double[]} copied element by element.
     */
    private static void write(double[] src, INDArray m, int at, int n) {
        if (m.dataType() == DataType.DOUBLE) {
            m.data().asNioDouble().put(at, src, 0, n);
        } else {
            FloatBuffer buffer = m.data().asNioFloat();
            for (int k = 0; k < n; k++) {
                buffer.put(at + k, (float) src[k]);
            }
        }
    }

    /** {@code m} itself if it is a plain (not a view) 'c'-ordered array, which starts its buffer, else such a copy. */
    private static INDArray contiguous(INDArray m) {
        return m.isView() || m.ordering() != 'c' ? m.dup('c') : m;
    }

    /** The values of {@code m} in row-major order into {@code dst[0..m.length())}, widened to double from float. */
    private static void read(INDArray m, double[] dst) {
        INDArray c = contiguous(m);
        int n = Math.toIntExact(c.length());
        if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get(0, dst, 0, n);
        } else {
            FloatBuffer buffer = c.data().asNioFloat();
            for (int k = 0; k < n; k++) {
                dst[k] = buffer.get(k);
            }
        }
    }

    /** {@code w[j][i] += d[j][i]}, row by row from ND4J's buffer. */
    private static void add(INDArray d, double[][] w, int nOut, int nIn) {
        INDArray c = contiguous(d);
        if (c.dataType() == DataType.DOUBLE) {
            DoubleBuffer buffer = c.data().asNioDouble();
            double[] row = new double[nIn];
            for (int j = 0; j < nOut; j++) {
                buffer.get(j * nIn, row, 0, nIn);
                double[] wj = w[j];
                for (int i = 0; i < nIn; i++) {
                    wj[i] += row[i];
                }
            }
        } else {
            FloatBuffer buffer = c.data().asNioFloat();
            for (int j = 0; j < nOut; j++) {
                double[] wj = w[j];
                int offset = j * nIn;
                for (int i = 0; i < nIn; i++) {
                    wj[i] += buffer.get(offset + i);
                }
            }
        }
    }

    /** {@code x[k] += d[k]}. */
    private static void addTo(INDArray d, double[] x) {
        double[] values = new double[x.length];
        read(d, values);
        for (int k = 0; k < x.length; k++) {
            x[k] += values[k];
        }
    }
}
