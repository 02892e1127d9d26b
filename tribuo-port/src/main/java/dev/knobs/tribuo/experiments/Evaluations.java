package dev.knobs.tribuo.experiments;

import dev.knobs.tribuo.mlp.MlpModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.TransformerMap;

/**
 * Predictions and Tribuo evaluations of a dataset, fast for MLPs.
 *
 * <p>Tribuo's {@code TransformedModel.predict(Dataset)} transforms the data and then asks the
 * inner model for one example at a time, which for a million-weight MLP costs a matrix-vector
 * product per image. {@link #predict} does the same transformation per example (densifying with
 * the model's feature names, exactly as {@code TransformedModel.predict(Example)} and a deployed
 * model do) and hands all examples to the {@link MlpModel} at once, which multiplies matrices in
 * batches of 1,000. Other models go through {@code Model.predict}. Evaluation is Tribuo's own
 * {@link LabelEvaluator} on those predictions.
 */
public final class Evaluations {
    private Evaluations() {}

    /** The model's predictions for every example of {@code data}, in order; each refers to its original example. */
    public static List<Prediction<Label>> predict(Model<Label> model, Dataset<Label> data) {
        if (model instanceof TransformedModel<Label> transformed && transformed.getInnerModel() instanceof MlpModel mlp) {
            TransformerMap map = transformed.getTransformerMap();
            List<String> names = new ArrayList<>(model.getFeatureIDMap().keySet());
            names.sort(Comparator.naturalOrder());
            List<Example<Label>> inputs = new ArrayList<>(data.size());
            List<Example<Label>> originals = new ArrayList<>(data.size());
            for (Example<Label> example : data) {
                originals.add(example);
                inputs.add(transformed.getDensify() ? map.transformExample(example, names) : map.transformExample(example));
            }
            List<Prediction<Label>> inner = mlp.predict(inputs);
            List<Prediction<Label>> out = new ArrayList<>(inner.size());
            for (int i = 0; i < inner.size(); i++) {
                out.add(new Prediction<>(inner.get(i), inner.get(i).getNumActiveFeatures(), originals.get(i)));
            }
            return out;
        }
        return model.predict(data);
    }

    /** Tribuo's evaluation of the model on {@code data}: accuracy, per-class metrics, confusion matrix. */
    public static LabelEvaluation evaluate(Model<Label> model, Dataset<Label> data) {
        return evaluate(model, predict(model, data), data);
    }

    /** Tribuo's evaluation from predictions already made on {@code data}. */
    public static LabelEvaluation evaluate(Model<Label> model, List<Prediction<Label>> predictions, Dataset<Label> data) {
        return new LabelEvaluator().evaluate(model, predictions, data.getProvenance());
    }

    /** The probability the prediction gives {@code label} (0 if it has no score for it). */
    public static double probability(Prediction<Label> prediction, String label) {
        Label scored = prediction.getOutputScores().get(label);
        return scored == null ? 0 : scored.getScore();
    }
}
