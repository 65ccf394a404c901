// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.depth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.pamlearn.core.learning.LearningRules;

/**
 * Draws {@code depth.png}: one panel per source and initialisation, x = the layer counted from the input (1 = the
 * first hidden layer), log y = the mean {@code |dw| / |A|}; one line for BP at each of up to four depths (the
 * shallowest, deepest and two between), and one for SaR and PaM at the deepest depth.
 */
public final class DepthPlot {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;

    private DepthPlot() {
    }

    /**
     * Writes the plot.
     *
     * @param rows the study's rows. Not modified.
     * @param path the PNG file
     * @throws IOException if the file cannot be written
     */
    public static void write(List<DepthStudy.Row> rows, Path path) throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            // A command-line tool never opens a window; this lets it draw without a display.
            System.setProperty("java.awt.headless", "true");
        }
        Set<String> panels = new LinkedHashSet<>();
        Set<Integer> depthSet = new LinkedHashSet<>();
        for (DepthStudy.Row r : rows) {
            panels.add(r.source().label() + " inputs, " + r.init().label() + " init");
            depthSet.add(r.depth());
        }
        List<Integer> depths = new ArrayList<>(depthSet);
        depths.sort(null);
        Set<Integer> shown = new LinkedHashSet<>();
        int n = depths.size();
        shown.add(depths.get(0));
        shown.add(depths.get((n - 1) / 3));
        shown.add(depths.get(2 * (n - 1) / 3));
        shown.add(depths.get(n - 1));
        int deepest = depths.get(n - 1);
        List<XYChart> charts = new ArrayList<>();
        for (String panel : panels) {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(panel)
                    .xAxisTitle("layer from the input (last = output)").yAxisTitle("mean |dw| / |A| (log)").build();
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
            for (int depth : shown) {
                add(chart, rows, panel, LearningRules.Name.BP, depth);
            }
            add(chart, rows, panel, LearningRules.Name.SAR, deepest);
            add(chart, rows, panel, LearningRules.Name.PAM, deepest);
            charts.add(chart);
        }
        int cols = panels.size() > 1 ? 2 : 1;
        int rowCount = (panels.size() + cols - 1) / cols;
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(charts, rowCount, cols, png, BitmapFormat.PNG);
        Files.write(path, png.toByteArray());
    }

    private static void add(XYChart chart, List<DepthStudy.Row> rows, String panel, LearningRules.Name rule,
            int depth) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (DepthStudy.Row r : rows) {
            String p = r.source().label() + " inputs, " + r.init().label() + " init";
            if (p.equals(panel) && r.rule() == rule && r.depth() == depth && r.meanAbsDwPerInput() > 0
                    && Double.isFinite(r.meanAbsDwPerInput())) {
                x.add((double) r.layer() + 1);
                y.add(r.meanAbsDwPerInput());
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(rule.label() + " depth " + depth, x, y);
        }
    }
}
