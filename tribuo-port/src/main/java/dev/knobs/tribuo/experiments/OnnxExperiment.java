package dev.knobs.tribuo.experiments;

import ai.onnx.proto.OnnxMl;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.RunFolders;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.train.Recipe;
import dev.knobs.tribuo.data.MnistLoader;
import dev.knobs.tribuo.mlp.MlpModel;
import dev.knobs.tribuo.onnx.OnnxParity;
import dev.knobs.tribuo.onnx.PixelModelExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.tribuo.classification.Label;
import org.tribuo.transform.TransformedModel;

/**
 * ONNX export, checked with ONNX Runtime. Tribuo exports only its linear, factorisation-machine,
 * LibSVM/LibLinear and ensemble models; this project's {@code MlpModel} implements Tribuo's
 * {@code ONNXExportable}, and {@link PixelModelExporter} writes a friendlier graph whose input
 * is the raw image. The experiment:
 * <ol>
 *   <li>trains the network of {@code configs/mlp.xml};</li>
 *   <li>exports it with Tribuo's contract (717 features in feature-map order, after scaling) and
 *       runs the file through Tribuo's {@code ONNXExternalModel};</li>
 *   <li>exports it with raw pixels in (784 grey levels, the scaling folded into the first layer)
 *       and runs that file through {@code ONNXExternalModel} too, reading the Tribuo provenance
 *       back from the ONNX metadata;</li>
 *   <li>exports an nn-core network the same way: lesson 12's saved model
 *       ({@code model.knobs} of lesson 12's reference run, or the file named by
 *       {@code -Dknobs.model=FILE}) if there is one, else a network trained here with the
 *       lessons' own training loop, and runs it with the ONNX Runtime Java API alone.</li>
 * </ol>
 * Every check covers all 10,000 test images: the same predicted digit, and the largest
 * difference of any probability.
 */
public final class OnnxExperiment implements Experiment {
    /** System property naming an nn-core model file to export instead of lesson 12's. */
    public static final String MODEL_PROPERTY = "knobs.model";

    @Override
    public String name() {
        return "onnx";
    }

    @Override
    public String title() {
        return "ONNX export of the MLPs, checked with ONNX Runtime";
    }

    @Override
    public String mirrors() {
        return "12 (deployment)";
    }

    @Override
    public String summary() {
        return "export a Tribuo MLP (Tribuo's contract and raw pixels) and an nn-core network; compare with ONNX Runtime";
    }

    @Override
    public double run(Lesson lesson, MnistLoader loader) throws Exception {
        lesson.section("1. A Tribuo MLP to export (configs/mlp.xml)");
        ExperimentConfig config = Sweeps.configure(lesson, new Sweeps.Plan("mlp", 0, 1, 0));
        MnistLoader.TrainTest data = Sweeps.data(lesson, loader, config, 0);
        RunResult run = Runs.train(lesson, config, config.sweep().runs().get(0), config.sweep().label(0), data);
        TransformedModel<Label> model = (TransformedModel<Label>) run.model();
        MlpModel mlp = run.mlp();
        lesson.out().printf(Locale.ROOT, "%s, test accuracy %s%n", mlp, Report.pct(run.testAccuracy()));
        Report.confusion(lesson, "confusion", "the exported MLP", run.evaluation());
        TextTable table = new TextTable("ONNX exports checked with ONNX Runtime on the test images", "export", "input",
                "file bytes", "test images", "same digit", "largest |Δp|", "mean |Δp|", "ONNX Runtime seconds");

        lesson.section("2. Tribuo's contract: MlpModel implements ONNXExportable");
        Path features = lesson.file("mlp-tribuo-features.onnx");
        mlp.saveONNXModel("dev.knobs.mnist", 1, features);
        OnnxParity.Result byFeatures = OnnxParity.featureModel(features, mlp,
                model.getTransformerMap().transformDataset(data.test()));
        row(table, "Tribuo contract", mlp.getFeatureIDMap().size() + " features, scaled", features, byFeatures);
        record(lesson, "features", byFeatures);

        lesson.section("3. Raw pixels in: the scaling and the feature map folded into the first layer");
        Path pixels = lesson.file("mlp-pixels.onnx");
        PixelModelExporter.save(PixelModelExporter.fromTribuo(model, 28, 28, "dev.knobs.mnist", 1), pixels);
        OnnxParity.Result byPixels = OnnxParity.pixelModel(pixels, model, data.test(), 28, 28);
        row(table, "raw pixels (Tribuo MLP)", "784 grey levels 0..255", pixels, byPixels);
        record(lesson, "pixels", byPixels);
        boolean provenance = byPixels.provenance().map(p -> p.equals(model.getProvenance())).orElse(false);
        lesson.out().println("Tribuo provenance read back from the ONNX metadata by ONNXExternalModel: "
                + (provenance ? "identical to the model's" : "missing or different"));
        lesson.metric("onnx_provenance_identical", provenance ? 1 : 0);
        metadata(lesson, pixels);

        lesson.section("4. An nn-core network, exported the same way, run by the ONNX Runtime Java API");
        TrainTest arrays = lesson.rawData();
        NnCoreModel nnCore = nnCoreModel(lesson, arrays);
        Path nnFile = lesson.file("nn-core-pixels.onnx");
        List<String> classes = IntStream.range(0, 10).mapToObj(String::valueOf).toList();
        PixelModelExporter.save(PixelModelExporter.fromSequential(nnCore.net(), 28, 28, nnCore.scale(), nnCore.shift(),
                classes, nnCore.metadata(), "dev.knobs.mnist", 1), nnFile);
        Dataset test = arrays.test();
        OnnxParity.Result byNnCore = OnnxParity.sequential(nnFile, nnCore.net(), test.x(), test.size(), nnCore.scale(),
                nnCore.shift());
        row(table, "raw pixels (" + nnCore.source() + ")", "784 grey levels 0..255", nnFile, byNnCore);
        record(lesson, "nn_core", byNnCore);

        lesson.section("5. Summary");
        lesson.table(table);
        lesson.metric("test_accuracy", run.testAccuracy());
        boolean all = byFeatures.agrees(1e-4) && byPixels.agrees(1e-4) && byNnCore.agrees(1e-4);
        lesson.headline(String.format(Locale.ROOT, "Three ONNX exports (Tribuo's feature contract, raw pixels for the Tribuo "
                        + "MLP, raw pixels for %s) %s with ONNX Runtime on all %d test images; the largest probability "
                        + "difference is %.1e.", nnCore.source(), all ? "agree" : "do NOT all agree", byPixels.examples(),
                Math.max(byFeatures.maxAbsDifference(), Math.max(byPixels.maxAbsDifference(), byNnCore.maxAbsDifference()))));
        return run.testAccuracy();
    }

