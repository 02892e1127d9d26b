package dev.knobs.search.strategy;

import java.util.Map;
import java.util.stream.Collectors;

/** Knob values as one short line, {@code peak-lr=0.05 hidden=512,512}, the way they would be typed. */
public final class Labels {
    private Labels() {}

    public static String of(Map<String, String> knobs) {
        return knobs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().replace(" ", ""))
                .collect(Collectors.joining(" "));
    }
}
