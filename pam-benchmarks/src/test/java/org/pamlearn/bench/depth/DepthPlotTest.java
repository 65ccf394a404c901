// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.depth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.XYChart;
import org.pamlearn.bench.RenderedChart;
import org.pamlearn.core.learning.LearningRules;
import org.pamlearn.robot.NetworkInit;

/** {@code depth.png}'s log axis: a few readable labels, powers of ten or two-digit values, however many decades. */
class DepthPlotTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"-5, 1e-5", "0, 1", "3, 1e3", "-4.5, 3.2e-5", "-0.30103, 5.0e-1", "-33, 1e-33", "-1.0000000001, 1e-1",
        "-3.99, 1.0e-4"})
    void ticksAreLabelledAsPowersOfTen(double exponent, String label) {
        assertEquals(label, DepthPlot.powerOfTen(exponent));
    }

    /**
     * Rows spanning {@code decades} decades (BP's steps shrinking by that many decades from the output back to the
     * input layer, the sign rules flat): the panel shows at most 8 y labels, each within the data's decades, and
     * rising from bottom to top.
     */
    @ParameterizedTest(name = "{0} decades")
    @ValueSource(ints = {1, 3, 4, 7, 12, 30, 45})
    void theLogAxisHasAtMostEightReadableLabels(int decades) throws ReflectiveOperationException {
        SplittableRandom random = new SplittableRandom(decades);
        int depth = 20;
        List<DepthStudy.Row> rows = new ArrayList<>();
        for (LearningRules.Name rule : LearningRules.Name.values()) {
            for (int l = 0; l <= depth; l++) {
                double exponent = rule == LearningRules.Name.BP ? -4.0 - decades * (depth - l) / (double) depth
                        : -4.0 + random.nextDouble(-0.1, 0.1);
                double value = Math.pow(10.0, exponent);
                rows.add(new DepthStudy.Row(DepthStudy.Source.RANDOM, NetworkInit.SYMMETRIC, depth, l, rule,
                        Double.NaN, value, value));
            }
        }
        List<XYChart> charts = DepthPlot.charts(rows);
        assertEquals(1, charts.size(), "one panel");
        List<String> labels = RenderedChart.paint(charts.get(0)).yTickLabels();
        assertTrue(labels.size() >= 2 && labels.size() <= 8, decades + " decades: " + labels);
        double previous = Double.NEGATIVE_INFINITY;
        for (String label : labels) {
            double v = Double.parseDouble(label);
            assertTrue(v > previous, "rising: " + labels);
            assertTrue(Math.log10(v) >= -5.0 - decades - 1e-9 && Math.log10(v) <= -3.0 + 1e-9,
                    "inside the data's decades: " + labels);
            assertTrue(label.matches("1(e-?[0-9]+)?|[1-9]\\.[0-9](e-?[0-9]+)?"), "a power of ten or two digits: "
                    + label);
            previous = v;
        }
    }
}
