package dev.knobs.search.strategy;

import dev.knobs.search.space.Space;
import java.util.List;
import java.util.Locale;

/** The search strategies, by the name the command line uses. */
public enum Strategy {
    /** Every combination of a few values per knob. */
    GRID,
    /** Configurations drawn at random, each trained with the full budget (Bergstra and Bengio 2012). */
    RANDOM,
    /** Synchronous successive halving: rung by rung, the best 1/η go on. */
    HALVING,
    /** Asynchronous successive halving (Li et al. 2018): promote as soon as a trial is among the best 1/η. */
    ASHA;

    /** Parses {@code grid}, {@code random}, {@code halving} or {@code asha}. */
    public static Strategy parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new dev.knobs.lessons.common.UsageException("--strategy must be grid, random, halving or asha, got '"
                    + text + "'");
        }
    }

    /** True for the strategies that train trials for several budgets. */
    public boolean hasRungs() {
        return this == HALVING || this == ASHA;
    }

    /** True when the same seed gives the same trials even with several running at once. */
    public boolean reproducibleInParallel() {
        return this != ASHA;
    }

    /**
     * The scheduler of a search.
     *
     * @param trials     how many configurations (Integer.MAX_VALUE: as many as time allows)
     * @param minEpochs  the smallest budget (halving, ASHA)
     * @param maxEpochs  the largest budget, or 0 for the lesson's own (grid and random only)
     * @param gridPoints values per numeric knob in a grid
     */
    public Scheduler scheduler(Space space, long seed, int trials, int eta, int minEpochs, int maxEpochs,
                               int gridPoints) {
        return switch (this) {
            case GRID -> new FlatScheduler(Configurations.grid(space, gridPoints), trials, maxEpochs);
            case RANDOM -> new FlatScheduler(Configurations.random(space, seed), trials, maxEpochs);
            case HALVING -> new HalvingScheduler(Configurations.random(space, seed), trials, eta,
                    Rungs.of(minEpochs, maxEpochs, eta));
            case ASHA -> new AshaScheduler(Configurations.random(space, seed), trials, eta,
                    Rungs.of(minEpochs, maxEpochs, eta));
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The names, for help. */
    public static List<String> names() {
        return List.of("grid", "random", "halving", "asha");
    }
}
