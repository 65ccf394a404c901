// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.examples.cli;

import java.awt.BasicStroke;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.Styler.YAxisPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.pamlearn.bench.internal.Headless;
import org.pamlearn.core.Network;
import org.pamlearn.core.checkpoint.Checkpoints;
import org.pamlearn.core.data.SupervisedTraining.Epoch;

/**
 * The files of {@code pamlearn supervised} in its output directory, each written whole ({@link WholeFiles},
 * {@code Checkpoints.save}): {@value #CSV}, {@value #PLOT} and {@value #NETWORK}. The command rewrites all three
 * after every epoch, so that a stop or a failure keeps the last epoch's.
 */
final class SupervisedFiles {

    /** The per-epoch table. */
    static final String CSV = "epochs.csv";
    /** The plot of test accuracy and train loss per epoch. */
    static final String PLOT = "accuracy.png";
    /** The trained network (checkpoint JSON v1). */
    static final String NETWORK = "network.json";
    /** The header of {@value #CSV}. */
    static final String HEADER = "epoch,train_loss,test_accuracy,samples,seconds,samples_per_s,complete";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private SupervisedFiles() {
    }

    /**
     * One epoch's line on standard output, its numbers rounded as in {@link #csvRow}'s {@code samples_per_s}.
     *
     * @param epoch the epoch
     * @param epochs the epochs asked for
     * @return {@code epoch 3/5: train_loss=0.4321 test_accuracy=0.8612 samples/s=23456}, with
     *     {@code (partial: <samples> samples)} appended to an epoch cut short
     */
    static String line(Epoch epoch, int epochs) {
        return String.format(Locale.ROOT, "epoch %d/%d: train_loss=%.4f test_accuracy=%.4f samples/s=%s%s",
                epoch.epoch(), epochs, epoch.trainLoss(), epoch.testAccuracy(), rate(epoch),
                epoch.complete() ? "" : " (partial: " + epoch.samples() + " samples)");
    }

    /**
     * One row of {@value #CSV}: loss and accuracy as Java's {@code Double.toString} (they read back exactly),
     * seconds to the millisecond, samples per second rounded to an integer.
     *
     * @param epoch the epoch
     * @return the row, without a line break
     */
    static String csvRow(Epoch epoch) {
        return epoch.epoch() + "," + epoch.trainLoss() + "," + epoch.testAccuracy() + "," + epoch.samples() + ","
                + String.format(Locale.ROOT, "%.3f", epoch.seconds()) + "," + rate(epoch) + "," + epoch.complete();
    }

    private static String rate(Epoch epoch) {
        return String.format(Locale.ROOT, "%.0f", epoch.samplesPerSecond());
    }

    /**
     * Writes the three files.
     *
     * @param dir the output directory, which exists
     * @param network the network as trained so far
     * @param epochs the epochs run, the last one maybe partial
     * @param trainSize the training images of a whole epoch (a partial epoch is plotted at its fraction)
     * @param title the plot's title
     * @throws UserInputException {@code cannot write <file>: <reason>}
     */
    static void writeAll(Path dir, Network network, List<Epoch> epochs, int trainSize, String title) {
        Path checkpoint = dir.resolve(NETWORK);
        try {
            Checkpoints.save(network, checkpoint);
        } catch (UncheckedIOException e) {
            throw IoMessages.cannotWrite(checkpoint, e.getCause());
        }
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (Epoch epoch : epochs) {
            csv.append(csvRow(epoch)).append('\n');
        }
        WholeFiles.write(dir.resolve(CSV), csv.toString().getBytes(StandardCharsets.UTF_8));
        Path png = dir.resolve(PLOT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(chart(epochs, trainSize, title), bytes, BitmapFormat.PNG);
        } catch (IOException e) {
            throw IoMessages.cannotWrite(png, e);
        }
        WholeFiles.write(png, bytes.toByteArray());
    }

    /** Test accuracy on the left axis, train loss on the right, against the epoch (a partial one at its fraction). */
    static XYChart chart(List<Epoch> epochs, int trainSize, String title) {
        Headless.ensure();
        boolean partial = !epochs.isEmpty() && !epochs.get(epochs.size() - 1).complete();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title + (partial ? " (last epoch partial)" : "")).xAxisTitle("epoch")
                .yAxisTitle("test accuracy").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideSE);
        chart.getStyler().setYAxisGroupPosition(1, YAxisPosition.Right);
        chart.setYAxisGroupTitle(1, "train loss (mean over the epoch's batches)");
        chart.getStyler().setXAxisMin(0.0);
        if (epochs.isEmpty()) {
            chart.setTitle(title + " (stopped before the first batch)");
            return chart;
        }
        int n = epochs.size();
        double[] x = new double[n];
        double[] accuracy = new double[n];
        double[] loss = new double[n];
        for (int k = 0; k < n; k++) {
            Epoch e = epochs.get(k);
            x[k] = e.complete() ? e.epoch() : e.epoch() - 1 + (double) e.samples() / trainSize;
            accuracy[k] = e.testAccuracy();
            loss[k] = e.trainLoss();
        }
        style(chart.addSeries("test accuracy", x, accuracy));
        XYSeries lossSeries = style(chart.addSeries("train loss", x, loss));
        lossSeries.setYAxisGroup(1);
        return chart;
    }

    private static XYSeries style(XYSeries series) {
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineStyle(new BasicStroke(2f));
        return series;
    }
}
