package dev.knobs.lessons.common;

/**
 * How the lessons write an accuracy: a fraction as a percentage with two decimals, the precision
 * at which one of the 10,000 MNIST test images shows ({@code 0.9683} is {@code "96.83%"}, and one
 * more right answer is {@code "96.84%"}).
 */
public final class Percent {
    private Percent() {}

    /** {@code fraction} times 100 with two decimals and a percent sign, e.g. {@code 0.9683 -> "96.83%"}. */
    public static String pct(double fraction) {
        return String.format("%.2f%%", 100 * fraction);
    }
}
