package dev.knobs.nn.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomAffineTest {

    @Test
    void allRangesZeroLeaveImagesUnchanged() {
        float[] img = TestImages.random(28 * 28, -1f, 5f, 11);
        RandomAffine none = new RandomAffine(0, 0, 0, 0, 0f);
        for (long seed = 0; seed < 5; seed++) {
            assertArrayEquals(img, none.applyToCopy(img, 28, 28, seed), 1e-6f);
        }
    }

    @Test
    void drawnParametersStayInsideTheirRanges() {
        // shift only: the map is a pure translation with |tx|, |ty| <= 2
        RandomAffine shift = RandomAffine.shiftOnly(2);
        SplittableRandom rnd = new SplittableRandom(12);
        for (int i = 0; i < 1000; i++) {
            AffineMatrix m = shift.draw(28, 28, rnd);
            assertEquals(1, m.a(), 0);
            assertEquals(0, m.b(), 0);
            assertTrue(Math.abs(m.c()) <= 2 && Math.abs(m.f()) <= 2, m.toString());
        }
        // rotation only: the map keeps the centre and its angle is at most 15 degrees
        RandomAffine rot = RandomAffine.rotationOnly(15);
        double largest = 0;
        for (int i = 0; i < 1000; i++) {
            AffineMatrix m = rot.draw(28, 28, rnd);
            assertEquals(13.5, m.mapX(13.5, 13.5), 1e-9);
            assertEquals(13.5, m.mapY(13.5, 13.5), 1e-9);
            double degrees = Math.toDegrees(Math.atan2(-m.d(), m.a()));
            largest = Math.max(largest, Math.abs(degrees));
        }
        assertTrue(largest <= 15 + 1e-9 && largest > 14, "largest drawn angle " + largest);
    }

    @Test
    void outputStaysInsideTheInputRangeWhenFillIsInside() {
        float[] img = TestImages.ring(28, 28);
        RandomAffine aug = new RandomAffine(20, 3, 0.2, 15, 0f);
        for (long seed = 0; seed < 50; seed++) {
            for (float v : aug.applyToCopy(img, 28, 28, seed)) {
                assertTrue(v >= 0f && v <= 1f, "value " + v);
            }
        }
    }

    @Test
    void sameSeedSameImageDifferentSeedDifferentImage() {
        float[] img = TestImages.ring(28, 28);
        RandomAffine aug = RandomAffine.kerasMnist();
        float[] a = aug.applyToCopy(img, 28, 28, 42);
        float[] b = aug.applyToCopy(img, 28, 28, 42);
        float[] c = aug.applyToCopy(img, 28, 28, 43);
        assertArrayEquals(a, b, 0f);
        assertFalse(Arrays.equals(a, c));
    }

    @Test
    void srcIsNotModified() {
        float[] img = TestImages.ring(28, 28);
        float[] copy = img.clone();
        RandomAffine.kerasMnist().applyToCopy(img, 28, 28, 1);
        assertArrayEquals(copy, img, 0f);
    }

    @Test
    void badParametersAreRejectedWithTheValueAndTheAllowedRange() {
        assertMessage(() -> new RandomAffine(-5, 0, 0, 0, 0f), "maxDegrees = -5.0", "0 to 180");
        assertMessage(() -> new RandomAffine(Double.NaN, 0, 0, 0, 0f), "maxDegrees = NaN", "0 to 180");
        assertMessage(() -> new RandomAffine(0, -1, 0, 0, 0f), "maxShiftPixels = -1.0", ">= 0");
        assertMessage(() -> new RandomAffine(0, Double.POSITIVE_INFINITY, 0, 0, 0f), "maxShiftPixels = Infinity", ">= 0");
        assertMessage(() -> new RandomAffine(0, 0, 1, 0, 0f), "maxZoom = 1.0", "[0, 1)");
        assertMessage(() -> new RandomAffine(0, 0, -0.1, 0, 0f), "maxZoom = -0.1", "[0, 1)");
        assertMessage(() -> new RandomAffine(0, 0, 0, 85, 0f), "maxShearDegrees = 85.0", "0 to 80");
        assertMessage(() -> new RandomAffine(0, 0, 0, 0, Float.NaN), "fill = NaN", "finite");
    }

    @Test
    void tooSmallArraysAreRejectedWithTheSizes() {
        RandomAffine aug = RandomAffine.shiftOnly(1);
        assertMessage(() -> aug.apply(new float[10], 0, new float[16], 0, 4, 4, new SplittableRandom(1)),
                "src has 10 floats", "4x4");
        assertMessage(() -> aug.apply(new float[16], 0, new float[16], 1, 4, 4, new SplittableRandom(1)),
                "dst has 16 floats", "index 1");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void anotherResamplerGetsTheSameDrawnMapsAndFill() {
        float[] img = TestImages.ring(28, 28);
        RandomAffine affine = new RandomAffine(10, 2, 0.1, 5, 0.25f);
        float[] expected = new float[img.length];
        affine.apply(img, 0, expected, 0, 28, 28, new SplittableRandom(3));
        List<AffineMatrix> maps = new ArrayList<>();
        RandomAffine fixed = affine.resampledBy((forward, fill) -> {
            maps.add(forward);
            assertEquals(0.25f, fill);
            return new FixedAffine(forward, fill);
        });
        float[] got = new float[img.length];
        SplittableRandom random = new SplittableRandom(3);
        fixed.apply(img, 0, got, 0, 28, 28, random);
        assertArrayEquals(expected, got, 0f, "FixedAffine resamples exactly as RandomAffine does");
        AffineMatrix drawn = affine.draw(28, 28, new SplittableRandom(3));
        assertEquals(1, maps.size());
        assertEquals(drawn.a(), maps.get(0).a(), 0);
        assertEquals(drawn.f(), maps.get(0).f(), 0);
        SplittableRandom afterDraw = new SplittableRandom(3);
        affine.draw(28, 28, afterDraw);
        assertEquals(afterDraw.nextLong(), random.nextLong(), "only the five draws of the map are used");
    }
}
