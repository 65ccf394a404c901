// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.Chart;
import org.pamlearn.robot.sim.LineFollowerRun;

/** {@code error.png} and {@code weights.png}: step axes from 0 with round ticks, and axis titles that say what. */
class LineFollowerPlotsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 10", "1, 10", "10, 10", "11, 12", "99, 100", "3468, 3500", "20000, 20000", "50001, 60000",
        "1234567, 1400000"})
    void theStepAxisEndsOnARoundNumber(long steps, long end) {
        assertEquals(end, LineFollowerPlots.stepAxisEnd(steps));
    }

    /** Any length: the end covers it, overshoots by less than a quarter, and has at most two significant digits. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void theStepAxisEndIsCloseAndRound(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < 300; k++) {
            long steps = random.nextLong(10, 10_000_000_000L >> random.nextInt(30));
            long end = LineFollowerPlots.stepAxisEnd(steps);
            String what = steps + " -> " + end;
            assertTrue(end >= steps && end < 1.25 * steps + 1, what);
            assertTrue(String.valueOf(end).replaceAll("0+$", "").length() <= 2, what);
        }
    }

    /** Sessions of several lengths: both step axes start at 0 and step by a round 1, 2, 2.5 or 5 times 10^k. */
    @ParameterizedTest(name = "{0} steps, seed {1}")
    @CsvSource({"700, 0", "2345, 1", "3500, 3", "9000, 2"})
    void stepAxesHaveRoundTicksFromZero(long maxSteps, long seed) throws ReflectiveOperationException {
        LineFollowerRun.Result r = LineFollowerRun.builder().seed(seed).maxSteps(maxSteps).build().run();
        XYChart error = LineFollowerPlots.error(r.trace(), "test");
        XYChart weights = LineFollowerPlots.weights(r.trace(), "test");
        assertEquals(LineFollowerPlots.ERROR_AXIS, error.getYAxisTitle());
        assertEquals(LineFollowerPlots.WEIGHTS_AXIS, weights.getYAxisTitle());
        for (XYChart chart : List.of(error, weights)) {
            List<String> labels = xTickLabels(chart);
            String what = chart.getTitle() + ": " + labels;
            assertTrue(labels.size() >= 3, what);
            assertEquals("0", labels.get(0), what);
            double step = number(labels.get(1));
            for (int k = 0; k < labels.size(); k++) {
                assertEquals(k * step, number(labels.get(k)), 1e-9, what);
            }
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
            assertTrue(List.of(1.0, 2.0, 2.5, 5.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9), what);
            assertTrue(number(labels.get(labels.size() - 1)) + step > r.trace().steps(), "covers the run: " + what);
        }
    }

    private static double number(String label) {
        return Double.parseDouble(label.replace(",", ""));
    }

    /** The x tick labels XChart 3.8 draws (read from its internals after an off-screen paint; it has no API). */
    private static List<String> xTickLabels(XYChart chart) throws ReflectiveOperationException {
        System.setProperty("java.awt.headless", "true");
        BitmapEncoder.getBufferedImage(chart);
        Field pair = Chart.class.getDeclaredField("axisPair");
        pair.setAccessible(true);
        Axis<?, ?> x = ((AxisPair<?, ?>) pair.get(chart)).getXAxis();
        List<String> labels = x.getAxisTickCalculator().getTickLabels();
        List<Double> locations = x.getAxisTickCalculator().getTickLocations();
        List<String> drawn = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            // XChart draws a label only inside the axis
            if (labels.get(k) != null && locations.get(k) > 0 && locations.get(k) < x.getBounds().getWidth()) {
                drawn.add(labels.get(k));
            }
        }
        return drawn;
    }
}
