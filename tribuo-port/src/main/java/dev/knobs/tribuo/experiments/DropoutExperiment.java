package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.tribuo.data.MnistLoader;
import java.io.IOException;
import java.util.Locale;

/**
 * Lesson 07 with Tribuo: dropout rates, including different rates per layer. Changes from the
 * lesson: the network is an {@code MlpTrainer} behind a {@code TransformTrainer}, the rates are
 * the trainer's {@code inputDropout} and {@code hiddenDropout} properties in
 * {@code configs/dropout.xml}, and the chosen model is evaluated by Tribuo's
 * {@code LabelEvaluator}.
 *
 * <p>Standard mode trains on the first 20,000 training images (2,000 of them held out for
 * validation) for 15 epochs, so the network can overfit and dropout has something to prevent.
 */
public final class DropoutExperiment implements Experiment {

    @Override
    public String name() {
        return "dropout";
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
        return "dropout rates 0, 0.2, 0.5 and 0.2 on pixels + 0.5 on hidden units, chosen on validation";
    }

    @Override
    public double run(Lesson lesson, MnistLoader loader) throws IOException {
        Sweeps.Outcome outcome = Sweeps.run(lesson, loader, new Sweeps.Plan("dropout", 20_000, 1, 30));
        RunResult none = outcome.runs().get(0);
        RunResult chosen = outcome.chosen();
        double gapNone = none.history().get(none.history().size() - 1).trainAccuracy() - none.validationAccuracy();
        double gapChosen = chosen.history().get(chosen.history().size() - 1).trainAccuracy() - chosen.validationAccuracy();
        lesson.metric("train_validation_gap.none", gapNone);
        lesson.metric("train_validation_gap.chosen", gapChosen);
        lesson.headline(String.format(Locale.ROOT, "With Tribuo, dropout '%s' is chosen on validation (%.2f%%) and reaches "
                        + "%.2f%% test accuracy, against %.2f%% without dropout; the train-validation gap goes from %.2f to "
                        + "%.2f points.", chosen.label(), 100 * chosen.validationAccuracy(), 100 * chosen.testAccuracy(),
                100 * none.testAccuracy(), 100 * gapNone, 100 * gapChosen));
        return chosen.testAccuracy();
    }
}
