package dev.knobs.nn.metrics;

/**
 * What a network says about every example of a dataset.
 *
 * @param probabilities softmax outputs, {@code [size, classes]}
 * @param predicted     the most probable class of each example
 * @param labels        the true classes
 * @param loss          mean cross-entropy over the dataset
 * @param accuracy      fraction of examples whose predicted class is the true one
 * @param classes       number of classes
 */
public record Predictions(float[] probabilities, int[] predicted, int[] labels, double loss, double accuracy, int classes) {

    /** Number of examples predicted. */
    public int size() {
        return labels.length;
    }

    /** P(class c) for example i. */
    public float probability(int i, int c) {
        return probabilities[i * classes + c];
    }

    /** Number of misclassified examples. */
    public int errors() {
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] != labels[i]) {
                n++;
            }
        }
        return n;
    }
}
