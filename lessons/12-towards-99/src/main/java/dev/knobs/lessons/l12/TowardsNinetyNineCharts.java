package dev.knobs.lessons.l12;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.Words;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.TopErrors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The figures of lesson 12, one method per figure, each given the numbers it draws: the titles,
 * captions and alt texts live here so that {@link TowardsNinetyNine} reads as the experiment.
 * {@code whose} ends a caption: empty for a run of one network; for a committee, a sentence saying
 * whose numbers the figure shows (member 1's curves, the committee's answers).
 */
final class TowardsNinetyNineCharts {
    /** Points of the learning-rate curve at most: it is smooth, so more would only make the file larger. */
    private static final int RATE_POINTS = 1000;

    private TowardsNinetyNineCharts() {}

    /**
     * Training digits, each followed by its distorted variants, one row of tiles per original.
     *
     * @param originals the first training images, {@code [n, features]}
     * @param labels    their digits
     * @param variants  one array like {@code originals} per variant
     */
    static void augmented(Lesson lesson, Dataset train, float[] originals, int[] labels, List<float[]> variants,
                          Distortions distortions) {
        int f = train.features();
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            tiles.add(new DigitGrid.Tile(Arrays.copyOfRange(originals, i * f, (i + 1) * f), "original " + labels[i]));
            for (int v = 0; v < variants.size(); v++) {
                tiles.add(new DigitGrid.Tile(Arrays.copyOfRange(variants.get(v), i * f, (i + 1) * f), "variant " + (v + 1)));
            }
        }
        String title = "Training digits and three augmented variants of each";
        lesson.figure("augmented", DigitGrid.render(title, tiles, train.height(), train.width(), 8, 0f, 1f), title,
                "Every epoch the network sees a freshly " + Words.and(captionChanges(distortions)) + " copy of each "
                        + "digit, never the same image twice; the test images are never changed.",
                "A grid of ten training digits, each followed by three randomly distorted copies: slightly "
                        + Words.and(altChanges(distortions)) + ", all still clearly the same digit.");
    }

    /**
     * Training and test loss per epoch.
     *
     * @param dropout whether any dropout was on in training (it handicaps the training loss, as distortions do)
     */
    static void loss(Lesson lesson, History history, Distortions distortions, boolean dropout, String whose) {
        String withDropout = dropout ? " with dropout on" : "";
        lesson.figure("loss", Plots.lines("Loss per epoch", "epoch", "cross-entropy loss", List.of(
                        Plots.Series.ofEpochs("train", values(history, EpochRecord::trainLoss)),
                        Plots.Series.ofEpochs("test", values(history, EpochRecord::testLoss)))),
                distortions.any()
                        ? "Training loss is averaged over the epoch on distorted digits" + withDropout + ", so it stays "
                                + "above the test loss." + whose
                        : "Training loss is averaged over the epoch" + withDropout + "; the test loss is measured after "
                                + "it. On undistorted digits the training loss can fall below the test loss: the network "
                                + "starts to learn its training images by heart." + whose,
                "Line chart of training and test cross-entropy loss per epoch, both falling, the training loss above "
                        + "the test loss throughout.");
    }

    static void accuracy(Lesson lesson, History history, String whose) {
        lesson.figure("accuracy", Plots.lines("Accuracy per epoch", "epoch", "accuracy (%)", List.of(
                        Plots.Series.ofEpochs("train", values(history, e -> 100 * e.trainAccuracy())),
                        Plots.Series.ofEpochs("test", values(history, e -> 100 * e.testAccuracy())))),
                "Test accuracy climbs as the learning rate falls in the second half of the cycle." + whose,
                "Line chart of training and test accuracy per epoch; test accuracy rises towards 99% and above.");
    }

    static void error(Lesson lesson, History history, String whose) {
        lesson.figure("error", Plots.linesLogY("Error rate per epoch (log scale)", "epoch", "error (%)", List.of(
                        Plots.Series.ofEpochs("train", values(history, e -> 100 * (1 - e.trainAccuracy()))),
                        Plots.Series.ofEpochs("test", values(history, e -> 100 * (1 - e.testAccuracy()))))),
                "Near 99% accuracy, plot the error instead: on a log scale, going from 2% to 1% is as big a step as "
                        + "from 20% to 10%." + whose,
                "Line chart of training and test error in percent per epoch on a logarithmic axis; the test error "
                        + "falls from several percent towards one percent or below.");
    }

    /**
     * The rate of every mini-batch step.
     *
     * @param rates       the rate of each step, in order
     * @param warmupShare share of the steps spent rising to the peak
     */
    static void learningRate(Lesson lesson, List<Float> rates, double warmupShare, String whose) {
        int every = Math.max(1, rates.size() / RATE_POINTS);
        int points = (rates.size() + every - 1) / every;
        double[] step = new double[points];
        double[] rate = new double[points];
        for (int k = 0; k < points; k++) {
            step[k] = k * every + 1;
            rate[k] = rates.get(k * every);
        }
        lesson.figure("learning-rate", Plots.lines("Learning rate of every step (one-cycle)", "mini-batch step",
                        "learning rate", List.of(new Plots.Series("one-cycle", step, rate))),
                "One rise and one long fall over the whole run: fast early, careful at the end." + whose,
                "Line chart of the learning rate against the mini-batch step: a cosine rise to the peak in the "
                        + firstShare(warmupShare) + ", then a cosine fall to almost zero.");
    }

    static void confusionMatrix(Lesson lesson, ConfusionMatrix confusion, String whose) {
        List<String> digits = digits(confusion.classes());
        lesson.figure("confusion-matrix", Plots.heatMap("Confusion matrix of the final model", "predicted digit",
                        "true digit", digits, digits, cells(confusion, true)),
                "Row = true digit, column = the network's answer; almost everything is on the diagonal." + whose,
                "Heat map of the 10 by 10 confusion matrix of the final model on the test set: a dark diagonal "
                        + "holding the " + Math.round(confusion.accuracy() * confusion.total()) + " correct answers, "
                        + "small counts elsewhere.");
    }

    static void confusionErrors(Lesson lesson, ConfusionMatrix confusion, String whose) {
        List<String> digits = digits(confusion.classes());
        lesson.figure("confusion-errors", Plots.heatMap("Errors only (diagonal left out)", "predicted digit",
                        "true digit", digits, digits, cells(confusion, false)),
                "The few remaining errors, without the correct answers that dominate the colour scale." + whose,
                "Heat map of the off-diagonal counts of the final model's confusion matrix, showing which few pairs "
                        + "of digits are still confused.");
    }

    /**
     * The misclassified test digits, most confident first.
     *
     * @param shown       the errors drawn (the most confident ones)
     * @param totalErrors all test errors of the model
     */
    static void errors(Lesson lesson, Dataset test, List<TopErrors.ErrorCase> shown, int totalErrors, String whose) {
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        int f = test.features();
        for (TopErrors.ErrorCase e : shown) {
            tiles.add(new DigitGrid.Tile(Arrays.copyOfRange(test.x(), e.index() * f, (e.index() + 1) * f),
                    String.format("true %d / pred %d%np=%.2f", e.trueLabel(), e.predicted(), e.confidence())));
        }
        String title = shown.size() == totalErrors ? "All " + shown.size() + " test errors of the final model"
                : "The " + shown.size() + " most confident of " + totalErrors + " test errors";
        lesson.figure("errors", DigitGrid.render(title, tiles, test.height(), test.width(), 12, 0f, 1f), title,
                "What is left at 99%: most are digits a person would hesitate over, or labels one could argue with."
                        + whose,
                "A grid of the test digits the final model gets wrong, each captioned with its true label, the "
                        + "predicted label and the confidence; many are oddly written or ambiguous.");
    }

    /** The words of the caption, in its order: "bent, turned, shifted and zoomed" for the standard recipe. */
    private static List<String> captionChanges(Distortions d) {
        List<String> c = new ArrayList<>();
        if (d.elastic()) {
            c.add("bent");
        }
        if (d.degrees() > 0) {
            c.add("turned");
        }
        if (d.shift() > 0) {
            c.add("shifted");
        }
        if (d.zoom() > 0) {
            c.add("zoomed");
        }
        if (d.shear() > 0) {
            c.add("sheared");
        }
        return c;
    }

    /** The words of the alt text, in its order: "rotated, shifted, zoomed and bent" for the standard recipe. */
    private static List<String> altChanges(Distortions d) {
        List<String> c = new ArrayList<>();
        if (d.degrees() > 0) {
            c.add("rotated");
        }
        if (d.shift() > 0) {
            c.add("shifted");
        }
        if (d.zoom() > 0) {
            c.add("zoomed");
        }
        if (d.shear() > 0) {
            c.add("sheared");
        }
        if (d.elastic()) {
            c.add("bent");
        }
        return c;
    }

    /** "first quarter", "first half", or "first 30% of the steps". */
    private static String firstShare(double share) {
        if (share == 0.25) {
            return "first quarter";
        }
        if (share == 0.5) {
            return "first half";
        }
        return String.format("first %.0f%% of the steps", 100 * share);
    }

    /** The matrix's counts as heat-map cells; without the diagonal when {@code withCorrect} is false. */
    private static double[][] cells(ConfusionMatrix confusion, boolean withCorrect) {
        int k = confusion.classes();
        int[][] counts = confusion.counts();
        double[][] cells = new double[k][k];
        for (int t = 0; t < k; t++) {
            for (int p = 0; p < k; p++) {
                cells[t][p] = t == p && !withCorrect ? 0 : counts[t][p];
            }
        }
        return cells;
    }

    private static List<String> digits(int k) {
        List<String> d = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            d.add(String.valueOf(c));
        }
        return d;
    }

    private static double[] values(History history, ToDoubleFunction<EpochRecord> f) {
        return history.epochs().stream().mapToDouble(f).toArray();
    }
}
