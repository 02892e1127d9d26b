package dev.knobs.nn.augment;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Several transforms one after the other: {@code out = t_n(... t_2(t_1(in)))}, e.g. an elastic
 * distortion followed by a random affine map. All of them draw from the same generator, in order,
 * so the result is as deterministic as each part.
 *
 * <p>Intermediate images live in two per-thread scratch buffers that the steps write in turn
 * ({@code src -> A -> B -> A -> ... -> dst}); nothing is allocated per image.
 */
public final class Compose implements ImageTransform {
    private final List<ImageTransform> steps;
    private final ThreadLocal<float[][]> scratch = new ThreadLocal<>();

    /** @param steps the transforms in the order they are applied; at least one, none null */
    public Compose(ImageTransform... steps) {
        if (steps == null || steps.length == 0) {
            throw new IllegalArgumentException("Compose needs at least one transform (use new Identity() for none)");
        }
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] == null) {
                throw new IllegalArgumentException("transform " + i + " of Compose is null: pass only real transforms");
            }
        }
        this.steps = List.of(steps);
    }

    /** The transforms in order. */
    public List<ImageTransform> steps() {
        return steps;
    }

    /** Applies every step in order; {@code src} is not modified, {@code dst} is overwritten. */
    @Override
    public void apply(float[] src, int srcOff, float[] dst, int dstOff, int height, int width, SplittableRandom random) {
        ImageChecks.image("src", src, srcOff, height, width);
        ImageChecks.image("dst", dst, dstOff, height, width);
        int n = steps.size();
        if (n == 1) {
            steps.get(0).apply(src, srcOff, dst, dstOff, height, width, random);
            return;
        }
        float[][] buffers = buffers(height * width);
        float[] in = src;
        int inOff = srcOff;
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            float[] out = last ? dst : buffers[i % 2];
            int outOff = last ? dstOff : 0;
            steps.get(i).apply(in, inOff, out, outOff, height, width, random);
            in = out;
            inOff = outOff;
        }
    }

    private float[][] buffers(int n) {
        float[][] s = scratch.get();
        if (s == null || s[0].length != n) {
            s = new float[][] {new float[n], new float[n]};
            scratch.set(s);
        }
        return s;
    }

    @Override
    public String toString() {
        return "Compose" + steps;
    }
}
