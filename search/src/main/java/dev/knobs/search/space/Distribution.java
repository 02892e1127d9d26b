package dev.knobs.search.space;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the values of one knob are drawn from, written as in a space:
 * {@code choice(0.1,0.2,0.5)}, {@code int(1,4)}, {@code uniform(0,0.5)} or {@code log(0.01,0.5)}.
 *
 * <p>Values are text in the knob's own syntax ({@code 0.05}, {@code 512,512}), so that a sampled
 * configuration is exactly what a user would type after the knob's flag.
 */
public sealed interface Distribution permits Choice, IntRange, Uniform, LogUniform {

    /**
     * One value drawn at random.
     *
     * @param whole true when the knob takes whole numbers, so a drawn number is rounded
     */
    String sample(SplittableRandom random, boolean whole);

    /**
     * The values a grid search tries: every choice, or {@code points} evenly spaced numbers from the
     * low end to the high end (evenly spaced in the logarithm for {@code log}).
     */
    List<String> grid(int points, boolean whole);

    /** The values that must pass the knob's own check for every value drawn to pass it: the choices, or both ends. */
    List<String> extremes(boolean whole);

    /** How it is written in a space, e.g. {@code log(0.01,0.5)}. */
    String text();

    /** True when it draws numbers along an axis (so a plot can put its values on a line), false for a choice. */
    default boolean numeric() {
        return !(this instanceof Choice);
    }
}
