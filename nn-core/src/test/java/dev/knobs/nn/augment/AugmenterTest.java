package dev.knobs.nn.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmenterTest {
    private static final int H = 28;
    private static final int W = 28;
    private static final int F = H * W;

    private static ImageTransform both() {
        return new Compose(ElasticDistortion.mild(), RandomAffine.kerasMnist());
    }

    @Test
    void leavesTheInputBatchUntouched() {
        float[] x = TestImages.batchOfRings(37, H, W);
        float[] before = x.clone();
        float[] out = new float[x.length];
        new Augmenter(both(), 1).augment(x, 37, H, W, 0, 0, out);
        assertArrayEquals(before, x, 0f);
        assertFalse(Arrays.equals(x, out));
    }

    @Test
    void imageIOfTheBatchEqualsTheTransformWithItsOwnSeed() {
        float[] x = TestImages.batchOfRings(20, H, W);
        float[] out = new float[x.length];
        ImageTransform t = both();
        new Augmenter(t, 5).augment(x, 20, H, W, 3, 7, out);
        long stepSeed = Seeds.mix(5, 3, 7);
        for (int i = 0; i < 20; i++) {
            float[] one = new float[F];
            t.apply(x, i * F, one, 0, H, W, new SplittableRandom(Seeds.fold(stepSeed, i)));
            assertArrayEquals(one, Arrays.copyOfRange(out, i * F, (i + 1) * F), 0f, "image " + i);
        }
    }

    @Test
    void sameResultOnOneAndThreeThreads() {
        int batch = 128;
        float[] x = TestImages.batchOfRings(batch, H, W);
        for (ImageTransform t : new ImageTransform[] {RandomAffine.kerasMnist(), ElasticDistortion.simard2003(), both()}) {
            float[] one = new float[x.length];
            Compute.of(1).run(() -> new Augmenter(t, 9).augment(x, batch, H, W, 2, 11, one));
            float[] three = new float[x.length];
            Compute.of(3).run(() -> new Augmenter(t, 9).augment(x, batch, H, W, 2, 11, three));
            assertArrayEquals(one, three, 0f, t.toString());
        }
    }

    @Test
    void sameSeedSameBatchAndAnyChangeOfSeedEpochOrStepChangesIt() {
        int batch = 16;
        float[] x = TestImages.batchOfRings(batch, H, W);
        float[] a = run(x, batch, 1, 0, 0);
        assertArrayEquals(a, run(x, batch, 1, 0, 0), 0f);
        assertFalse(Arrays.equals(a, run(x, batch, 2, 0, 0)), "other seed");
        assertFalse(Arrays.equals(a, run(x, batch, 1, 1, 0)), "other epoch");
        assertFalse(Arrays.equals(a, run(x, batch, 1, 0, 1)), "other step");
    }

    @Test
    void imagesOfOneBatchGetDifferentTransforms() {
        // the same picture at every position must come out differently at each
        int batch = 8;
        float[] ring = TestImages.ring(H, W);
        float[] x = new float[batch * F];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(ring, 0, x, i * F, F);
        }
        float[] out = new float[x.length];
        new Augmenter(RandomAffine.kerasMnist(), 4).augment(x, batch, H, W, 0, 0, out);
        for (int i = 1; i < batch; i++) {
            assertFalse(Arrays.equals(Arrays.copyOfRange(out, 0, F), Arrays.copyOfRange(out, i * F, (i + 1) * F)),
                    "image " + i + " equals image 0");
        }
    }

    @Test
    void badArgumentsAreRejected() {
        Augmenter aug = new Augmenter(new Identity(), 0);
        float[] x = new float[2 * F];
        RandomAffineTest.assertMessage(() -> aug.augment(x, 2, H, W, 0, 0, x), "same array");
        RandomAffineTest.assertMessage(() -> aug.augment(x, 3, H, W, 0, 0, new float[3 * F]),
                "need 2352 floats", "x has 1568");
        RandomAffineTest.assertMessage(() -> aug.augment(x, -1, H, W, 0, 0, new float[F]), "batch = -1");
        RandomAffineTest.assertMessage(() -> new Augmenter(null, 0), "needs a transform");
    }

    private static float[] run(float[] x, int batch, long seed, int epoch, int step) {
        float[] out = new float[x.length];
        new Augmenter(both(), seed).augment(x, batch, H, W, epoch, step, out);
        return out;
    }
}
