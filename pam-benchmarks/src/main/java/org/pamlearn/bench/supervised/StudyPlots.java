// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.supervised;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.pamlearn.bench.internal.Headless;

/**
 * The study's plots: {@code accuracy-vs-eta.png} (mean test accuracy over the seeds against the rate, one panel per
 * depth, one line per rule) and {@code accuracy-vs-depth.png} (each rule at its own best rate against the depth, with
 * the seeds' standard deviation as error bars). Rendered off-screen with XChart.
 */
final class StudyPlots {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 400;

    private StudyPlots() {
    }

    static void write(StudySummary summary, int[] depths, Path dir) throws IOException {
        Headless.ensure();
        List<XYChart> panels = new ArrayList<>();
        for (int depth : depths) {
            String title = depth + (depth == 1 ? " hidden layer of " : " hidden layers of ") + StudyRun.HIDDEN;
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("eta (log)")
                    .yAxisTitle("test accuracy, mean of seeds").build();
            chart.getStyler().setXAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(1.0);
            chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
            for (StudySummary.Curve c : summary.curves()) {
                if (c.group().depth() != depth) {
                    continue;
                }
                double[] x = c.points().stream().mapToDouble(StudySummary.Point::eta).toArray();
                double[] y = c.points().stream().mapToDouble(StudySummary.Point::mean).toArray();
                chart.addSeries(c.group().label(), x, y);
            }
            panels.add(chart);
        }
        int columns = Math.min(2, panels.size());
        BitmapEncoder.saveBitmap(panels, (panels.size() + columns - 1) / columns, columns,
                dir.resolve("accuracy-vs-eta.png").toString(), BitmapFormat.PNG);

        XYChart depth = new XYChartBuilder().width(WIDTH + 100).height(HEIGHT).title("each rule at its own best eta")
                .xAxisTitle("hidden layers").yAxisTitle("test accuracy (mean ± sd of seeds)").build();
        depth.getStyler().setLegendPosition(LegendPosition.InsideSW);
        Map<String, List<StudySummary.Curve>> byLabel = new LinkedHashMap<>();
        for (StudySummary.Curve c : summary.curves()) {
            byLabel.computeIfAbsent(c.group().label(), l -> new ArrayList<>()).add(c);
        }
        byLabel.forEach((label, curves) -> {
            double[] x = curves.stream().mapToDouble(c -> c.group().depth()).toArray();
            double[] y = curves.stream().mapToDouble(c -> c.best().mean()).toArray();
            double[] e = curves.stream().mapToDouble(c -> Double.isNaN(c.best().sd()) ? 0.0 : c.best().sd())
                    .toArray();
            depth.addSeries(label, x, y, e);
        });
        BitmapEncoder.saveBitmap(depth, dir.resolve("accuracy-vs-depth.png").toString(), BitmapFormat.PNG);
    }
}
