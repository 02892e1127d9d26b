package dev.knobs.nn.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs: {@code counts[t][p]} examples of class
 * {@code t} were predicted as {@code p}. The diagonal holds the correct predictions.
 *
 * <pre>
 *   precision(c) = counts[c][c] / Σ_t counts[t][c]     of those predicted c, how many are c
 *   recall(c)    = counts[c][c] / Σ_p counts[c][p]     of the true c, how many were found
 *   F1(c)        = 2 · precision · recall / (precision + recall)
 * </pre>
 */
public final class ConfusionMatrix {
    private final int[][] counts;

    private ConfusionMatrix(int[][] counts) {
        this.counts = counts;
    }

    /** Tallies the matrix from true and predicted labels of the same length. */
    public static ConfusionMatrix of(int[] labels, int[] predicted, int classes) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predicted[i]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /**
     * A matrix tallied elsewhere (a student's counting, say): {@code counts[t][p]}, square and
     * non-negative; it is copied.
     */
    public static ConfusionMatrix ofCounts(int[][] counts) {
        if (counts == null || counts.length == 0) {
            throw new IllegalArgumentException("a confusion matrix needs at least one class, got "
                    + (counts == null ? "null" : "no rows"));
        }
        int[][] copy = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            if (counts[t] == null || counts[t].length != counts.length) {
                throw new IllegalArgumentException("a confusion matrix is square: row " + t + " of " + counts.length
                        + " has " + (counts[t] == null ? "no" : String.valueOf(counts[t].length)) + " columns");
            }
            for (int p = 0; p < counts.length; p++) {
                if (counts[t][p] < 0) {
                    throw new IllegalArgumentException("a confusion matrix counts examples, so no cell is negative: "
                            + "counts[" + t + "][" + p + "] = " + counts[t][p]);
                }
            }
            copy[t] = counts[t].clone();
        }
        return new ConfusionMatrix(copy);
    }

    /** The confusion matrix of a set of predictions. */
    public static ConfusionMatrix of(Predictions p) {
        return of(p.labels(), p.predicted(), p.classes());
    }

    /** Number of classes (rows and columns). */
    public int classes() {
        return counts.length;
    }

    /** Examples of class {@code t} predicted as {@code p}. */
    public int count(int t, int p) {
        return counts[t][p];
    }

    /** A copy of the counts, {@code [true][predicted]}. */
    public int[][] counts() {
        int[][] copy = new int[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Number of examples counted: the sum of every cell. */
    public int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    /** The share of examples on the diagonal: trace / total. */
    public double accuracy() {
        int correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return total() == 0 ? 0 : (double) correct / total();
    }

    /** Precision, recall, F1 and support (true examples) of one class. */
    public record ClassMetrics(int label, double precision, double recall, double f1, int support) {}

    /** {@link ClassMetrics} for every class; 0 where a denominator is 0. */
    public List<ClassMetrics> perClass() {
        List<ClassMetrics> out = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            int predictedC = 0;
            int actualC = 0;
            for (int k = 0; k < counts.length; k++) {
                predictedC += counts[k][c];
                actualC += counts[c][k];
            }
            double precision = predictedC == 0 ? 0 : (double) counts[c][c] / predictedC;
            double recall = actualC == 0 ? 0 : (double) counts[c][c] / actualC;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out.add(new ClassMetrics(c, precision, recall, f1, actualC));
        }
        return out;
    }

    /** An off-diagonal cell: {@code count} examples of {@code trueLabel} predicted as {@code predicted}. */
    public record ConfusedPair(int trueLabel, int predicted, int count) {}

    /** The {@code k} largest off-diagonal cells, largest first (ties: smaller true label, then predicted). */
    public List<ConfusedPair> mostConfused(int k) {
        List<ConfusedPair> pairs = new ArrayList<>();
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                if (t != p && counts[t][p] > 0) {
                    pairs.add(new ConfusedPair(t, p, counts[t][p]));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(ConfusedPair::count).reversed()
                .thenComparingInt(ConfusedPair::trueLabel).thenComparingInt(ConfusedPair::predicted));
        return pairs.subList(0, Math.min(k, pairs.size()));
    }

    /** The matrix as text, true classes down, predicted across. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("true\\pred");
        for (int p = 0; p < counts.length; p++) {
            s.append(String.format("%6d", p));
        }
        s.append('\n');
        for (int t = 0; t < counts.length; t++) {
            s.append(String.format("%9d", t));
            for (int p = 0; p < counts.length; p++) {
                s.append(String.format("%6d", counts[t][p]));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
