package dev.knobs.tribuo.experiments;

import dev.knobs.data.Mnist;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Plots;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.tribuo.data.MnistLoader;
import dev.knobs.tribuo.mlp.EpochStats;
import dev.knobs.tribuo.mlp.MlpTrainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.DataSource;
import org.tribuo.classification.Label;

/**
 * The shape most experiments share: read the configuration file, load the data, train every run
 * the file's {@link Sweep} lists, compare them, choose one by validation accuracy and look at the
 * chosen model with Tribuo's evaluation. Sections are numbered as in the experiment READMEs.
 */
public final class Sweeps {
    private Sweeps() {}

    /**
     * How big an experiment is.
     *
     * @param config            configuration file name without {@code .xml}
     * @param standardTrainSize training examples in standard mode (the first ones; 0 for all 60,000)
     * @param smokeEpochs       epochs of every MLP in smoke mode
     * @param fullEpochs        epochs of every MLP in full mode (0 keeps the file's)
     */
    public record Plan(String config, int standardTrainSize, int smokeEpochs, int fullEpochs) {}

    /** What a sweep produced, for the experiment to add its own figures and headline. */
    public record Outcome(ExperimentConfig config, MnistLoader.TrainTest data, Sweep sweep, List<RunResult> runs,
                          RunResult chosen) {}

    /** Sections 1 to 5 of a sweep experiment with one sweep, the component named {@code sweep}. */
    public static Outcome run(Lesson lesson, MnistLoader loader, Plan plan) throws IOException {
        lesson.section("1. The configuration: " + plan.config() + ".xml");
        ExperimentConfig config = configure(lesson, plan);
        Sweep sweep = config.sweep();
        list(lesson, config, sweep);

        lesson.section("2. The data");
        MnistLoader.TrainTest data = data(lesson, loader, config, plan.standardTrainSize());

        lesson.section("3. Training " + sweep.runs().size() + " configurations: " + sweep.knob());
        List<RunResult> runs = train(lesson, config, sweep, data);

        lesson.section("4. Comparison");
        compare(lesson, "", sweep.knob(), runs);

        RunResult chosen = choose(runs);
        lesson.section("5. The chosen configuration: " + chosen.label() + " (best validation accuracy)");
        describeChosen(lesson, chosen);
        return new Outcome(config, data, sweep, runs, chosen);
    }

    /** Prints the knob and what each run of {@code sweep} trains. */
    public static void list(Lesson lesson, ExperimentConfig config, Sweep sweep) {
        lesson.out().println("knob: " + sweep.knob());
        for (int i = 0; i < sweep.runs().size(); i++) {
            lesson.out().printf("  %-22s %s%n", sweep.label(i), config.describe(sweep.runs().get(i)));
        }
    }

