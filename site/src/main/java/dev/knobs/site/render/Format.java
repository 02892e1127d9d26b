package dev.knobs.site.render;

import java.util.Locale;

/** Numbers as the pages show them. */
public final class Format {
    private Format() {}

    /** {@code 0.9683} as {@code 96.83%}. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    /** Seconds as {@code 8.3 s}, {@code 2 min 05 s} or {@code 1 h 02 min}. */
    public static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** A metric value: integers without decimals, others with 4 significant digits. */
    public static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e6) {
            return String.format(Locale.ROOT, "%.4g", v).replaceFirst("(\\.\\d*?)0+$", "$1").replaceFirst("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** An ISO-8601 instant {@code 2026-11-27T02:23:22Z} as {@code 2026-11-27 02:23 UTC}. */
    public static String date(String iso) {
        if (iso == null || iso.length() < 16) {
            return iso == null ? "unknown" : iso;
        }
        return iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC";
    }

    /**
     * A provenance dataset such as {@code mnist-train 2000/1000} as {@code 2,000 training and
     * 1,000 test images}; anything else unchanged.
     */
    public static String dataset(String d) {
        if (d == null) {
            return "a small subset of the";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\S*\\s+(\\d+)/(\\d+)$").matcher(d.trim());
        if (m.matches()) {
            return String.format(Locale.ROOT, "%,d training and %,d test", Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
        return d;
    }

    /** File sizes as {@code 118 KB} or {@code 1.4 MB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return Math.round(n / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }

    /** Grade points with at most one decimal: {@code 10}, {@code 7.5}. */
    public static String points(double p) {
        double r = Math.round(p * 10) / 10.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.format(java.util.Locale.ROOT, "%.1f", r);
    }
}
