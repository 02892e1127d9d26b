package dev.knobs.nn.layer;

/**
 * Independent double-precision forward passes of each layer type, written directly from the
 * formulas, for finite-difference gradient checks.
 */
final class DoubleReference {
    private DoubleReference() {}

    /** z = x·Wᵀ + b. x: [batch, in], w: [out, in], b: [out]. */
    static double[] dense(double[] x, double[] w, double[] b, int batch, int in, int out) {
        double[] z = new double[batch * out];
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int k = 0; k < in; k++) {
                    s += x[i * in + k] * w[j * in + k];
                }
                z[i * out + j] = s;
            }
        }
        return z;
    }

    static double[] activation(String type, double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            y[i] = switch (type) {
                case "relu" -> Math.max(0, v);
                case "leaky_relu" -> v > 0 ? v : 0.01 * v;
                case "sigmoid" -> 1 / (1 + Math.exp(-v));
                case "tanh" -> Math.tanh(v);
                default -> throw new IllegalArgumentException(type);
            };
        }
        return y;
    }

    /** Mean softmax cross-entropy of logits z: [batch, classes]. */
    static double crossEntropy(double[] z, int[] labels, int batch, int classes) {
        double total = 0;
        for (int i = 0; i < batch; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[i * classes + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(z[i * classes + j] - max);
            }
            total += Math.log(sum) + max - z[i * classes + labels[i]];
        }
        return total / batch;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
