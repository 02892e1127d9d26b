package dev.knobs.search;

import dev.knobs.lessons.common.Mode;
import dev.knobs.search.strategy.Strategy;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A search over a lesson's knobs, as asked for on the command line or by lesson 13.
 *
 * @param lesson     the lesson's folder name, e.g. {@code 12-towards-99}
 * @param strategy   grid, random, halving or asha
 * @param space      the space, as written ({@code peak-lr=log(0.02,0.3) ...})
 * @param trials     configurations to try; 0 for the whole grid, or as many as {@code time} allows
 * @param time       the wall-time budget, or null
 * @param eta        the halving rate η
 * @param minEpochs  the smallest budget (halving, ASHA)
 * @param maxEpochs  the largest budget (halving, ASHA), or every trial's epochs (grid, random; 0: the lesson's own)
 * @param gridPoints values per numeric knob in a grid
 * @param mode       the lesson's run size
 * @param seed       the seed of the draws and of every trial
 * @param parallel   trials at once
 * @param threads    kernel threads per trial
 * @param holdout    training images held out for validation, or 0 for the lesson's own validation set
 * @param folder     the search folder
 * @param resume     go on with the search in {@code folder}
 * @param retries    restarts of a trial that failed to run (not of one whose lesson failed)
 * @param finalRun   measure the chosen configuration's test accuracy at the end
 */
public record SearchRequest(String lesson, Strategy strategy, String space, int trials, Duration time, int eta,
                            int minEpochs, int maxEpochs, int gridPoints, Mode mode, long seed, int parallel,
                            int threads, int holdout, Path folder, boolean resume, int retries, boolean finalRun) {}
