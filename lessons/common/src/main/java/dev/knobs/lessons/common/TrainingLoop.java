package dev.knobs.lessons.common;

import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.optim.MaxNorm;
import dev.knobs.nn.optim.WeightDecay;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.ReduceOnPlateau;
import dev.knobs.nn.train.DivergenceGuard;
import dev.knobs.nn.train.TrainStep;
import dev.knobs.nn.train.TrainingDivergedException;
import java.util.SplittableRandom;

/**
 * The training loop every lesson from 02 on uses; lesson 01 walks through it line by line.
 *
 * <pre>
 *   build a fresh network from the recipe
 *   for each epoch:
 *       for each shuffled mini-batch:
 *           η = schedule(step or epoch)
 *           x = augment(batch)               (training data only, if the recipe says so)
 *           loss = forward, backward, update (TrainStep)
 *           stop if the loss diverged
 *       evaluate on validation and test data (dropout off, no augmentation)
 *       record the epoch
 * </pre>
 */
public final class TrainingLoop {
    private TrainingLoop() {}

    /**
     * A finished (or diverged) run.
     *
     * @param model    the trained network
     * @param history  one record per completed epoch
     * @param test     predictions on the test set after the last completed epoch (null if none)
     * @param diverged why training stopped early, or null if it ran all epochs
     */
    public record Run(Recipe recipe, Sequential model, History history, Predictions test, String diverged) {
        /** Test accuracy after the last completed epoch (0 if the run diverged before finishing one). */
        public double testAccuracy() {
            return test == null ? 0 : test.accuracy();
        }
    }

    /** Trains; a diverging run throws {@link TrainingDivergedException} with its message. */
    public static Run train(Recipe recipe, RunData data, Lesson lesson) {
        Run run = tryTrain(recipe, data, lesson);
        if (run.diverged() != null) {
            throw new TrainingDivergedException(recipe.label() + ": " + run.diverged(), 0, 0);
        }
        return run;
    }

    /** Trains; a diverging run stops early and says so in {@link Run#diverged()} (for sweeps that show divergence). */
    public static Run tryTrain(Recipe recipe, RunData data, Lesson lesson) {
        SplittableRandom rng = new SplittableRandom(recipe.seed());
        Sequential model = recipe.network().build(rng.split());
        TrainStep step = new TrainStep(model, recipe.optimizer().copy(),
                recipe.weightDecay() > 0 ? new WeightDecay(recipe.weightDecay()) : null,
                recipe.maxNorm() > 0 ? new MaxNorm(recipe.maxNorm()) : null);
        Dataset train = data.train();
        MiniBatches batches = new MiniBatches(train, recipe.batchSize(), rng.nextLong());
        Augmenter augmenter = recipe.augmentation() == null ? null : new Augmenter(recipe.augmentation(), rng.nextLong());
        LearningRateSchedule schedule = recipe.schedule() instanceof ReduceOnPlateau p ? p.copy() : recipe.schedule();
        DivergenceGuard guard = new DivergenceGuard();
        History history = new History(recipe.label());
        ProgressBar bar = lesson.progress(recipe.label(), recipe.epochs(), "epochs");
        float[] augmented = null;
        Predictions test = null;
        int t = 0;
        for (int epoch = 0; epoch < recipe.epochs(); epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            int correct = 0;
            float rate = Float.NaN;
            try {
                for (MiniBatches.Batch b : batches.epoch(epoch)) {
                    rate = schedule.rate(recipe.perStep() ? t : epoch);
                    float[] x = b.x();
                    if (augmenter != null) {
                        augmented = augmented != null && augmented.length == x.length ? augmented : new float[x.length];
                        augmenter.augment(x, b.size(), train.height(), train.width(), epoch, b.index(), augmented);
                        x = augmented;
                    }
                    float loss = step.run(x, b.labels(), b.size(), rate);
                    guard.check(loss, epoch + 1, ++t, rate);
                    lossSum += (double) loss * b.size();
                    correct += step.correct(b.labels(), b.size());
                    if (recipe.perStep()) {
                        history.addStep(rate, loss);
                    }
                }
            } catch (TrainingDivergedException e) {
                bar.finish("diverged at epoch " + (epoch + 1));
                return new Run(recipe, model, history, test, e.getMessage());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Predictions validation = data.validation() == null ? null : Evaluator.evaluate(model, data.validation());
            test = Evaluator.evaluate(model, data.test());
            if (schedule instanceof ReduceOnPlateau plateau) {
                plateau.observe(validation != null ? validation.loss() : lossSum / train.size());
            }
            history.add(new EpochRecord(epoch + 1, lossSum / train.size(), (double) correct / train.size(),
                    validation == null ? Double.NaN : validation.loss(),
                    validation == null ? Double.NaN : validation.accuracy(), test.loss(), test.accuracy(), rate, seconds));
            bar.advance(1, String.format("loss %.4f%s", lossSum / train.size(),
                    validation == null ? "" : String.format("  val %.2f%%", 100 * validation.accuracy())));
        }
        bar.finish(String.format("test %.2f%%", 100 * test.accuracy()));
        return new Run(recipe, model, history, test, null);
    }
}
