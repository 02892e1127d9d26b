package dev.knobs.grader.checks;

import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors;
import dev.knobs.nn.metrics.TopErrors.ErrorCase;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Exercise 11.2, the most confident errors: a hand-computed ranking (which catches ranking by
 * confidence alone), ties, {@code k} beyond the number of errors, and a comparison with nn-core's
 * {@link TopErrors#byMargin} on random predictions.
 */
public final class TopErrorsChecks implements ExerciseChecks<TopErrorsChecks.Ranking> {

    /** How the checks rank errors: the skeleton's static method. */
    @FunctionalInterface
    public interface Ranking {
        /** The {@code k} misclassified examples with the largest margin. */
        List<ErrorCase> byMargin(Predictions p, int k);
    }

    @Override
    public Ranking adapt(Class<?> type) {
        Reflect.Call m = Reflect.staticMethod(type, "byMargin", Predictions.class, int.class);
        return (p, k) -> {
            Object result = m.call(p, k);
            Expect.that(result instanceof List<?>, "byMargin returned " + result + ", expected a List of ErrorCase");
            return ((List<?>) result).stream().map(e -> Reflect.as(ErrorCase.class, e)).toList();
        };
    }

    @Override
    public void run(Ranking f, Checker checker) {
        checker.check("hand-computed ranking by P(predicted) - P(true)", () -> {
            // example 0: right; 1: wrong, conf 0.6, pTrue 0.35 (margin 0.25); 2: wrong, conf 0.5, pTrue 0.05 (0.45);
            // 3: wrong, conf 0.7, pTrue 0.3 (0.4)
            Predictions p = predictions(new float[] {0.8f, 0.1f, 0.1f, 0.35f, 0.6f, 0.05f, 0.05f, 0.45f, 0.5f, 0.3f, 0.7f, 0f},
                    new int[] {0, 0, 0, 0});
            List<ErrorCase> got = f.byMargin(p, 3);
            Expect.that(indices(got).equals(List.of(2, 3, 1)), "for 4 examples whose errors have margins 0.25 (example 1), "
                    + "0.45 (example 2) and 0.4 (example 3): expected examples [2, 3, 1], got " + indices(got)
                    + (indices(got).equals(List.of(3, 1, 2)) ? " (that is by confidence alone; rank by P(predicted) - P(true))" : ""));
            ErrorCase first = got.get(0);
            Expect.that(first.trueLabel() == 0 && first.predicted() == 2, "example 2 is a 0 predicted as 2, got true "
                    + first.trueLabel() + ", predicted " + first.predicted());
            Expect.close("confidence of example 2", 0.5, first.confidence(), 1e-6);
            Expect.close("pTrue of example 2", 0.05, first.pTrue(), 1e-6);
            Expect.close("loss of example 2 (-ln pTrue)", -Math.log(0.05f), first.loss(), 1e-5);
        });
        checker.check("equal margins keep the smaller index first; k larger than the errors returns them all", () -> {
            Predictions p = predictions(new float[] {0.2f, 0.8f, 0.9f, 0.1f, 0.2f, 0.8f, 0.7f, 0.3f}, new int[] {0, 0, 0, 1});
            List<ErrorCase> got = f.byMargin(p, 10);
            Expect.that(indices(got).equals(List.of(0, 2, 3)), "examples 0 and 2 are wrong with margin 0.6, 3 with 0.4, 1 is "
                    + "right: expected [0, 2, 3] for k = 10, got " + indices(got));
            Expect.that(f.byMargin(p, 0).isEmpty(), "k = 0 should give an empty list");
        });
        checker.check("agrees with nn-core's TopErrors.byMargin on random predictions", () -> {
            SplittableRandom rng = new SplittableRandom(3);
            int n = 500;
            float[] probs = new float[n * 10];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = rng.nextInt(10);
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    probs[i * 10 + c] = (float) Math.pow(rng.nextDouble(), 3) + (c == labels[i] ? 0.8f : 0f);
                    sum += probs[i * 10 + c];
                }
                for (int c = 0; c < 10; c++) {
                    probs[i * 10 + c] /= (float) sum;
                }
            }
            Predictions p = predictions(probs, labels);
            List<ErrorCase> expected = TopErrors.byMargin(p, 25);
            List<ErrorCase> got = f.byMargin(p, 25);
            Expect.that(indices(got).equals(indices(expected)), "the 25 largest-margin errors of 500 random predictions: "
                    + "expected examples " + indices(expected) + ", got " + indices(got));
        });
    }

    private static List<Integer> indices(List<ErrorCase> cases) {
        return cases.stream().map(ErrorCase::index).toList();
    }

    /** Predictions with the given probabilities ({@code [n, classes]}) and labels; predicted = the most probable class. */
    private static Predictions predictions(float[] probabilities, int[] labels) {
        int n = labels.length;
        int classes = probabilities.length / n;
        int[] predicted = new int[n];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 1; c < classes; c++) {
                if (probabilities[i * classes + c] > probabilities[i * classes + predicted[i]]) {
                    predicted[i] = c;
                }
            }
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return new Predictions(probabilities, predicted, labels, 0, correct / (double) n, classes);
    }
}
