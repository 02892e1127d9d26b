package dev.knobs.site.digit;

/**
 * IEEE 754 half precision (16-bit) floats: 1 sign bit, 5 exponent bits, 10 mantissa bits.
 * Used to halve the size of large exported models; a weight keeps about 3 significant digits
 * (relative error at most 2⁻¹¹ ≈ 0.05%), far below what changes a prediction.
 */
public final class Half {
    private Half() {}

    /** The half-precision bits nearest to {@code value} (round half to even; overflow gives infinity). */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (mantissa != 0 ? 0x200 : 0));    // NaN or infinity
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);                                   // too large: infinity
        }
        if (e <= 0) {
            if (e < -10) {
                return (short) sign;                                          // too small: zero
            }
            int m = mantissa | 0x800000;                                      // subnormal half
            int shift = 14 - e;
            int half = m >>> shift;
            int rest = m & ((1 << shift) - 1);
            int midpoint = 1 << (shift - 1);
            if (rest > midpoint || (rest == midpoint && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mantissa >>> 13);
        int rest = mantissa & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half++;                                                           // may carry into the exponent: still right
        }
        return (short) (sign | half);
    }

    /** The float value of half-precision {@code bits}. */
    public static float toFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            float v = mantissa * 0x1p-24f;                                    // zero or subnormal
            return sign != 0 ? -v : v;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }
}
