package dev.knobs.exercises.l12;

import dev.knobs.nn.metrics.Predictions;
import java.util.Arrays;
import java.util.List;

/**
 * Exercise 12.1: a committee of networks (Ciresan, Meier and Schmidhuber 2012), which answers with
 * the class of highest average probability.
 *
 * <pre>
 *   p̄[i][c] = (1/M) Σₘ pₘ[i][c]                  the M members' softmax probabilities, averaged
 *   predicted[i] = argmax_c p̄[i][c]              the first class on ties
 *   loss = -(1/n) Σᵢ ln max(p̄[i][yᵢ], 1e-45)     the committee's own cross-entropy
 *   accuracy = (examples with predicted[i] = yᵢ) / n
 *   result: new Predictions(p̄, predicted, labels, loss, accuracy, classes)
 * </pre>
 *
 * <p>Why: networks trained from different seeds make partly different mistakes, and where one
 * is wrong the others often outvote it; Ciresan et al. took the MNIST record this way. Why
 * probabilities: a member that is unsure spreads its probability and moves the average little,
 * a sure one moves it a lot. A majority vote throws that confidence away, and averaging the
 * logits (the log-probabilities, up to a constant per member) gives a geometric mean, in which a
 * single member that gives a class almost nothing vetoes it. The loss is the committee's own, not
 * the mean of the members' losses ({@code -ln} of an average is not the average of the
 * {@code -ln}s). Sum in {@code double}; read member {@code m}'s P(c | example i) with
 * {@code members.get(m).probability(i, c)}. Do not modify the members.
 *
 * <p>Grading: a committee worked out by hand (where a majority vote answers differently), a case
 * where averaging log-probabilities answers differently, the loss, ties, invariants (every row of
 * p̄ sums to 1, the accuracy matches the predictions) and a comparison with nn-core's
 * {@link dev.knobs.nn.metrics.Committee#average}, the reference solution, on random members.
 */
public final class CommitteeAverage {
    private CommitteeAverage() {}

    /**
     * The committee's predictions, as in the class comment.
     *
     * @param members each member's predictions on the same examples (same labels, same number of classes)
     * @return the averaged probabilities with their predictions, loss and accuracy
     */
    public static Predictions average(List<Predictions> members) {
        checkSameExamples(members);
        throw new UnsupportedOperationException("exercise 12.1: a committee: average the members' probabilities, "
                + "predict the most probable class, and measure the committee's own loss and accuracy "
                + "(lessons/12-towards-99/exercises/.../CommitteeAverage.java)");
    }

    /** Refuses an empty committee, or members that predicted different examples. */
    private static void checkSameExamples(List<Predictions> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a committee needs at least one member, got none");
        }
        Predictions first = members.get(0);
        for (Predictions p : members) {
            if (p.classes() != first.classes() || !Arrays.equals(p.labels(), first.labels())) {
                throw new IllegalArgumentException("committee members must predict the same examples, with the same "
                        + "labels and number of classes");
            }
        }
    }
}
