// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pamlearn.bench.internal.Headless;
import org.pamlearn.zspace.ClosedLoop;
import org.pamlearn.zspace.FrequencyResponse;
import org.pamlearn.zspace.TransferFunction;

/**
 * The magnitude/phase plot of {@code pamlearn zspace --plot}: one PNG of two panels, the magnitude in dB above
 * the phase in degrees, against the normalised angular frequency {@code omega} in rad/sample on a logarithmic
 * axis from {@code pi/1000} to {@code pi} (the Nyquist frequency). Each panel shows the reflex-only error
 * {@code E/D = -R z^-T / (1 + R H)} and, unless {@code G_N = 0}, the closed-loop gain
 * {@code K = G_N R / (1 + R H) = -G_YE}, whose value towards {@code omega = 0} is {@code K_cl}. Phases are
 * unwrapped along the grid. Grid points at a closed-loop pole on the unit circle (where the characteristic
 * polynomial {@code A} of {@code 1 + R H} has {@code |A(e^{j omega})| <= 1e-6 sum_k |a_k|}, a peak above roughly
 * 120 dB that would flatten the rest of the plot), and points whose magnitude is 0 or not finite, are left out.
 * Rendered off-screen with XChart ({@code java.awt.headless}).
 */
final class ZspacePlot {

    /** Frequencies on the grid. */
    static final int POINTS = 400;
    /** Lowest frequency, a fraction of {@code pi}: three decades below Nyquist. */
    private static final double LOWEST = 1e-3;
    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 450;
    private static final String ERROR_SERIES = "E/D = -R z^-T/(1 + R H), reflex only";
    private static final String GAIN_SERIES = "K = G_N R/(1 + R H) = -G_YE";
    /** Relative size of {@code |A(e^{j omega})|} below which a grid point counts as a pole on the circle. */
    private static final double ON_CIRCLE = 1e-6;
    private static final String OMEGA_TITLE = "omega (rad/sample), log scale; pi = Nyquist";

    private ZspacePlot() {
    }

    /**
     * Renders the plot and writes it.
     *
     * @param loop the closed loop
     * @param title the title above the magnitude panel
     * @param path the PNG file, overwritten; its directory must exist
     * @throws IOException if the file cannot be written
     */
    static void write(ClosedLoop loop, String title, Path path) throws IOException {
        Headless.ensure();
        double[] omegas = offCircle(grid(), loop.sensitivity().denominator());
        XYChart magnitude = chart(title, "magnitude (dB)");
        XYChart phase = chart("", "phase (degrees, unwrapped)");
        addSeries(magnitude, phase, ERROR_SERIES, loop.reflexOnlyErrorResponse(), omegas);
        if (loop.networkGain() != 0.0) {
            addSeries(magnitude, phase, GAIN_SERIES, loop.networkToError().negate(), omegas);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(List.of(magnitude, phase), 2, 1, png, BitmapFormat.PNG);
        Files.write(path, png.toByteArray());
    }

    /** {@code POINTS} frequencies, evenly spaced in {@code log omega}, from {@code LOWEST * pi} to {@code pi}. */
    static double[] grid() {
        double[] omegas = new double[POINTS];
        double decades = -Math.log10(LOWEST);
        for (int k = 0; k < POINTS; k++) {
            omegas[k] = Math.PI * Math.pow(10.0, decades * ((double) k / (POINTS - 1) - 1.0));
        }
        omegas[POINTS - 1] = Math.PI;
        return omegas;
    }

    /** The frequencies at which the characteristic polynomial {@code a} is not (nearly) zero. */
    static double[] offCircle(double[] omegas, double[] a) {
        double scale = 0.0;
        for (double c : a) {
            scale += Math.abs(c);
        }
        double[] kept = new double[omegas.length];
        int n = 0;
        for (double omega : omegas) {
            double re = 0.0;
            double im = 0.0;
            for (int k = 0; k < a.length; k++) {
                // a_k z^-k at z = e^{j omega}
                re += a[k] * Math.cos(k * omega);
                im -= a[k] * Math.sin(k * omega);
            }
            if (Math.hypot(re, im) > ON_CIRCLE * scale) {
                kept[n++] = omega;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT).title(title).xAxisTitle(OMEGA_TITLE)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(LegendLayout.Horizontal);
        chart.getStyler().setChartTitleVisible(!title.isEmpty());
        return chart;
    }

    private static void addSeries(XYChart magnitudeChart, XYChart phaseChart, String name, TransferFunction h,
            double[] omegas) {
        FrequencyResponse response = h.frequencyResponse(omegas);
        double[] magnitude = response.magnitude();
        double[] phase = response.phase();
        List<Double> x = new ArrayList<>();
        List<Double> db = new ArrayList<>();
        List<Double> degrees = new ArrayList<>();
        double previous = Double.NaN;
        double unwrap = 0.0;
        for (int k = 0; k < omegas.length; k++) {
            if (!Double.isFinite(magnitude[k]) || !Double.isFinite(phase[k]) || magnitude[k] == 0.0) {
                continue;
            }
            if (!Double.isNaN(previous)) {
                // Keep the step from the previous kept point within (-pi, pi].
                unwrap -= 2.0 * Math.PI * Math.round((phase[k] + unwrap - previous) / (2.0 * Math.PI));
            }
            previous = phase[k] + unwrap;
            x.add(omegas[k]);
            db.add(20.0 * Math.log10(magnitude[k]));
            degrees.add(Math.toDegrees(previous));
        }
        if (x.isEmpty()) {
            return;
        }
        line(magnitudeChart.addSeries(name, x, db));
        line(phaseChart.addSeries(name, x, degrees));
    }

    private static void line(XYSeries series) {
        series.setMarker(SeriesMarkers.NONE);
    }
}
