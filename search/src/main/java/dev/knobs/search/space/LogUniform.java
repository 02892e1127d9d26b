package dev.knobs.search.space;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A positive number between {@code lo} and {@code hi} whose logarithm is uniform: {@code log(0.01,0.5)}.
 * Each factor of ten is as likely as any other, which suits knobs whose effect depends on their
 * order of magnitude, such as a learning rate: 0.01 to 0.02 matters as much as 0.1 to 0.2
 * (Bergstra and Bengio 2012, section 2.2).
 */
public record LogUniform(double lo, double hi) implements Distribution {
    public LogUniform {
        if (!(lo > 0 && lo < hi)) {
            throw new IllegalArgumentException("log(" + Numbers.text(lo) + "," + Numbers.text(hi)
                    + "): the ends must be positive and the low end below the high end");
        }
    }

    @Override
    public String sample(SplittableRandom random, boolean whole) {
        return Numbers.rounded(lo * Math.exp(random.nextDouble() * Math.log(hi / lo)), lo, hi, whole);
    }

    @Override
    public List<String> grid(int points, boolean whole) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            double v = points == 1 ? Math.sqrt(lo * hi) : lo * Math.pow(hi / lo, (double) i / (points - 1));
            String s = Numbers.rounded(v, lo, hi, whole);
            if (!out.contains(s)) {
                out.add(s);
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
        return "log(" + Numbers.text(lo) + "," + Numbers.text(hi) + ")";
    }
}
