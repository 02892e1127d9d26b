package dev.knobs.nn.data;


/**
 * The three datasets of a run: train on {@code train}, choose with {@code validation}, and report
 * {@code test} at the end (it is evaluated every epoch for the curves, never used to choose).
 *
 * @param validation may be null when a lesson does not choose anything
 */
public record RunData(Dataset train, Dataset validation, Dataset test) {

    /** Holds out a tenth of the training set (at most 5,000 images) for validation. */
    public static RunData withValidation(TrainTest data, long seed) {
        int held = Math.min(5000, Math.max(1, data.train().size() / 10));
        Split split = Split.holdOut(data.train(), held, seed);
        return new RunData(split.train(), split.validation(), data.test());
    }

    /**
     * The same validation and test sets with only the first {@code n} training images (all of them
     * if there are fewer): for sweeps that must fit a time budget, or a network meant to overfit.
     */
    public RunData withFirstTrainingImages(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("a training subset needs at least 1 image, got " + n);
        }
        return new RunData(train.first(train.name() + "/first-" + n, n), validation, test);
    }

    /** All training data, no validation set. */
    public static RunData withoutValidation(TrainTest data) {
        return new RunData(data.train(), null, data.test());
    }
}
