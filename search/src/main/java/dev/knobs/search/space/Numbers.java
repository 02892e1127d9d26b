package dev.knobs.search.space;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers drawn from a space, written the way a person would type them. */
final class Numbers {
    /** Significant digits kept in a drawn number: enough to tell trials apart, few enough to read. */
    static final int DIGITS = 4;

    private Numbers() {}

    /**
     * {@code v} as text: rounded to a whole number for a whole-number knob, else to {@value #DIGITS}
     * significant digits, unless that would fall outside {@code [lo, hi]}.
     */
    static String rounded(double v, double lo, double hi, boolean whole) {
        if (whole) {
            long r = Math.round(v);
            return Long.toString(Math.max((long) Math.ceil(lo), Math.min((long) Math.floor(hi), r)));
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN));
        double back = r.doubleValue();
        if (back < lo || back > hi) {
            r = new BigDecimal(Double.toString(v));
        }
        return r.stripTrailingZeros().toPlainString();
    }

    /** A number as written in a space, e.g. {@code 0.05} or {@code 10}. */
    static String text(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
