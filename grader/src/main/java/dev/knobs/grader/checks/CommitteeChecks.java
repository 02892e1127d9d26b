package dev.knobs.grader.checks;

import dev.knobs.nn.metrics.Committee;
import dev.knobs.nn.metrics.Predictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Exercise 12.1, a committee of networks: a committee worked out by hand where a majority vote
 * answers differently, a case where averaging log-probabilities (logits) answers differently, the
 * committee's own loss, ties and invariants, and a comparison with nn-core's {@link Committee} on
 * random members.
 */
public final class CommitteeChecks implements ExerciseChecks<CommitteeChecks.Vote> {

    /** How the checks ask a committee: the skeleton's static method. */
    @FunctionalInterface
    public interface Vote {
        /** The committee's predictions from its members' predictions on the same examples. */
        Predictions average(List<Predictions> members);
    }

    @Override
    public Vote adapt(Class<?> type) {
        Reflect.Call m = Reflect.staticMethod(type, "average", List.class);
        return members -> {
            Object result = m.call(members);
            Expect.that(result != null, "average returned null, expected a Predictions");
            return Reflect.as(Predictions.class, result);
        };
    }

    @Override
    public void run(Vote f, Checker checker) {
        checker.check("hand-computed committee of three (a majority vote answers differently)", () -> {
            // Example 0: two members lean a little to 1, one is sure of 0: p̄ = [0.6, 0.4], class 0 (a vote says 1).
            // Example 1: p̄ = [0.3, 0.7], class 1.
            List<Predictions> members = List.of(member(new float[] {0.4f, 0.6f, 0.2f, 0.8f}, 0, 1),
                    member(new float[] {0.4f, 0.6f, 0.4f, 0.6f}, 0, 1), member(new float[] {1.0f, 0.0f, 0.3f, 0.7f}, 0, 1));
            String input = "members [[0.4, 0.6], [0.2, 0.8]], [[0.4, 0.6], [0.4, 0.6]], [[1, 0], [0.3, 0.7]], labels [0, 1]";
            Predictions p = f.average(members);
            Expect.that(Arrays.equals(p.predicted(), new int[] {0, 1}), "predicted classes for " + input + ": expected "
                    + "[0, 1], got " + Arrays.toString(p.predicted()) + (p.predicted().length > 0 && p.predicted()[0] == 1
                    ? " (two of three members vote 1 for example 0, but the committee averages probabilities: 0.6 "
                    + "against 0.4)" : ""));
            Expect.close("p̄ for " + input, new float[] {0.6f, 0.4f, 0.3f, 0.7f}, p.probabilities(), 1e-6);
            Expect.close("accuracy for " + input, 1.0, p.accuracy(), 1e-12);
            Expect.that(Arrays.equals(p.labels(), new int[] {0, 1}) && p.classes() == 2, "labels and classes for " + input
                    + ": expected the members' [0, 1] and 2, got " + Arrays.toString(p.labels()) + " and " + p.classes());
        });
        checker.check("probabilities are averaged, not log-probabilities (logits)", () -> {
            // Arithmetic mean [0.40005, 0.30005, 0.2999]: class 0. The mean of the logs favours class 2, which
            // neither member rules out (a geometric mean: each member can veto a class it gives almost nothing).
            List<Predictions> members = List.of(member(new float[] {0.8f, 0.0001f, 0.1999f}, 0),
                    member(new float[] {0.0001f, 0.6f, 0.3999f}, 0));
            Predictions p = f.average(members);
            String input = "members [0.8, 0.0001, 0.1999] and [0.0001, 0.6, 0.3999]";
            Expect.that(p.predicted()[0] == 0, "the committee's class for " + input + ": expected 0 (p̄ = [0.40005, 0.30005, "
                    + "0.2999]), got " + p.predicted()[0] + (p.predicted()[0] == 2 ? " (that is the class of the highest "
                    + "mean log-probability, what averaging logits gives: average the probabilities themselves)" : ""));
            Expect.close("p̄ for " + input, new float[] {0.40005f, 0.30005f, 0.2999f}, p.probabilities(), 1e-6);
        });
        checker.check("the loss is the committee's cross-entropy, -ln p̄(true class)", () -> {
            // Two examples, labels [0, 1]. p̄ = [0.5, 0.5] and [0.2, 0.8]: loss = (ln 2 + ln 1.25) / 2.
            Predictions a = member(new float[] {0.9f, 0.1f, 0.1f, 0.9f}, 0, 1);
            Predictions b = member(new float[] {0.1f, 0.9f, 0.3f, 0.7f}, 0, 1);
            Predictions p = f.average(List.of(a, b));
            double expected = (Math.log(2) + Math.log(1.25)) / 2;
            double membersMean = (a.loss() + b.loss()) / 2;
            if (!Expect.near(expected, p.loss(), 1e-5)) {
                throw new CheckFailure("loss of the committee of [[0.9, 0.1], [0.1, 0.9]] and [[0.1, 0.9], [0.3, 0.7]], "
                        + "labels [0, 1]: expected -(ln 0.5 + ln 0.8) / 2 = " + Expect.num(expected) + ", got "
                        + Expect.num(p.loss()) + (Expect.near(membersMean, p.loss(), 1e-5) ? " (that is the mean of the "
                        + "members' losses: take -ln of the committee's own p̄ of the true class)" : ""));
            }
        });
        checker.check("ties go to the first class; a committee of one is its member; members are left alone", () -> {
            Predictions p = f.average(List.of(member(new float[] {0.25f, 0.75f}, 1), member(new float[] {0.75f, 0.25f}, 1)));
            Expect.that(p.predicted()[0] == 0, "members [0.25, 0.75] and [0.75, 0.25] average to [0.5, 0.5]: a tie goes "
                    + "to the first class, 0, got " + p.predicted()[0]);
            Expect.close("accuracy of that committee (label 1, predicted 0)", 0.0, p.accuracy(), 1e-12);
            Predictions one = member(new float[] {0.1f, 0.2f, 0.7f, 0.5f, 0.3f, 0.2f}, 2, 1);
            float[] before = one.probabilities().clone();
            Predictions alone = f.average(List.of(one));
            Expect.close("p̄ of a committee of one member", before, alone.probabilities(), 1e-7);
            Expect.that(Arrays.equals(alone.predicted(), new int[] {2, 0}), "a committee of one member [[0.1, 0.2, 0.7], "
                    + "[0.5, 0.3, 0.2]] predicts [2, 0], got " + Arrays.toString(alone.predicted()));
            Expect.close("the member's probabilities after the call (they must not change)", before, one.probabilities(), 0);
        });
        checker.check("agrees with nn-core's Committee.average on random members", () -> {
            List<Predictions> members = randomMembers(5, 500, 10, 4);
            Predictions expected = Committee.average(members);
            Predictions got = f.average(members);
            String input = "5 random members on 500 examples of 10 classes";
            Expect.close("p̄ for " + input, expected.probabilities(), got.probabilities(), 1e-6);
            Expect.that(Arrays.equals(expected.predicted(), got.predicted()), "predicted classes for " + input
                    + ": expected " + Expect.show(expected.predicted()) + ", got " + Expect.show(got.predicted()));
            Expect.close("loss for " + input, expected.loss(), got.loss(), 1e-5);
            Expect.close("accuracy for " + input, expected.accuracy(), got.accuracy(), 1e-12);
            for (int i = 0; i < 500; i++) {
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    sum += got.probability(i, c);
                }
                Expect.close("the sum of p̄ over the classes of example " + i + " of " + input, 1.0, sum, 1e-5);
            }
        });
    }

    /**
     * A member's predictions: {@code probabilities} per example ({@code [n, classes]}, n = labels'
     * length), its most probable classes, and its own loss and accuracy as nn-core computes them.
     */
    static Predictions member(float[] probabilities, int... labels) {
        int n = labels.length;
        int classes = probabilities.length / n;
        int[] predicted = new int[n];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 1; c < classes; c++) {
                if (probabilities[i * classes + c] > probabilities[i * classes + predicted[i]]) {
                    predicted[i] = c;
                }
            }
            loss -= Math.log(Math.max(probabilities[i * classes + labels[i]], 1e-45));
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return new Predictions(probabilities, predicted, labels, loss / n, correct / (double) n, classes);
    }

    /**
     * {@code count} members whose probabilities lean towards the true class, with no two classes of
     * the committee's average closer than 1e-4 (so rounding cannot decide a prediction).
     */
    private static List<Predictions> randomMembers(int count, int n, int classes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
        float[][] p = new float[count][n * classes];
        for (int i = 0; i < n; i++) {
            do {
                for (int m = 0; m < count; m++) {
                    double sum = 0;
                    for (int c = 0; c < classes; c++) {
                        p[m][i * classes + c] = (float) Math.pow(rng.nextDouble(), 4) + (c == labels[i] ? 0.3f : 0f);
                        sum += p[m][i * classes + c];
                    }
                    for (int c = 0; c < classes; c++) {
                        p[m][i * classes + c] /= (float) sum;
                    }
                }
            } while (topTwoGap(p, i, classes) < 1e-4);
        }
        List<Predictions> members = new ArrayList<>();
        for (float[] probabilities : p) {
            members.add(member(probabilities, labels.clone()));
        }
        return members;
    }

    /** The gap between the two largest average probabilities of example {@code i}. */
    private static double topTwoGap(float[][] p, int i, int classes) {
        double[] mean = new double[classes];
        for (float[] member : p) {
            for (int c = 0; c < classes; c++) {
                mean[c] += member[i * classes + c] / (double) p.length;
            }
        }
        Arrays.sort(mean);
        return mean[classes - 1] - mean[classes - 2];
    }
}
