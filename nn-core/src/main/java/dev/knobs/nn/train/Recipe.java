package dev.knobs.nn.train;

import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.data.EpochBatches;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.LayerParts;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.optim.MaxNorm;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.optim.WeightDecay;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.schedule.LearningRateSchedule;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Everything that decides one training run, in one place. Lessons start from
 * {@link #BASELINE} and change one knob with a {@code with...} method, so a sweep reads as
 * "the baseline, but with dropout 0.3"; {@link #train} runs it.
 *
 * @param label        name for legends and tables
 * @param network      architecture, activation, dropout and initialiser
 * @param optimizer    the update rule (a fresh copy is used for each run)
 * @param schedule     the learning rate over time
 * @param perStep      true: the schedule's step is the mini-batch number; false: the epoch number
 * @param batchSize    examples per gradient step
 * @param epochs       passes over the training set
 * @param weightDecay  L2 strength λ, 0 for none
 * @param maxNorm      max-norm radius, 0 for none
 * @param augmentation transform applied to each training image, or null for none
 * @param seed         decides initial weights, shuffling, dropout masks and augmentation
 */
public record Recipe(String label, Mlp network, Optimizer optimizer, LearningRateSchedule schedule, boolean perStep,
                     int batchSize, int epochs, float weightDecay, float maxNorm, ImageTransform augmentation,
                     long seed) {

    /**
     * Where lesson 01 ends up: 784-128-10 ReLU, He init, SGD with momentum 0.9 at a constant
     * 0.05, batches of 128, 5 epochs, no dropout, no augmentation.
     */
    public static final Recipe BASELINE = new Recipe("baseline", Mlp.relu(new HeNormal(), 784, 128, 10),
            new Momentum(0.9f), new ConstantRate(0.05f), false, 128, 5, 0f, 0f, null, 42);

    public Recipe {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (!(weightDecay >= 0f) || !(maxNorm >= 0f)) {
            throw new IllegalArgumentException("weight decay and max-norm must be >= 0 (0 = off), got " + weightDecay
                    + " and " + maxNorm);
        }
    }

    /** The same recipe under another name. */
    public Recipe withLabel(String newLabel) {
        return new Recipe(newLabel, network, optimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

    /** The same recipe with another network. */
    public Recipe withNetwork(Mlp newNetwork) {
        return new Recipe(label, newNetwork, optimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

    /** The same recipe with another optimiser. */
    public Recipe withOptimizer(Optimizer newOptimizer) {
        return new Recipe(label, network, newOptimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

    /** A schedule stepped once per epoch. */
    public Recipe withSchedule(LearningRateSchedule newSchedule) {
        return new Recipe(label, network, optimizer, newSchedule, false, batchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

    /** A schedule stepped once per mini-batch. */
    public Recipe withStepSchedule(LearningRateSchedule newSchedule) {
        return new Recipe(label, network, optimizer, newSchedule, true, batchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

    /** A constant learning rate. */
    public Recipe withRate(float rate) {
        return withSchedule(new ConstantRate(rate));
    }

    /** The same recipe with another batch size. */
    public Recipe withBatchSize(int newBatchSize) {
        return new Recipe(label, network, optimizer, schedule, perStep, newBatchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

    /** The same recipe for another number of epochs. */
    public Recipe withEpochs(int newEpochs) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, newEpochs, weightDecay, maxNorm, augmentation, seed);
    }

    /** The same recipe with L2 weight decay λ (0 for none). */
    public Recipe withWeightDecay(float lambda) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, epochs, lambda, maxNorm, augmentation, seed);
    }

    /** The same recipe with a max-norm constraint (0 for none). */
    public Recipe withMaxNorm(float radius) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, epochs, weightDecay, radius, augmentation, seed);
    }

    /** The same recipe with training images augmented by {@code transform} (null for none). */
    public Recipe withAugmentation(ImageTransform transform) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, transform, seed);
    }

    /** The same recipe with another seed. */
    public Recipe withSeed(long newSeed) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, augmentation, newSeed);
    }

    /**
     * A trained recipe.
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

        /** This run, or a {@link TrainingDivergedException} naming the recipe if it diverged. */
        public Run orThrow() {
            if (diverged != null) {
                throw new TrainingDivergedException(recipe.label() + ": " + diverged, 0, 0);
            }
            return this;
        }
    }

    /**
     * Trains a fresh network from this recipe on {@code data.train()}, evaluating on the validation
     * set (if any) and the test set after every epoch. A run whose loss diverges stops early and
     * says why in {@link Run#diverged()}.
     *
     * <p>The seed is split in a fixed order, so the same recipe gives the same numbers:
     * <pre>
     *   rng = SplittableRandom(seed)
     *   initial weights and dropout masks   rng.split()
     *   the order of the mini-batches       rng.nextLong()
     *   the augmentation (if any)           rng.nextLong()
     * </pre>
     */
    public Run train(RunData data, TrainingListener listener) {
        return train(data, listener, RunParts.LIBRARY);
    }

    /**
     * {@link #train(RunData, TrainingListener)} with the network's layers taken from {@code parts}
     * (a student's dropout, say): everything else, the random streams included, is the same.
     */
    public Run train(RunData data, TrainingListener listener, LayerParts parts) {
        return train(data, listener, RunParts.of(parts));
    }

    /**
     * {@link #train(RunData, TrainingListener)} with the network and the mini-batches built by
     * {@code parts} (a student's network builder or batches, say): the same random draws, in the
     * same order, go to the same parts.
     */
    public Run train(RunData data, TrainingListener listener, RunParts parts) {
        return train(data, listener, parts, null);
    }

    /**
     * {@link #train(RunData, TrainingListener)}, saving the run's state to {@code checkpoint} after
     * every epoch and continuing from it if the file exists (a run that was interrupted, or one
     * that finished: then only the final evaluation is done again). The numbers are the same, bit
     * for bit, as those of a run never interrupted (see {@link Checkpoint}); a checkpoint of
     * another recipe or other data is refused. The file is left in place when the run ends.
     */
    public Run train(RunData data, TrainingListener listener, Path checkpoint) {
        return train(data, listener, RunParts.LIBRARY, new Checkpoint(checkpoint, fingerprint(data)));
    }

    /**
     * What a checkpoint of this recipe trained on {@code data} must match: the recipe's name and
     * every knob ({@link #describe()}) and the sizes of the data sets.
     */
    public String fingerprint(RunData data) {
        return label + ": " + describe() + "; " + data.train().size() + " training, "
                + (data.validation() == null ? 0 : data.validation().size()) + " validation, "
                + (data.test() == null ? 0 : data.test().size()) + " test examples";
    }

    private Run train(RunData data, TrainingListener listener, RunParts parts, Checkpoint checkpoint) {
        SplittableRandom rng = new SplittableRandom(seed);
        Sequential model = parts.network(network, rng.split());
        TrainStep step = new TrainStep(model, optimizer.copy(), weightDecay > 0 ? new WeightDecay(weightDecay) : null,
                maxNorm > 0 ? new MaxNorm(maxNorm) : null);
        EpochBatches batches = parts.batches(data.train(), batchSize, rng.nextLong());
        TrainingLoop.Augment augment = null;
        if (augmentation != null) {
            Augmenter augmenter = new Augmenter(augmentation, rng.nextLong());
            int height = data.train().height();
            int width = data.train().width();
            augment = (x, batch, epoch, index, out) -> augmenter.augment(x, batch, height, width, epoch, index, out);
        }
        TrainingLoop.Result result = new TrainingLoop(step, batches, augment, schedule, perStep, epochs)
                .run(label, data.validation(), data.test(), listener, checkpoint);
        return new Run(this, result.model(), result.history(), result.test(),
                result.diverged() == null ? null : result.diverged().getMessage());
    }

    /** Mini-batch steps in a run over {@code trainSize} examples, for per-step schedules. */
    public int totalSteps(int trainSize) {
        return epochs * ((trainSize + batchSize - 1) / batchSize);
    }

    /** One line describing every knob, for provenance and logs. */
    public String describe() {
        return network + ", " + optimizer.name() + ", " + schedule.name() + (perStep ? " per step" : " per epoch")
                + ", batch " + batchSize + ", " + epochs + " epochs"
                + (weightDecay > 0 ? ", weight decay " + weightDecay : "") + (maxNorm > 0 ? ", max-norm " + maxNorm : "")
                + (augmentation != null ? ", augmentation " + augmentation : "") + ", seed " + seed;
    }
}
