package dev.knobs.search.space;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A number between {@code lo} and {@code hi}, every stretch of the same length as likely:
 * {@code uniform(0,0.5)}. For rates and strengths whose effect grows evenly with the value.
 */
public record Uniform(double lo, double hi) implements Distribution {
    public Uniform {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("uniform(" + Numbers.text(lo) + "," + Numbers.text(hi)
                    + "): the low end must be below the high end");
        }
    }

    @Override
    public String sample(SplittableRandom random, boolean whole) {
        return Numbers.rounded(lo + random.nextDouble() * (hi - lo), lo, hi, whole);
    }

    @Override
    public List<String> grid(int points, boolean whole) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            String v = Numbers.rounded(points == 1 ? (lo + hi) / 2 : lo + i * (hi - lo) / (points - 1), lo, hi, whole);
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public List<String> extremes(boolean whole) {
        return List.of(Numbers.rounded(lo, lo, hi, whole), Numbers.rounded(hi, lo, hi, whole));
    }

    @Override
    public String text() {
        return "uniform(" + Numbers.text(lo) + "," + Numbers.text(hi) + ")";
    }
}
