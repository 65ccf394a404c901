// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pamlearn.bench.internal.Headless;
import org.pamlearn.robot.sim.LineFollowerRun;
import org.pamlearn.robot.sim.Trace;
import org.pamlearn.robot.EmaSuccess;
import org.pamlearn.robot.sim.Track;

/**
 * The PNG plots of {@code pamlearn line-follower}, rendered off-screen with XChart ({@code java.awt.headless}):
 * {@code error.png} (the closed-loop error and the success criterion's moving average against the step),
 * {@code trajectory.png} (the robot's path over the track's dark pixels, the first and the last
 * {@value #TRAJECTORY_STEPS} steps) and {@code weights.png} (each layer's weight distance from its initial
 * weights against the step). Long series are thinned to at most {@value #MAX_POINTS} points. The step axes run from
 * 0 to a round end ({@link #stepAxisEnd}), so that their ticks fall on round steps.
 */
final class LineFollowerPlots {

    /** The most points of one plotted series. */
    static final int MAX_POINTS = 4000;
    /** Steps of the trajectory drawn at the start and at the end of the session. */
    static final int TRAJECTORY_STEPS = 1500;
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;
    private static final String STEP = "step (30 ms each)";
    /** The mantissas of a step axis's round tick steps. */
    private static final long[] MANTISSAS = {1, 2, 5};
    /** The error's axis: E is a difference of the simulator's light readings (0.5 on the line, 0.73 on white). */
    static final String ERROR_AXIS = "E = (L1 + 2 L2) - (R1 + 2 R2), light-sensor units";
    /** The weights' axis: the Frobenius (Euclidean) norm of the change of a layer's weights and biases. */
    static final String WEIGHTS_AXIS = "||W_l - W_l(0)||, Frobenius norm of layer l's weight change";

    private LineFollowerPlots() {
    }

    /**
     * Writes the three plots into a directory.
     *
     * @param result the session
     * @param dir the directory, which exists
     * @throws UserInputException {@code cannot write <file>: <reason>}, naming the plot that cannot be written
     */
    static void writeAll(LineFollowerRun.Result result, Path dir) {
        Headless.ensure();
        String title = result.resultLine().substring("result: ".length());
        write(error(result.trace(), title), dir.resolve("error.png"));
        write(trajectory(result.trace(), result.track(), title), dir.resolve("trajectory.png"));
        write(weights(result.trace(), title), dir.resolve("weights.png"));
    }

