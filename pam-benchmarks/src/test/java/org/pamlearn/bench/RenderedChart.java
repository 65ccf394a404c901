// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench;

import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.ChartPart;

/**
 * What XChart drew for a chart: its tick labels and where its legend and plot area went, read from XChart 3.8's
 * internals after painting it off-screen (it has no API for them). For tests of what a plot looks like.
 *
 * @param xTickLabels the x axis's tick labels, left to right
 * @param yTickLabels the y axis's tick labels, bottom to top
 * @param legend the legend's bounds
 * @param plot the plot area's bounds
 */
public record RenderedChart(List<String> xTickLabels, List<String> yTickLabels, Rectangle2D legend,
        Rectangle2D plot) {

    /**
     * Paints a chart off-screen and reads what it drew.
     *
     * @param chart the chart
     * @return what was drawn
     * @throws ReflectiveOperationException if XChart's internals are not as in 3.8
     */
    public static RenderedChart paint(XYChart chart) throws ReflectiveOperationException {
        System.setProperty("java.awt.headless", "true");
        BitmapEncoder.getBufferedImage(chart);
        AxisPair<?, ?> axes = (AxisPair<?, ?>) field(chart, "axisPair");
        Method yAxis = AxisPair.class.getDeclaredMethod("getYAxis");
        yAxis.setAccessible(true);
        Axis<?, ?> x = axes.getXAxis();
        Axis<?, ?> y = (Axis<?, ?>) yAxis.invoke(axes);
        return new RenderedChart(drawn(x, x.getBounds().getWidth()), drawn(y, y.getBounds().getHeight()),
                ((ChartPart) field(chart, "legend")).getBounds(), ((ChartPart) field(chart, "plot")).getBounds());
    }

    /** The labels XChart draws: those that exist (a log axis's minor ticks have none) and lie inside the axis. */
    private static List<String> drawn(Axis<?, ?> axis, double extent) {
        List<String> labels = axis.getAxisTickCalculator().getTickLabels();
        List<Double> locations = axis.getAxisTickCalculator().getTickLocations();
        List<String> drawn = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            if (labels.get(k) != null && locations.get(k) > 0 && locations.get(k) < extent) {
                drawn.add(labels.get(k));
            }
        }
        return drawn;
    }

    private static Object field(XYChart chart, String name) throws ReflectiveOperationException {
        Field f = Chart.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(chart);
    }
}
