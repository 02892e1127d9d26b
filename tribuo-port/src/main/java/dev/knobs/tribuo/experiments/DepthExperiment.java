package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 09 with Tribuo: how many layers and how many units. Changes from the lesson: the
 * architecture is the {@code hiddenSizes} list of {@code MlpTrainer} in
 * {@code configs/depth.xml}.
 *
 * <p>Standard mode: the first 20,000 training images, 6 epochs per architecture.
 */
public final class DepthExperiment extends SweepExperiment {

    public DepthExperiment() {
        super(new Sweeps.Plan("depth", 20_000, 1, 20));
    }

    @Override
    public String title() {
        return "Depth and width with Tribuo";
    }

    @Override
    public String mirrors() {
        return "09 (d)";
    }

    @Override
    public String summary() {
        return "1 to 4 hidden layers of 256, and one layer of 64 or 1024 units";
    }

    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) {
        TextTable table = new TextTable("Size and cost of each architecture", "hidden layers", "architecture",
                "parameters", "validation accuracy", "seconds per epoch");
        List<Double> params = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (RunResult r : outcome.runs()) {
            table.row(r.label(), r.mlp().architecture(), String.format(Locale.ROOT, "%,d", r.mlp().parameterCount()),
                    pct(r.validationAccuracy()), Report.seconds(r.secondsPerEpoch()));
            params.add((double) r.mlp().parameterCount());
            accuracy.add(100 * r.validationAccuracy());
        }
        lesson.table(table);
        lesson.figure("accuracy-by-parameters", Plots.linesLogX("Validation accuracy by number of parameters",
                        "parameters (log scale)", "validation accuracy (%)",
                        List.of(Plots.Series.of("architectures, in the order of the table", params, accuracy))),
                "More parameters help up to a point; with a few epochs on 18,000 images the gains flatten.",
                "Line chart of validation accuracy against the number of parameters of six architectures, log scale.");
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult chosen = outcome.chosen();
        return String.format(Locale.ROOT, "With Tribuo's MlpTrainer, %s hidden layers (%s, %,d parameters) are chosen on "
                        + "validation and reach %.2f%% test accuracy.", chosen.label(), chosen.mlp().architecture(),
                chosen.mlp().parameterCount(), 100 * chosen.testAccuracy());
    }
}
