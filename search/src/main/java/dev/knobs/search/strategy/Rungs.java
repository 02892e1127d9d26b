package dev.knobs.search.strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * The budgets of successive halving: the smallest budget {@code r}, then {@code r·η}, {@code r·η²},
 * ... up to the largest budget {@code R}, which is always the top rung (when {@code R} is not a
 * power of η times {@code r}, the last power below it is replaced by {@code R}).
 *
 * <pre>
 *   of(1, 27, 3)  ->  1, 3, 9, 27
 *   of(1, 10, 3)  ->  1, 3, 10
 * </pre>
 */
public final class Rungs {
    private Rungs() {}

    public static List<Integer> of(int minEpochs, int maxEpochs, int eta) {
        if (minEpochs < 1 || maxEpochs < minEpochs) {
            throw new IllegalArgumentException("rungs need 1 <= min epochs <= max epochs, got " + minEpochs + " and "
                    + maxEpochs);
        }
        if (eta < 2) {
            throw new IllegalArgumentException("eta must be at least 2, got " + eta);
        }
        List<Integer> rungs = new ArrayList<>();
        for (long b = minEpochs; b <= maxEpochs; b *= eta) {
            rungs.add((int) b);
        }
        if (rungs.get(rungs.size() - 1) != maxEpochs) {
            rungs.set(rungs.size() - 1, maxEpochs);
            if (rungs.size() == 1 && minEpochs < maxEpochs) {
                rungs.add(0, minEpochs);
            }
        }
        return List.copyOf(rungs);
    }
}
