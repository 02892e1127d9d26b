package dev.knobs.tribuo.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading the input scaling of a lesson's saved model from its metadata, as lesson 12 writes it. */
class OnnxExperimentTest {

    @Test
    void greyOver255IsReadFromTheMetadata() {
        float[][] s = OnnxExperiment.scaling(Map.of("input_scaling", "value = grey / 255, so 0.0 is background",
                "input_mean", "0", "input_std", "1"), Path.of("model.knobs"));
        assertEquals(1f / 255, s[0][0], 1e-9);
        assertEquals(0f, s[1][783]);
    }

    @Test
    void standardisationAfterScalingFoldsIntoScaleAndShift() {
        float[][] s = OnnxExperiment.scaling(Map.of("input_scaling", "grey/255", "input_mean", "0.1307", "input_std",
                "0.3081"), Path.of("model.knobs"));
        double grey = 200;
        double expected = (grey / 255 - 0.1307) / 0.3081;
        assertEquals(expected, s[0][10] * grey + s[1][10], 1e-5);
    }

    @Test
    void anUndescribedScalingIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OnnxExperiment.scaling(Map.of("input_scaling", "log"), Path.of("model.knobs")));
        assertTrue(e.getMessage().contains("grey / 255"), e.getMessage());
    }
}
