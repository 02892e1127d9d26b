package dev.knobs.lessons.common;

import java.util.List;

/**
 * Small pieces of English the lessons' headlines, captions and alt texts share, so that every
 * lesson writes "1 epoch" and "a, b and c" the same way.
 */
public final class Words {
    private Words() {}

    /** A count with its unit, singular for one: {@code count(1, "epoch")} is "1 epoch", {@code count(5, "run")} "5 runs". */
    public static String count(int n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** "1 epoch", "50 epochs". */
    public static String epochs(int n) {
        return count(n, "epoch");
    }

    /** The items as a sentence lists them: "", "a", "a and b", "a, b and c". */
    public static String and(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
