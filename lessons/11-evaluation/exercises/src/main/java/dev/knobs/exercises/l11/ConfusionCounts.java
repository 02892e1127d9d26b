package dev.knobs.exercises.l11;

/**
 * Exercise 11.1: tally a confusion matrix.
 *
 * <pre>
 *   counts[t][p] = the number of examples i with labels[i] = t and predicted[i] = p
 *   rows: the true class;  columns: the predicted class;  the diagonal: correct predictions
 * </pre>
 *
 * <p>Why: accuracy is one number; the matrix says which digits are taken for which (a 4 read
 * as a 9 is a different failure from a 4 read as a 1). Row sums are the number of examples of
 * each class, column sums how often each class was predicted, and the trace over the total is
 * the accuracy. Rows are the truth: {@code counts[t][p]}, not {@code counts[p][t]}.
 *
 * <p>Grading: a hand-computed case, the row, column and diagonal invariants, refusing inputs of
 * different lengths with an {@link IllegalArgumentException}, and a comparison with nn-core's
 * {@link dev.knobs.nn.metrics.ConfusionMatrix#of(int[], int[], int)}, the reference solution.
 */
public final class ConfusionCounts {
    private ConfusionCounts() {}

    /**
     * The confusion matrix of a set of predictions.
     *
     * @param labels    the true class of each example, each in 0..classes-1
     * @param predicted the predicted class of each example, same length as {@code labels}
     * @param classes   the number of classes
     * @return {@code counts[true][predicted]}, a {@code classes x classes} array
     * @throws IllegalArgumentException if the two arrays differ in length
     */
    public static int[][] counts(int[] labels, int[] predicted, int classes) {
        throw new UnsupportedOperationException("exercise 11.1: confusion matrix: counts[true][predicted]++ for every "
                + "example (lessons/11-evaluation/exercises/.../ConfusionCounts.java)");
    }
}
