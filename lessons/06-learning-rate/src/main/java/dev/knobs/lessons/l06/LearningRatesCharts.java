package dev.knobs.lessons.l06;

import static dev.knobs.lessons.l06.LearningRates.rateText;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.nn.train.LrRangeTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * The figures of lesson 06: what each one draws, its title, caption and alt text. Each method
 * takes the numbers it plots, already measured by {@link LearningRates}, and saves one figure.
 */
final class LearningRatesCharts {
    /** Mini-batch losses are averaged over this many steps, so that a trend shows through the noise. */
    private static final int SMOOTHING_WINDOW = 20;

    private final Lesson lesson;

    LearningRatesCharts(Lesson lesson) {
        this.lesson = lesson;
    }

    /**
     * Validation accuracy after each run of the sweep, one bar per rate.
     *
     * @param rates             the rates as the bars name them, with {@code (stopped)} or {@code (diverging)}
     * @param validationPercent the accuracy of each, 0 for a run the guard stopped
     * @param momentum          the momentum coefficient of every run
     * @param chosenRate        the rate chosen on validation
     * @param smallest          the smallest rate of the sweep
     * @param largest           the largest rate of the sweep
     * @param anyDiverged       whether any rate of the sweep diverged
     * @param largestDiverged   whether the largest rate of the sweep diverged
     */
    void sweep(List<String> rates, double[] validationPercent, float momentum, float chosenRate, float smallest,
               float largest, boolean anyDiverged, boolean largestDiverged) {
        lesson.figure("sweep", Plots.bars("Validation accuracy after the run, by learning rate", "learning rate η",
                        "validation accuracy (%)", rates, List.of("momentum " + momentum), List.of(validationPercent)),
                "Too small and the network has barely moved; too large and it diverges (marked under the bar; a run "
                        + "stopped by the guard has no bar); the best rate, η = " + rateText(chosenRate)
                        + (anyDiverged ? ", sits just below the cliff." : ", is the best of these; none diverged."),
                "Bar chart of validation accuracy for each learning rate from " + rateText(smallest) + " to "
                        + rateText(largest) + (largestDiverged ? "; accuracy rises with the rate, peaks, and falls "
                        + "sharply at the largest rate, which is marked as diverging." : "."));
    }

    /** The mini-batch losses of each run of the sweep, by its legend ({@code η = 0.1}), drawn smoothed. */
    void sweepStepLoss(Map<String, List<Float>> stepLosses) {
        List<Plots.Series> series = new ArrayList<>();
        stepLosses.forEach((label, losses) -> series.add(smoothed(label, losses)));
        lesson.figure("sweep-step-loss", Plots.linesLogY("Mini-batch loss during each run (smoothed over "
                        + SMOOTHING_WINDOW + " steps)", "mini-batch step", "training loss (log scale)", series),
                "Each line is one rate: small rates descend slowly, good rates fast, and a diverging rate's line "
                        + "shoots up and ends where the run was stopped.",
                "Line chart, log scale, of the smoothed training loss of every mini-batch for each learning rate; "
                        + "the curves for small rates stay high, the diverged ones end early after rising.");
    }

    /**
     * The range test with momentum: raw and smoothed loss against the rate, with dots at its two
     * suggestions and at the rate the sweep chose. Losses above twice the first smoothed loss are
     * left out, because the explosion at the end would flatten the rest.
     */
    void rangeTest(LrRangeTest.Result r, float momentum, float chosenRate, float startRate) {
        double cap = 2 * r.smoothed().get(0);
        List<Plots.Series> series = new ArrayList<>();
        series.add(Plots.Series.of("mini-batch loss", r.rates(), r.losses().stream()
                .map(v -> v > cap ? Double.NaN : (double) v).toList()));
        series.add(Plots.Series.of("smoothed loss", r.rates(), r.smoothed().stream()
                .map(v -> v > cap ? Double.NaN : (double) v).toList()));
        series.add(point("steepest descent: η = " + rateText(r.steepest()), r, r.steepest()));
        series.add(point("lowest loss / 10: η = " + rateText(r.minimumOverTen()), r, r.minimumOverTen()));
        series.add(point("chosen by the sweep: η = " + rateText(chosenRate), r, chosenRate));
        XYChart chart = Plots.linesLogX("Learning-rate range test (momentum " + momentum + ")",
                "learning rate η (log scale)", "training loss", series);
        chart.getStyler().setMarkerSize(11);                                        // only the one-point series show markers
        lesson.figure("range-test", chart,
                "One short run with η growing every mini-batch: the loss is flat while η is too small, falls in the "
                        + "useful range and shoots up past it (losses above twice the first are cut off); pick a rate on "
                        + "the steep descent, before the minimum.",
                "Line chart of training loss against a learning rate rising exponentially from " + rateText(startRate)
                        + "; the loss stays near 2.3, then falls steeply, reaches a minimum and climbs; dots mark the "
                        + "suggested rates.");
    }

