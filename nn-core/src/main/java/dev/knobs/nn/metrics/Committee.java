package dev.knobs.nn.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * A committee of networks (Ciresan, Meier and Schmidhuber 2012): every member classifies the same
 * examples, and the committee answers with the class of highest <em>average probability</em>.
 *
 * <pre>
 *   p̄[i][c] = (1/M) Σₘ pₘ[i][c]                  the M members' softmax probabilities, averaged
 *   predicted[i] = argmax_c p̄[i][c]              the first class on ties
 *   loss = -(1/n) Σᵢ ln max(p̄[i][yᵢ], 1e-45)     the committee's own cross-entropy
 * </pre>
 *
 * <p>Why it helps: members trained from different seeds (or on differently distorted digits)
 * make partly different mistakes, and where one is wrong the others often outvote it. Why
 * probabilities: a member that is unsure spreads its probability and moves the average little,
 * a sure one moves it a lot. A majority vote throws that confidence away; averaging the logits
 * (the log-probabilities, up to a constant per member) gives a geometric mean, in which one member
 * that gives a class almost nothing vetoes it. The committee's loss is not the mean of the
 * members' losses: {@code -ln} of an average is smaller than the average of the {@code -ln}s.
 */
public final class Committee {
    private Committee() {}

    /** Floor under p̄ for the loss, as in {@link TopErrors}: a probability that underflowed to 0 costs -ln 1e-45, not infinity. */
    static final double FLOOR = 1e-45;

    /**
     * The committee's predictions: probabilities averaged over {@code members}, the most probable
     * class, its loss and accuracy.
     *
     * @param members each member's predictions on the same examples (same labels, same number of classes)
     */
    public static Predictions average(List<Predictions> members) {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a committee needs at least one member, got none");
        }
        Predictions first = members.get(0);
        int n = first.size();
        int classes = first.classes();
        for (int m = 1; m < members.size(); m++) {
            Predictions p = members.get(m);
            if (p.classes() != classes || !Arrays.equals(p.labels(), first.labels())) {
                throw new IllegalArgumentException("committee members must predict the same examples: member " + (m + 1)
                        + " has " + p.size() + " examples of " + p.classes() + " classes, member 1 " + n + " of "
                        + classes + (p.size() == n && p.classes() == classes ? ", with other labels" : ""));
            }
        }
        float[] mean = new float[n * classes];
        int[] predicted = new int[n];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < classes; c++) {
                double sum = 0;
                for (Predictions p : members) {
                    sum += p.probabilities()[i * classes + c];
                }
                mean[i * classes + c] = (float) (sum / members.size());
            }
            predicted[i] = Evaluator.argmax(mean, i * classes, classes);
            int label = first.labels()[i];
            loss -= Math.log(Math.max(mean[i * classes + label], FLOOR));
            correct += predicted[i] == label ? 1 : 0;
        }
        return new Predictions(mean, predicted, first.labels().clone(), loss / n, (double) correct / n, classes);
    }
}
