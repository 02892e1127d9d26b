package dev.knobs.exercises.l11;

import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors.ErrorCase;
import java.util.List;

/**
 * Exercise 11.2: rank the misclassified examples by how sure the network was of its wrong answer.
 *
 * <pre>
 *   for every example i with predicted[i] ≠ labels[i]:
 *     confidence = P(predicted),  pTrue = P(true),  loss = -ln(max(pTrue, 1e-45))
 *     margin     = confidence - pTrue                 (ErrorCase.margin())
 *   sort by margin, largest first; equal margins: smaller index first; keep the first k
 * </pre>
 *
 * <p>Why: an error with margin near 1 means the network was certain and wrong; those are worth
 * looking at with your own eyes, as they are often mislabelled or genuinely ambiguous digits.
 * Ranking by confidence alone would mix in examples where the true class was a close second.
 * Correct predictions are never in this list. Use {@code p.probability(i, c)} for P(c | example i).
 *
 * <p>Grading: a hand-computed case, ties, {@code k} larger than the number of errors, and a
 * comparison with nn-core's {@link dev.knobs.nn.metrics.TopErrors#byMargin}, the reference solution.
 */
public final class TopErrorsRanking {
    private TopErrorsRanking() {}

    /**
     * The {@code k} misclassified examples with the largest margin {@code P(predicted) - P(true)}.
     *
     * @param p the network's predictions on a dataset
     * @param k how many to return at most
     * @return at most {@code k} cases, largest margin first
     */
    public static List<ErrorCase> byMargin(Predictions p, int k) {
        throw new UnsupportedOperationException("exercise 11.2: top errors: keep the misclassified examples, sort by "
                + "P(predicted) - P(true), largest first (lessons/11-evaluation/exercises/.../TopErrorsRanking.java)");
    }
}
