package dev.knobs.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfileTest {

    @AfterEach
    void switchOff() {
        Profile.enable(false);
        Profile.reset();
    }

    @Test
    void whileOffNothingIsSummed() {
        Profile.reset();
        Gemm.abt(2, 3, 4, new float[6], new float[12], new float[8]);
        assertEquals(0, Profile.nanos(Profile.Part.GEMM));
        assertTrue(Profile.products().isEmpty());
    }

    @Test
    void eachProductIsSummedUnderItsFormAndShapeInTheOrderFirstCalledAndTheyAddUpToTheGemmPart() {
        Profile.reset();
        Profile.enable(true);
        float[] w = new float[4 * 5];
        float[] v = new float[4 * 5];
        Gemm.abt(2, 3, 4, new float[6], new float[12], new float[8]);
        Gemm.atbMomentum(4, 2, 5, new float[8], new float[10], new float[20], w, v, 0.9f, 0.1f);
        Gemm.abt(2, 3, 4, new float[6], new float[12], new float[8]);
        Gemm.ab(2, 4, 3, new float[8], new float[12], new float[6]);
        Profile.enable(false);
        Gemm.ab(2, 4, 3, new float[8], new float[12], new float[6]);              // off again: not counted

        List<Profile.Product> products = Profile.products();
        assertEquals(List.of("abt 2x3x4", "atb+momentum 4x2x5", "ab 2x4x3"),
                products.stream().map(Profile.Product::label).toList());
        assertEquals(List.of(2L, 1L, 1L), products.stream().map(Profile.Product::calls).toList());
        assertEquals(2.0 * 4 * 2 * 5, products.get(1).flops());
        assertEquals(Profile.nanos(Profile.Part.GEMM), products.stream().mapToLong(Profile.Product::nanos).sum());
        assertTrue(products.stream().allMatch(p -> p.nanos() > 0));

        Profile.reset();
        assertTrue(Profile.products().isEmpty());
        assertEquals(0, Profile.nanos(Profile.Part.GEMM));
    }
}
