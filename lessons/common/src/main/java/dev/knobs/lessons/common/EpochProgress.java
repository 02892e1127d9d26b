package dev.knobs.lessons.common;

import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.train.Recipe;
import dev.knobs.nn.train.TrainingDivergedException;
import dev.knobs.nn.train.TrainingListener;
import java.io.PrintStream;

/**
 * A {@link ProgressBar} over the epochs of one training run: advances after every epoch with the
 * training loss (and validation accuracy, when there is a validation set), and ends with the test
 * accuracy (the validation accuracy for a run that measures no test images), or with the epoch at
 * which the loss diverged.
 */
public final class EpochProgress implements TrainingListener {
    private final ProgressBar bar;

    EpochProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar over the epochs of training {@code recipe}, printing to {@code out}. */
    public static EpochProgress of(Recipe recipe, PrintStream out) {
        return new EpochProgress(new ProgressBar(recipe.label(), recipe.epochs(), "epochs", out));
    }

    @Override
    public boolean epochEnded(EpochRecord e, int epochs) {
        bar.advance(1, String.format("loss %.4f%s", e.trainLoss(),
                Double.isNaN(e.validationAccuracy()) ? "" : String.format("  val %.2f%%", 100 * e.validationAccuracy())));
        if (e.epoch() == epochs) {
            bar.finish(Double.isNaN(e.testAccuracy()) ? String.format("val %.2f%%", 100 * e.validationAccuracy())
                    : String.format("test %.2f%%", 100 * e.testAccuracy()));
        }
        return true;
    }

    @Override
    public void diverged(TrainingDivergedException reason) {
        bar.finish("diverged at epoch " + reason.epoch());
    }
}
