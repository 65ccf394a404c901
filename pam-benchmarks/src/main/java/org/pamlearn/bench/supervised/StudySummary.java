// SPDX-License-Identifier: Apache-2.0
package org.pamlearn.bench.supervised;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers of a supervised study: per curve (variant, rule, depth) and rate, the test accuracies of the seeds, and
 * at each curve's own best rate (the best mean; a failed run counts as 0) their mean, standard deviation and range.
 */
final class StudySummary {

    /** One rate of one curve. */
    record Point(SupervisedStudy.Group group, int k, double eta, List<Double> accuracies) {
        double mean() {
            return accuracies.stream().mapToDouble(a -> Double.isNaN(a) ? 0.0 : a).average().orElse(Double.NaN);
        }

        double sd() {
            double m = mean();
            int n = accuracies.size();
            if (n < 2) {
                return Double.NaN;
            }
            double ss = accuracies.stream().mapToDouble(a -> Double.isNaN(a) ? 0.0 : a).map(a -> (a - m) * (a - m))
                    .sum();
            return Math.sqrt(ss / (n - 1));
        }

        double min() {
            return accuracies.stream().mapToDouble(a -> Double.isNaN(a) ? 0.0 : a).min().orElse(Double.NaN);
        }

        double max() {
            return accuracies.stream().mapToDouble(a -> Double.isNaN(a) ? 0.0 : a).max().orElse(Double.NaN);
        }

        long failed() {
            return accuracies.stream().filter(a -> Double.isNaN(a)).count();
        }
    }

    /**
     * A curve: its points in rate order, its best point, whether an end of the grid reaches the best mean, and whether
     * every rate gave the same mean (a flat curve: no rate is better than another, e.g. none learned).
     */
    record Curve(SupervisedStudy.Group group, List<Point> points, Point best, boolean bestAtEdge, boolean flat) {
    }

    private final List<Curve> curves = new ArrayList<>();

    StudySummary(Map<SupervisedStudy.Group, int[]> grids, Map<String, String[]> rows, int seeds) {
        grids.forEach((g, range) -> {
            List<Point> points = points(rows, g, range, seeds);
            Point best = best(points);
            boolean[] ends = bestAtEnds(points);
            boolean flat = points.stream().allMatch(p -> p.mean() == best.mean());
            curves.add(new Curve(g, points, best, ends[0] || ends[1], flat));
        });
    }

    /** The points of a curve's rates {@code range[0]..range[1]}, in rate order. */
    static List<Point> points(Map<String, String[]> rows, SupervisedStudy.Group g, int[] range, int seeds) {
        List<Point> points = new ArrayList<>();
        for (int k = range[0]; k <= range[1]; k++) {
            points.add(new Point(g, k, new StudyRun(g.variant(), g.depth(), g.rule(), k, 1).eta(),
                    accuracies(rows, g, k, seeds)));
        }
        return points;
    }

    /**
     * The point of the best mean test accuracy (a failed run counts as 0); of equal means, the first (the lowest
     * rate); a point without runs (NaN mean) is chosen only if no point has runs.
     */
    static Point best(List<Point> points) {
        Point best = points.get(0);
        for (Point p : points) {
            if (p.mean() > best.mean() || Double.isNaN(best.mean()) && !Double.isNaN(p.mean())) {
                best = p;
            }
        }
        return best;
    }

    /**
     * Whether the lowest and the highest rate of a curve reach its best mean: where the study widens the grid.
     *
     * @return {@code {low end is best, high end is best}}
     */
    static boolean[] bestAtEnds(List<Point> points) {
        double best = best(points).mean();
        return new boolean[] {points.get(0).mean() == best, points.get(points.size() - 1).mean() == best};
    }

    /** The test accuracies of the seeds run at rate index {@code k} of a curve (NaN for a failed run). */
    static List<Double> accuracies(Map<String, String[]> rows, SupervisedStudy.Group g, int k, int seeds) {
        List<Double> result = new ArrayList<>();
        for (int s = 1; s <= seeds; s++) {
            String[] row = rows.get(new StudyRun(g.variant(), g.depth(), g.rule(), k, s).key());
            if (row != null) {
                result.add(Double.parseDouble(row[8]));
            }
        }
        return result;
    }

    List<Curve> curves() {
        return curves;
    }

    /** The table at each curve's own best rate, as Markdown. */
    String bestTable() {
        StringBuilder s = new StringBuilder();
        s.append("| hidden layers | rule | best eta | test accuracy, mean ± sd | min .. max | seeds |\n");
        s.append("|---|---|---|---|---|---|\n");
        for (Curve c : curves) {
            Point b = c.best();
            s.append(String.format(Locale.ROOT, "| %d | %s | %s%s | %.4f ± %.4f | %.4f .. %.4f | %d%s |%n",
                    c.group().depth(), c.group().label(), eta(b.eta()),
                    c.flat() ? " (the same at every rate)" : c.bestAtEdge() ? " (grid edge)" : "",
                    b.mean(), b.sd(), b.min(), b.max(), b.accuracies().size(),
                    b.failed() > 0 ? " (" + b.failed() + " failed)" : ""));
        }
        return s.toString();
    }

    /** The whole summary: how it was made, the best table, every rate. */
    String markdown(String options, int runs, double minutes) {
        StringBuilder s = new StringBuilder("# Supervised study\n\n");
        s.append("Made by `SupervisedStudy ").append(options).append("`; ").append(runs == 0
                ? "this invocation ran no run (all were in study.csv)"
                : String.format(Locale.ROOT, "this invocation ran %d runs in %.1f min", runs, minutes)).append(".\n\n");
        s.append("## At each rule's own best rate\n\n").append(bestTable());
        s.append("\n## Every rate (test accuracy over the seeds; a failed run counts as 0)\n\n");
        s.append("| hidden layers | rule | eta | mean | sd | min | max | failed |\n");
        s.append("|---|---|---|---|---|---|---|---|\n");
        for (Curve c : curves) {
            for (Point p : c.points()) {
                s.append(String.format(Locale.ROOT, "| %d | %s | %s | %.4f | %.4f | %.4f | %.4f | %d |%n",
                        c.group().depth(), c.group().label(), eta(p.eta()), p.mean(), p.sd(), p.min(), p.max(),
                        p.failed()));
            }
        }
        return s.toString();
    }

    private static String eta(double eta) {
        return String.format(Locale.ROOT, "%.3g", eta);
    }
}
