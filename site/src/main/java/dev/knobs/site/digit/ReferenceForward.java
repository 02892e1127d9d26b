package dev.knobs.site.digit;

/**
 * The forward pass written as plainly as possible, in double precision: what the page's
 * JavaScript computes, so the browser's answer can be checked against it.
 * <pre>
 *   dense:      z_j = b_j + Σ_i x_i · W[j, i]
 *   relu:       max(0, z)         leaky_relu: z if z &gt; 0 else α·z
 *   sigmoid:    1 / (1 + e^-z)    tanh
 *   output:     p = softmax(z),   p_k = e^(z_k - max z) / Σ_j e^(z_j - max z)
 * </pre>
 */
public final class ReferenceForward {
    private ReferenceForward() {}

    /** The 10 class probabilities for input {@code x} (already scaled as the model expects). */
    public static double[] probabilities(ExportedModel model, double[] x) {
        double[] a = x;
        for (ExportedModel.Step s : model.layers()) {
            a = switch (s.type()) {
                case "dense" -> dense(s, a);
                case "relu" -> map(a, v -> Math.max(0, v));
                case "leaky_relu" -> map(a, v -> v > 0 ? v : s.alpha() * v);
                case "sigmoid" -> map(a, v -> 1 / (1 + Math.exp(-v)));
                case "tanh" -> map(a, Math::tanh);
                default -> throw new IllegalArgumentException("unknown layer " + s.type());
            };
        }
        return softmax(a);
    }

    private static double[] dense(ExportedModel.Step s, double[] x) {
        double[] z = new double[s.out()];
        for (int j = 0; j < s.out(); j++) {
            double sum = s.bias()[j];
            int row = j * s.in();
            for (int i = 0; i < s.in(); i++) {
                sum += x[i] * s.weights()[row + i];
            }
            z[j] = sum;
        }
        return z;
    }

    private static double[] map(double[] a, java.util.function.DoubleUnaryOperator f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = f.applyAsDouble(a[i]);
        }
        return out;
    }

    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
