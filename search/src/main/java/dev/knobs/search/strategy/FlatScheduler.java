package dev.knobs.search.strategy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Grid search and random search: {@code n} configurations, each trained once with the same budget,
 * in the order of their numbers. Which trials run does not depend on any result, so the same
 * seed gives the same trials however many run at once, and wherever.
 */
public final class FlatScheduler implements Scheduler {
    private final Configurations configurations;
    private final int n;
    private final int epochs;
    private final Set<Integer> started = new HashSet<>();
    private int next = 1;

    /**
     * @param n      how many configurations to try (at most as many as there are)
     * @param epochs the budget of every trial, or 0 for the lesson's own
     */
    public FlatScheduler(Configurations configurations, int n, int epochs) {
        this.configurations = configurations;
        this.n = Math.min(n, configurations.available());
        this.epochs = epochs;
    }

    @Override
    public TrialSpec next() {
        while (next <= n && started.contains(next)) {
            next++;
        }
        if (next > n) {
            return null;
        }
        started.add(next);
        return new TrialSpec(next, 1, epochs, configurations.get(next));
    }

    @Override
    public void finished(TrialResult result) {
        started.add(result.trial());
    }

    @Override
    public void restore(List<TrialResult> done) {
        done.forEach(r -> started.add(r.trial()));
    }

    @Override
    public List<Integer> rungs() {
        return List.of(epochs);
    }

    @Override
    public long plannedEpochs() {
        return n == Integer.MAX_VALUE || epochs == 0 ? -1 : (long) n * epochs;
    }
}
