// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@link GemmBenchmark}: its products equal naive ones, and the FLOP count of {@link BatchTables}. */
class GemmBenchmarkTest {

    /** {@code x * y} with {@code x} ({@code tx}: transposed) and {@code y} ({@code ty}), by three loops. */
    private static double[][] naive(double[][] x, boolean tx, double[][] y, boolean ty) {
        int n = tx ? x[0].length : x.length;
        int k = tx ? x.length : x[0].length;
        int m = ty ? y.length : y[0].length;
        double[][] r = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s += (tx ? x[p][i] : x[i][p]) * (ty ? y[j][p] : y[p][j]);
                }
                r[i][j] = s;
            }
        }
        return r;
    }

    private static void assertMatrix(double[][] expected, INDArray actual, double tolerance, String what) {
        double[][] got = actual.toDoubleMatrix();
        assertEquals(expected.length, got.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], got[i], tolerance, what + ": row " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"DOUBLE, 1e-12", "FLOAT, 1e-4"})
    void theProductsOfASmallNetworkEqualNaiveOnes(DataType type, double tolerance) {
        int[] sizes = {5, 4, 3, 2};
        GemmBenchmark.Products p = new GemmBenchmark.Products(sizes, 3, type, 7L);
        p.run();
        int n = sizes.length - 1;
        for (int l = 0; l < n; l++) {
            assertMatrix(naive(p.a()[l].toDoubleMatrix(), false, p.w()[l].toDoubleMatrix(), true), p.z()[l],
                    tolerance, "z" + l);
        }
        for (int l = n - 2; l >= 0; l--) {
            assertMatrix(naive(p.d()[l + 1].toDoubleMatrix(), false, p.w()[l + 1].toDoubleMatrix(), false), p.d()[l],
                    tolerance, "d" + l);
        }
        for (int l = 0; l < n; l++) {
            assertMatrix(naive(p.d()[l].toDoubleMatrix(), true, p.a()[l].toDoubleMatrix(), false), p.g()[l],
                    tolerance, "g" + l);
        }
    }

    @Test
    void oneInvocationOfTheBenchmark() {
        GemmBenchmark bench = new GemmBenchmark();
        bench.dtype = "float";
        bench.batch = 32;
        bench.threads = 1;
        bench.setUp();
        INDArray g = bench.products();
        assertArrayEquals(new long[] {256, 784}, g.shape());
        assertEquals(DataType.FLOAT, g.dataType());
        assertMatrix(naive(bench.operands().d()[0].toDoubleMatrix(), true, bench.operands().a()[0].toDoubleMatrix(),
                false), g, 1e-3, "g0");
    }

    @Test
    void flopsPerSample() {
        assertEquals(BatchTables.FLOPS_PER_SAMPLE, BatchTables.flopsPerSample(BatchTables.SIZES));
        // 5-4-3-2: weights 20 + 12 + 6 = 38; hidden error signals 4*3 + 3*2 = 18; 2 * (2 * 38 + 18).
        assertEquals(188, BatchTables.flopsPerSample(new int[] {5, 4, 3, 2}));
    }
}
