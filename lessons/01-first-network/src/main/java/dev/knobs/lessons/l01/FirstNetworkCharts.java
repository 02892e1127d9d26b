package dev.knobs.lessons.l01;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of lesson 01, one method per figure: what {@link FirstNetwork} measured, drawn with
 * a caption for the reader and an alt text for anyone who cannot see the picture. The experiment
 * decides what to measure; this class only decides how it looks.
 */
final class FirstNetworkCharts {
    private FirstNetworkCharts() {}

    /** The first 30 training images with their labels, as the network receives them. */
    static void samples(Lesson lesson, Dataset train) {
        List<DigitGrid.Tile> tiles = new ArrayList<>();
        int f = train.features();
        for (int i = 0; i < Math.min(30, train.size()); i++) {
            tiles.add(new DigitGrid.Tile(Arrays.copyOfRange(train.x(), i * f, (i + 1) * f), "label " + train.labels()[i]));
        }
        lesson.figure("samples", DigitGrid.render("The first 30 training images", tiles, train.height(), train.width(), 10, 0f, 1f),
                "The first 30 training images",
                "Handwritten digits as the network sees them: 28x28 grey levels, white ink on black.",
                "A grid of 30 handwritten digits from the MNIST training set, each with its label underneath.");
    }

    /**
     * The share of each digit in the training and test sets, in percent; the caption and alt text
     * quote the rarest and most common digit of the data actually loaded.
     */
    static void classShares(Lesson lesson, double[] trainShare, double[] testShare) {
        List<String> digits = new ArrayList<>();
        for (int c = 0; c < trainShare.length; c++) {
            digits.add(String.valueOf(c));
        }
        int rarest = argmin(trainShare);
        int commonest = argmax(trainShare);
        double low = Math.min(trainShare[argmin(trainShare)], testShare[argmin(testShare)]);
        double high = Math.max(trainShare[commonest], testShare[argmax(testShare)]);
        lesson.figure("class-histogram", Plots.bars("Share of each digit", "digit", "share of images (%)", digits,
                        List.of("train", "test"), List.of(trainShare, testShare)),
                String.format("The classes are nearly balanced (from %.1f%% for %d to %.1f%% for %d), so accuracy is a "
                        + "fair summary.", trainShare[rarest], rarest, trainShare[commonest], commonest),
                String.format("Bar chart of the percentage of images of each digit 0 to %d in the training and test sets; "
                        + "all between %.1f and %.1f percent.", trainShare.length - 1, low, high));
    }

    /** Training loss (averaged over each epoch) and test loss (after it), per epoch. */
    static void loss(Lesson lesson, History history) {
        double[] trainLoss = history.epochs().stream().mapToDouble(EpochRecord::trainLoss).toArray();
        double[] testLoss = history.epochs().stream().mapToDouble(EpochRecord::testLoss).toArray();
        lesson.figure("loss", Plots.lines("Loss per epoch", "epoch", "cross-entropy loss", List.of(
                        Plots.Series.ofEpochs("train (average over the epoch)", trainLoss),
                        Plots.Series.ofEpochs("test (end of epoch)", testLoss))),
                "Training loss is averaged while the weights change during the epoch; test loss is measured after it.",
                "Line chart of training and test cross-entropy loss falling over the epochs.");
    }

    /** Training and test accuracy per epoch, in percent. */
    static void accuracy(Lesson lesson, History history) {
        double[] trainAcc = history.epochs().stream().mapToDouble(e -> 100 * e.trainAccuracy()).toArray();
        double[] testAcc = history.epochs().stream().mapToDouble(e -> 100 * e.testAccuracy()).toArray();
        lesson.figure("accuracy", Plots.lines("Accuracy per epoch", "epoch", "accuracy (%)", List.of(
                        Plots.Series.ofEpochs("train", trainAcc), Plots.Series.ofEpochs("test", testAcc))),
                "Accuracy rises fast in the first epoch, then slowly.",
                "Line chart of training and test accuracy in percent rising over the epochs.");
    }

    /** The loss of every mini-batch of {@code batchSize} images, step by step. */
    static void stepLoss(Lesson lesson, List<Float> losses, int batchSize) {
        double[] steps = new double[losses.size()];
        double[] values = new double[losses.size()];
        for (int i = 0; i < losses.size(); i++) {
            steps[i] = i + 1;
            values[i] = losses.get(i);
        }
        lesson.figure("step-loss", Plots.lines("Loss of every mini-batch", "step", "mini-batch loss",
                        List.of(new Plots.Series("mini-batch loss", steps, values))),
                "Each point is one mini-batch of " + batchSize + ": noisy, because each batch is a different random "
                        + "sample.",
                "Line chart of the loss of every training mini-batch, starting near 2.3 and falling noisily towards 0.1.");
    }

    private static int argmin(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            best = a[i] < a[best] ? i : best;
        }
        return best;
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            best = a[i] > a[best] ? i : best;
        }
        return best;
    }
}
