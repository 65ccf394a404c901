// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.pamlearn.bench.RenderedChart;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;

/**
 * {@code compare.png}: a line per rule with its interval, censored medians drawn at {@code N - hold} with a series of
 * their own, and every panel's legend clear of its plot area, where the lines are.
 */
class ComparePlotTest {

    private static final List<LearningMode> RULES = List.of(LearningMode.BP, LearningMode.SAR, LearningMode.PAM);

    @ParameterizedTest(name = "{0} rules")
    @ValueSource(ints = {1, 2, 3})
    void censoredPointsAreLabelledAndTheLegendIsClearOfTheData(int nRules, @TempDir Path dir)
            throws ReflectiveOperationException, IOException {
        List<LearningMode> rules = RULES.subList(0, nRules);
        CompareGrid grid = CompareGrid.of(rules, List.of(CompareGrid.Depth.of(10)),
                List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC), CompareGrid.etaIndices(1e-4, 1e-1), 3);
        SummaryRows rows = new SummaryRows();
        for (LearningMode rule : rules) {
            for (int k : grid.etaIndices()) {
                // From not converged (small eta) down to 0 and back up: lines across the whole panel, corners
                // included; the symmetric init never converges.
                long t = Math.abs(k - 25) * 4000L;
                for (NetworkInit init : grid.inits()) {
                    boolean never = init == NetworkInit.SYMMETRIC || t > 50_000;
                    long second = Math.min(t + 700, 50_000);
                    rows.add(rule.label(), "1x10", init.label(), k, never ? SummaryRows.NOT : t, second,
                            never ? SummaryRows.NOT : t / 2);
                }
            }
        }
        CompareSummary summary = CompareSummary.of(grid, SummaryRows.SETTING, rows.rows());
        List<XYChart> charts = ComparePlot.charts(summary);
        assertEquals(2, charts.size(), "a panel per init");
        for (XYChart chart : charts) {
            for (LearningMode rule : rules) {
                String r = rule.label();
                XYSeries censored = chart.getSeriesMap().get(r + ": not converged");
                assertTrue(censored != null, chart.getTitle() + ": " + chart.getSeriesMap().keySet());
                assertFalse(censored.isShowInLegend(), "explained by the axis title");
                for (double y : censored.getYData()) {
                    assertEquals(50_000, y, chart.getTitle());
                }
                assertTrue(chart.getSeriesMap().containsKey(r), chart.getTitle());
                assertTrue(chart.getSeriesMap().get(r + " 95%").isShowInLegend(), chart.getTitle());
                assertFalse(chart.getSeriesMap().get(r + " 95% (upper)").isShowInLegend(), chart.getTitle());
            }
            assertTrue(chart.getYAxisTitle().contains("not converged"), chart.getYAxisTitle());
            RenderedChart drawn = RenderedChart.paint(chart);
            Rectangle2D legend = drawn.legend();
            assertFalse(legend.intersects(drawn.plot()), chart.getTitle() + ": legend " + legend + " plot "
                    + drawn.plot());
        }
        Path png = dir.resolve("compare.png");
        ComparePlot.write(summary, 2, png);
        assertTrue(Files.size(png) > 1000, "a PNG was written");
    }
}
