package dev.knobs.lessons.l03;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.Words;
import dev.knobs.lessons.l03.MiniBatch.Result;
import dev.knobs.nn.metrics.EpochRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The figures of lesson 03, one method per figure: what {@link MiniBatch} measured, drawn with a
 * caption for the reader and an alt text for anyone who cannot see the picture.
 */
final class MiniBatchCharts {
    private MiniBatchCharts() {}

    /**
     * Validation accuracy after each epoch of every batch size, against epochs: a shortened B = 1
     * run covers part of one epoch and is drawn there.
     *
     * @param n images in the training split (one epoch)
     */
    static void accuracyVsEpochs(Lesson lesson, List<Result> results, int n) {
        List<Plots.Series> byEpoch = new ArrayList<>();
        for (Result r : results) {
            List<EpochRecord> epochs = r.run().history().epochs();
            double[] passes = new double[epochs.size()];
            double[] accuracy = new double[epochs.size()];
            for (int i = 0; i < epochs.size(); i++) {
                passes[i] = (i + 1) * (double) r.examples() / n;
                accuracy[i] = 100 * epochs.get(i).validationAccuracy();
            }
            byEpoch.add(new Plots.Series(r.run().recipe().label(), passes, accuracy));
        }
        boolean shortenedBatchOne = results.stream().anyMatch(r -> r.batchSize() == 1 && r.examples() < n);
        lesson.figure("accuracy-vs-epochs", Plots.lines("Validation accuracy against epochs", "epochs (passes over "
                        + String.format("%,d", n) + " images)", "accuracy (%)", byEpoch),
                "With η scaled to B, every size gets about the same accuracy per epoch"
                        + (shortenedBatchOne ? "; B = 1 trained only part of one." : "."),
                "Line chart of validation accuracy against epochs for batch sizes " + range(results) + "; "
                        + closeTogether(shortenedBatchOne ? results.subList(1, results.size()) : results)
                        + (shortenedBatchOne ? ", and batch size 1 is a single point at a fraction of the first epoch."
                        : "."));
    }

    /** The same validation accuracies against the training seconds each run had spent by then. */
    static void accuracyVsSeconds(Lesson lesson, List<Result> results) {
        List<Plots.Series> bySeconds = new ArrayList<>();
        for (Result r : results) {
            List<EpochRecord> epochs = r.run().history().epochs();
            double[] seconds = new double[epochs.size()];
            double[] accuracy = new double[epochs.size()];
            double clock = 0;
            for (int i = 0; i < epochs.size(); i++) {
                clock += epochs.get(i).seconds();
                seconds[i] = clock;
                accuracy[i] = 100 * epochs.get(i).validationAccuracy();
            }
            bySeconds.add(new Plots.Series(r.run().recipe().label(), seconds, accuracy));
        }
        lesson.figure("accuracy-vs-seconds", Plots.linesLogX("Validation accuracy against training time", "training "
                        + "seconds (log scale, evaluation not counted)", "accuracy (%)", bySeconds),
                "The same runs against wall-clock time: curves further left reached their accuracy sooner.",
                "Line chart of validation accuracy against cumulative training seconds on a log axis, one curve per "
                        + "batch size; the mid-sized batches finish first and batch size 1 is far to the right.");
    }

