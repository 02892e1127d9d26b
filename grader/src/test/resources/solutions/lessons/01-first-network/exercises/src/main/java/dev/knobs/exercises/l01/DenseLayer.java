package dev.knobs.exercises.l01;

import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Parameter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The reference solution of exercise 01.1: nn-core's Dense behind the skeleton's signature. */
public final class DenseLayer implements Layer {
    private final Dense dense;

    public DenseLayer(int in, int out, Initializer init, SplittableRandom rng) {
        dense = new Dense(in, out, init, rng);
    }

    @Override public float[] forward(float[] x, int batch, boolean training) { return dense.forward(x, batch, training); }
    @Override public float[] backward(float[] dz, int batch, boolean inputGradient) { return dense.backward(dz, batch, inputGradient); }
    @Override public int outputWidth(int inputWidth) { return dense.outputWidth(inputWidth); }
    @Override public List<Parameter> parameters() { return dense.parameters(); }
    @Override public String type() { return dense.type(); }
    @Override public Map<String, Object> settings() { return dense.settings(); }
    @Override public Layer copy() { return dense.copy(); }
}
