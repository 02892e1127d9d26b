package dev.knobs.lessons.l02;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of lesson 02, one method per figure: what {@link Normalization} measured, drawn with
 * a caption for the reader and an alt text for anyone who cannot see the picture.
 */
final class NormalizationCharts {
    private NormalizationCharts() {}

    /** The per-pixel mean and standard deviation of the training split, as two pictures of the digit's size. */
    static void pixelStatistics(Lesson lesson, float[] mean, float[] std, int height, int width) {
        float hi = Math.max(max(mean), max(std));
        List<DigitGrid.Tile> tiles = List.of(new DigitGrid.Tile(mean, "mean μᵢ"), new DigitGrid.Tile(std, "std σᵢ"));
        lesson.figure("pixel-statistics", DigitGrid.render("Training split, per pixel", tiles, height, width, 2, 0f, hi),
                "Per-pixel statistics",
                "Black is 0, white is " + String.format("%.2f", hi) + ": the border is 0 in every training image, so "
                        + "its σ is 0 and per-pixel standardisation must floor it.",
                "Two 28x28 grey images: the average training digit, a bright blurred blob in the centre, and the "
                        + "per-pixel standard deviation, a bright ring around it; both are black at the border.");
    }

    /**
     * The loss of each run's first {@code stepsShown} mini-batches, on a log axis; a run that
     * diverged is drawn up to where it stopped.
     */
    static void firstSteps(Lesson lesson, List<Recipe.Run> runs, int stepsShown, int batchSize) {
        List<Plots.Series> first = new ArrayList<>();
        for (Recipe.Run run : runs) {
            List<Float> steps = run.history().stepLosses();
            int n = Math.min(stepsShown, steps.size());
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = i + 1;
                y[i] = steps.get(i);
            }
            first.add(new Plots.Series(label(run), x, y));
        }
        lesson.figure("first-steps", Plots.linesLogY("Loss of the first " + stepsShown + " mini-batches", "step",
                        "mini-batch loss (log scale)", first),
                "Each point is one mini-batch of " + batchSize + "; a run that diverged stops where its loss exploded.",
                "Line chart, log scale, of the training loss of the first mini-batches for each input scaling: raw "
                        + "pixels start above 100 and stop after one step at the baseline rate; the scaled inputs "
                        + "start near 2.3 and fall.");
    }

    /** Validation loss per epoch of every run that trained to the end. */
    static void validationLoss(Lesson lesson, List<Recipe.Run> runs) {
        List<Plots.Series> loss = new ArrayList<>();
        for (Recipe.Run run : trained(runs)) {
            loss.add(Plots.Series.ofEpochs(label(run),
                    run.history().epochs().stream().mapToDouble(EpochRecord::validationLoss).toArray()));
        }
        lesson.figure("loss", Plots.lines("Validation loss per epoch", "epoch", "cross-entropy loss", loss),
                "Lower is better; the runs that diverged have no curve.",
                "Line chart of validation loss per epoch for each input scaling that trained; raw pixels with a 255 "
                        + "times smaller rate stay well above the others.");
    }

    /** Validation accuracy per epoch of every run that trained to the end, measured on {@code validationImages}. */
    static void validationAccuracy(Lesson lesson, List<Recipe.Run> runs, int validationImages) {
        List<Plots.Series> accuracy = new ArrayList<>();
        for (Recipe.Run run : trained(runs)) {
            accuracy.add(Plots.Series.ofEpochs(label(run),
                    run.history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
        }
        lesson.figure("accuracy", Plots.lines("Validation accuracy per epoch", "epoch", "accuracy (%)", accuracy),
                String.format("Accuracy on the %,d held-out training images after each epoch; higher is better.",
                        validationImages),
                "Line chart of validation accuracy per epoch for each input scaling that trained; the scaled and "
                        + "standardised inputs are close together above the raw-pixel run.");
    }

    private static List<Recipe.Run> trained(List<Recipe.Run> runs) {
        return runs.stream().filter(run -> run.diverged() == null).toList();
    }

    private static String label(Recipe.Run run) {
        return run.recipe().label() + (run.diverged() != null ? " (diverged)" : "");
    }

    private static float max(float[] a) {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
