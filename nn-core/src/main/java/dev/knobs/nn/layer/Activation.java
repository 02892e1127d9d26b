package dev.knobs.nn.layer;

import java.util.List;
import java.util.Map;

/**
 * A layer that applies the same function to every number on its own: {@code y = f(x)}, so
 * {@code dx = dy ⊙ f'(x)}. It has no parameters and keeps the width unchanged.
 */
public interface Activation extends Layer {

    @Override
    default int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    default List<Parameter> parameters() {
        return List.of();
    }

    @Override
    default Map<String, Object> settings() {
        return Map.of();
    }
}
