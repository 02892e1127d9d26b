package dev.knobs.tribuo.experiments;

import dev.knobs.tribuo.mlp.EpochStats;
import dev.knobs.tribuo.mlp.MlpModel;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.transform.TransformedModel;

/**
 * One trained configuration and how it did.
 *
 * @param component    the trainer's name in the configuration file
 * @param label        a short label for tables and legends
 * @param model        the trained model (null if training diverged)
 * @param trainSeconds wall-clock time of {@code Trainer.train}, including Tribuo's transformations
 * @param predictions  predictions on the test set (null if diverged)
 * @param evaluation   Tribuo's evaluation on the test set (null if diverged)
 * @param diverged     why training stopped (a diverging loss, or data the trainer rejected), or null
 */
public record RunResult(String component, String label, Model<Label> model, double trainSeconds,
                        List<Prediction<Label>> predictions, LabelEvaluation evaluation, String diverged) {

    /** The MLP inside the model (itself, or inside a {@code TransformedModel}), or null for other models. */
    public MlpModel mlp() {
        if (model instanceof MlpModel m) {
            return m;
        }
        if (model instanceof TransformedModel<Label> t && t.getInnerModel() instanceof MlpModel m) {
            return m;
        }
        return null;
    }

    /** Per-epoch history of an MLP run, empty otherwise. */
    public List<EpochStats> history() {
        MlpModel m = mlp();
        return m == null ? List.of() : m.history();
    }

    /** Validation accuracy after the last epoch, NaN without a validation split or if diverged. */
    public double validationAccuracy() {
        List<EpochStats> h = history();
        return h.isEmpty() ? Double.NaN : h.get(h.size() - 1).validationAccuracy();
    }

    /** "diverged" or "failed" for a run that stopped, "" otherwise. */
    public String note() {
        return diverged == null ? "" : diverged.startsWith("training diverged") ? "diverged" : "failed";
    }

    /** Test accuracy, 0 if diverged. */
    public double testAccuracy() {
        return evaluation == null ? 0 : evaluation.accuracy();
    }

    /** Mean seconds per epoch of the training steps (NaN for non-MLP models). */
    public double secondsPerEpoch() {
        List<EpochStats> h = history();
        return h.isEmpty() ? Double.NaN : h.stream().mapToDouble(EpochStats::seconds).sum() / h.size();
    }
}
