package dev.knobs.grader.checks;

import java.util.Locale;

/** Comparisons that fail with a message naming the input, the expected value and the value that came out. */
public final class Expect {
    private Expect() {}

    /** Fails with {@code message} unless {@code condition} holds. */
    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new CheckFailure(message);
        }
    }

    /** {@code got} within {@code tolerance} (absolute, or relative to |expected| when larger) of {@code expected}. */
    public static void close(String what, double expected, double got, double tolerance) {
        if (!near(expected, got, tolerance)) {
            throw new CheckFailure(what + ": expected " + num(expected) + ", got " + num(got));
        }
    }

    /** Every element of {@code got} close to {@code expected}; the first difference is reported with its index. */
    public static void close(String what, float[] expected, float[] got, double tolerance) {
        if (got == null) {
            throw new CheckFailure(what + ": expected " + show(expected) + ", got null");
        }
        if (got.length < expected.length) {
            throw new CheckFailure(what + ": expected " + expected.length + " values, got an array of " + got.length);
        }
        for (int i = 0; i < expected.length; i++) {
            if (!near(expected[i], got[i], tolerance)) {
                throw new CheckFailure(what + ": at index " + i + " expected " + num(expected[i]) + ", got "
                        + num(got[i]) + " (expected " + show(expected) + ", got " + show(got) + ")");
            }
        }
    }

    /** Whether two numbers agree to {@code tolerance}, absolutely or relatively; NaN never agrees. */
    public static boolean near(double expected, double got, double tolerance) {
        if (Double.isNaN(got) || Double.isNaN(expected)) {
            return false;
        }
        return Math.abs(expected - got) <= tolerance * Math.max(1, Math.abs(expected));
    }

    /** A number short enough to read, e.g. {@code 0.0500000}. */
    public static String num(double v) {
        return String.format(Locale.ROOT, "%.7g", v);
    }

    /** The first few values of an array, for messages. */
    public static String show(float[] a) {
        if (a == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < Math.min(a.length, 8); i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5g", a[i]));
        }
        return s.append(a.length > 8 ? ", ... (" + a.length + " values)]" : "]").toString();
    }

    /** The first few values of an int array, for messages. */
    public static String show(int[] a) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < Math.min(a.length, 12); i++) {
            s.append(i == 0 ? "" : ", ").append(a[i]);
        }
        return s.append(a.length > 12 ? ", ... (" + a.length + " values)]" : "]").toString();
    }
}
