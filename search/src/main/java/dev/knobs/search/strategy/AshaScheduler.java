package dev.knobs.search.strategy;

import java.util.List;

/**
 * Asynchronous successive halving, ASHA (Li et al. 2018, "A System for Massively Parallel
 * Hyperparameter Tuning", arXiv 1810.05934, algorithm 2). Whenever a slot is free: look at the
 * rungs from the top down; if a rung holds a trial among the best {@code 1/η} of the trials
 * finished there that has not been promoted yet, promote it to the next rung (η times the
 * budget); otherwise start a new configuration at the smallest budget. No rung waits for another,
 * so no slot idles; the trials not promoted are stopped where they are.
 *
 * <p>Because a promotion is decided on the trials finished so far, which trials get promoted
 * depends on the order in which they finish. With one trial at a time that order is fixed, and the
 * same seed gives the same trials; with several at once it depends on timing, and it may not.
 */
public final class AshaScheduler implements Scheduler {
    private final Configurations configurations;
    private final int n;
    private final int eta;
    private final List<Integer> rungs;
    private final RungTable table;

    /**
     * @param n how many configurations to start at the smallest budget ({@code Integer.MAX_VALUE}
     *          when the search is bounded by time instead)
     */
    public AshaScheduler(Configurations configurations, int n, int eta, List<Integer> rungs) {
        this.configurations = configurations;
        this.n = Math.min(n, configurations.available());
        this.eta = eta;
        this.rungs = List.copyOf(rungs);
        this.table = new RungTable(rungs.size());
    }

    @Override
    public TrialSpec next() {
        for (int k = rungs.size() - 1; k >= 1; k--) {
            List<TrialResult> ranked = table.ranked(k);
            int promotable = ranked.size() / eta;
            for (TrialResult r : ranked.subList(0, promotable)) {
                if (!r.failed() && !table.started(k + 1, r.trial())) {
                    table.start(k + 1, r.trial());
                    return new TrialSpec(r.trial(), k + 1, rungs.get(k), r.knobs());
                }
            }
        }
        for (int i = 1; i <= n; i++) {
            if (!table.started(1, i)) {
                table.start(1, i);
                return new TrialSpec(i, 1, rungs.get(0), configurations.get(i));
            }
        }
        return null;
    }

    @Override
    public void finished(TrialResult result) {
        table.finish(result);
    }

    @Override
    public void restore(List<TrialResult> done) {
        done.forEach(table::finish);
    }

    @Override
    public List<Integer> rungs() {
        return rungs;
    }

    @Override
    public long plannedEpochs() {
        if (n == Integer.MAX_VALUE) {
            return -1;
        }
        long total = 0;
        double count = n;
        for (int budget : rungs) {
            total += Math.round(Math.floor(count) * budget);
            count = Math.floor(count) / eta;
        }
        return total;
    }
}
