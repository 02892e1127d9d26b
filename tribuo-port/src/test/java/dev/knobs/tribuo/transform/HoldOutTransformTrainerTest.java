package dev.knobs.tribuo.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.knobs.nn.data.Split;
import dev.knobs.tribuo.mlp.EpochStats;
import dev.knobs.tribuo.mlp.MlpModel;
import dev.knobs.tribuo.mlp.MlpTrainer;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.dataset.DatasetView.DatasetViewProvenance;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.Transformer;
import org.tribuo.transform.TransformerMap;
import org.tribuo.transform.TransformerMap.TransformerMapProvenance;

/**
 * The validation part is held out before the standardisation is fitted: on 20 examples whose 4
 * held-out ones have values far above the rest, the fitted mean and standard deviation are the
 * training part's, computed by hand, and the MLP validates on the held-out examples transformed
 * with them.
 */
class HoldOutTransformTrainerTest {
    private static final int SIZE = 20;

    private static MlpTrainer mlp() {
        return new MlpTrainer(new int[] {4}, SGD.getSimpleSGD(0.01), 3, 4, 11).withValidationFraction(0.2);
    }

    private static HoldOutTransformTrainer standardising(MlpTrainer mlp) {
        return new HoldOutTransformTrainer(mlp, new TransformationMap(List.of(new Standardisation(1e-9))), true, true);
    }

    /** Feature "a" of row r: r + 1 on a training row, 100 + r on a held-out row. */
    private static double a(int row, Split.Rows rows) {
        return Arrays.binarySearch(rows.validation(), row) >= 0 ? 100 + row : row + 1;
    }

