package dev.knobs.search.space;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One of a few values, each as likely: {@code choice(0.1,0.2,0.5)}, or for a knob whose value is
 * itself a list, {@code choice(512,512 | 1024,1024)}.
 *
 * @param values the values, in the knob's syntax
 * @param separator what separates them in the space: {@code ","} or, for list-valued knobs, {@code " | "}
 */
public record Choice(List<String> values, String separator) implements Distribution {
    public Choice {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("choice() needs at least one value");
        }
    }

    @Override
    public String sample(SplittableRandom random, boolean whole) {
        return values.get(random.nextInt(values.size()));
    }

    @Override
    public List<String> grid(int points, boolean whole) {
        return values;
    }

    @Override
    public List<String> extremes(boolean whole) {
        return values;
    }

    @Override
    public String text() {
        return "choice(" + String.join(separator, values) + ")";
    }

    /** The position of a value among the choices (for plots), or -1. */
    public int indexOf(String value) {
        return values.indexOf(value);
    }
}
