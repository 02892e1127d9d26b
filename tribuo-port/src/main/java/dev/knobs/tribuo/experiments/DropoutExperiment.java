package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.tribuo.mlp.EpochStats;
import java.util.List;
import java.util.Locale;

/**
 * Lesson 07 with Tribuo: dropout rates, including different rates per layer. Changes from the
 * lesson: the rates are the {@code inputDropout} and {@code hiddenDropout} properties of
 * {@code MlpTrainer} components in {@code configs/dropout.xml}, each variant inheriting the rest
 * of the network from the first; Tribuo's {@code LabelEvaluator} evaluates the chosen model.
 *
 * <p>Standard mode: the first 20,000 training images (2,000 of them held out for validation),
 * 15 epochs, so the network can overfit and dropout has something to prevent.
 */
public final class DropoutExperiment extends SweepExperiment {

    public DropoutExperiment() {
        super(new Sweeps.Plan("dropout", 20_000, 1, 40));
    }

    @Override
    public String title() {
        return "Dropout with Tribuo";
    }

    @Override
    public String mirrors() {
        return "07 (b)";
    }

    @Override
    public String summary() {
        return "dropout rates 0, 0.2, 0.5, and 0.2 on pixels with 0.5 on hidden units";
    }

    /** Training accuracy minus validation accuracy after the last epoch: how much the run overfits. */
    static double gap(RunResult r) {
        List<EpochStats> h = r.history();
        return h.get(h.size() - 1).trainAccuracy() - r.validationAccuracy();
    }

    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) {
        for (RunResult r : outcome.runs()) {
            lesson.metric("train_validation_gap." + r.component(), gap(r));
        }
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult none = outcome.runs().get(0);
        RunResult chosen = outcome.chosen();
        return String.format(Locale.ROOT, "With Tribuo, dropout '%s' is chosen on validation (%.2f%%) and reaches %.2f%% "
                        + "test accuracy, against %.2f%% without dropout; the gap between training and validation accuracy "
                        + "goes from %.2f to %.2f points.", chosen.label(), 100 * chosen.validationAccuracy(),
                100 * chosen.testAccuracy(), 100 * none.testAccuracy(), 100 * gap(none), 100 * gap(chosen));
    }
}
