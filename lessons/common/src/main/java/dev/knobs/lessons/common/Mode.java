package dev.knobs.lessons.common;

import java.util.Locale;

/**
 * How big a lesson run is.
 *
 * <ul>
 *   <li>{@code SMOKE}: a few hundred to a few thousand examples and an epoch or two, seconds;
 *       what the tests run to check that everything is wired up.</li>
 *   <li>{@code STANDARD}: the default; the numbers in the lesson README. Minutes.</li>
 *   <li>{@code FULL}: more epochs and wider sweeps, the numbers an instructor would quote.</li>
 * </ul>
 */
public enum Mode {
    SMOKE, STANDARD, FULL;

    /** Parses {@code smoke}, {@code standard} or {@code full}, with a message listing them otherwise. */
    public static Mode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UsageException("--mode must be smoke, standard or full, got '" + text + "'");
        }
    }

    /** Picks the value for this mode. */
    public <T> T pick(T smoke, T standard, T full) {
        return switch (this) {
            case SMOKE -> smoke;
            case STANDARD -> standard;
            case FULL -> full;
        };
    }

    /** {@link #pick(Object, Object, Object)} for whole numbers. */
    public int pick(int smoke, int standard, int full) {
        return switch (this) {
            case SMOKE -> smoke;
            case STANDARD -> standard;
            case FULL -> full;
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
