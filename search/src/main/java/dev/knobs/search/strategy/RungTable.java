package dev.knobs.search.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The trials started and finished at each rung of successive halving. */
final class RungTable {
    private final List<Map<Integer, TrialResult>> results = new ArrayList<>();
    private final List<Set<Integer>> started = new ArrayList<>();

    RungTable(int rungs) {
        for (int k = 0; k < rungs; k++) {
            results.add(new HashMap<>());
            started.add(new HashSet<>());
        }
    }

    void start(int rung, int trial) {
        started.get(rung - 1).add(trial);
    }

    void finish(TrialResult r) {
        started.get(r.rung() - 1).add(r.trial());
        results.get(r.rung() - 1).put(r.trial(), r);
    }

    boolean started(int rung, int trial) {
        return started.get(rung - 1).contains(trial);
    }

    /** The results at a rung, best first. */
    List<TrialResult> ranked(int rung) {
        List<TrialResult> r = new ArrayList<>(results.get(rung - 1).values());
        r.sort(TrialResult.BEST_FIRST);
        return r;
    }

    int finished(int rung) {
        return results.get(rung - 1).size();
    }

    boolean finished(int rung, int trial) {
        return results.get(rung - 1).containsKey(trial);
    }

    TrialResult result(int rung, int trial) {
        return results.get(rung - 1).get(trial);
    }
}