    /** 20 examples, labelled by the parity of their row, with feature "a" and a constant feature "b". */
    private static MutableDataset<Label> data(Split.Rows rows) {
        LabelFactory labels = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("twenty rows",
                OffsetDateTime.parse("2026-01-01T00:00:00Z"), labels), labels);
        for (int row = 0; row < SIZE; row++) {
            ArrayExample<Label> example = new ArrayExample<>(new Label(row % 2 == 0 ? "even" : "odd"));
            example.add("a", a(row, rows));
            example.add("b", 5);
            data.add(example);
        }
        return data;
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }

    private static double populationStd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / v.length);
    }

    @Test
    void theMeanAndStandardDeviationAreTheTrainingPartsAlone() {
        MlpTrainer mlp = mlp();
        HoldOutTransformTrainer trainer = standardising(mlp);
        for (int call = 0; call < 2; call++) {
            Split.Rows rows = mlp.validationSplit(SIZE, call);
            assertEquals(4, rows.validation().length, "round(0.2 * 20) held out");
            TransformedModel<Label> model = trainer.train(data(rows));

            double[] training = IntStream.of(rows.train()).mapToDouble(r -> a(r, rows)).toArray();
            double[] whole = IntStream.range(0, SIZE).mapToDouble(r -> a(r, rows)).toArray();
            List<Transformer> fitted = model.getTransformerMap().get("a");
            double scale = TransformerMap.applyTransformerList(1, fitted) - TransformerMap.applyTransformerList(0, fitted);
            double mean = -TransformerMap.applyTransformerList(0, fitted) / scale;
            assertEquals(mean(training), mean, 1e-9, "call " + call + ": μ of the 16 training values");
            assertEquals(populationStd(training), 1 / scale, 1e-9, "call " + call + ": σ of the 16 training values");
            assertTrue(mean(whole) - mean > 10, "the whole set's mean " + mean(whole) + " (with the held-out 100s) "
                    + "is not the one fitted, " + mean);
        }
    }

    @Test
    void theMlpValidatesOnTheHeldOutExamplesTransformedWithTheTrainingPartsStatistics() {
        MlpTrainer mlp = mlp();
        Split.Rows rows = mlp.validationSplit(SIZE, 0);
        MutableDataset<Label> data = data(rows);
        TransformedModel<Label> model = standardising(mlp).train(data);
        MlpModel inner = (MlpModel) model.getInnerModel();

        // The finished model transforms any example with its own transformers; its loss on the held-out
        // examples is the validation loss the trainer measured after the last epoch. Standardised with the
        // whole set's statistics instead, the same examples give another loss.
        EpochStats last = inner.history().get(inner.history().size() - 1);
        double loss = 0;
        double wholeSetLoss = 0;
        TransformerMap wholeSet = data.createTransformers(new TransformationMap(List.of(new Standardisation(1e-9))), true);
        for (int row : rows.validation()) {
            Example<Label> example = data.getExample(row);
            String label = example.getOutput().getLabel();
            loss -= Math.log(model.predict(example).getOutputScores().get(label).getScore());
            wholeSetLoss -= Math.log(inner.predict(wholeSet.transformExample(example)).getOutputScores().get(label).getScore());
        }
        loss /= rows.validation().length;
        wholeSetLoss /= rows.validation().length;
        assertEquals(loss, last.validationLoss(), 1e-5 * Math.max(1, loss), "the validation set is the held-out part, "
                + "standardised like any example the model sees");
        assertTrue(Math.abs(wholeSetLoss - last.validationLoss()) > 1e-2, "with the whole set's statistics the loss "
                + "would be " + wholeSetLoss + ", not " + last.validationLoss());

        // The provenance: the MLP's validation set is the validation part, transformed by statistics
        // fitted on the training part; the model's own data is the training part.
        DatasetProvenance validation = assertInstanceOf(DatasetProvenance.class,
                inner.getProvenance().getInstanceProvenance().getMap().get(MlpTrainer.VALIDATION_PROVENANCE));
        assertTrue(tag(validation.getSourceProvenance()).startsWith("validation part of MlpTrainer's validation split "
                + "(validationFraction 0.2, seed 11, call 0): 4 of 20 examples"), validation.toString());
        TransformerMapProvenance transform = assertInstanceOf(TransformerMapProvenance.class,
                validation.getTransformationProvenance().getList().get(0));
        assertTrue(tag(datasetOf(transform)).startsWith("training part of MlpTrainer's validation split "
                + "(validationFraction 0.2, seed 11, call 0): 16 of 20 examples"), transform.toString());
        assertEquals(model.getTransformerMap().getProvenance(), transform, "fitted on the data the model's transformers were");
        assertTrue(tag(model.getProvenance().getDatasetProvenance().getSourceProvenance()).startsWith("training part"));
        assertTrue(model.getProvenance().getInstanceProvenance().getMap()
                .containsKey(HoldOutTransformTrainer.TRAINER_PROVENANCE), "the trainer that split is recorded");
    }

    @Test
    void withoutAValidationSplitEveryExampleIsFittedAndTrainedOn() {
        MlpTrainer mlp = mlp().withValidationFraction(0);
        Split.Rows rows = mlp.validationSplit(SIZE, 0);
        assertEquals(0, rows.validation().length);
        TransformedModel<Label> model = standardising(mlp).train(data(rows));
        List<Transformer> fitted = model.getTransformerMap().get("a");
        double scale = TransformerMap.applyTransformerList(1, fitted) - TransformerMap.applyTransformerList(0, fitted);
        assertEquals(10.5, -TransformerMap.applyTransformerList(0, fitted) / scale, 1e-9, "μ of 1..20");
        assertTrue(Double.isNaN(((MlpModel) model.getInnerModel()).history().get(0).validationAccuracy()));
    }

    /** The tag of a {@code DatasetView}'s provenance. */
    private static String tag(Provenance provenance) {
        DatasetViewProvenance view = assertInstanceOf(DatasetViewProvenance.class, provenance);
        for (var entry : view) {
            if (entry.getA().equals("tag")) {
                return entry.getB().toString();
            }
        }
        throw new AssertionError("no tag in " + view);
    }

    /** The provenance of the data a transformer map was fitted on. */
    private static Provenance datasetOf(ObjectProvenance transformerMap) {
        for (var entry : transformerMap) {
            if (entry.getA().equals("dataset")) {
                return entry.getB();
            }
        }
        throw new AssertionError("no dataset in " + transformerMap);
    }
}
