package dev.knobs.search.strategy;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One trial to run: a configuration of knobs, trained from scratch for a budget of epochs.
 *
 * @param trial  the configuration's number, from 1; the same configuration keeps its number at every rung
 * @param rung   the rung, from 1 (the smallest budget); always 1 for grid and random search
 * @param epochs the budget in epochs, or 0 for the lesson's own number of epochs
 * @param knobs  the knobs searched and their values, in the space's order
 */
public record TrialSpec(int trial, int rung, int epochs, Map<String, String> knobs) implements Serializable {
    public TrialSpec {
        knobs = new LinkedHashMap<>(knobs);
    }

    /** The run folder's name: {@code trial-007}, or {@code trial-007-rung-2} when the strategy has rungs. */
    public String folderName(boolean withRung) {
        return String.format("trial-%03d", trial) + (withRung ? "-rung-" + rung : "");
    }

    /** The knobs as a short label: {@code peak-lr=0.05 hidden=512,512}. */
    public String label() {
        return Labels.of(knobs);
    }
}