    /** The smoothed range-test loss of each optimiser, by its name. */
    void rangeTests(Map<String, LrRangeTest.Result> ranges) {
        List<Plots.Series> series = new ArrayList<>();
        ranges.forEach((name, r) -> series.add(Plots.Series.of(name, r.rates(), r.smoothed())));
        lesson.figure("range-test-optimizers", Plots.linesLogX("Range test for each optimiser (smoothed loss)",
                        "learning rate η (log scale)", "smoothed training loss", series),
                "Each optimiser's useful range is where its curve falls steeply; they are shifted against each other, "
                        + "so a good rate for one is a poor rate for another.",
                "Line chart of smoothed range-test loss against learning rate for SGD, momentum and Adam; Adam's curve "
                        + "falls at the lowest rates, momentum's next, plain SGD's at the highest.");
    }

    /** Validation accuracy per epoch, in percent, of each optimiser's best run, by its label. */
    void optimizers(Map<String, double[]> validationPercent) {
        List<Plots.Series> series = new ArrayList<>();
        validationPercent.forEach((label, curve) -> series.add(Plots.Series.ofEpochs(label, curve)));
        lesson.figure("optimizers", Plots.lines("Validation accuracy per epoch, each optimiser at its best rate", "epoch",
                        "validation accuracy (%)", series),
                "At their own best rates the three optimisers end close together; what differs is where that rate is.",
                "Line chart of validation accuracy per epoch for plain SGD, momentum and Adam, each at its best rate.");
    }

    /**
     * Final validation accuracy, in percent, against the rate, for every run of each optimiser
     * that did not diverge.
     *
     * @param rates             per optimiser, the rates of its runs that finished
     * @param validationPercent per optimiser, their accuracies, in the same order
     */
    void optimizersByRate(Map<String, List<Double>> rates, Map<String, List<Double>> validationPercent) {
        List<Plots.Series> series = new ArrayList<>();
        rates.forEach((name, r) -> series.add(Plots.Series.of(name, r, validationPercent.get(name))));
        lesson.figure("optimizers-by-rate", Plots.linesLogX("Validation accuracy against learning rate, per optimiser",
                        "learning rate η (log scale)", "validation accuracy (%)", series),
                "Every rate that did not diverge, per optimiser: Adam wants a rate about 100x smaller than plain SGD.",
                "Line chart on a log rate axis of final validation accuracy for each rate tried with SGD, momentum and "
                        + "Adam; the Adam points lie at the smallest rates, the SGD points at the largest.");
    }

    /** Mini-batch losses averaged over a sliding window of {@link #SMOOTHING_WINDOW} steps (shorter at the start). */
    static Plots.Series smoothed(String label, List<Float> losses) {
        double[] x = new double[losses.size()];
        double[] y = new double[losses.size()];
        double sum = 0;
        for (int i = 0; i < losses.size(); i++) {
            sum += losses.get(i);
            if (i >= SMOOTHING_WINDOW) {
                sum -= losses.get(i - SMOOTHING_WINDOW);
            }
            x[i] = i + 1;
            y[i] = sum / Math.min(i + 1, SMOOTHING_WINDOW);
        }
        return new Plots.Series(label, x, y);
    }

    /** A one-point series marking {@code rate} on the smoothed range-test curve (at the nearest rate tested). */
    private static Plots.Series point(String label, LrRangeTest.Result r, float rate) {
        int nearest = 0;
        for (int i = 1; i < r.rates().size(); i++) {
            if (Math.abs(Math.log(r.rates().get(i) / rate)) < Math.abs(Math.log(r.rates().get(nearest) / rate))) {
                nearest = i;
            }
        }
        return new Plots.Series(label, new double[] {rate}, new double[] {r.smoothed().get(nearest)});
    }
}
