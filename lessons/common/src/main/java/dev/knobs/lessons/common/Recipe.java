package dev.knobs.lessons.common;

import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.schedule.LearningRateSchedule;

/**
 * Everything that decides one training run, in one place. Lessons start from
 * {@link #BASELINE} and change one knob with a {@code with...} method, so a sweep reads as
 * "the baseline, but with dropout 0.3".
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

    public Recipe withLabel(String newLabel) {
        return new Recipe(newLabel, network, optimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

    public Recipe withNetwork(Mlp newNetwork) {
        return new Recipe(label, newNetwork, optimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

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

    public Recipe withBatchSize(int newBatchSize) {
        return new Recipe(label, network, optimizer, schedule, perStep, newBatchSize, epochs, weightDecay, maxNorm, augmentation, seed);
    }

    public Recipe withEpochs(int newEpochs) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, newEpochs, weightDecay, maxNorm, augmentation, seed);
    }

    public Recipe withWeightDecay(float lambda) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, epochs, lambda, maxNorm, augmentation, seed);
    }

    public Recipe withMaxNorm(float radius) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, epochs, weightDecay, radius, augmentation, seed);
    }

    public Recipe withAugmentation(ImageTransform transform) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, transform, seed);
    }

    public Recipe withSeed(long newSeed) {
        return new Recipe(label, network, optimizer, schedule, perStep, batchSize, epochs, weightDecay, maxNorm, augmentation, newSeed);
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
