package dev.knobs.nn.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The examples a network gets most wrong, for looking at with your own eyes.
 *
 * <p>Two rankings:
 * <ul>
 *   <li>by margin, misclassified examples only: {@code P(predicted) - P(true)}. Near 1 means
 *       the network was sure of the wrong answer; these are often mislabelled or truly ambiguous
 *       digits.</li>
 *   <li>by loss, all examples: {@code -log P(true)}, the examples that pull hardest on the
 *       gradient.</li>
 * </ul>
 */
public final class TopErrors {
    private TopErrors() {}

    /**
     * One example and what the network said about it.
     *
     * @param index      row in the dataset
     * @param trueLabel  the correct class
     * @param predicted  the network's choice
     * @param confidence P(predicted)
     * @param pTrue      P(true class)
     * @param loss       -ln P(true class)
     */
    public record ErrorCase(int index, int trueLabel, int predicted, double confidence, double pTrue, double loss) {
        /** {@code P(predicted) - P(true)}: 0 for a correct prediction. */
        public double margin() {
            return confidence - pTrue;
        }
    }

    /** The {@code k} misclassified examples with the largest {@code P(predicted) - P(true)}. */
    public static List<ErrorCase> byMargin(Predictions p, int k) {
        List<ErrorCase> wrong = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (p.predicted()[i] != p.labels()[i]) {
                wrong.add(caseOf(p, i));
            }
        }
        wrong.sort(Comparator.comparingDouble(ErrorCase::margin).reversed().thenComparingInt(ErrorCase::index));
        return wrong.subList(0, Math.min(k, wrong.size()));
    }

    /** The {@code k} examples with the largest loss {@code -ln P(true)}, correct or not. */
    public static List<ErrorCase> byLoss(Predictions p, int k) {
        List<ErrorCase> all = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            all.add(caseOf(p, i));
        }
        all.sort(Comparator.comparingDouble(ErrorCase::loss).reversed().thenComparingInt(ErrorCase::index));
        return all.subList(0, Math.min(k, all.size()));
    }

    private static ErrorCase caseOf(Predictions p, int i) {
        int t = p.labels()[i];
        int pred = p.predicted()[i];
        double pTrue = p.probability(i, t);
        return new ErrorCase(i, t, pred, p.probability(i, pred), pTrue, -Math.log(Math.max(pTrue, 1e-45)));
    }
}
