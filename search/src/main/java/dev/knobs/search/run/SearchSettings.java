package dev.knobs.search.run;

/**
 * What a search is: everything that decides which trials it runs. A search resumes only with the
 * same settings; the wall-time budget, how many trials run at once and where may change.
 *
 * @param lesson     the lesson searched, e.g. {@code 12-towards-99}
 * @param strategy   grid, random, halving or asha
 * @param space      the search space, as written
 * @param seed       the seed of the draws and of every trial
 * @param mode       smoke, standard or full
 * @param trials     configurations to try (0: as many as the time budget allows)
 * @param eta        the halving rate η (halving and ASHA)
 * @param minEpochs  the smallest budget (halving and ASHA)
 * @param maxEpochs  the largest budget, or 0 for the lesson's own epochs (grid and random)
 * @param gridPoints values per numeric knob in a grid
 * @param holdout    training images held out for validation, or 0 for the lesson's own validation set
 */
public record SearchSettings(String lesson, String strategy, String space, long seed, String mode, int trials, int eta,
                             int minEpochs, int maxEpochs, int gridPoints, int holdout) {}
