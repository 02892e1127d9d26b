package dev.knobs.site.digit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfTest {
    @Test
    void knownBitPatterns() {
        assertEquals((short) 0x3c00, Half.fromFloat(1f));
        assertEquals((short) 0xc000, Half.fromFloat(-2f));
        assertEquals((short) 0x3555, Half.fromFloat(1f / 3));          // 0.333251953125, the nearest half
        assertEquals((short) 0x7bff, Half.fromFloat(65504f));          // the largest half
        assertEquals((short) 0x7c00, Half.fromFloat(1e6f));            // overflow to infinity
        assertEquals((short) 0x0001, Half.fromFloat(0x1p-24f));        // the smallest subnormal
        assertEquals((short) 0x0000, Half.fromFloat(1e-10f));
        assertEquals(0.333251953125f, Half.toFloat((short) 0x3555));
        assertEquals(Float.POSITIVE_INFINITY, Half.toFloat((short) 0x7c00));
        assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN))));
    }

    @Test
    void roundsHalfToEven() {
        assertEquals((short) 0x3c00, Half.fromFloat(1f + 0x1p-11f));     // halfway between 1 and the next half: even wins
        assertEquals((short) 0x3c02, Half.fromFloat(1f + 3 * 0x1p-11f)); // halfway above an odd mantissa: rounds up
    }

    @Test
    void roundTripErrorIsWithinHalfAnUlp() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            float w = (float) (rng.nextGaussian() * 0.1);
            float back = Half.toFloat(Half.fromFloat(w));
            assertTrue(Math.abs(back - w) <= Math.max(Math.abs(w) * 0x1p-11f, 0x1p-25f), w + " -> " + back);
        }
    }
}
