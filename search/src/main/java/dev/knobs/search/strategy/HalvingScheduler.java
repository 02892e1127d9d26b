package dev.knobs.search.strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Synchronous successive halving (Jamieson and Talwalkar 2016; Karnin et al. 2013): train {@code n}
 * configurations for the smallest budget, keep the best {@code 1/η} of them and train those for
 * η times longer, and so on up to the largest budget. Each rung waits until every trial of the
 * rung before it has finished, so the trials promoted depend only on the results, not on which
 * finished first: the same seed gives the same trials however many run at once. The price is
 * idle slots while a rung's last trials finish.
 */
public final class HalvingScheduler implements Scheduler {
    private final Configurations configurations;
    private final int n;
    private final int eta;
    private final List<Integer> rungs;
    private final RungTable table;
    /** The trials of each rung, once known: all {@code n} at rung 1, the best 1/η of the rung below at the others. */
    private final List<List<Integer>> members = new ArrayList<>();

    public HalvingScheduler(Configurations configurations, int n, int eta, List<Integer> rungs) {
        this.configurations = configurations;
        this.n = Math.min(n, configurations.available());
        this.eta = eta;
        this.rungs = List.copyOf(rungs);
        this.table = new RungTable(rungs.size());
        List<Integer> first = new ArrayList<>();
        for (int i = 1; i <= this.n; i++) {
            first.add(i);
        }
        members.add(first);
    }

    @Override
    public TrialSpec next() {
        for (int k = 1; k <= rungs.size(); k++) {
            if (members.size() < k) {
                if (!complete(k - 1)) {
                    return null;
                }
                members.add(table.ranked(k - 1).stream().limit(Math.max(1, members.get(k - 2).size() / eta))
                        .filter(r -> !r.failed()).map(TrialResult::trial).toList());
            }
            for (int trial : members.get(k - 1)) {
                if (!table.started(k, trial)) {
                    table.start(k, trial);
                    return new TrialSpec(trial, k, rungs.get(k - 1), configurations.get(trial));
                }
            }
            if (!complete(k)) {
                return null;
            }
        }
        return null;
    }

    private boolean complete(int rung) {
        return members.get(rung - 1).stream().allMatch(t -> table.finished(rung, t));
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
        long total = 0;
        long count = n;
        for (int budget : rungs) {
            total += count * budget;
            count = Math.max(1, count / eta);
        }
        return total;
    }
}
