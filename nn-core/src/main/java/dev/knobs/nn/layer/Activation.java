package dev.knobs.nn.layer;

import java.util.List;
import java.util.Map;

/**
 * A layer that applies the same function to every number on its own, the base of
 * {@link ReLU}, {@link LeakyReLU}, {@link Sigmoid} and {@link Tanh}:
 *
 * <pre>
 * forward:   y = f(x)             element by element, same shape as x
 * backward:  dx = dy ⊙ f'(x)      the chain rule, element by element
 * </pre>
 *
 * <p>A subclass says only what {@code f} and {@code f'} are, as two kernels; this class keeps the
 * last input and output (many derivatives are cheapest from the output: the sigmoid's is
 * {@code y(1-y)}), owns the buffers, and has no parameters and no settings.
 */
public abstract class Activation implements Layer {
    private float[] x;      // the last input
    private float[] y;      // output buffer       [batch, width]
    private float[] dx;     // input-gradient buffer [batch, width]
    private boolean pending; // y not computed yet (see adopt)

    /** {@code y = f(x)} for the first {@code n} elements. Modifies only {@code y}. */
    protected abstract void apply(int n, float[] x, float[] y);

    /**
     * {@code dx = dy ⊙ f'(x)} for the first {@code n} elements, given the last forward pass's
     * input {@code x} and output {@code y}. Modifies only {@code dx}.
     */
    protected abstract void derivative(int n, float[] x, float[] y, float[] dy, float[] dx);

    @Override
    public final float[] forward(float[] x, int batch, boolean training) {
        adopt(x, false);
        apply(x.length, x, y);
        return y;
    }

    /**
     * Takes {@code x} as the last input without computing anything; returns the output buffer, for
     * a fused pass to fill, or with {@code later} true to be filled from {@code x} when the output
     * is asked for ({@link #output}, {@link #backward}): for a fused pass that does not need it.
     */
    final float[] adopt(float[] x, boolean later) {
        this.x = x;
        y = Buffers.fit(y, x.length);
        pending = later;
        return y;
    }

    /** The last output (computed now if it was left for later), for a fused backward pass or a caller that inspects it. */
    final float[] output() {
        if (pending) {
            apply(x.length, x, y);
            pending = false;
        }
        return y;
    }

    final float[] gradientBuffer(int n) {
        dx = Buffers.fit(dx, n);
        return dx;
    }

    @Override
    public final float[] backward(float[] dy, int batch, boolean inputGradient) {
        if (!inputGradient) {
            return null;
        }
        output();
        dx = Buffers.fit(dx, y.length);
        derivative(y.length, x, y, dy, dx);
        return dx;
    }

    @Override
    public final int outputWidth(int inputWidth) {
        return inputWidth;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of();
    }
}
