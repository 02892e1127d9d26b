package dev.knobs.tribuo.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.knobs.nn.data.Split;
import dev.knobs.tribuo.MnistFixture;
import dev.knobs.tribuo.augment.AffineAugmentation;
import dev.knobs.tribuo.experiments.Evaluations;
import dev.knobs.tribuo.schedule.CosineAnnealingSchedule;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.dataset.DatasetView;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.SimpleTransform;

/** The MLP trainer on a few hundred MNIST images: it learns, it is deterministic, it refuses nonsense. */
class MlpTrainerTest {
    private static Dataset<Label> train;
    private static Dataset<Label> test;

    @BeforeAll
    static void data() {
        train = MnistFixture.train(0, 500);
        test = MnistFixture.train(50_000, 1000);
    }

    private static MlpTrainer trainer(int epochs, long seed) {
        return new MlpTrainer(new int[] {64}, SGD.getSimpleSGD(0.05, 0.9, SGD.Momentum.STANDARD), epochs, 32, seed);
    }

    private static TransformTrainer<Label> scaled(MlpTrainer mlp) {
        return new TransformTrainer<>(mlp, new TransformationMap(List.of(SimpleTransform.div(255))));
    }

    /** Grey levels / 255, as the scaled trainers see them. */
    private static Dataset<Label> unitScaled(Dataset<Label> data) {
        return data.createTransformers(new TransformationMap(List.of(SimpleTransform.div(255)))).transformDataset(data);
    }

    private static float[] probabilities(Model<Label> model, Dataset<Label> data) {
        List<Prediction<Label>> predictions = Evaluations.predict(model, data);
        float[] p = new float[predictions.size() * 10];
        for (int i = 0; i < predictions.size(); i++) {
            for (int d = 0; d < 10; d++) {
                p[i * 10 + d] = (float) Evaluations.probability(predictions.get(i), String.valueOf(d));
            }
        }
        return p;
    }

    @Test
    void aSmallMlpLearnsFromFiveHundredImages() {
        MlpTrainer mlp = trainer(10, 42).withValidationFraction(0.1);
        Model<Label> model = scaled(mlp).train(train);
        double accuracy = new LabelEvaluator().evaluate(model, Evaluations.predict(model, test), test.getProvenance()).accuracy();
        // Observed 0.822 (a 64-unit hidden layer, 450 training images, 10 epochs, 1,000 other images); chance is 0.1.
        assertTrue(accuracy > 0.78, "test accuracy " + accuracy);
        MlpModel inner = (MlpModel) ((TransformedModel<Label>) model).getInnerModel();
        List<EpochStats> history = inner.history();
        assertEquals(10, history.size());
        assertTrue(history.get(9).trainLoss() < history.get(0).trainLoss() / 2, "the training loss falls: " + history);
        assertFalse(Double.isNaN(history.get(9).validationAccuracy()), "a validation split gives validation accuracy");
        assertEquals(64, inner.widths()[1]);
        assertEquals(10, inner.widths()[2]);
    }

    @Test
    void theSameSeedAndInvocationCountGiveTheSameModel() {
        float[] a = probabilities(scaled(trainer(2, 7)).train(train), test);
        float[] b = probabilities(scaled(trainer(2, 7)).train(train), test);
        assertArrayEquals(a, b, "two trainers with one seed train bit-identical models");

        MlpTrainer twice = trainer(2, 7);
        scaled(twice).train(train);
        float[] second = probabilities(scaled(twice).train(train), test);
        assertFalse(java.util.Arrays.equals(a, second), "a second call to train draws new initial weights");
        MlpTrainer replay = trainer(2, 7);
        replay.setInvocationCount(1);
        assertArrayEquals(second, probabilities(scaled(replay).train(train), test),
                "setInvocationCount(1) replays the generator of the second call");
    }

    @Test
    void theValidationSplitItNamesIsTheOneItMakesAndGivingItThosePartsTrainsTheSameModel() {
        Dataset<Label> pixels = unitScaled(train);
        for (int call = 0; call < 2; call++) {
            MlpTrainer itself = trainer(2, 9).withValidationFraction(0.1);
            MlpTrainer given = trainer(2, 9).withValidationFraction(0.1);
            itself.setInvocationCount(call);
            given.setInvocationCount(call);
            MlpModel split = itself.train(pixels);

            Split.Rows rows = given.validationSplit(pixels.size(), call);
            assertEquals(50, rows.validation().length, "round(0.1 * 500) held out");
            assertEquals(450, rows.train().length);
            assertEquals(500, IntStream.concat(IntStream.of(rows.train()), IntStream.of(rows.validation())).distinct().count(),
                    "every example in exactly one part");
            MlpModel explicit = given.train(new DatasetView<>(pixels, rows.train(), "training part"),
                    new DatasetView<>(pixels, rows.validation(), "validation part"), Map.of(), Trainer.INCREMENT_INVOCATION_COUNT);

            assertEquals(split.history().stream().map(e -> List.of(e.trainLoss(), e.validationLoss(), e.validationAccuracy())).toList(),
                    explicit.history().stream().map(e -> List.of(e.trainLoss(), e.validationLoss(), e.validationAccuracy())).toList(),
                    "call " + call + ": the same training losses and the same validation measured on the same images");
            assertArrayEquals(probabilities(split, unitScaled(test)), probabilities(explicit, unitScaled(test)),
                    "call " + call + ": the same model");
            assertTrue(explicit.getProvenance().getInstanceProvenance().getMap().containsKey(MlpTrainer.VALIDATION_PROVENANCE),
                    "the model records which validation set it was given");
        }
    }

