package dev.knobs.search.space;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A whole number from {@code lo} to {@code hi}, both included, each as likely: {@code int(1,4)}.
 */
public record IntRange(long lo, long hi) implements Distribution {
    public IntRange {
        if (lo > hi) {
            throw new IllegalArgumentException("int(" + lo + "," + hi + "): the low end must not exceed the high end");
        }
    }

    @Override
    public String sample(SplittableRandom random, boolean whole) {
        return Long.toString(lo + random.nextLong(hi - lo + 1));
    }

    /** Every number when there are at most {@code points} of them, else {@code points} evenly spaced ones. */
    @Override
    public List<String> grid(int points, boolean whole) {
        List<String> out = new ArrayList<>();
        long count = hi - lo + 1;
        if (count <= points) {
            for (long v = lo; v <= hi; v++) {
                out.add(Long.toString(v));
            }
            return out;
        }
        for (int i = 0; i < points; i++) {
            String v = Long.toString(Math.round(lo + (double) i * (hi - lo) / (points - 1)));
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public List<String> extremes(boolean whole) {
        return List.of(Long.toString(lo), Long.toString(hi));
    }

    @Override
    public String text() {
        return "int(" + lo + "," + hi + ")";
    }
}