    /** Writes one plot; a failure names this file, not the directory. */
    private static void write(XYChart chart, Path path) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(chart, png, BitmapFormat.PNG);
            Files.write(path, png.toByteArray());
        } catch (IOException e) {
            throw IoMessages.cannotWrite(path, e);
        }
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        return chart;
    }

    /**
     * The end of a step axis: {@code steps} rounded up to a multiple of a 1-2-5 step of about a tenth of it (3468
     * &rarr; 3500, 20000 &rarr; 20000, 1234567 &rarr; 1400000); at least 10.
     *
     * @param steps the last step plotted, {@code >= 0}
     * @return the end, a round number {@code >= steps}
     */
    static long stepAxisEnd(long steps) {
        long step = 1;
        for (long magnitude = 1; step * 10 < steps; magnitude *= 10) {
            for (long mantissa : MANTISSAS) {
                step = mantissa * magnitude;
                if (step * 10 >= steps) {
                    break;
                }
            }
        }
        return Math.max(10, (steps + step - 1) / step * step);
    }

    /**
     * Makes the x axis run from 0 to {@code end} with ticks on round steps. XChart 3.8 puts the ticks on the data's
     * own x values when all of them (of every series) are equally spaced: 1, 184, 367, ... for a series of every
     * step. An invisible series at x = 0, 0.5 and {@code end} breaks that spacing, as the data are whole steps and 0.5
     * is not, and XChart's ordinary rule picks round ticks. Added last, so that the data series keep their colours.
     *
     * @param y a y value inside the plot's range (the invisible series must not stretch the y axis)
     */
    private static void stepAxis(XYChart chart, long end, double y) {
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) end);
        XYSeries range = chart.addSeries("step axis", new double[] {0.0, 0.5, end}, new double[] {y, y, y});
        range.setMarker(SeriesMarkers.NONE);
        range.setLineStyle(SeriesLines.NONE);
        range.setShowInLegend(false);
    }

    /** The error plot ({@code error.png}). */
    static XYChart error(Trace trace, String title) {
        XYChart chart = chart("error E and its moving average: " + title, STEP, ERROR_AXIS);
        int n = trace.steps();
        long end = stepAxisEnd(n);
        int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        double[] e = trace.error();
        double[] avg = trace.average();
        int m = (n + stride - 1) / stride;
        double[] xs = new double[m];
        double[] es = new double[m];
        double[] as = new double[m];
        for (int k = 0; k < m; k++) {
            int from = k * stride;
            int to = Math.min(n, from + stride);
            // The bucket's largest |E| keeps the spikes of a thinned series visible.
            int worst = from;
            for (int i = from; i < to; i++) {
                if (Math.abs(e[i]) > Math.abs(e[worst])) {
                    worst = i;
                }
            }
            xs[k] = from + 1;
            es[k] = e[worst];
            as[k] = avg[to - 1];
        }
        if (m == 0) {
            return chart;
        }
        String name = stride == 1 ? "E" : "E (largest |E| of every " + stride + " steps)";
        line(chart.addSeries(name, xs, es), new Color(120, 150, 220), 1f);
        line(chart.addSeries("moving average of E (alpha " + EmaSuccess.DEFAULT_ALPHA + ")", xs, as), Color.RED,
                2f);
        double[] ends = {0, end};
        double t = EmaSuccess.DEFAULT_THRESHOLD;
        line(chart.addSeries("success band +-" + t, ends, new double[] {t, t}), Color.DARK_GRAY, 1f);
        line(chart.addSeries(" ", ends, new double[] {-t, -t}), Color.DARK_GRAY, 1f).setShowInLegend(false);
        stepAxis(chart, end, 0.0);
        return chart;
    }

    private static XYChart trajectory(Trace trace, Track track, String title) {
        // About equal scales on both axes: the plot area plus room for the title, the axes and the legend.
        int height = (int) Math.min(2.0 * WIDTH, Math.max(300.0, (WIDTH - 80) * track.height() / track.width() + 190));
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title("trajectory: " + title)
                .xAxisTitle("x (world units)").yAxisTitle("y (world units)").build();
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(track.width());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(track.height());
        double[] dark = track.darknessPixels();
        int w = track.pixelWidth();
        double size = track.pixelSize();
        int count = 0;
        for (double d : dark) {
            if (d >= 0.5) {
                count++;
            }
        }
        int stride = Math.max(1, count / 20_000);
        double[] tx = new double[count / stride + 1];
        double[] ty = new double[tx.length];
        int k = 0;
        int seen = 0;
        for (int i = 0; i < dark.length; i++) {
            if (dark[i] >= 0.5 && seen++ % stride == 0 && k < tx.length) {
                tx[k] = (i % w + 0.5) * size;
                ty[k] = (i / w + 0.5) * size;
                k++;
            }
        }
        if (k > 0) {
            XYSeries line = chart.addSeries("track (dark pixels)", Arrays.copyOf(tx, k), Arrays.copyOf(ty, k));
            line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(new Color(200, 200, 200));
        }
        chart.getStyler().setMarkerSize(3);
        int n = trace.steps();
        double[] x = trace.x();
        double[] y = trace.y();
        int first = Math.min(n, TRAJECTORY_STEPS);
        if (first > 0) {
            path(chart, "steps 1.." + first, x, y, 0, first, new Color(30, 90, 220));
        }
        if (n > first) {
            int from = Math.max(first, n - TRAJECTORY_STEPS);
            path(chart, "steps " + (from + 1) + ".." + n, x, y, from, n, new Color(220, 40, 40));
        }
        return chart;
    }

    /** Draws a path, broken where the robot jumped (a repositioning). */
    private static void path(XYChart chart, String name, double[] x, double[] y, int from, int to, Color color) {
        int start = from;
        int part = 0;
        for (int i = from + 1; i <= to; i++) {
            if (i == to || Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]) > 10.0) {
                if (i - start >= 2) {
                    XYSeries s = chart.addSeries(part == 0 ? name : name + " (" + part + ")",
                            Arrays.copyOfRange(x, start, i), Arrays.copyOfRange(y, start, i));
                    line(s, color, 1.5f);
                    s.setShowInLegend(part == 0);
                    part++;
                }
                start = i;
            }
        }
    }

    /** The weights plot ({@code weights.png}). */
    static XYChart weights(Trace trace, String title) {
        XYChart chart = chart("weight distance from the initial weights: " + title, STEP, WEIGHTS_AXIS);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideE);
        double[] steps = trace.weightSteps();
        int stride = Math.max(1, (steps.length + MAX_POINTS - 1) / MAX_POINTS);
        for (int l = 0; l < trace.layers(); l++) {
            double[] d = trace.weightDistance(l);
            int m = (d.length + stride - 1) / stride;
            double[] xs = new double[m];
            double[] ys = new double[m];
            for (int k = 0; k < m; k++) {
                xs[k] = steps[k * stride];
                ys[k] = d[k * stride];
            }
            if (m > 0) {
                line(chart.addSeries(l == trace.layers() - 1 ? "output layer " + l : "layer " + l, xs, ys), null,
                        1.5f);
            }
        }
        if (trace.layers() == 0) {
            chart.setTitle("no network (--rule none): " + title);
        } else if (steps.length > 0) {
            // Distances start at 0 (the initial weights), so y = 0 is inside the plot.
            stepAxis(chart, stepAxisEnd(trace.steps()), 0.0);
        }
        return chart;
    }

    private static XYSeries line(XYSeries series, Color color, float width) {
        series.setMarker(SeriesMarkers.NONE);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        if (color != null) {
            series.setLineColor(color);
        }
        series.setLineStyle(new BasicStroke(width));
        return series;
    }
}
