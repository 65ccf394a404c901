// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knowm.xchart.XYChart;
import org.pamlearn.bench.RenderedChart;
import org.pamlearn.robot.LearningMode;
import org.pamlearn.robot.NetworkInit;

/** {@code compare.png}: every panel's legend is clear of its plot area, where the lines are. */
class ComparePlotTest {

    @ParameterizedTest(name = "{0} rules")
    @ValueSource(ints = {1, 2, 3})
    void theLegendIsClearOfTheData(int nRules) throws ReflectiveOperationException {
        List<LearningMode> rules = List.of(LearningMode.BP, LearningMode.SAR, LearningMode.PAM).subList(0, nRules);
        CompareGrid grid = CompareGrid.of(rules, List.of(CompareGrid.Depth.of(10)),
                List.of(NetworkInit.AUTHORS, NetworkInit.SYMMETRIC), CompareGrid.etaIndices(1e-4, 1e-1), 1);
        List<CompareRow> rows = new ArrayList<>();
        for (CompareGrid.Run run : grid.runs()) {
            // Steps from the budget down to the floor as eta grows: lines across the whole panel, corners included.
            long steps = Math.max(1001, 200_000 - 5_000L * run.etaIndex());
            rows.add(new CompareRow(run.rule().label(), run.depth().label(), run.init().label(), run.etaIndex(),
                    run.seed(), steps, steps < 200_000, 1L, 200_000, 1.0, "builtin", "rows"));
        }
        List<XYChart> charts = ComparePlot.charts(CompareSummary.of(grid, rows));
        assertEquals(2, charts.size(), "a panel per init");
        for (XYChart chart : charts) {
            RenderedChart drawn = RenderedChart.paint(chart);
            Rectangle2D legend = drawn.legend();
            assertFalse(legend.intersects(drawn.plot()), chart.getTitle() + ": legend " + legend + " plot "
                    + drawn.plot());
        }
    }
}
