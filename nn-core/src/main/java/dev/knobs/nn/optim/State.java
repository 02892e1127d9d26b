package dev.knobs.nn.optim;

import dev.knobs.nn.layer.Parameter;
import java.util.IdentityHashMap;
import java.util.Map;

/** Per-parameter buffers of an optimiser (velocities, squared-gradient averages), zero at first. */
final class State {
    private final Map<Parameter, float[]> buffers = new IdentityHashMap<>();

    /** The buffer for {@code p}, created filled with zeros on first use. */
    float[] of(Parameter p) {
        return buffers.computeIfAbsent(p, q -> new float[q.size()]);
    }
}
