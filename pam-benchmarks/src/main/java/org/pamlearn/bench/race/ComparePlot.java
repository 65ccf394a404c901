// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.race;

import java.awt.BasicStroke;
import java.awt.Color;
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
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pamlearn.bench.internal.Headless;

/**
 * {@code compare.png}: median {@code t_rel} against the learning rate (log x), one solid line per rule with its
 * bootstrap 95% interval as two dashed lines of the same colour, one panel per depth (rows) and initialisation
 * (columns), each with its legend in a row below the plot, clear of the lines. A median or an interval end that is a
 * bound (most seeds did not converge) is drawn at {@code N - hold}, the top of the scale, and a median there gets a
 * cross in a series of its own ({@code bp: not converged}, explained by the y axis's title rather than the legend).
 * Rendered off-screen with XChart ({@code java.awt.headless}).
 */
public final class ComparePlot {

    private static final int WIDTH = 560;
    /** Tall enough for the legend rows below the plot area. */
    private static final int HEIGHT = 460;
    /** One colour per rule, in grid order (XChart's default first colours, fixed so the bands can match). */
    private static final Color[] COLOURS = {new Color(0, 100, 180), new Color(230, 120, 0), new Color(20, 150, 60),
        new Color(180, 30, 40), new Color(120, 70, 170)};

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
        Headless.ensure();
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
        long top = summary.notConverged();
        List<XYChart> charts = new ArrayList<>();
        for (CompareSummary.Group g : summary.groups()) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title(g.depth() + " hidden, " + g.init() + " init").xAxisTitle("eta (log)")
                    .yAxisTitle("median t_rel, steps (x: > " + top + ", not converged)").build();
            chart.getStyler().setXAxisLogarithmic(true);
            // Linear y: t_rel can be 0, and the bound of a non-converged run is the top of the scale.
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax((double) top);
            // Below the plot: inside, the legend covered the lines where they matter (high and low rates).
            chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
            for (int i = 0; i < g.rules().size(); i++) {
                addRule(chart, g.rules().get(i), summary, COLOURS[i % COLOURS.length]);
            }
            charts.add(chart);
        }
        return charts;
    }

    private static void addRule(XYChart chart, RuleSummary r, CompareSummary summary, Color colour) {
        int[] ks = summary.etaIndices();
        double top = summary.notConverged();
        List<Double> x = new ArrayList<>();
        List<Double> median = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        List<Double> high = new ArrayList<>();
        List<Double> censoredX = new ArrayList<>();
        for (int j = 0; j < ks.length; j++) {
            RuleSummary.Point p = r.point(j);
            if (p == null) {
                continue;
            }
            x.add(CompareGrid.eta(ks[j]));
            median.add(Math.min(p.median().hi(), top));
            low.add(Math.min(p.interval()[0].lo(), top));
            high.add(Math.min(p.interval()[1].hi(), top));
            if (!p.median().isExact()) {
                censoredX.add(CompareGrid.eta(ks[j]));
            }
        }
        if (x.isEmpty()) {
            return;
        }
        style(chart.addSeries(r.rule(), x, median), colour, SeriesLines.SOLID).setMarker(SeriesMarkers.CIRCLE);
        style(chart.addSeries(r.rule() + " 95%", x, low), colour, SeriesLines.DASH_DASH);
        style(chart.addSeries(r.rule() + " 95% (upper)", x, high), colour, SeriesLines.DASH_DASH)
                .setShowInLegend(false);
        if (!censoredX.isEmpty()) {
            List<Double> y = new ArrayList<>();
            censoredX.forEach(e -> y.add(top));
            XYSeries c = chart.addSeries(r.rule() + ": not converged", censoredX, y);
            c.setLineStyle(SeriesLines.NONE);
            c.setMarker(SeriesMarkers.CROSS);
            c.setMarkerColor(colour);
            // The axis title explains the crosses: a legend entry per rule would not fit in one row.
            c.setShowInLegend(false);
        }
    }

    private static XYSeries style(XYSeries s, Color colour, BasicStroke line) {
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(line);
        s.setMarker(SeriesMarkers.NONE);
        return s;
    }
}
