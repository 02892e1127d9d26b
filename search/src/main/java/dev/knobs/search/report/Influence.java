package dev.knobs.search.report;

import dev.knobs.search.space.Dimension;
import dev.knobs.search.space.Space;
import dev.knobs.search.strategy.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much each knob seems to matter: the share of the spread in validation accuracy that its
 * values explain, η² = (between-group sum of squares) / (total sum of squares), the correlation
 * ratio of Pearson (1903) used in one-way analysis of variance. Trials are grouped by the knob's
 * value (a choice) or into groups of equal size along its axis (a number): four groups, or fewer
 * so that each holds at least three trials. With few trials it is a rough guide, not a
 * measurement: it only picks the two knobs to draw, and below {@value #MIN_TRIALS} trials it is not
 * computed at all.
 */
public final class Influence {
    /** Fewer configurations than this say nothing about which knob matters. */
    public static final int MIN_TRIALS = 6;

    private Influence() {}

    /** A knob and its η², in [0, 1]. */
    public record Share(String knob, double eta2) {}

    /** Every knob of the space with its share, largest first. */
    public static List<Share> of(Space space, List<TrialResult> trials) {
        List<Share> shares = new ArrayList<>();
        for (Dimension d : space.dimensions()) {
            shares.add(new Share(d.knob(), eta2(d, trials)));
        }
        shares.sort(Comparator.comparingDouble(Share::eta2).reversed());
        return shares;
    }

    static double eta2(Dimension d, List<TrialResult> trials) {
        List<TrialResult> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingDouble(r -> d.position(r.knobs().get(d.knob()))));
        Map<String, List<Double>> groups = new HashMap<>();
        int bins = Math.max(2, Math.min(4, sorted.size() / 3));
        for (int i = 0; i < sorted.size(); i++) {
            TrialResult r = sorted.get(i);
            String key = d.distribution().numeric() ? Integer.toString(bins * i / sorted.size()) : r.knobs().get(d.knob());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r.validationAccuracy());
        }
        double mean = trials.stream().mapToDouble(TrialResult::validationAccuracy).average().orElse(0);
        double total = trials.stream().mapToDouble(r -> sq(r.validationAccuracy() - mean)).sum();
        double between = 0;
        for (List<Double> g : groups.values()) {
            double m = g.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            between += g.size() * sq(m - mean);
        }
        return total == 0 ? 0 : between / total;
    }

    private static double sq(double v) {
        return v * v;
    }
}
