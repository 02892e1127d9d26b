package dev.knobs.search.space;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A search space: for each knob searched, where its values come from. The other knobs keep the
 * lesson's defaults.
 *
 * <pre>
 *   peak-lr=log(0.02,0.3) hidden-dropout=uniform(0,0.5) hidden=choice(512,512 | 1024,1024)
 * </pre>
 *
 * @param dimensions the knobs searched, in the order written
 */
public record Space(List<Dimension> dimensions) {
    public Space {
        dimensions = List.copyOf(dimensions);
    }

    /** The knobs searched. */
    public List<String> knobs() {
        return dimensions.stream().map(Dimension::knob).toList();
    }

    /** The dimension of a knob. */
    public Dimension dimension(String knob) {
        return dimensions.stream().filter(d -> d.knob().equals(knob)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the space has no knob " + knob));
    }

    /** One configuration drawn at random: each knob drawn on its own, in order, from {@code random}. */
    public Map<String, String> sample(SplittableRandom random) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Dimension d : dimensions) {
            values.put(d.knob(), d.distribution().sample(random, d.whole()));
        }
        return values;
    }

    /**
     * Every combination of the grid values of each knob ({@link Distribution#grid}), the first knob
     * changing slowest: {@code points} values per numeric knob, every value of a choice.
     */
    public List<Map<String, String>> grid(int points) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Dimension d : dimensions) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : d.distribution().grid(points, d.whole())) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(d.knob(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The number of grid points, without listing them. */
    public long gridSize(int points) {
        long n = 1;
        for (Dimension d : dimensions) {
            n *= d.distribution().grid(points, d.whole()).size();
        }
        return n;
    }

    /** As written on the command line, one knob after another. */
    public String text() {
        return String.join(" ", dimensions.stream().map(Dimension::text).toList());
    }

    @Override
    public String toString() {
        return text();
    }
}
