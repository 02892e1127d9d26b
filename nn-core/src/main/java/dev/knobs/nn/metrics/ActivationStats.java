package dev.knobs.nn.metrics;

import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Sequential;
import java.util.ArrayList;
import java.util.List;

/**
 * Statistics of what each layer output in the last forward pass: how healthy the signal is.
 *
 * <p>Read them layer by layer. A standard deviation that shrinks toward 0 with depth means the
 * signal is vanishing (weights too small); one that grows means it is exploding. For ReLU layers,
 * {@code fractionZero} near 0.5 is normal, and {@code deadFraction} counts units that were 0 for
 * every example of the batch: they get no gradient and may never recover. For sigmoid and tanh,
 * {@code saturatedFraction} counts outputs in the flat tails where the slope is almost 0.
 *
 * @param layer             1-based position in the network
 * @param name              the layer, e.g. {@code ReLU}
 * @param mean              mean output
 * @param std               standard deviation of the outputs
 * @param fractionZero      fraction of outputs exactly 0
 * @param deadFraction      fraction of units that output 0 for every example
 * @param saturatedFraction fraction of outputs with slope below 0.01 (sigmoid, tanh); 0 otherwise
 */
public record ActivationStats(int layer, String name, double mean, double std, double fractionZero,
                              double deadFraction, double saturatedFraction) {

    /** Statistics of every layer's output from the model's last forward pass of {@code batch} rows. */
    public static List<ActivationStats> of(Sequential model, int batch) {
        List<ActivationStats> out = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            out.add(measure(i + 1, layer.toString(), layer.type(), model.lastOutput(i), batch, model.widthAfter(i)));
        }
        return out;
    }

    static ActivationStats measure(int index, String name, String type, float[] y, int batch, int width) {
        double sum = 0;
        double sumSq = 0;
        long zeros = 0;
        long saturated = 0;
        boolean[] alive = new boolean[width];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < width; j++) {
                float v = y[i * width + j];
                sum += v;
                sumSq += (double) v * v;
                if (v == 0f) {
                    zeros++;
                } else {
                    alive[j] = true;
                }
                if (type.equals("sigmoid") && v * (1 - v) < 0.01f || type.equals("tanh") && 1 - v * v < 0.01f) {
                    saturated++;
                }
            }
        }
        long n = (long) batch * width;
        double mean = sum / n;
        int dead = 0;
        for (boolean a : alive) {
            if (!a) {
                dead++;
            }
        }
        return new ActivationStats(index, name, mean, Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
                (double) zeros / n, (double) dead / width, (double) saturated / n);
    }
}
