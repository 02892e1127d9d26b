package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.tribuo.data.MnistLoader;
import java.io.IOException;
import java.util.Locale;

/**
 * A lesson's knob as one Tribuo sweep: the configuration file lists the runs, {@link Sweeps}
 * trains and compares them and evaluates the chosen one, and the subclass adds what is specific
 * to the knob (a figure, a metric) and the headline.
 */
abstract class SweepExperiment implements Experiment {
    private final Sweeps.Plan plan;

    SweepExperiment(Sweeps.Plan plan) {
        this.plan = plan;
    }

    @Override
    public String name() {
        return plan.config();
    }

    @Override
    public final double run(Lesson lesson, MnistLoader loader) throws IOException {
        Sweeps.Outcome outcome = Sweeps.run(lesson, loader, plan);
        extras(lesson, outcome);
        lesson.headline(headline(outcome));
        return outcome.chosen().testAccuracy();
    }

    /** Figures and numbers specific to this knob, written after the chosen run's evaluation. */
    void extras(Lesson lesson, Sweeps.Outcome outcome) throws IOException {}

    /** The one sentence summing up the run. */
    String headline(Sweeps.Outcome outcome) {
        RunResult c = outcome.chosen();
        return String.format(Locale.ROOT, "With Tribuo, '%s' wins the %s comparison on validation (%.2f%%) and reaches "
                        + "%.2f%% test accuracy.", c.label(), outcome.sweep().knob(), 100 * c.validationAccuracy(),
                100 * c.testAccuracy());
    }

    /** The run with this label. */
    static RunResult run(Sweeps.Outcome outcome, String label) {
        return outcome.runs().stream().filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the configuration has no run labelled '" + label + "'"));
    }

    static String pct(double fraction) {
        return Report.pct(fraction);
    }
}
