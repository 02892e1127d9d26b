package dev.knobs.search;

/** Durations as people read them: {@code 4:05}, or {@code 1:02:03} past an hour (as the progress bars print them). */
public final class Clock {
    private Clock() {}

    public static String of(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60,
                s % 60);
    }
}
