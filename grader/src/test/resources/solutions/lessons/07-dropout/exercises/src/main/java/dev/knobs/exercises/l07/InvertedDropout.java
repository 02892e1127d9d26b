package dev.knobs.exercises.l07;

import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Parameter;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The reference solution of exercise 07.1: nn-core's Dropout. */
public final class InvertedDropout implements Layer {
    private final Dropout dropout;

    public InvertedDropout(float rate, SplittableRandom rng) { dropout = new Dropout(rate, rng); }

    @Override public float[] forward(float[] x, int batch, boolean training) { return dropout.forward(x, batch, training); }
    @Override public float[] backward(float[] dy, int batch, boolean inputGradient) { return dropout.backward(dy, batch, inputGradient); }
    @Override public int outputWidth(int inputWidth) { return inputWidth; }
    @Override public List<Parameter> parameters() { return List.of(); }
    @Override public String type() { return "dropout"; }
    @Override public Map<String, Object> settings() { return dropout.settings(); }
    @Override public Layer copy() { return dropout.copy(); }
}
