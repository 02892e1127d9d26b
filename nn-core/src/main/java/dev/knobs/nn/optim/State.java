package dev.knobs.nn.optim;

import dev.knobs.nn.layer.Parameter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Per-parameter buffers of an optimiser (velocities, squared-gradient averages), zero at first. */
final class State {
    private final Map<Parameter, float[]> buffers = new IdentityHashMap<>();

    /** The buffer for {@code p}, created filled with zeros on first use. */
    float[] of(Parameter p) {
        return buffers.computeIfAbsent(p, q -> new float[q.size()]);
    }

    /** Copies of the buffers of {@code parameters}, in order, for a checkpoint (zeros for one never stepped). */
    List<float[]> copies(List<Parameter> parameters) {
        List<float[]> copies = new ArrayList<>();
        for (Parameter p : parameters) {
            copies.add(of(p).clone());
        }
        return copies;
    }

    /** The whole memory of an optimiser whose only state is this one buffer per parameter (no step count). */
    Memory memory(List<Parameter> parameters) {
        return new Memory(0, copies(parameters));
    }

    /** Sets this state from {@link #memory}'s record. */
    void restore(List<Parameter> parameters, Memory saved) {
        restore(parameters, saved.buffers(), 0);
    }

    /**
     * Sets the buffers of {@code parameters} from {@code saved}, starting at {@code saved[from]}.
     *
     * @return the index after the last buffer read
     */
    int restore(List<Parameter> parameters, List<float[]> saved, int from) {
        int i = from;
        for (Parameter p : parameters) {
            float[] s = i < saved.size() ? saved.get(i) : null;
            if (s == null || s.length != p.size()) {
                throw new IllegalArgumentException("the saved optimiser state does not fit parameter " + p.name() + " ("
                        + p.size() + " weights)");
            }
            System.arraycopy(s, 0, of(p), 0, s.length);
            i++;
        }
        return i;
    }
}