    /** Trains every run of {@code sweep} on {@code data}. */
    public static List<RunResult> train(Lesson lesson, ExperimentConfig config, Sweep sweep, MnistLoader.TrainTest data) {
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < sweep.runs().size(); i++) {
            runs.add(Runs.train(lesson, config, sweep.runs().get(i), sweep.label(i), data));
        }
        return runs;
    }

    /** Loads the configuration, applies the mode's epochs, and copies the file into the output. */
    public static ExperimentConfig configure(Lesson lesson, Plan plan) throws IOException {
        ExperimentConfig config = ExperimentConfig.load(plan.config(),
                lesson.options().dataDir() != null ? lesson.options().dataDir() : Mnist.fetch());
        int epochs = lesson.options().epochs().orElse(lesson.mode().pick(plan.smokeEpochs(), 0, plan.fullEpochs()));
        if (epochs > 0) {
            config.overrideAll(MlpTrainer.class, "epochs", String.valueOf(epochs));
            lesson.out().println("every MLP trains for " + epochs + " epochs in " + lesson.mode() + " mode");
        }
        config.overrideAll(MlpTrainer.class, "seed", String.valueOf(lesson.seed()));
        Files.writeString(lesson.file(config.file()), config.text(), StandardCharsets.UTF_8);
        lesson.out().println("configuration copied to " + lesson.outputDir().resolve(config.file()));
        return config;
    }

    /** The {@code mnist-train} and {@code mnist-test} data sources of the file, cut to the mode's size. */
    @SuppressWarnings("unchecked")
    public static MnistLoader.TrainTest data(Lesson lesson, MnistLoader loader, ExperimentConfig config, int standardTrainSize) {
        DataSource<Label> train = config.lookup("mnist-train", DataSource.class);
        DataSource<Label> test = config.lookup("mnist-test", DataSource.class);
        MnistLoader.TrainTest data = loader.load(train, test, lesson.mode(), standardTrainSize);
        lesson.out().println(data.describe() + (lesson.mode() == Mode.STANDARD && standardTrainSize > 0
                ? " (the first " + standardTrainSize + " training images, to fit the standard time budget)" : ""));
        lesson.out().println("features: the pixels IDXDataSource keeps (it drops zeros), named by pixel index, "
                + "as raw grey levels 0..255 before the configured transformations");
        return data;
    }

    /**
     * A table, bars of validation and test accuracy, and per-epoch curves of all runs. Files are
     * named {@code PREFIXsweep.png}, {@code PREFIXcurves-loss.png} and so on.
     */
    public static void compare(Lesson lesson, String prefix, String knob, List<RunResult> runs) {
        TextTable table = new TextTable("Runs compared: " + knob, "run", "validation accuracy", "test accuracy",
                "train seconds", "seconds per epoch", "note");
        Map<String, List<EpochStats>> histories = new LinkedHashMap<>();
        List<String> labels = new ArrayList<>();
        double[] validation = new double[runs.size()];
        double[] test = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            RunResult r = runs.get(i);
            table.row(r.label(), Report.pct(r.validationAccuracy()), r.diverged() == null ? Report.pct(r.testAccuracy()) : "-",
                    Report.seconds(r.trainSeconds()), Double.isNaN(r.secondsPerEpoch()) ? "-" : Report.seconds(r.secondsPerEpoch()),
                    r.note());
            labels.add(r.label());
            validation[i] = 100 * r.validationAccuracy();
            test[i] = 100 * r.testAccuracy();
            if (!r.history().isEmpty()) {
                histories.put(r.label(), r.history());
            }
            lesson.metric("test_accuracy." + r.component(), r.testAccuracy());
        }
        lesson.table(table);
        lesson.figure(prefix + "sweep", Plots.bars("Accuracy by " + knob, knob, "accuracy (%)", labels,
                        List.of("validation", "test"), List.of(validation, test)),
                "Validation accuracy chooses; test accuracy is reported. A missing bar is a run that diverged.",
                "Bar chart of validation and test accuracy in percent for each run of the " + knob + " comparison.");
        if (!histories.isEmpty()) {
            Report.curves(lesson, prefix + "curves", knob, histories);
        }
        List<Map<String, Object>> json = new ArrayList<>();
        for (RunResult r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("component", r.component());
            m.put("label", r.label());
            m.put("validationAccuracy", r.validationAccuracy());
            m.put("testAccuracy", r.testAccuracy());
            m.put("trainSeconds", r.trainSeconds());
            m.put("diverged", r.diverged());
            m.put("model", r.model() == null ? null : r.model().toString());
            json.add(m);
        }
        lesson.json(prefix + "runs", json);
    }

    /** The run with the best validation accuracy (the first one on ties); diverged runs never win. */
    public static RunResult choose(List<RunResult> runs) {
        return runs.stream().filter(r -> r.diverged() == null && !Double.isNaN(r.validationAccuracy()))
                .max(Comparator.comparingDouble(RunResult::validationAccuracy).thenComparing(r -> -runs.indexOf(r)))
                .orElseThrow(() -> new IllegalArgumentException("no run finished with a validation accuracy to choose by: "
                        + "give the MLP trainers a validationFraction > 0 in the configuration"));
    }

    /** Tribuo's evaluation of the chosen run: confusion matrix, per-class metrics, worst errors. */
    public static void describeChosen(Lesson lesson, RunResult chosen) {
        lesson.out().println(chosen.mlp() != null ? chosen.mlp() : chosen.model().getClass().getSimpleName());
        lesson.out().printf("validation accuracy %s, test accuracy %s, trained in %.1f s%n",
                Report.pct(chosen.validationAccuracy()), Report.pct(chosen.testAccuracy()), chosen.trainSeconds());
        Report.confusion(lesson, "confusion", chosen.label(), chosen.evaluation());
        Report.perClass(lesson, chosen.label(), chosen.evaluation());
        Report.topErrors(lesson, "top-errors", chosen.label(), chosen.predictions(), 28, 28);
        lesson.metric("test_accuracy", chosen.testAccuracy());
        lesson.metric("validation_accuracy", chosen.validationAccuracy());
        lesson.metric("train_seconds", chosen.trainSeconds());
    }
}
