package dev.knobs.tribuo.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableFeatureMap;
import org.tribuo.classification.Label;

/** Feature names to pixels and back, on a 2x3 image and on MNIST's naming. */
class PixelLayoutTest {

    private static ImmutableFeatureMap features(String... names) {
        MutableFeatureMap map = new MutableFeatureMap();
        for (String n : names) {
            map.add(n, 1.0);
        }
        return new ImmutableFeatureMap(map);
    }

    @Test
    void idxNamesArePixelIndicesPaddedToTheWidthOfThePixelCount() {
        assertEquals("005", PixelLayout.featureName(5, 784));
        assertEquals("783", PixelLayout.featureName(783, 784));
        assertEquals(784, PixelLayout.allPixelNames(28, 28).size());
        assertEquals(412, PixelLayout.allPixelNames(28, 28).get("412"));
    }

    @Test
    void featuresGoToTheirPixelsAndBack() {
        // A 2x3 image whose feature map knows pixels 1, 2 and 5 (ids 0, 1, 2 in name order).
        PixelLayout layout = PixelLayout.of(features("5", "1", "2"), 2, 3);
        assertEquals(3, layout.features());
        assertEquals(6, layout.pixels());
        float[] x = {10, 20, 50, 11, 21, 51};                    // two examples  [2, 3]
        float[] images = new float[12];
        layout.toImages(x, 2, images);
        assertArrayEquals(new float[] {0, 10, 20, 0, 0, 50, 0, 11, 21, 0, 0, 51}, images);
        float[] back = new float[6];
        layout.fromImages(images, 2, back);
        assertArrayEquals(x, back);
    }

    @Test
    void aFeatureThatIsNoPixelIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PixelLayout.of(features("1", "colour"), 2, 3));
        assertTrue(e.getMessage().contains("'colour'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PixelLayout.of(features("1", "6"), 2, 3));
        assertTrue(e.getMessage().contains("'6'") && e.getMessage().contains("2x3"), e.getMessage());
    }

    @Test
    void labelsAreReadInNumericOrder() {
        org.tribuo.MutableOutputInfo<Label> info = new org.tribuo.classification.LabelFactory().generateInfo();
        for (String l : new String[] {"5", "0", "10", "2"}) {
            info.observe(new Label(l));
        }
        assertEquals(List.of("0", "2", "5", "10"), LabelOrder.of(info.generateImmutableOutputInfo()).stream()
                .map(Label::getLabel).toList());
    }
}
