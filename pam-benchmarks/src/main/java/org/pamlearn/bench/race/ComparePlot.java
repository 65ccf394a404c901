// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * {@code compare.png}: median steps to success (a failure counts as the budget, log y) against the learning rate
 * (log x), one line per rule, one panel per depth (rows) and initialisation (columns), each with its legend in a row
 * below the plot, clear of the lines. Rendered off-screen with XChart ({@code java.awt.headless}).
 */
public final class ComparePlot {

    private static final int WIDTH = 520;
    /** Tall enough for the legend row below the plot area. */
    private static final int HEIGHT = 410;

    private ComparePlot() {
    }

    /**
     * Renders the plot and writes it.
     *
     * @param summary the summary
     * @param columns the panels per row (the number of initialisations), {@code >= 1}
     * @param path the PNG file, overwritten; its directory must exist
     * @throws IOException if the file cannot be written
     */
    public static void write(CompareSummary summary, int columns, Path path) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            // A command-line tool never opens a window; this lets it draw without a display.
            System.setProperty("java.awt.headless", "true");
        }
        List<XYChart> charts = charts(summary);
        int rows = (charts.size() + columns - 1) / columns;
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(charts, rows, columns, png, BitmapFormat.PNG);
        Files.write(path, png.toByteArray());
    }

    /**
     * Builds the panels of the plot, one per group of the summary.
     *
     * @param summary the summary
     * @return the panels, in the summary's order
     */
    public static List<XYChart> charts(CompareSummary summary) {
        int[] ks = summary.etaIndices();
        List<XYChart> charts = new ArrayList<>();
        for (CompareSummary.Group g : summary.groups()) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title(g.depth() + " hidden, " + g.init() + " init").xAxisTitle("eta (log)")
                    .yAxisTitle("median steps, log (failure = budget)").build();
            chart.getStyler().setXAxisLogarithmic(true);
            // Log y: the floor (about 1000 steps) and the budget (200,000) both stay readable.
            chart.getStyler().setYAxisLogarithmic(true);
            // Below the plot: inside, the legend covered the lines where they matter (high and low rates).
            chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
            for (CompareSummary.RuleStats r : g.rules()) {
                List<Double> x = new ArrayList<>();
                List<Double> y = new ArrayList<>();
                for (int j = 0; j < ks.length; j++) {
                    if (r.medians()[j] >= 0) {
                        x.add(CompareGrid.eta(ks[j]));
                        y.add((double) r.medians()[j]);
                    }
                }
                if (!x.isEmpty()) {
                    chart.addSeries(r.rule(), x, y);
                }
            }
            charts.add(chart);
        }
        return charts;
    }
}
