package dev.knobs.lessons.common;

import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.train.TrainingDivergedException;
import dev.knobs.nn.train.TrainingListener;

/**
 * A {@link ProgressBar} over the epochs of one training run: advances after every epoch with the
 * training loss (and validation accuracy, when there is a validation set), and ends with the test
 * accuracy, or with the epoch at which the loss diverged.
 */
final class EpochProgress implements TrainingListener {
    private final ProgressBar bar;

    EpochProgress(ProgressBar bar) {
        this.bar = bar;
    }

    @Override
    public boolean epochEnded(EpochRecord e, int epochs) {
        bar.advance(1, String.format("loss %.4f%s", e.trainLoss(),
                Double.isNaN(e.validationAccuracy()) ? "" : String.format("  val %.2f%%", 100 * e.validationAccuracy())));
        if (e.epoch() == epochs) {
            bar.finish(String.format("test %.2f%%", 100 * e.testAccuracy()));
        }
        return true;
    }

    @Override
    public void diverged(TrainingDivergedException reason) {
        bar.finish("diverged at epoch " + reason.epoch());
    }
}
