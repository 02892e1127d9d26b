package dev.knobs.tribuo.augment;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.knobs.nn.augment.Compose;
import dev.knobs.nn.augment.ImageTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Several augmentations one after the other, e.g. an elastic distortion and then an affine map:
 * {@code out = steps[n-1](... steps[0](in))}, all drawing from the same per-image generator.
 */
public final class ComposedAugmentation implements Augmentation {

    @Config(mandatory = true, description = "The augmentations, in the order they are applied.")
    private List<Augmentation> steps = new ArrayList<>();

    private Compose transform;

    private ComposedAugmentation() {}

    public ComposedAugmentation(List<Augmentation> steps) {
        this.steps = new ArrayList<>(steps);
        postConfig();
    }

    @Override
    public void postConfig() {
        if (steps == null || steps.isEmpty()) {
            throw new PropertyException("", "steps", "needs at least one augmentation");
        }
        transform = new Compose(steps.stream().map(Augmentation::transform).toArray(ImageTransform[]::new));
    }

    @Override
    public ImageTransform transform() {
        return transform;
    }

    @Override
    public String toString() {
        return steps.stream().map(Object::toString).reduce((a, b) -> a + " then " + b).orElse("none");
    }
}
