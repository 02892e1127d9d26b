package dev.knobs.site.digit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InputSpecTest {
    private static final int[] GREY = new int[784];

    static {
        GREY[0] = 255;
        GREY[1] = 51;
    }

    @Test
    void defaultIsGreyOver255() {
        InputSpec s = InputSpec.fromMetadata(Map.of());
        assertFalse(s.standardised());
        double[] x = s.apply(GREY);
        assertEquals(1.0, x[0], 1e-12);
        assertEquals(0.2, x[1], 1e-12);
    }

    @Test
    void globalStandardisation() {
        InputSpec s = InputSpec.fromMetadata(Map.of("input.scale", "1/255", "input.mean", "0.1307", "input.std", "0.3081"));
        assertTrue(s.standardised());
        assertEquals((1 - 0.1307) / 0.3081, s.apply(GREY)[0], 1e-12);
        assertEquals(-0.1307 / 0.3081, s.apply(GREY)[5], 1e-12);
    }

    @Test
    void perPixelListsAsJsonOrCommas() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 784; i++) {
            json.append(i == 0 ? "" : ",").append(i == 0 ? "0.5" : "0");
        }
        InputSpec s = InputSpec.fromMetadata(Map.of("mean", json + "]", "std", "2"));
        assertEquals((1 - 0.5) / 2, s.apply(GREY)[0], 1e-12);
        assertEquals(0.1, s.apply(GREY)[1], 1e-12);
    }

    @Test
    void badValuesAreExplained() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputSpec.fromMetadata(Map.of("input.std", "0")))
                .getMessage().contains("positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputSpec.fromMetadata(Map.of("input.mean", "[1,2,3]")))
                .getMessage().contains("3 values"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputSpec.fromMetadata(Map.of("input.mean", "abc")))
                .getMessage().contains("not a number"));
    }
}