    /** An nn-core network with the per-pixel scaling its inputs need. */
    private record NnCoreModel(String source, Sequential net, float[] scale, float[] shift, Map<String, String> metadata) {}

    private static NnCoreModel nnCoreModel(Lesson lesson, TrainTest arrays) {
        String property = System.getProperty(MODEL_PROPERTY);
        Path file = property != null ? Path.of(property)
                : RunFolders.reference("12-towards-99").map(run -> run.resolve("model.knobs")).orElse(null);
        if (file != null && Files.isRegularFile(file)) {
            ModelFile.Loaded loaded = ModelFile.load(file);
            float[][] scaling = scaling(loaded.metadata(), file);
            lesson.out().println("exporting " + file.getFileName() + " (" + loaded.model().architecture() + "), "
                    + "input scaling from its metadata: " + loaded.metadata().getOrDefault("input_scaling", "?"));
            return new NnCoreModel("lesson 12's model.knobs", loaded.model(), scaling[0], scaling[1], loaded.metadata());
        }
        lesson.out().println("no saved lesson 12 model found (run lessons/12-towards-99 first, or pass -D" + MODEL_PROPERTY
                + "=FILE); training the lessons' baseline recipe for one epoch instead");
        TrainTest unit = lesson.data();
        Recipe recipe = Recipe.BASELINE.withEpochs(1).withSeed(lesson.seed()).withLabel("nn-core 784-128-10");
        Recipe.Run run = recipe.train(RunData.withoutValidation(unit), lesson.progress(recipe)).orThrow();
        float[] scale = new float[784];
        Arrays.fill(scale, 1f / 255);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("recipe", recipe.describe());
        metadata.put("input_scaling", "value = grey / 255");
        return new NnCoreModel("an nn-core 784-128-10 network", run.model(), scale, new float[784], metadata);
    }

    /**
     * The per-pixel {@code (scale, shift)} a model file's metadata describes: grey / 255, then
     * optionally {@code (x - input_mean) / input_std}.
     */
    static float[][] scaling(Map<String, String> metadata, Path file) {
        String how = metadata.getOrDefault("input_scaling", "");
        if (!how.replace(" ", "").contains("/255")) {
            throw new IllegalArgumentException(file + " does not say its inputs are grey / 255 (metadata input_scaling = '"
                    + how + "'); export it with PixelModelExporter.fromSequential and the scaling it was trained with");
        }
        double mean = Double.parseDouble(metadata.getOrDefault("input_mean", "0"));
        double std = Double.parseDouble(metadata.getOrDefault("input_std", "1"));
        float[] scale = new float[784];
        float[] shift = new float[784];
        Arrays.fill(scale, (float) (1 / (255 * std)));
        Arrays.fill(shift, (float) (0.0 - mean / std));           // 0.0 - 0 is +0, not -0
        return new float[][] {scale, shift};
    }

    private static void row(TextTable table, String export, String input, Path file, OnnxParity.Result r) throws java.io.IOException {
        table.row(export, input, String.format(Locale.ROOT, "%,d", Files.size(file)), r.examples(),
                r.agreements() + " / " + r.examples(), String.format(Locale.ROOT, "%.2e", r.maxAbsDifference()),
                String.format(Locale.ROOT, "%.2e", r.meanAbsDifference()), String.format(Locale.ROOT, "%.2f", r.seconds()));
    }

    private static void record(Lesson lesson, String key, OnnxParity.Result r) {
        lesson.metric("onnx_agreement." + key, (double) r.agreements() / r.examples());
        lesson.metric("onnx_max_probability_difference." + key, r.maxAbsDifference());
        lesson.metric("onnx_mean_probability_difference." + key, r.meanAbsDifference());
    }

    /** The readable metadata fields of an exported file, as a table. */
    private static void metadata(Lesson lesson, Path file) throws java.io.IOException {
        OnnxMl.ModelProto proto = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        TextTable table = new TextTable("What " + file.getFileName() + " says about itself (ONNX metadata)", "key", "value");
        for (OnnxMl.StringStringEntryProto p : proto.getMetadataPropsList()) {
            String value = p.getValue();
            table.row(p.getKey(), value.length() > 160 ? value.substring(0, 157) + "... (" + value.length() + " characters)"
                    : value);
        }
        lesson.table(table);
    }
}
