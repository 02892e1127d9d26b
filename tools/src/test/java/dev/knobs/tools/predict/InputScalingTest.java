package dev.knobs.tools.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.tools.ToolException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InputScalingTest {
    private static final Path FILE = Path.of("model.knobs");

    @Test
    void lesson12sMetadataSaysGreyOver255() {
        InputScaling s = InputScaling.fromMetadata(Map.of("input_scaling",
                "value = grey / 255, so 0.0 is background (black) and 1.0 full ink (white), as in MNIST",
                "input_mean", "0", "input_std", "1"), FILE);
        assertEquals(255, s.scale());
        assertFalse(s.assumed());
        assertEquals("x = grey / 255 (from the model file's metadata)", s.describe());
        int[] grey = new int[784];
        grey[0] = 255;
        grey[1] = 51;
        float[] x = s.apply(grey);
        assertEquals(1f, x[0]);
        assertEquals(0.2f, x[1], 1e-6f);
        assertEquals(0f, x[2]);
    }

    @Test
    void theSitesKeysAreReadToo() {
        assertEquals(255, InputScaling.fromMetadata(Map.of("input.scale", "255"), FILE).scale());
        assertEquals(255, InputScaling.fromMetadata(Map.of("input.scale", "1/255"), FILE).scale());
        assertEquals(255, InputScaling.fromMetadata(Map.of("scale", "0.00392156862745098"), FILE).scale(), 1e-9);
        InputScaling standardised = InputScaling.fromMetadata(Map.of("input.scale", "255", "input.mean", "0.1307",
                "input.std", "0.3081"), FILE);
        assertEquals("x = (grey / 255 - 0.1307) / 0.3081 (from the model file's metadata)", standardised.describe());
        int[] grey = new int[784];
        assertEquals(-0.1307 / 0.3081, standardised.apply(grey)[5], 1e-6);
    }

    @Test
    void aPerPixelMeanIsAListOf784() {
        String list = IntStream.range(0, 784).mapToObj(i -> i == 3 ? "0.5" : "0").collect(Collectors.joining(",", "[", "]"));
        InputScaling s = InputScaling.fromMetadata(Map.of("input_mean", list), FILE);
        assertEquals(0.5, s.mean()[3]);
        assertTrue(s.describe().contains("per pixel"), s.describe());
        ToolException e = assertThrows(ToolException.class,
                () -> InputScaling.fromMetadata(Map.of("input_mean", "[1, 2, 3]"), FILE));
        assertTrue(e.getMessage().contains("3 values"), e.getMessage());
    }

    @Test
    void noMetadataMeansTheLessonsScalingAndSaysSo() {
        InputScaling s = InputScaling.fromMetadata(Map.of("seed", "7"), FILE);
        assertEquals(255, s.scale());
        assertTrue(s.assumed());
        assertTrue(s.describe().contains("assumed"), s.describe());
        assertArrayEquals(new double[784], s.mean());
        assertTrue(Arrays.stream(s.std()).allMatch(v -> v == 1));
    }

    @Test
    void aScalingThisToolCannotFollowIsRefused() {
        ToolException e = assertThrows(ToolException.class,
                () -> InputScaling.fromMetadata(Map.of("input_scaling", "log(1 + grey)"), FILE));
        assertTrue(e.getMessage().contains("model.knobs") && e.getMessage().contains("log(1 + grey)"), e.getMessage());
        assertThrows(ToolException.class, () -> InputScaling.fromMetadata(Map.of("input.scale", "big"), FILE));
        assertThrows(ToolException.class, () -> InputScaling.fromMetadata(Map.of("input.std", "0"), FILE));
    }
}
