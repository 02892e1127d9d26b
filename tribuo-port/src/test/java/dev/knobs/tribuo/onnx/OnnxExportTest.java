package dev.knobs.tribuo.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Split;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.TrainStep;
import dev.knobs.tribuo.MnistFixture;
import dev.knobs.tribuo.mlp.MlpModel;
import dev.knobs.tribuo.mlp.MlpTrainer;
import dev.knobs.tribuo.transform.HoldOutTransformTrainer;
import dev.knobs.tribuo.transform.Standardisation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Feature;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.math.optimisers.SGD;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.Transformer;
import org.tribuo.transform.TransformerMap;
import org.tribuo.transform.transformations.SimpleTransform;

/**
 * Exports trained models to ONNX, runs them with ONNX Runtime on all 10,000 MNIST test images and
 * checks that every prediction agrees with the model and no probability differs by 1e-4 or more.
 */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-4;
    private static org.tribuo.Dataset<Label> train;
    private static org.tribuo.Dataset<Label> test;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        train = MnistFixture.train(0, 2000);
        test = MnistFixture.idxTest();
    }

    private static MlpTrainer small(int epochs) {
        return new MlpTrainer(new int[] {48}, SGD.getSimpleSGD(0.05, 0.9, SGD.Momentum.STANDARD), epochs, 64, 7);
    }

    @Test
    void pixelExportOfATransformedMlpAgreesOnAllTestImagesAndCarriesItsProvenance() throws Exception {
        TransformedModel<Label> model = new TransformTrainer<>(small(2),
                new TransformationMap(List.of(SimpleTransform.div(255)))).train(train);
        Path file = dir.resolve("mlp.onnx");
        PixelModelExporter.save(PixelModelExporter.fromTribuo(model, 28, 28, "dev.knobs.test", 1), file);

        OnnxParity.Result r = OnnxParity.pixelModel(file, model, test, 28, 28);
        assertEquals(10_000, r.examples());
        assertEquals(10_000, r.agreements(), "every test image gets the same digit from Tribuo and ONNX Runtime");
        assertTrue(r.maxAbsDifference() < TOLERANCE, "largest probability difference " + r.maxAbsDifference());
        assertEquals(model.getProvenance(), r.provenance().orElseThrow(), "the provenance comes back from the ONNX metadata");

        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(PixelModelExporter.INPUT, proto.getGraph().getInput(0).getName());
        assertEquals(784, proto.getGraph().getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertTrue(proto.getMetadataPropsList().stream().anyMatch(p -> p.getKey().equals("knobs.input")
                && p.getValue().contains("raw grey levels 0..255")));
    }

    @Test
    void standardisedDensifiedInputsAreFoldedIntoTheFirstLayerExactly() throws Exception {
        TransformedModel<Label> model = new TransformTrainer<>(small(1),
                new TransformationMap(List.of(new Standardisation(1.0))), true, true).train(train);
        Path file = dir.resolve("standardised.onnx");
        PixelModelExporter.save(PixelModelExporter.fromTribuo(model, 28, 28, "dev.knobs.test", 1), file);
        org.tribuo.Dataset<Label> first = dev.knobs.tribuo.data.MnistLoader.first(test, 2000);
        OnnxParity.Result r = OnnxParity.pixelModel(file, model, first, 28, 28);
        assertEquals(r.examples(), r.agreements());
        assertTrue(r.maxAbsDifference() < TOLERANCE, "largest probability difference " + r.maxAbsDifference());
    }

    @Test
    void aStandardisationFittedOnTheTrainingPartIsTheOneTheExportCarries() throws Exception {
        MlpTrainer mlp = small(1).withValidationFraction(0.1);
        Split.Rows rows = mlp.validationSplit(train.size(), 0);
        TransformedModel<Label> model = new HoldOutTransformTrainer(mlp,
                new TransformationMap(List.of(new Standardisation(1.0))), true, true).train(train);

        // The centre pixel's statistics: those of the 1,800 training-part images (zeros counted), not of all 2,000.
        double[] centre = new double[train.size()];
        for (int i = 0; i < train.size(); i++) {
            for (Feature f : train.getExample(i)) {
                centre[i] = f.getName().equals("406") ? f.getValue() : centre[i];
            }
        }
        double[] training = IntStream.of(rows.train()).mapToDouble(i -> centre[i]).toArray();
        double mean = Arrays.stream(training).average().orElseThrow();
        double std = Math.sqrt(Arrays.stream(training).map(v -> (v - mean) * (v - mean)).sum() / training.length);
        List<Transformer> fitted = model.getTransformerMap().get("406");
        double scale = TransformerMap.applyTransformerList(1, fitted) - TransformerMap.applyTransformerList(0, fitted);
        assertEquals(mean, -TransformerMap.applyTransformerList(0, fitted) / scale, 1e-9);
        assertEquals(std, 1 / scale, 1e-9);
        double wholeMean = Arrays.stream(centre).average().orElseThrow();
        assertTrue(Math.abs(wholeMean - mean) > 1e-3, "the 2,000 images' mean " + wholeMean + " is another number");

        // The export folds exactly these statistics into its first layer: ONNX Runtime agrees with the model.
        Path file = dir.resolve("held-out-standardised.onnx");
        PixelModelExporter.save(PixelModelExporter.fromTribuo(model, 28, 28, "dev.knobs.test", 1), file);
        OnnxParity.Result r = OnnxParity.pixelModel(file, model, dev.knobs.tribuo.data.MnistLoader.first(test, 2000), 28, 28);
        assertEquals(r.examples(), r.agreements());
        assertTrue(r.maxAbsDifference() < TOLERANCE, "largest probability difference " + r.maxAbsDifference());
        assertEquals(model.getProvenance(), r.provenance().orElseThrow(), "the provenance, split included, comes back");
    }

    @Test
    void aSparseModelWithAShiftingTransformationIsRefusedWithAReason() {
        TransformedModel<Label> model = new TransformTrainer<>(small(1),
                new TransformationMap(List.of(new Standardisation(1.0)))).train(train);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PixelModelExporter.fromTribuo(model, 28, 28, "dev.knobs.test", 1));
        assertTrue(e.getMessage().contains("densify"), e.getMessage());
    }

    @Test
    void tribuosOwnContractExportAgreesThroughTheModelsFeatureMap() throws Exception {
        TransformedModel<Label> transformed = new TransformTrainer<>(small(1),
                new TransformationMap(List.of(SimpleTransform.div(255)))).train(train);
        MlpModel mlp = (MlpModel) transformed.getInnerModel();
        Path file = dir.resolve("features.onnx");
        mlp.saveONNXModel("dev.knobs.test", 1, file);
        org.tribuo.Dataset<Label> scaled = transformed.getTransformerMap().transformDataset(test);
        OnnxParity.Result r = OnnxParity.featureModel(file, mlp, scaled);
        assertEquals(10_000, r.agreements());
        assertTrue(r.maxAbsDifference() < TOLERANCE, "largest probability difference " + r.maxAbsDifference());
        assertEquals(mlp.getProvenance(), r.provenance().orElseThrow());
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        assertEquals(mlp.getFeatureIDMap().size(),
                proto.getGraph().getInput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
        assertTrue(proto.getMetadataPropsList().stream().anyMatch(p -> p.getKey().equals(ONNXExportable.PROVENANCE_METADATA_FIELD)));
    }

    @Test
    void anNnCoreNetworkExportsTheSameWayAndAgreesOnAllTestImages() throws Exception {
        Dataset raw = MnistFixture.arrays().train().slice("first-2000", 0, 2000);
        float[] scale = new float[784];
        Arrays.fill(scale, 1f / 255);
        float[] shift = new float[784];
        float[] x = raw.x().clone();
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale[i % 784];
        }
        Dataset scaled = raw.withPixels("scaled", x);
        Sequential net = new Mlp(new int[] {784, 32, 10}, "tanh", 0.1f, new float[] {0.2f}, new HeNormal())
                .build(new SplittableRandom(3));
        TrainStep step = new TrainStep(net, new Momentum(0.9f));
        for (MiniBatches.Batch b : new MiniBatches(scaled, 64, 5).epoch(0)) {
            step.run(b.x(), b.labels(), b.size(), 0.05f);
        }
        List<String> classes = IntStream.range(0, 10).mapToObj(String::valueOf).toList();
        Path file = dir.resolve("nn-core.onnx");
        PixelModelExporter.save(PixelModelExporter.fromSequential(net, 28, 28, scale, shift, classes,
                Map.of("lesson", "test"), "dev.knobs.test", 1), file);
        Dataset testImages = MnistFixture.arrays().test();
        OnnxParity.Result r = OnnxParity.sequential(file, net, testImages.x(), testImages.size(), scale, shift);
        assertEquals(10_000, r.agreements());
        assertTrue(r.maxAbsDifference() < TOLERANCE, "largest probability difference " + r.maxAbsDifference());
    }
}