    /** Images trained per second, best round, against the batch size, on log-log axes. */
    static void throughput(Lesson lesson, Map<Integer, Double> speed) {
        double[] sizes = speed.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] perSecond = speed.values().stream().mapToDouble(Double::doubleValue).toArray();
        XYChart chart = Plots.linesLogX("Training speed by batch size", "batch size (log scale)",
                "images per second (log scale)", List.of(new Plots.Series("images per second", sizes, perSecond)));
        chart.getStyler().setYAxisLogarithmic(true);
        lesson.figure("throughput", chart,
                "Images trained per second (best of the timed rounds): a step's fixed cost is shared by more images as "
                        + "B grows.",
                "Line chart on log-log axes of images per second against batch size: rising steeply from batch size "
                        + "1 to the mid-sized batches, and no faster beyond them.");
    }

    /**
     * The loss of every mini-batch in the first epoch, for the batch sizes in {@code shown}
     * (smallest first), against the share of the epoch done.
     */
    static void stepLoss(Lesson lesson, List<Result> shown, int n) {
        List<Plots.Series> series = new ArrayList<>();
        for (Result r : shown) {
            List<Float> losses = r.run().history().stepLosses();
            int steps = Math.min(losses.size(), (n + r.batchSize() - 1) / r.batchSize());  // the first epoch
            double[] x = new double[steps];
            double[] y = new double[steps];
            for (int i = 0; i < steps; i++) {
                x[i] = (double) (i + 1) * r.batchSize() / n;
                y[i] = losses.get(i);
            }
            series.add(new Plots.Series(r.run().recipe().label(), x, y));
        }
        int small = shown.get(0).batchSize();
        int large = shown.get(shown.size() - 1).batchSize();
        lesson.figure("step-loss", Plots.linesLogY("Mini-batch losses in the first epoch", "epochs",
                        "mini-batch loss (log scale)", series),
                "Each point is the loss of one mini-batch: a batch of " + small + " is a noisy sample, a batch of "
                        + large + " a smooth one.",
                "Line chart, log scale, of the loss of every mini-batch during the first epoch for batch sizes "
                        + list(shown) + ": all fall from about 2.3; the batch-" + small + " curve is a wide noisy band, "
                        + "the batch-" + large + " curve a thin smooth line.");
    }

    /**
     * Validation accuracy per epoch of each control size twice: with η scaled to the batch and
     * with the reference rate for every size.
     *
     * @param pairs for each control size, its run with η scaled to B, then its run at the reference rate
     */
    static void rateRule(Lesson lesson, List<Result[]> pairs, String referenceRate) {
        List<Plots.Series> series = new ArrayList<>();
        for (Result[] pair : pairs) {
            for (Result r : pair) {
                if (r.run().diverged() != null) {
                    continue;                                   // a run that diverged has no curve
                }
                double[] accuracy = r.run().history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy())
                        .toArray();
                series.add(Plots.Series.ofEpochs("B = " + r.batchSize() + ", η = " + MiniBatch.rate(r.rate()), accuracy));
            }
        }
        lesson.figure("rate-rule", Plots.lines("Why η must follow the batch size", "epoch", "validation accuracy (%)",
                        series),
                "Pairs of runs with the same batch size: η scaled to B, and the same η = " + referenceRate
                        + " for every size.",
                "Line chart of validation accuracy per epoch for " + (pairs.size() == 2 ? "a small and a large batch size"
                        : (pairs.size() == 1 ? "batch size " : "batch sizes ") + list(pairs.stream().map(p -> p[0]).toList()))
                        + ", each trained with the learning rate scaled to the batch and with the constant rate "
                        + referenceRate + "; the constant rate is lower for " + (pairs.size() == 2 ? "both sizes."
                        : pairs.size() == 1 ? "it." : "every size."));
    }

    /** {@code "the curves for 8 to 1024 lie close together"}, or what there is to say of fewer curves. */
    private static String closeTogether(List<Result> results) {
        return results.isEmpty() ? "no size trained full epochs"
                : results.size() == 1 ? "one curve, for batch size " + results.get(0).batchSize()
                : "the curves for " + range(results) + " lie close together";
    }

    /** {@code "1 to 1024"}, or {@code "128"} for a sweep of one size. */
    private static String range(List<Result> results) {
        int first = results.get(0).batchSize();
        int last = results.get(results.size() - 1).batchSize();
        return first == last ? String.valueOf(first) : first + " to " + last;
    }

    /** {@code "8, 128 and 1024"}. */
    private static String list(List<Result> results) {
        List<String> sizes = results.stream().map(r -> String.valueOf(r.batchSize())).toList();
        return Words.and(sizes);
    }
}
