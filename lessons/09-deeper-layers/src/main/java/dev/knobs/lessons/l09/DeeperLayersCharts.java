package dev.knobs.lessons.l09;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.l09.DeeperLayers.Outcome;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;

/**
 * The figures of lesson 09, one method per figure, each given the two lines it draws: the deeper
 * networks (one width, more and more layers) and the wider ones (one depth, more and more units),
 * each smallest first. Titles, captions and alt texts live here so that {@link DeeperLayers}
 * reads as the experiment.
 */
final class DeeperLayersCharts {
    private DeeperLayersCharts() {}

    static void accuracyVsParameters(Lesson lesson, List<Outcome> deeper, List<Outcome> wider) {
        XYChart chart = Plots.linesLogX("Validation accuracy against size", "parameters (log scale)",
                "validation accuracy (%)", List.of(accuracy(deeperLabel(deeper), deeper, Outcome::parameters),
                        accuracy(widerLabel(wider), wider, Outcome::parameters)));
        chart.getStyler().setXAxisDecimalPattern("#,###");
        lesson.figure("accuracy-vs-parameters", chart,
                "Up and to the left is better: more accuracy for fewer parameters. Each point is one network.",
                "Line chart of validation accuracy against the number of parameters on a log scale, one line for networks "
                        + "of increasing depth and one for networks of increasing width.");
    }

    static void accuracyVsSeconds(Lesson lesson, List<Outcome> deeper, List<Outcome> wider) {
        lesson.figure("accuracy-vs-seconds", Plots.linesLogX("Validation accuracy against training time",
                        "seconds per epoch, fastest epoch (log scale)", "validation accuracy (%)", List.of(
                                accuracy(deeperLabel(deeper), deeper, Outcome::fastestEpochSeconds),
                                accuracy(widerLabel(wider), wider, Outcome::fastestEpochSeconds))),
                "Up and to the left is better: more accuracy for less time. Times are measured on a shared machine.",
                "Line chart of validation accuracy against seconds per training epoch on a log scale, one line for deeper "
                        + "networks and one for wider networks.");
    }

    static void secondsVsParameters(Lesson lesson, List<Outcome> deeper, List<Outcome> wider) {
        lesson.figure("seconds-vs-parameters", Plots.lines("Training time against size", "parameters (millions)",
                        "seconds per epoch (fastest epoch)", List.of(seconds(deeperLabel(deeper), deeper),
                                seconds(widerLabel(wider), wider))),
                "Time grows with the parameters, roughly in proportion (one multiply-add forward, two backward, per parameter "
                        + "and image); single points jump when other programs share the machine.",
                "Line chart of seconds per training epoch against millions of parameters for deeper and wider networks; time "
                        + "rises with the number of parameters.");
    }

    /** Validation accuracy in percent against {@code x}. */
    private static Plots.Series accuracy(String label, List<Outcome> line, ToDoubleFunction<Outcome> x) {
        return new Plots.Series(label, line.stream().mapToDouble(x).toArray(),
                line.stream().mapToDouble(o -> 100 * o.validationAccuracy()).toArray());
    }

    /** Seconds of the fastest epoch against millions of parameters. */
    private static Plots.Series seconds(String label, List<Outcome> line) {
        return new Plots.Series(label, line.stream().mapToDouble(o -> o.parameters() / 1e6).toArray(),
                line.stream().mapToDouble(Outcome::fastestEpochSeconds).toArray());
    }

    /** e.g. "deeper: 1 to 5 hidden layers of 256". */
    private static String deeperLabel(List<Outcome> deeper) {
        return "deeper: " + DeeperLayers.range(deeper.get(0).hiddenLayers(), deeper.get(deeper.size() - 1).hiddenLayers())
                + " hidden " + (deeper.size() == 1 && deeper.get(0).hiddenLayers() == 1 ? "layer" : "layers") + " of "
                + deeper.get(0).width();
    }

    /** e.g. "wider: 2 hidden layers of 128 to 1,024". */
    private static String widerLabel(List<Outcome> wider) {
        int depth = wider.get(0).hiddenLayers();
        return "wider: " + depth + " hidden " + (depth == 1 ? "layer" : "layers") + " of "
                + DeeperLayers.range(wider.get(0).width(), wider.get(wider.size() - 1).width());
    }
}
