package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Plots;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 03 with Tribuo: the mini-batch size. Changes from the lesson: the batch size is the
 * {@code minibatchSize} property of {@code MlpTrainer} (the same name Tribuo's SGD trainers use),
 * in {@code configs/mini-batch.xml}. Every step also pays for Tribuo's optimiser, which updates
 * every parameter in Java loops, so small batches cost more here than in the lesson.
 *
 * <p>Standard mode: the first 20,000 training images, 5 epochs per batch size.
 */
public final class MiniBatchExperiment extends SweepExperiment {

    public MiniBatchExperiment() {
        super(new Sweeps.Plan("mini-batch", 20_000, 1, 15));
    }

    @Override
    public String title() {
        return "Mini-batch size with Tribuo";
    }

    @Override
    public String mirrors() {
        return "03 (a)";
    }

    @Override
    public String summary() {
        return "batches of 16, 64, 256 and 1024: accuracy and time per epoch";
    }

    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) {
        List<Double> sizes = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (RunResult r : outcome.runs()) {
            sizes.add(Double.parseDouble(r.label()));
            seconds.add(r.secondsPerEpoch());
            lesson.metric("seconds_per_epoch." + r.component(), r.secondsPerEpoch());
        }
        lesson.figure("seconds-per-epoch", Plots.linesLogX("Time per epoch by batch size", "examples per mini-batch (log scale)",
                        "seconds per epoch", List.of(Plots.Series.of("MlpTrainer + Tribuo SGD", sizes, seconds))),
                "Fewer, larger steps per epoch cost less time: each step has a fixed cost (the optimiser's pass over "
                        + "every weight) on top of the matrix products.",
                "Line chart of training seconds per epoch falling as the batch size grows from 16 to 1024.");
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult chosen = outcome.chosen();
        RunResult first = outcome.runs().get(0);
        RunResult last = outcome.runs().get(outcome.runs().size() - 1);
        return String.format(Locale.ROOT, "With Tribuo, batches of %s are chosen on validation (%.2f%% test accuracy); an "
                        + "epoch takes %.1f s with batches of %s and %.1f s with %s.", chosen.label(),
                100 * chosen.testAccuracy(), first.secondsPerEpoch(), first.label(), last.secondsPerEpoch(), last.label());
    }
}