    @Test
    void aValidationLabelTheTrainingPartLacksIsRefusedWithAReason() {
        MlpTrainer mlp = trainer(1, 1);
        Dataset<Label> pixels = unitScaled(train);
        Dataset<Label> noSevens = MutableDataset.createDeepCopy(
                DatasetView.createView(pixels, e -> !e.getOutput().getLabel().equals("7"), "no sevens"));
        Dataset<Label> sevens = DatasetView.createView(pixels, e -> e.getOutput().getLabel().equals("7"), "sevens");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mlp.train(noSevens, sevens, Map.of(), Trainer.INCREMENT_INVOCATION_COUNT));
        assertTrue(e.getMessage().contains("'7'") && e.getMessage().contains("no training example has"), e.getMessage());
    }

    @Test
    void dropoutAugmentationAndAScheduleTrainAndStayDeterministic() {
        MlpTrainer mlp = trainer(2, 3).withDropout(0.2, 0.5).withAugmentation(new AffineAugmentation(10, 2, 0.1, 0))
                .withSchedule(new CosineAnnealingSchedule(0.5, 0.0)).withWeightDecay(1e-4).withMaxNorm(3);
        float[] a = probabilities(scaled(mlp).train(train), test);
        MlpTrainer again = trainer(2, 3).withDropout(0.2, 0.5).withAugmentation(new AffineAugmentation(10, 2, 0.1, 0))
                .withSchedule(new CosineAnnealingSchedule(0.5, 0.0)).withWeightDecay(1e-4).withMaxNorm(3);
        assertArrayEquals(a, probabilities(scaled(again).train(train), test));
    }

    @Test
    void theListenerHearsEveryEpoch() {
        MlpTrainer mlp = trainer(3, 1);
        List<Integer> heard = new ArrayList<>();
        mlp.setListener((stats, epochs) -> heard.add(stats.epoch()));
        scaled(mlp).train(train);
        assertEquals(List.of(1, 2, 3), heard);
    }

    @Test
    void noHiddenLayerIsSoftmaxRegression() {
        MlpTrainer softmax = new MlpTrainer(new int[0], SGD.getSimpleSGD(0.1), 3, 32, 1);
        MlpModel model = (MlpModel) ((TransformedModel<Label>) scaled(softmax).train(train)).getInnerModel();
        assertEquals(2, model.widths().length);
        assertEquals(model.getFeatureIDMap().size() * 10 + 10, model.parameterCount());
    }

    /** The MLP inside a model trained on scaled pixels. */
    private static MlpModel innerModel(MlpTrainer mlp) {
        return (MlpModel) ((TransformedModel<Label>) scaled(mlp).train(train)).getInnerModel();
    }

    @Test
    void onePredictionAndABatchOfPredictionsAgree() {
        MlpModel model = innerModel(trainer(1, 5));
        List<Example<Label>> examples = StreamSupport.stream(test.spliterator(), false).limit(20).toList();
        List<Prediction<Label>> batch = model.predict(examples);
        for (int i = 0; i < examples.size(); i++) {
            Prediction<Label> one = model.predict(examples.get(i));
            assertEquals(one.getOutput().getLabel(), batch.get(i).getOutput().getLabel());
            for (String d : one.getOutputScores().keySet()) {
                assertEquals(Evaluations.probability(one, d), Evaluations.probability(batch.get(i), d), 1e-6);
            }
        }
    }

    @Test
    void aModelSurvivesJavaSerialisation() throws Exception {
        MlpModel model = innerModel(trainer(1, 5));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        MlpModel back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (MlpModel) in.readObject();
        }
        assertArrayEquals(probabilities(model, test), probabilities(back, test));
        assertEquals(model.getProvenance(), back.getProvenance());
    }

    @Test
    void nonsenseSettingsAreRefusedNamingTheProperty() {
        PropertyException dropout = assertThrows(PropertyException.class, () -> trainer(1, 1).withDropout(0, 1.5));
        assertTrue(dropout.getMessage().contains("hiddenDropout") && dropout.getMessage().contains("[0, 1)"), dropout.getMessage());
        PropertyException width = assertThrows(PropertyException.class,
                () -> new MlpTrainer(new int[] {0}, SGD.getSimpleSGD(0.1), 1, 32, 1));
        assertTrue(width.getMessage().contains("hiddenSizes"), width.getMessage());
        PropertyException epochs = assertThrows(PropertyException.class, () -> trainer(0, 1));
        assertTrue(epochs.getMessage().contains("epochs"), epochs.getMessage());
        PropertyException averaged = assertThrows(PropertyException.class,
                () -> new MlpTrainer(new int[] {8}, new ParameterAveraging(SGD.getSimpleSGD(0.1)), 1, 32, 1)
                        .withSchedule(new CosineAnnealingSchedule(0, 0)));
        assertTrue(averaged.getMessage().contains("ParameterAveraging"), averaged.getMessage());
        PropertyException missing = assertThrows(PropertyException.class, () -> new MlpTrainer(new int[] {8}, null, 1, 32, 1));
        assertTrue(missing.getMessage().contains("optimiser"), missing.getMessage());
    }

    @Test
    void notANumberInputsAreRefusedNamingTheFeature() {
        // log(x - 300) of a grey level is NaN: a transformation gone wrong, caught before any weight turns NaN.
        TransformTrainer<Label> broken = new TransformTrainer<>(trainer(1, 1),
                new TransformationMap(List.of(SimpleTransform.sub(300), SimpleTransform.log())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> broken.train(train));
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("feature '"), e.getMessage());
    }
}
