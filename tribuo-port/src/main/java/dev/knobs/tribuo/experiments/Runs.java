package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.ProgressBar;
import dev.knobs.nn.train.TrainingDivergedException;
import dev.knobs.tribuo.data.MnistLoader;
import dev.knobs.tribuo.mlp.EpochStats;
import dev.knobs.tribuo.mlp.MlpTrainer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;

/** Trains one configured trainer with a progress bar, and evaluates it on the test set with Tribuo. */
public final class Runs {
    private Runs() {}

    /**
     * Looks up {@code component} in {@code config}, trains it on {@code data.train()} and
     * evaluates it on {@code data.test()}. A run whose loss diverges, or whose training data
     * the trainer rejects (e.g. NaN inputs), is returned with {@link RunResult#diverged()} set
     * instead of throwing, so sweeps can show it.
     */
    public static RunResult train(Lesson lesson, ExperimentConfig config, String component, String label,
                                  MnistLoader.TrainTest data) {
        Trainer<Label> trainer = config.trainer(component);
        Optional<MlpTrainer> mlp = config.mlpInside(component);
        ProgressBar bar = lesson.progress(label, mlp.map(MlpTrainer::epochs).orElse(1), mlp.isPresent() ? "epochs" : "model");
        mlp.ifPresent(m -> m.setListener((stats, epochs) -> bar.advance(1, status(stats))));
        long start = System.nanoTime();
        Model<Label> model;
        try {
            model = trainer.train(data.train());
        } catch (TrainingDivergedException | IllegalArgumentException e) {
            bar.finish(e instanceof TrainingDivergedException ? "diverged" : "failed");
            lesson.out().println("  " + label + ": " + e.getMessage());
            return new RunResult(component, label, null, (System.nanoTime() - start) / 1e9, null, null, e.getMessage());
        } finally {
            mlp.ifPresent(m -> m.setListener(null));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Prediction<Label>> predictions = Evaluations.predict(model, data.test());
        LabelEvaluation evaluation = Evaluations.evaluate(model, predictions, data.test());
        if (mlp.isEmpty()) {
            bar.advance(1, null);
        }
        bar.finish(String.format(Locale.ROOT, "test %.2f%%, trained in %.1f s", 100 * evaluation.accuracy(), seconds));
        return new RunResult(component, label, model, seconds, predictions, evaluation, null);
    }

    private static String status(EpochStats s) {
        return Double.isNaN(s.validationAccuracy())
                ? String.format(Locale.ROOT, "loss %.4f  train %.2f%%", s.trainLoss(), 100 * s.trainAccuracy())
                : String.format(Locale.ROOT, "loss %.4f  val %.2f%%", s.trainLoss(), 100 * s.validationAccuracy());
    }
}
