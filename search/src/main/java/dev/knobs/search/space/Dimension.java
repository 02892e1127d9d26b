package dev.knobs.search.space;

/**
 * One knob of a space and where its values come from.
 *
 * @param knob         the knob's name, as its flag without dashes, e.g. {@code peak-lr}
 * @param distribution where its values are drawn from
 * @param whole        true when the knob takes whole numbers, so drawn numbers are rounded
 */
public record Dimension(String knob, Distribution distribution, boolean whole) {
    /** As written in a space: {@code peak-lr=log(0.02,0.3)}. */
    public String text() {
        return knob + "=" + distribution.text();
    }

    /**
     * Where {@code value} lies along this dimension, for plots: the number itself for numbers
     * (its logarithm for {@code log}), the choice's position for a choice.
     */
    public double position(String value) {
        if (distribution instanceof Choice c) {
            return c.indexOf(value);
        }
        double v = Double.parseDouble(value);
        return distribution instanceof LogUniform ? Math.log10(v) : v;
    }
}
