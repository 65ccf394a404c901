// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.depth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.pamlearn.bench.internal.Headless;
import org.pamlearn.core.learning.LearningRules;

/**
 * Draws {@code depth.png}: one panel per source and initialisation, x = the layer counted from the input (1 = the
 * first hidden layer), log y = the mean {@code |dw| / |A|}; one line for BP at each of up to four depths (the
 * shallowest, deepest and two between), and one for SaR and PaM at the deepest depth.
 *
 * <p>The log axis is drawn as {@code log10} of the values on a linear axis from a whole decade to a whole decade,
 * labelled as powers of ten ({@link #powerOfTen}): XChart's own log axis labels every decade, which crams 30 of them
 * into a panel when BP's steps vanish with depth; a linear axis of exponents takes its usual few round steps.
 */
public final class DepthPlot {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 450;
    /** Pixels between y ticks: at most about 8 labels in a panel. */
    private static final int Y_TICK_SPACING = 80;

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
        Headless.ensure();
        List<XYChart> charts = charts(rows);
        int cols = charts.size() > 1 ? 2 : 1;
        int rowCount = (charts.size() + cols - 1) / cols;
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(charts, rowCount, cols, png, BitmapFormat.PNG);
        Files.write(path, png.toByteArray());
    }

    /**
     * Builds the panels of the plot, one per source and initialisation, in the order of the rows.
     *
     * @param rows the study's rows, not empty. Not modified.
     * @return the panels
     */
    public static List<XYChart> charts(List<DepthStudy.Row> rows) {
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
                    .xAxisTitle("layer from the input (last = output)").yAxisTitle("mean |dw| / |A| (log scale)")
                    .build();
            chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
            double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
            for (int depth : shown) {
                add(chart, rows, panel, LearningRules.Name.BP, depth, range);
            }
            add(chart, rows, panel, LearningRules.Name.SAR, deepest, range);
            add(chart, rows, panel, LearningRules.Name.PAM, deepest, range);
            logAxis(chart, range[0], range[1]);
            charts.add(chart);
        }
        return charts;
    }

    /** Makes the y axis of exponents run between whole decades around {@code [min, max]}, labelled as powers of ten. */
    private static void logAxis(XYChart chart, double min, double max) {
        if (min > max) {
            return; // no data
        }
        double low = Math.floor(min);
        double high = Math.max(Math.ceil(max), low + 1);
        chart.getStyler().setYAxisMin(low);
        chart.getStyler().setYAxisMax(high);
        chart.getStyler().setYAxisTickMarkSpacingHint(Y_TICK_SPACING);
        chart.getStyler().setyAxisTickLabelsFormattingFunction(DepthPlot::powerOfTen);
    }

    /**
     * Labels a tick of the axis of exponents: {@code 1e-5} at a whole decade, else the value with two significant
     * digits ({@code -4.5} &rarr; {@code 3.2e-5}).
     *
     * @param exponent {@code log10} of the value
     * @return the label
     */
    static String powerOfTen(Double exponent) {
        double e = exponent;
        long decade = Math.round(e);
        if (Math.abs(e - decade) < 1e-9) {
            return decade == 0 ? "1" : "1e" + decade;
        }
        long floor = (long) Math.floor(e);
        double mantissa = Math.pow(10.0, e - floor);
        String digits = String.format(Locale.ROOT, "%.1f", mantissa);
        if (digits.equals("10.0")) {
            digits = "1.0";
            floor++;
        }
        return floor == 0 ? digits : digits + "e" + floor;
    }

    private static void add(XYChart chart, List<DepthStudy.Row> rows, String panel, LearningRules.Name rule,
            int depth, double[] range) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (DepthStudy.Row r : rows) {
            String p = r.source().label() + " inputs, " + r.init().label() + " init";
            if (p.equals(panel) && r.rule() == rule && r.depth() == depth && r.meanAbsDwPerInput() > 0
                    && Double.isFinite(r.meanAbsDwPerInput())) {
                double exponent = Math.log10(r.meanAbsDwPerInput());
                x.add((double) r.layer() + 1);
                y.add(exponent);
                range[0] = Math.min(range[0], exponent);
                range[1] = Math.max(range[1], exponent);
            }
        }
        if (!x.isEmpty()) {
            chart.addSeries(rule.label() + " depth " + depth, x, y);
        }
    }
}
