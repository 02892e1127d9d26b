package dev.knobs.nn.metrics;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import java.util.Arrays;

/**
 * Runs a network over a whole dataset in evaluation mode (dropout off, no augmentation, no
 * updates) and collects its predictions, loss and accuracy.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Evaluates in chunks of 1,000 examples. */
    public static Predictions evaluate(Sequential model, Dataset data) {
        return evaluate(model, data, 1000);
    }

    /**
     * @param batchSize examples per forward pass; any size gives the same numbers
     */
    public static Predictions evaluate(Sequential model, Dataset data, int batchSize) {
        if (data.features() != model.inputWidth()) {
            throw new IllegalArgumentException("the model takes " + model.inputWidth() + " inputs but " + data.name()
                    + " has " + data.features() + " features per example");
        }
        if (model.outputWidth() != data.classes()) {
            throw new IllegalArgumentException("the model has " + model.outputWidth() + " outputs but " + data.name()
                    + " has " + data.classes() + " classes");
        }
        int n = data.size();
        int c = data.classes();
        int f = data.features();
        float[] probabilities = new float[n * c];
        int[] predicted = new int[n];
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < n; from += batchSize) {
            int size = Math.min(batchSize, n - from);
            float[] x = Arrays.copyOfRange(data.x(), from * f, (from + size) * f);
            int[] y = Arrays.copyOfRange(data.labels(), from, from + size);
            float[] logits = model.forward(x, size, false);
            lossSum += (double) loss.forward(logits, y, size, c) * size;
            System.arraycopy(loss.probabilities(), 0, probabilities, from * c, size * c);
            for (int i = 0; i < size; i++) {
                int best = argmax(probabilities, (from + i) * c, c);
                predicted[from + i] = best;
                if (best == y[i]) {
                    correct++;
                }
            }
        }
        return new Predictions(probabilities, predicted, data.labels().clone(), lossSum / n, (double) correct / n, c);
    }

    /** Index of the largest of {@code a[offset .. offset+n)}, the first one on ties. */
    public static int argmax(float[] a, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (a[offset + j] > a[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
