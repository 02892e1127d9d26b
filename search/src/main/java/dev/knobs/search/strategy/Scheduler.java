package dev.knobs.search.strategy;

import java.util.List;

/**
 * Decides which trial runs next, from the results so far. The search asks {@link #next()} whenever
 * a slot is free and reports every finished trial to {@link #finished}; it ends when nothing is
 * running and {@code next()} has nothing to start.
 */
public interface Scheduler {
    /** The next trial to start, or null when none can start until a running one finishes (or none is left). */
    TrialSpec next();

    /** A trial finished, or failed. */
    void finished(TrialResult result);

    /**
     * Takes back the trials a search had finished before it was interrupted, so that
     * {@link #next()} goes on from there and never hands them out again.
     */
    void restore(List<TrialResult> done);

    /** The budget of each rung in epochs, smallest first (one rung for grid and random; 0 = the lesson's own). */
    List<Integer> rungs();

    /** The most trial-epochs this search can take (for the progress bar), or -1 when unknown. */
    long plannedEpochs();
}
