package dev.knobs.lessons.l05;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The figures of lesson 05: what each one draws, its title, caption and alt text. Each method
 * takes the numbers it plots, already measured by {@link HiddenActivations}, and saves one figure.
 * Maps are keyed by activation (or run) name, in the order the lesson trained them.
 */
final class HiddenActivationsCharts {
    /** The activations of the standard run, for which the captions can say how their curves compare. */
    private static final List<String> ALL_FOUR = List.of("sigmoid", "tanh", "relu", "leaky_relu");

    private final Lesson lesson;

    HiddenActivationsCharts(Lesson lesson) {
        this.lesson = lesson;
    }

    /** y = f(x) of each activation at the inputs {@code x}. */
    void functions(double[] x, Map<String, double[]> values) {
        lesson.figure("functions", Plots.lines("The activations", "input x", "output f(x)", series(x, values)),
                "Sigmoid squashes into (0, 1), tanh into (-1, 1); ReLU is 0 for negative inputs and the identity above.",
                "Line chart of sigmoid, tanh, ReLU and leaky ReLU for inputs from -5 to 5.");
    }

    /** The slope f'(x) of each activation at the inputs {@code x}. */
    void slopes(double[] x, Map<String, double[]> slopes) {
        lesson.figure("slopes", Plots.lines("Their slopes (what backpropagation multiplies by)", "input x", "slope f'(x)",
                        series(x, slopes)),
                "The slope is the factor each layer multiplies the gradient by: at most 0.25 for sigmoid, 1 for tanh "
                        + "at 0 only, exactly 1 for every active ReLU.",
                "Line chart of the derivatives: sigmoid peaks at 0.25, tanh at 1, both fall to near 0 beyond |x| = 3; "
                        + "ReLU steps from 0 to 1 at x = 0, leaky ReLU from 0.01 to 1.");
    }

    /** The norm of dLoss/dW of every weight matrix at initialisation, first layer first, per activation. */
    void gradientNorms(Map<String, double[]> norms) {
        int matrices = norms.values().iterator().next().length;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= matrices; i++) {
            names.add(i == matrices ? "output" : "layer " + i);
        }
        List<String> activations = List.copyOf(norms.keySet());
        List<String> trends = new ArrayList<>();
        if (activations.contains("sigmoid")) {
            trends.add("with sigmoid it shrinks towards the first layer");
        }
        if (activations.contains("relu")) {
            trends.add("with ReLU it stays of the same order");
        }
        lesson.figure("gradient-norms", Plots.bars("Gradient size per layer before training", "weight matrix",
                        "norm of dLoss/dW", names, activations, List.copyOf(norms.values())),
                "Read each colour left to right: the gradient is largest at the output"
                        + (trends.isEmpty() ? "" : "; " + String.join(", ", trends)) + ".",
                "Bar chart of the gradient norm of each of the " + words(matrices) + " weight matrices at initialisation "
                        + "for " + names(activations) + (activations.contains("sigmoid")
                        ? "; the sigmoid bars fall sharply from the output to layer 1." : "."));
    }

    /** Validation error per epoch, in percent, per activation. */
    void validationError(Map<String, double[]> errorPercent) {
        boolean allFour = List.copyOf(errorPercent.keySet()).equals(ALL_FOUR);
        lesson.figure("validation-error", Plots.linesLogY("Validation error per epoch", "epoch",
                        "validation error (%, log scale)", epochSeries(errorPercent)),
                "Lower is better; the log scale separates the close curves" + (allFour ? ": sigmoid starts at chance "
                        + "(90% error) and stays far behind, the other three are within a few tenths of a point." : "."),
                "Line chart, log scale, of validation error per epoch for " + (allFour ? "the four activations; sigmoid "
                        + "starts near 90% and ends far above the other three, which end close together."
                        : names(List.copyOf(errorPercent.keySet())) + "."));
    }

    /** Mean training loss per epoch, per activation. */
    void trainLoss(Map<String, double[]> loss) {
        boolean allFour = List.copyOf(loss.keySet()).equals(ALL_FOUR);
        lesson.figure("train-loss", Plots.linesLogY("Training loss per epoch", "epoch", "cross-entropy (log scale)",
                        epochSeries(loss)),
                "On a log scale, equal vertical steps are equal factors of improvement.",
                "Line chart, log scale, of the mean training loss per epoch for "
                        + (allFour ? "the four activations" : names(List.copyOf(loss.keySet()))) + ".");
    }

    /**
     * The share of dead units per hidden layer, in percent, for each ReLU or leaky ReLU run, by its
     * legend label ({@code relu η=0.05}, {@code relu η=0.2}, ...).
     *
     * @param activations the activations of those runs, e.g. relu and leaky_relu
     * @param higherRate  how the higher rate compares with the baseline's: {@code a 4x larger rate};
     *                    null if no run at the higher rate finished
     */
    void deadUnits(Map<String, double[]> deadPercent, List<String> activations, String higherRate) {
        lesson.figure("dead-units", Plots.bars("Dead units after training", "hidden layer",
                        "units at 0 for every probe image (%)", hiddenLayers(deadPercent), List.copyOf(deadPercent.keySet()),
                        List.copyOf(deadPercent.values())),
                "A dead unit outputs 0 for every image, so it gets no gradient and cannot learn again; a too-large "
                        + "rate kills many, and leaky ReLU cannot die by construction.",
                "Bar chart of the percentage of dead units in each hidden layer for " + names(activations)
                        + " after training at the baseline rate" + (higherRate == null ? "." : " and at " + higherRate
                        + (activations.contains("relu") ? "; only ReLU at the larger rate has many dead units." : ".")));
    }

    /** The share of saturated outputs per hidden layer, in percent, for sigmoid and tanh. */
    void saturation(Map<String, double[]> saturatedPercent) {
        List<String> activations = List.copyOf(saturatedPercent.keySet());
        lesson.figure("saturation", Plots.bars("Saturated outputs after training", "hidden layer",
                        "outputs with slope below 0.01 (%)", hiddenLayers(saturatedPercent), activations,
                        List.copyOf(saturatedPercent.values())),
                "A saturated output sits in the flat tail of sigmoid or tanh, where almost no gradient passes.",
                "Bar chart of the percentage of saturated outputs in each hidden layer for " + names(activations)
                        + " after training.");
    }

    private static List<Plots.Series> series(double[] x, Map<String, double[]> y) {
        List<Plots.Series> series = new ArrayList<>();
        y.forEach((name, values) -> series.add(new Plots.Series(name, x, values)));
        return series;
    }

    private static List<Plots.Series> epochSeries(Map<String, double[]> y) {
        List<Plots.Series> series = new ArrayList<>();
        y.forEach((name, values) -> series.add(Plots.Series.ofEpochs(name, values)));
        return series;
    }

    private static List<String> hiddenLayers(Map<String, double[]> perLayer) {
        int layers = perLayer.values().iterator().next().length;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= layers; i++) {
            names.add("hidden " + i);
        }
        return names;
    }

    /** {@code sigmoid, tanh, ReLU and leaky ReLU}: activations as the text writes them. */
    static String names(List<String> activations) {
        List<String> names = activations.stream().map(a -> switch (a) {
            case "relu" -> "ReLU";
            case "leaky_relu" -> "leaky ReLU";
            default -> a;
        }).toList();
        return Words.and(names);
    }

    /** Small counts as words ({@code five}), the rest as digits. */
    static String words(int n) {
        String[] words = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
        return n >= 0 && n < words.length ? words[n] : String.valueOf(n);
    }
}
