package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.tribuo.data.MnistLoader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 06 with Tribuo: the learning rate, and Tribuo's optimisers. Changes from the lesson: the
 * rate is the {@code initialLearningRate} of a Tribuo {@code SGD} component, and the optimisers
 * are Tribuo's own ({@code SGD} with and without momentum or Nesterov, {@code AdaGrad},
 * {@code AdaDelta}, {@code RMSProp}, {@code Adam}, {@code ParameterAveraging}) plugged into
 * {@code MlpTrainer}'s {@code optimiser} property, all in {@code configs/learning-rate.xml}.
 * The lesson's learning-rate range test has no Tribuo counterpart (Tribuo trainers have no hook
 * into the step loop) and is not repeated here.
 *
 * <p>Tribuo 4.3.2's {@code Adam} multiplies by the root of the squared-gradient average where it
 * should divide; it runs here next to this project's corrected
 * {@link dev.knobs.tribuo.optim.Adam} so the difference is visible.
 *
 * <p>Standard mode: the first 20,000 training images, 5 epochs per run, 15 runs.
 */
public final class LearningRateExperiment implements Experiment {
    private static final Sweeps.Plan PLAN = new Sweeps.Plan("learning-rate", 20_000, 1, 15);

    @Override
    public String name() {
        return PLAN.config();
    }

    @Override
    public String title() {
        return "Learning rates and optimisers with Tribuo";
    }

    @Override
    public String mirrors() {
        return "06 (g)";
    }

    @Override
    public String summary() {
        return "SGD with momentum at 6 rates, and every Tribuo optimiser (with a corrected Adam)";
    }

    @Override
    public double run(Lesson lesson, MnistLoader loader) throws IOException {
        lesson.section("1. The configuration: " + PLAN.config() + ".xml");
        ExperimentConfig config = Sweeps.configure(lesson, PLAN);
        Sweep rates = config.sweep();
        Sweep optimisers = config.sweep("optimisers");
        Sweeps.list(lesson, config, rates);
        Sweeps.list(lesson, config, optimisers);

        lesson.section("2. The data");
        MnistLoader.TrainTest data = Sweeps.data(lesson, loader, config, PLAN.standardTrainSize());

        lesson.section("3a. Training: " + rates.knob());
        List<RunResult> rateRuns = Sweeps.train(lesson, config, rates, data);
        lesson.section("3b. Training: " + optimisers.knob());
        List<RunResult> optimiserRuns = Sweeps.train(lesson, config, optimisers, data);

        lesson.section("4a. Comparison: " + rates.knob());
        Sweeps.compare(lesson, "rates-", rates.knob(), rateRuns);
        List<Double> x = new ArrayList<>();
        List<Double> validation = new ArrayList<>();
        for (RunResult r : rateRuns) {
            x.add(Double.parseDouble(r.label()));
            validation.add(r.diverged() == null ? 100 * r.validationAccuracy() : Double.NaN);
        }
        lesson.figure("rates-validation", Plots.linesLogX("Validation accuracy by learning rate", "learning rate (log scale)",
                        "validation accuracy (%)", List.of(Plots.Series.of("SGD, momentum 0.9, 5 epochs", x, validation))),
                "Too small a rate learns slowly, too large a rate diverges (missing points); the best lies in between.",
                "Line chart of validation accuracy against the learning rate on a log scale, rising to a peak and then "
                        + "ending where the largest rates diverged.");
        lesson.section("4b. Comparison: " + optimisers.knob());
        Sweeps.compare(lesson, "optimisers-", optimisers.knob(), optimiserRuns);

        List<RunResult> all = new ArrayList<>(rateRuns);
        all.addAll(optimiserRuns);
        RunResult chosen = Sweeps.choose(all);
        lesson.section("5. The chosen configuration: " + chosen.label() + " (best validation accuracy of both comparisons)");
        Sweeps.describeChosen(lesson, chosen);
        RunResult tribuoAdam = optimiserRuns.stream().filter(r -> r.component().equals("optimiser-tribuo-adam")).findFirst()
                .orElseThrow();
        RunResult knobsAdam = optimiserRuns.stream().filter(r -> r.component().equals("optimiser-knobs-adam")).findFirst()
                .orElseThrow();
        lesson.headline(String.format(Locale.ROOT, "With Tribuo, '%s' is chosen on validation and reaches %.2f%% test "
                        + "accuracy; Tribuo 4.3.2's Adam %s, the corrected Adam reaches %.2f%%.", chosen.label(),
                100 * chosen.testAccuracy(), tribuoAdam.diverged() != null ? "diverges"
                        : String.format(Locale.ROOT, "stays at %.2f%%", 100 * tribuoAdam.testAccuracy()),
                100 * knobsAdam.testAccuracy()));
        return chosen.testAccuracy();
    }
}
