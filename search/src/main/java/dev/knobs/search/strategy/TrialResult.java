package dev.knobs.search.strategy;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished trial, as the search journal keeps it.
 *
 * @param trial              the configuration's number
 * @param rung               its rung (1 for grid and random)
 * @param epochs             the budget it trained for (0: the lesson's own)
 * @param knobs              the knobs searched and their values
 * @param folder             its run folder, relative to the search folder
 * @param failed             true when it did not produce a result (see {@code failure})
 * @param validationAccuracy what the search chooses on: accuracy on images the trial never trained
 *                           on and that are not the test set (NaN when failed)
 * @param seconds            its wall-clock time
 * @param started            when it started, in seconds since the search started (time before a
 *                           resume included)
 * @param finished           when it finished, on the same clock
 * @param attempts           how many times it was started (more than 1 after a retry)
 * @param where              the machine that ran it
 * @param failure            why it failed, one line, or null
 * @param cpuSeconds         CPU seconds used by the JVM that ran it meanwhile: the trial's own work when it ran
 *                           alone there, a measure that a busy machine does not stretch as it does wall time (NaN
 *                           when unknown)
 */
public record TrialResult(int trial, int rung, int epochs, Map<String, String> knobs, String folder, boolean failed,
                          double validationAccuracy, double seconds, double started, double finished, int attempts,
                          String where, String failure, double cpuSeconds) {
    public TrialResult {
        knobs = new LinkedHashMap<>(knobs);
    }

    /** Best first: higher validation accuracy, failures last, then the lower trial number (so ties break the same way everywhere). */
    public static final Comparator<TrialResult> BEST_FIRST = Comparator
            .comparingDouble((TrialResult r) -> Double.isNaN(r.validationAccuracy()) ? Double.POSITIVE_INFINITY
                    : -r.validationAccuracy())
            .thenComparingInt(TrialResult::trial);

    /** True when this result is of that trial at that rung. */
    public boolean is(TrialSpec spec) {
        return trial == spec.trial() && rung == spec.rung();
    }
}
