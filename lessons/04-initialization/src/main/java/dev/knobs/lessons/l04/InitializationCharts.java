package dev.knobs.lessons.l04;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.train.Recipe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The figures of lesson 04, one method per figure: what {@link Initialization} measured, drawn
 * with a caption for the reader and an alt text for anyone who cannot see the picture.
 */
final class InitializationCharts {
    private InitializationCharts() {}

    /**
     * The standard deviation of each hidden layer's output and of the logits, per scheme, at
     * initialisation; a log axis cannot show 0, so an all-zero scheme has no points.
     *
     * @param spread scheme label to its standard deviations, first hidden layer first, logits last
     */
    static void activationStd(Lesson lesson, Map<String, double[]> spread) {
        int hidden = spread.values().iterator().next().length - 1;
        lesson.figure("activation-std", Plots.linesLogY("Spread of each layer's output at initialisation",
                        "layer (" + (hidden == 1 ? "1 = the hidden ReLU layer" : "1-" + hidden + " hidden ReLU layers")
                                + ", " + (hidden + 1) + " = logits)", "standard deviation (log scale)", series(spread)),
                "Flat is healthy; falling means the signal vanishes with depth, rising that it explodes. Zeros is "
                        + "0 everywhere and cannot be drawn on a log axis.",
                "Line chart, log scale, of the standard deviation of each layer's output for one batch through the "
                        + "untrained network: nearly flat for He, slowly falling for Xavier, collapsing by about a "
                        + "factor ten per layer for σ = 0.01 and growing by about ten per layer for σ = 1.");
    }

    /**
     * The norm of each weight matrix's gradient, per scheme, for one batch at initialisation.
     *
     * @param norms scheme label to ‖∂L/∂W‖ of each weight matrix, first layer first
     */
    static void gradientNorm(Lesson lesson, Map<String, double[]> norms) {
        int matrices = norms.values().iterator().next().length;
        lesson.figure("gradient-norm", Plots.linesLogY("Size of each weight gradient at initialisation",
                        "weight matrix (1 = first layer, " + matrices + " = output layer)", "‖∂L/∂W‖ (log scale)",
                        series(norms)),
                "How hard the first backward pass pushes each layer; zeros gives exactly 0 everywhere (not drawn).",
                "Line chart, log scale, of the norm of each weight matrix's gradient for one batch at "
                        + "initialisation: within a factor of a few across layers for He and Xavier, vanishingly "
                        + "small for σ = 0.01, astronomically large for σ = 1.");
    }

    /**
     * The spread of each hidden layer's output in the deep, narrow network at initialisation, for
     * He and Xavier.
     *
     * @param spread scheme label to the standard deviation after each hidden layer
     */
    static void deepActivationStd(Lesson lesson, Map<String, double[]> spread) {
        int layers = spread.values().iterator().next().length;
        lesson.figure("deep-activation-std", Plots.linesLogY("Spread of each layer's output, " + layers
                        + " hidden layers, at initialisation", "hidden layer", "standard deviation (log scale)",
                        series(spread)),
                "He keeps the spread level through " + layers + " ReLU layers; with Xavier it loses a factor √2 per "
                        + "layer.",
                "Line chart, log scale, of the standard deviation of each hidden layer's output in an untrained "
                        + layers + "-layer ReLU network: flat for He initialisation, falling steadily by about "
                        + decades(layers) + " for Xavier.");
    }

    /**
     * The loss of every training mini-batch of the deep network, for He and Xavier.
     *
     * @param runs   scheme label to its run
     * @param layers hidden layers of the deep network
     */
    static void deepStepLoss(Lesson lesson, Map<String, Recipe.Run> runs, int layers) {
        List<Plots.Series> steps = new ArrayList<>();
        runs.forEach((label, run) -> {
            List<Float> losses = run.history().stepLosses();
            double[] x = new double[losses.size()];
            double[] y = new double[losses.size()];
            for (int i = 0; i < losses.size(); i++) {
                x[i] = i + 1;
                y[i] = losses.get(i);
            }
            steps.add(new Plots.Series(label, x, y));
        });
        lesson.figure("deep-step-loss", Plots.lines("Training a " + layers + "-layer network: loss of every "
                        + "mini-batch", "step", "mini-batch loss", steps),
                "Starting from He weights the deep network learns at once; from Xavier weights it first sits at ln 10.",
                "Line chart of the loss of every training mini-batch of the " + layers + "-layer network: the He curve "
                        + "falls from the first steps, the Xavier curve stays flat near 2.3 for a long stretch before "
                        + "falling.");
    }

    /** Training loss per epoch of every scheme that trained to the end. */
    static void loss(Lesson lesson, List<Recipe.Run> runs) {
        List<Plots.Series> loss = new ArrayList<>();
        for (Recipe.Run run : trained(runs)) {
            loss.add(Plots.Series.ofEpochs(run.recipe().label(),
                    run.history().epochs().stream().mapToDouble(EpochRecord::trainLoss).toArray()));
        }
        lesson.figure("loss", Plots.linesLogY("Training loss per epoch", "epoch", "cross-entropy loss (log scale)", loss),
                "Zeros and σ = 0.01 stay at ln 10 = 2.30, the loss of a network that does not look at the image; "
                        + "σ = 1 diverged and has no curve.",
                "Line chart, log scale, of training loss per epoch: He and Xavier fall below 0.1, zeros and the tiny "
                        + "normal stay flat at 2.3.");
    }

    /** Validation accuracy per epoch of every scheme that trained to the end. */
    static void accuracy(Lesson lesson, List<Recipe.Run> runs) {
        List<Plots.Series> accuracy = new ArrayList<>();
        for (Recipe.Run run : trained(runs)) {
            accuracy.add(Plots.Series.ofEpochs(run.recipe().label(),
                    run.history().epochs().stream().mapToDouble(e -> 100 * e.validationAccuracy()).toArray()));
        }
        lesson.figure("accuracy", Plots.lines("Validation accuracy per epoch", "epoch", "accuracy (%)", accuracy),
                "He and Xavier learn; zeros and σ = 0.01 predict the most common digit for every image.",
                "Line chart of validation accuracy per epoch: He and Xavier above 95 percent, zeros and the tiny "
                        + "normal flat at about 11 percent.");
    }

    /** One series per scheme, against the layer number; a log axis cannot show 0, so zeros become gaps. */
    private static List<Plots.Series> series(Map<String, double[]> byScheme) {
        List<Plots.Series> series = new ArrayList<>();
        byScheme.forEach((label, values) -> series.add(Plots.Series.ofEpochs(label,
                Arrays.stream(values).map(v -> v == 0 ? Double.NaN : v).toArray())));
        return series;
    }

    private static List<Recipe.Run> trained(List<Recipe.Run> runs) {
        return runs.stream().filter(run -> run.diverged() == null).toList();
    }

    /**
     * How far Xavier's spread falls over {@code layers} ReLU layers, a factor √2 after each but
     * the first: {@code "three decades"} for 20 layers (√2¹⁹ ≈ 720).
     */
    private static String decades(int layers) {
        long d = Math.round((layers - 1) * Math.log10(Math.sqrt(2)));
        String[] words = {"less than a decade", "one decade", "two decades", "three decades", "four decades",
            "five decades", "six decades", "seven decades", "eight decades", "nine decades", "ten decades"};
        return d < words.length ? words[(int) d] : d + " decades";
    }
}
