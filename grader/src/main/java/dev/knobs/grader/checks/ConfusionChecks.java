package dev.knobs.grader.checks;

import dev.knobs.nn.metrics.ConfusionMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exercise 11.1, the confusion matrix: a hand-computed case (which catches a transposed matrix),
 * the row, diagonal and total invariants, mismatched lengths refused, and a comparison with
 * nn-core's {@link ConfusionMatrix}.
 */
public final class ConfusionChecks implements ExerciseChecks<ConfusionChecks.Counts> {

    /** How the checks tally a matrix: the skeleton's static method. */
    @FunctionalInterface
    public interface Counts {
        /** {@code counts[true][predicted]}. */
        int[][] counts(int[] labels, int[] predicted, int classes);
    }

    @Override
    public Counts adapt(Class<?> type) {
        Reflect.Call m = Reflect.staticMethod(type, "counts", int[].class, int[].class, int.class);
        return (labels, predicted, classes) -> (int[][]) m.call(labels, predicted, classes);
    }

    @Override
    public void run(Counts f, Checker checker) {
        checker.check("hand-computed case (rows are the true class)", () -> {
            int[] labels = {0, 0, 1, 2, 2, 2};
            int[] predicted = {0, 1, 1, 2, 0, 2};
            int[][] got = f.counts(labels, predicted, 3);
            int[][] expected = {{1, 1, 0}, {0, 1, 0}, {1, 0, 2}};
            Expect.that(Arrays.deepEquals(expected, got), "for labels " + Expect.show(labels) + " and predictions "
                    + Expect.show(predicted) + ": expected " + Arrays.deepToString(expected) + ", got "
                    + Arrays.deepToString(got) + (Arrays.deepEquals(transpose(expected), got)
                    ? " (transposed: counts[true][predicted], rows are the truth)" : ""));
        });
        checker.check("rows sum to the class counts, the diagonal to the correct predictions", () -> {
            int[][] data = random(500, 10, 1);
            int[][] got = f.counts(data[0], data[1], 10);
            Expect.that(got.length == 10, "expected a 10 x 10 matrix, got " + got.length + " rows");
            int correct = 0;
            int trace = 0;
            for (int i = 0; i < 500; i++) {
                correct += data[0][i] == data[1][i] ? 1 : 0;
            }
            for (int c = 0; c < 10; c++) {
                int label = c;
                int expectedRow = (int) Arrays.stream(data[0]).filter(l -> l == label).count();
                int row = Arrays.stream(got[c]).sum();
                Expect.that(row == expectedRow, "row " + c + " of 500 random examples: " + expectedRow + " examples have "
                        + "true class " + c + ", the row sums to " + row);
                trace += got[c][c];
            }
            Expect.that(trace == correct, "the diagonal should hold the " + correct + " correct predictions, it holds " + trace);
        });
        checker.check("refuses labels and predictions of different lengths", () -> {
            try {
                f.counts(new int[] {0, 1, 2}, new int[] {0, 1}, 3);
            } catch (IllegalArgumentException expected) {
                return;
            }
            throw new CheckFailure("3 labels and 2 predictions should throw an IllegalArgumentException saying so");
        });
        checker.check("agrees with nn-core's ConfusionMatrix on random predictions", () -> {
            for (int seed = 2; seed < 5; seed++) {
                int[][] data = random(1000, 10, seed);
                int[][] expected = ConfusionMatrix.of(data[0], data[1], 10).counts();
                int[][] got = f.counts(data[0], data[1], 10);
                Expect.that(Arrays.deepEquals(expected, got), "1000 random predictions over 10 classes (seed " + seed
                        + "): expected row 0 " + Arrays.toString(expected[0]) + ", got "
                        + (got.length > 0 ? Arrays.toString(got[0]) : "no rows"));
            }
            int[][] empty = f.counts(new int[0], new int[0], 4);
            Expect.that(empty.length == 4 && Arrays.stream(empty).allMatch(r -> r.length == 4 && Arrays.stream(r).sum() == 0),
                    "no examples over 4 classes should give a 4 x 4 matrix of zeros, got " + Arrays.deepToString(empty));
        });
    }

    private static int[][] transpose(int[][] m) {
        int[][] t = new int[m.length][m.length];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                t[j][i] = m[i][j];
            }
        }
        return t;
    }

    /** Labels and predictions that are right about 70% of the time. */
    private static int[][] random(int n, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
            predicted[i] = rng.nextDouble() < 0.7 ? labels[i] : rng.nextInt(classes);
        }
        return new int[][] {labels, predicted};
    }
}
