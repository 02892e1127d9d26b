package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.tribuo.mlp.MlpTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.SGD;

/**
 * Lesson 10 with Tribuo: learning-rate schedules. Changes from the lesson: Tribuo's {@code SGD}
 * offers only two decays, built into the optimiser and stepped every mini-batch
 * ({@code LinearDecaySGD}: η/t, {@code SqrtDecaySGD}: η/√t); the others are this project's
 * {@link dev.knobs.tribuo.schedule.RateSchedule}s, set as {@code MlpTrainer}'s {@code schedule}
 * property in {@code configs/schedules.xml}, multiplying any optimiser's rate per mini-batch.
 *
 * <p>Standard mode: the first 20,000 training images, 8 epochs per schedule.
 */
public final class SchedulesExperiment extends SweepExperiment {

    public SchedulesExperiment() {
        super(new Sweeps.Plan("schedules", 20_000, 1, 20));
    }

    @Override
    public String title() {
        return "Learning-rate schedules with Tribuo";
    }

    @Override
    public String mirrors() {
        return "10 (g)";
    }

    @Override
    public String summary() {
        return "constant, Tribuo's 1/t and 1/sqrt(t) decays, step, exponential, cosine with warm-up, one-cycle";
    }

    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) {
        lesson.section("6. The learning rate of every step");
        List<Plots.Series> series = new ArrayList<>();
        for (RunResult r : outcome.runs()) {
            MlpTrainer trainer = outcome.config().mlpInside(r.component()).orElseThrow();
            int steps = (int) Math.ceil(outcome.data().train().size() * (1 - trainer.validationFraction())
                    / trainer.minibatchSize());
            LearningRateSchedule m = trainer.schedule().multipliers(steps, trainer.epochs());
            SGD sgd = (SGD) trainer.optimiser().copy();
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            int total = steps * trainer.epochs();
            int stride = Math.max(1, total / 400);
            for (int t = 0; t < total; t++) {
                sgd.step(new Tensor[0], 1.0);           // counts the step, as in training; then learningRate() is its rate
                if (t % stride == 0) {
                    x.add((double) t + 1);
                    y.add(m.rate(t) * sgd.learningRate());
                }
            }
            series.add(Plots.Series.of(r.label(), x, y));
        }
        lesson.figure("learning-rates", Plots.linesLogY("Learning rate at every mini-batch", "step", "learning rate (log scale)",
                        series),
                "The rate each run used at each step: Tribuo's decays fall at once from the first steps, the schedules "
                        + "keep a high rate longer and then anneal.",
                "Line chart, log scale, of the learning rate over the training steps for seven schedules.");
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult chosen = outcome.chosen();
        RunResult constant = run(outcome, "constant");
        RunResult bestSchedule = outcome.runs().stream().filter(r -> r != constant && r.diverged() == null)
                .max(java.util.Comparator.comparingDouble(RunResult::validationAccuracy)).orElse(constant);
        if (chosen == constant) {
            return String.format(Locale.ROOT, "With Tribuo, a constant rate is chosen on validation in this short run "
                            + "(%.2f%% test accuracy); the best schedule, '%s', reaches %.2f%%, and Tribuo's own 1/t decay "
                            + "%.2f%%.", 100 * constant.testAccuracy(), bestSchedule.label(), 100 * bestSchedule.testAccuracy(),
                    100 * run(outcome, "Tribuo 1/t").testAccuracy());
        }
        return String.format(Locale.ROOT, "With Tribuo, the '%s' schedule is chosen on validation and reaches %.2f%% test "
                + "accuracy, against %.2f%% at a constant rate.", chosen.label(), 100 * chosen.testAccuracy(),
                100 * constant.testAccuracy());
    }
}
