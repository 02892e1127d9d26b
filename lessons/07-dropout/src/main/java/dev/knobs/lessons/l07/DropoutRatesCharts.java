package dev.knobs.lessons.l07;

import dev.knobs.lessons.common.DigitGrid;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/**
 * The figures of lesson 07: what each one draws, its title, caption and alt text. Each method
 * takes the numbers it plots, already measured by {@link DropoutRates}, and saves one figure.
 */
final class DropoutRatesCharts {
    private final Lesson lesson;

    DropoutRatesCharts(Lesson lesson) {
        this.lesson = lesson;
    }

    /**
     * The same digits as the first layer sees them under input dropout, one row per rate.
     *
     * @param rows one row of tiles per rate, labelled {@code p = 0.2}; the caption describes rates 0, 0.2 and 0.5
     */
    void inputDropout(List<List<DigitGrid.Tile>> rows, int height, int width) {
        List<DigitGrid.Tile> tiles = rows.stream().flatMap(List::stream).toList();
        lesson.figure("input-dropout", DigitGrid.render("Input dropout: each row a different rate", tiles, height,
                        width, rows.get(0).size(), 0f, 1f), "Input dropout at rates 0, 0.2 and 0.5",
                "Each training step sees a differently damaged copy of each digit; at p = 0.2 it is still easy to read, "
                        + "at 0.5 much harder, which is why the input gets a lower rate than hidden units.",
                "Three rows of the same six handwritten digits: intact, with 20% of the pixels set to black, and with "
                        + "50% of the pixels set to black.");
    }

    /** Training minus test accuracy, in percentage points, one bar per configuration. */
    void gap(List<String> configurations, double[] gapPoints) {
        CategoryChart chart = Plots.bars("Training minus test accuracy", "configuration", "gap (percentage points)",
                configurations, List.of("train - test"), List.of(gapPoints));
        chart.getStyler().setXAxisLabelRotation(30);                                 // long configuration names
        lesson.figure("gap", chart,
                "The taller the bar, the more the network has memorised its training images rather than learned digits; "
                        + "dropout shrinks the bar.",
                "Bar chart of the gap between training and test accuracy, in percentage points, for each of the dropout "
                        + "configurations, from no dropout to the per-layer ones.");
    }

    /**
     * Training and test accuracy side by side, in percent, with the axis starting 2 points below
     * the lowest test accuracy so that the gaps are visible.
     */
    void accuracyByRate(List<String> configurations, double[] trainPercent, double[] testPercent) {
        CategoryChart chart = Plots.bars("Training and test accuracy", "configuration", "accuracy (%)", configurations,
                List.of("train (dropout off)", "test"), List.of(trainPercent, testPercent));
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisMin(Math.floor(Arrays.stream(testPercent).min().orElse(0) - 2));
        lesson.figure("accuracy-by-rate", chart,
                "Training accuracy is measured like test accuracy, with dropout off, so the two bars compare fairly; the "
                        + "axis starts just below the lowest bar to make the gaps visible.",
                "Paired bar chart of training and test accuracy for each dropout configuration; training accuracy is "
                        + "near 100% without dropout and falls as the rate grows, test accuracy changes much less.");
    }

    /** Validation loss per epoch of every configuration, by label. */
    void validationLoss(Map<String, double[]> lossByConfiguration) {
        List<Plots.Series> series = new ArrayList<>();
        lossByConfiguration.forEach((label, loss) -> series.add(Plots.Series.ofEpochs(label, loss)));
        lesson.figure("validation-loss", Plots.lines("Validation loss per epoch", "epoch", "validation cross-entropy",
                        series),
                "Without dropout the validation loss turns upwards after a few epochs (overfitting); with dropout it "
                        + "turns later and less, or is still falling at the end.",
                "Line chart of validation loss per epoch for every dropout configuration; the curve without dropout "
                        + "reaches its minimum early and then rises.");
    }

    /**
     * Training and validation loss per epoch of the configurations shown (no dropout and the
     * chosen one, or just one if they are the same), on a log scale.
     */
    void trainVsValidation(Map<String, double[]> trainLoss, Map<String, double[]> validationLoss) {
        List<Plots.Series> series = new ArrayList<>();
        for (String label : trainLoss.keySet()) {
            series.add(Plots.Series.ofEpochs(label + ": train", trainLoss.get(label)));
            series.add(Plots.Series.ofEpochs(label + ": validation", validationLoss.get(label)));
        }
        lesson.figure("train-vs-validation", Plots.linesLogY("Training and validation loss, without dropout and chosen",
                        "epoch", "cross-entropy (log scale)", series),
                "Training loss is measured with dropout on (so it is higher with dropout); what matters is how far the "
                        + "validation loss sits above it.",
                "Line chart, log scale, of training and validation loss per epoch without dropout and with the chosen "
                        + "dropout; without dropout the training loss falls far below the validation loss.");
    }
}
