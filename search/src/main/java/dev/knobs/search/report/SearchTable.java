package dev.knobs.search.report;

import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.search.strategy.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every trial of a search in one table, best first: the largest budget first, then validation
 * accuracy. Each row says how far the trial went: to the top rung, stopped at a rung, or failed.
 * No test accuracy: the search never chose on it.
 */
public final class SearchTable {
    private SearchTable() {}

    public static TextTable of(List<String> knobs, List<TrialResult> trials, int topRung, int chosen) {
        List<String> columns = new ArrayList<>(List.of("trial", "rung", "epochs"));
        columns.addAll(knobs);
        columns.addAll(List.of("validation accuracy", "seconds", "CPU seconds", "outcome"));
        Map<Integer, Integer> highest = new HashMap<>();
        for (TrialResult r : trials) {
            highest.merge(r.trial(), r.rung(), Math::max);
        }
        List<TrialResult> rows = new ArrayList<>(trials);
        rows.sort(Comparator.comparingInt(TrialResult::rung).reversed().thenComparing(TrialResult.BEST_FIRST));
        TextTable t = new TextTable(trials.size() + " trials, best first (chosen on validation accuracy at the largest "
                + "budget reached)", columns.toArray(String[]::new));
        for (TrialResult r : rows) {
            List<Object> row = new ArrayList<>();
            row.add(String.format("%03d", r.trial()) + (r.trial() == chosen && r.rung() == highest.get(r.trial())
                    ? " (chosen)" : ""));
            row.add(r.rung());
            row.add(r.epochs() > 0 ? Integer.toString(r.epochs()) : "lesson's");
            for (String k : knobs) {
                row.add(r.knobs().getOrDefault(k, "-"));
            }
            row.add(r.failed() ? "-" : Percent.pct(r.validationAccuracy()));
            row.add(String.format(Locale.ROOT, "%.1f", r.seconds()));
            row.add(Double.isNaN(r.cpuSeconds()) ? "-" : String.format(Locale.ROOT, "%.1f", r.cpuSeconds()));
            row.add(outcome(r, highest.get(r.trial()), topRung));
            t.row(row.toArray());
        }
        return t;
    }

    private static String outcome(TrialResult r, int highest, int topRung) {
        if (r.failed()) {
            return "failed: " + r.failure();
        }
        if (r.rung() < highest) {
            return "promoted";
        }
        return r.rung() == topRung ? (topRung > 1 ? "top rung" : "done") : "stopped at rung " + r.rung();
    }
}
