package dev.knobs.nn.train;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.EpochBatches;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.schedule.LearningRateSchedule;

/**
 * The epoch loop around {@link TrainStep}: every run in the course goes through it, except lesson
 * 01's, which writes the same loop out by hand so that a student sees every line once.
 *
 * <pre>
 *   continue from the checkpoint, if it exists           weights, optimiser, dropout, guard, history
 *   for epoch = 1 .. epochs (or from the checkpoint's next epoch):
 *       for each shuffled mini-batch (x, y):              MiniBatches: a new order every epoch
 *           η = schedule.rate(step, or epoch)
 *           x = augment(x)                               training data only, if there is an augmentation
 *           loss = step.run(x, y, η)                     forward, loss, backward, update
 *           stop if the loss diverged                    DivergenceGuard
 *       evaluate on validation and test data             dropout off, no augmentation
 *       schedule.epochEnded(validation loss)             schedules that react to it (reduce-on-plateau)
 *       record the epoch
 *       save the checkpoint, if there is one            atomically: an interruption loses at most one epoch
 *       stop if the listener says so                    early stopping, a search cutting a trial
 * </pre>
 *
 * <p>The caller builds the parts (network, optimiser, batches, augmentation) in the order its
 * random draws must follow; {@link Recipe#train} does that for the course. The loop itself draws
 * no random numbers, so the same parts give the same numbers, bit for bit.
 */
public final class TrainingLoop {
    /**
     * Augments one mini-batch: {@code x: [batch, features]} in, {@code out: [batch, features]}
     * written, {@code x} not modified. Called with the epoch and the batch's index in it, so that
     * the same run draws the same distortions.
     */
    @FunctionalInterface
    public interface Augment {
        void apply(float[] x, int batch, int epoch, int batchIndex, float[] out);
    }

    /**
     * A finished run.
     *
     * @param model        the trained network (its weights after the last step taken)
     * @param history      one record per completed epoch
     * @param validation   predictions on the validation set after the last completed epoch, or null
     * @param test         predictions on the test set after the last completed epoch, or null
     * @param diverged     why training stopped early because the loss blew up, or null
     * @param stoppedEarly true if the listener stopped the run before its last epoch
     */
    public record Result(Sequential model, History history, Predictions validation, Predictions test,
                         TrainingDivergedException diverged, boolean stoppedEarly) {}

    private final TrainStep step;
    private final EpochBatches batches;
    private final Augment augment;
    private final LearningRateSchedule schedule;
    private final boolean perStep;
    private final int epochs;

    /**
     * @param step     the model and its optimiser
     * @param batches  the shuffled training mini-batches ({@link MiniBatches}, or another implementation)
     * @param augment  applied to every training batch, or null for none
     * @param schedule the learning rate; a {@link LearningRateSchedule#fresh() fresh} copy is used
     * @param perStep  true: the schedule counts mini-batches (from 0 over the whole run); false: epochs
     * @param epochs   passes over the training data, at least 1
     */
    public TrainingLoop(TrainStep step, EpochBatches batches, Augment augment, LearningRateSchedule schedule,
                        boolean perStep, int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.step = step;
        this.batches = batches;
        this.augment = augment;
        this.schedule = schedule.fresh();
        this.perStep = perStep;
        this.epochs = epochs;
    }

    /**
     * Trains for every epoch (or until the loss diverges, or the listener stops it).
     *
     * @param label      names the run's history, e.g. {@code "dropout 0.2"}
     * @param validation evaluated after every epoch, or null
     * @param test       evaluated after every epoch for the curves (never to choose), or null
     */
    public Result run(String label, Dataset validation, Dataset test, TrainingListener listener) {
        return run(label, validation, test, listener, null);
    }

    /**
     * {@link #run(String, Dataset, Dataset, TrainingListener)}, saving the run's state to
     * {@code checkpoint} after every epoch, and continuing from it if it exists: a run continued
     * from its checkpoint gives the same numbers, bit for bit, as one never interrupted (see
     * {@link Checkpoint}). The listener hears of the epochs trained in this call only.
     *
     * @param checkpoint where to save and continue from, or null for none
     */
    public Result run(String label, Dataset validation, Dataset test, TrainingListener listener, Checkpoint checkpoint) {
        Dataset train = batches.data();
        Sequential model = step.model();
        DivergenceGuard guard = new DivergenceGuard();
        History history = new History(label);
        float[] augmented = null;
        Predictions onValidation = null;
        Predictions onTest = null;
        int t = 0;
        int done = 0;
        if (checkpoint != null && checkpoint.exists()) {
            Checkpoint.Progress saved = checkpoint.restore(step, guard);       // weights, optimiser, dropout, guard
            done = saved.epochs();
            t = saved.steps();
            history = saved.history();
            for (EpochRecord e : history.epochs()) {                           // a fresh schedule, told the same losses
                schedule.epochEnded(validation != null ? e.validationLoss() : e.trainLoss());
            }
            onValidation = done == 0 ? null : evaluate(model, validation);
            onTest = done == 0 ? null : evaluate(model, test);
        }
        for (int epoch = done; epoch < epochs; epoch++) {
            long start = System.nanoTime();
            double lossSum = 0;
            int correct = 0;
            float rate = Float.NaN;
            for (MiniBatches.Batch b : batches.epoch(epoch)) {
                rate = schedule.rate(perStep ? t : epoch);
                float[] x = b.x();                                                   // [batch, features]
                if (augment != null) {
                    augmented = augmented != null && augmented.length == x.length ? augmented : new float[x.length];
                    augment.apply(x, b.size(), epoch, b.index(), augmented);
                    x = augmented;
                }
                float loss = step.run(x, b.labels(), b.size(), rate);               // forward, loss, backward, update
                try {
                    guard.check(loss, epoch + 1, ++t, rate);
                } catch (TrainingDivergedException e) {
                    listener.diverged(e);
                    return new Result(model, history, onValidation, onTest, e, false);
                }
                lossSum += (double) loss * b.size();
                correct += step.correct(b.labels(), b.size());
                if (perStep) {
                    history.addStep(rate, loss);
                }
                listener.stepEnded(epoch + 1, t, loss, rate);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            onValidation = evaluate(model, validation);                       // dropout off
            onTest = evaluate(model, test);
            schedule.epochEnded(onValidation != null ? onValidation.loss() : lossSum / train.size());
            EpochRecord record = new EpochRecord(epoch + 1, lossSum / train.size(), (double) correct / train.size(),
                    onValidation == null ? Double.NaN : onValidation.loss(),
                    onValidation == null ? Double.NaN : onValidation.accuracy(),
                    onTest == null ? Double.NaN : onTest.loss(), onTest == null ? Double.NaN : onTest.accuracy(),
                    rate, seconds);
            history.add(record);
            if (checkpoint != null) {
                checkpoint.save(new Checkpoint.Progress(epoch + 1, t, history), step, guard);
            }
            if (!listener.epochEnded(record, epochs) && epoch + 1 < epochs) {
                return new Result(model, history, onValidation, onTest, null, true);
            }
        }
        return new Result(model, history, onValidation, onTest, null, false);
    }

    /** Predictions of {@code model} on {@code data} in evaluation mode, or null without data. */
    private static Predictions evaluate(Sequential model, Dataset data) {
        return data == null ? null : Evaluator.evaluate(model, data);
    }
}
