package dev.knobs.lessons.l10;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.l10.LrSchedules.Outcome;
import dev.knobs.lessons.l10.LrSchedules.Trained;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;

/**
 * The figures of lesson 10, one method per figure, each given the runs it draws. The schedules
 * are drawn in two groups, each as a pair of figures, the rate above and the validation accuracy
 * below: "decay" (the schedules that only fall) and "cycle" (warm-up, restarts and one-cycle),
 * both with the constant rate for reference. Titles, captions and alt texts live here so that
 * {@link LrSchedules} reads as the experiment.
 */
final class LrSchedulesCharts {
    /** Points per learning-rate curve at most; longer per-step curves are thinned to this. */
    private static final int CURVE_POINTS = 600;

    private LrSchedulesCharts() {}

    /**
     * The rate each run used at every mini-batch, against training time in epochs.
     *
     * @param group "decay" or "cycle"
     * @param runs  the runs of that group
     */
    static void learningRates(Lesson lesson, String group, List<Trained> runs, int stepsPerEpoch) {
        List<Plots.Series> rates = new ArrayList<>();
        for (Trained t : runs) {
            double[] r = t.ratePerStep();
            if (r.length == 0) {
                continue;                                              // diverged in its first epoch: nothing to draw
            }
            int stride = Math.max(1, r.length / CURVE_POINTS);
            int n = (r.length + stride - 1) / stride;
            double[] x = new double[n + 1];
            double[] y = new double[n + 1];
            for (int k = 0; k < n; k++) {
                x[k] = (double) (k * stride) / stepsPerEpoch;        // step t starts at epoch t / stepsPerEpoch
                y[k] = r[k * stride];
            }
            x[n] = (double) r.length / stepsPerEpoch;                  // the last rate lasts until the end of the run
            y[n] = r[r.length - 1];
            rates.add(new Plots.Series(t.candidate().name(), x, y));
        }
        String title = title(group);
        XYChart chart = Plots.lines("Learning rate: " + title, "epoch", "learning rate", rates);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        lesson.figure("lr-" + group, chart,
                "The rate each run used at every mini-batch; per-epoch schedules move in stairs, per-batch ones smoothly.",
                "Line chart of the learning rate against training time in epochs for the constant rate and the "
                        + title + "; all decaying curves end near zero.");
    }

    /** Validation accuracy after every epoch, for the same runs as {@link #learningRates}. */
    static void validationAccuracy(Lesson lesson, String group, List<Trained> runs) {
        List<Plots.Series> accuracy = new ArrayList<>();
        for (Trained t : runs) {
            accuracy.add(Plots.Series.ofEpochs(t.candidate().name(),
                    t.run().history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
        }
        String title = title(group);
        lesson.figure("accuracy-" + group, Plots.lines("Validation accuracy: " + title, "epoch", "validation accuracy (%)",
                        accuracy),
                "Read it against the rate chart above: accuracy jumps when the rate drops, and is best at the end of a decay.",
                "Line chart of validation accuracy per epoch for the constant rate and the " + title + ".");
    }

    /** Validation error of every schedule as bars: differences of tenths of a point are easier to see as errors. */
    static void validationError(Lesson lesson, List<Outcome> outcomes) {
        List<String> names = outcomes.stream().map(o -> o.finished() ? o.schedule() : o.schedule() + " (diverged)").toList();
        double[] errors = outcomes.stream().mapToDouble(o -> 100 * (1 - o.validationAccuracy())).toArray();
        CategoryChart chart = Plots.bars("Validation error after the last epoch", "schedule", "validation error (%)", names,
                List.of("validation error"), List.of(errors));
        chart.getStyler().setXAxisLabelRotation(30);
        lesson.figure("validation-error", chart,
                "Lower is better. The first bar is the constant rate every schedule is compared with.",
                "Bar chart of the validation error in percent after the last epoch for each learning-rate schedule.");
    }

    private static String title(String group) {
        return group.equals("decay") ? "decaying schedules" : "warm-up, restarts and one-cycle";
    }
}
