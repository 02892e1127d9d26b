package dev.knobs.nn.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ComposeTest {

    @Test
    void appliesTheStepsInOrder() {
        // shift right by 1, then rotate by 90 degrees, equals doing the two by hand in that order
        int n = 6;
        float[] img = TestImages.random(n * n, 1f, 2f, 31);
        double c = AffineMatrix.centre(n);
        FixedAffine shift = new FixedAffine(AffineMatrix.translation(1, 0), 0f);
        FixedAffine rotate = new FixedAffine(AffineMatrix.rotation(90, c, c), 0f);
        float[] byHand = rotate.applyToCopy(shift.applyToCopy(img, n, n, 0), n, n, 0);
        float[] composed = new Compose(shift, rotate).applyToCopy(img, n, n, 0);
        assertArrayEquals(byHand, composed, 0f);
        float[] otherOrder = new Compose(rotate, shift).applyToCopy(img, n, n, 0);
        assertArrayEquals(shift.applyToCopy(rotate.applyToCopy(img, n, n, 0), n, n, 0), otherOrder, 0f);
    }

    @Test
    void threeRandomStepsDrawFromOneGeneratorInOrder() {
        int n = 28;
        float[] img = TestImages.ring(n, n);
        RandomAffine a = RandomAffine.kerasMnist();
        ElasticDistortion e = ElasticDistortion.mild();
        RandomAffine b = RandomAffine.shiftOnly(1);
        SplittableRandom rnd = new SplittableRandom(32);
        float[] t1 = new float[n * n], t2 = new float[n * n], byHand = new float[n * n];
        a.apply(img, 0, t1, 0, n, n, rnd);
        e.apply(t1, 0, t2, 0, n, n, rnd);
        b.apply(t2, 0, byHand, 0, n, n, rnd);
        assertArrayEquals(byHand, new Compose(a, e, b).applyToCopy(img, n, n, 32), 0f);
    }

    @Test
    void identityCopies() {
        float[] img = TestImages.random(12, -1f, 1f, 33);
        assertArrayEquals(img, new Identity().applyToCopy(img, 3, 4, 0), 0f);
        assertArrayEquals(img, new Compose(new Identity()).applyToCopy(img, 3, 4, 0), 0f);
    }

    @Test
    void emptyOrNullStepsAreRejected() {
        RandomAffineTest.assertMessage(() -> new Compose(), "at least one transform");
        RandomAffineTest.assertMessage(() -> new Compose(new Identity(), null), "transform 1", "null");
    }
}
