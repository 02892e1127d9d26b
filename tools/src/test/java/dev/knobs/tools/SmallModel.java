package dev.knobs.tools;

import dev.knobs.data.Mnist;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.train.Recipe;
import dev.knobs.nn.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small network for the tests, trained once per test run: the lessons' baseline recipe
 * (784-128-10 ReLU, SGD with momentum, batches of 128) for two epochs on all 60,000 MNIST training
 * images, inputs grey / 255, saved as a model file with lesson 12's metadata keys. About 97% on
 * the test set, in seconds.
 */
public final class SmallModel {
    /** Where the tests write: under the module's target/, so {@code mvn clean} removes it. */
    public static final Path WORK = Path.of("target", "test-work").toAbsolutePath();

    private static SmallModel instance;
    private static TrainTest mnistFiles;

    /** MNIST as published: grey levels 0..255. */
    public final TrainTest mnist;
    /** The trained network. */
    public final Sequential network;
    /** Where it is saved. */
    public final Path file;
    /** Its predictions on the test set, in the 28x28 form of the files. */
    public final Predictions test;

    private SmallModel(TrainTest mnist, Sequential network, Path file, Predictions test) {
        this.mnist = mnist;
        this.network = network;
        this.file = file;
        this.test = test;
    }

    /** The model, trained on first use. */
    public static synchronized SmallModel get() {
        if (instance == null) {
            instance = train();
        }
        return instance;
    }

    /** MNIST as published (grey levels 0..255), read once. */
    public static synchronized TrainTest mnist() {
        if (mnistFiles == null) {
            mnistFiles = Mnist.load();
        }
        return mnistFiles;
    }

    /** The grey levels 0..255 of MNIST test image {@code i}. */
    public static int[] testImage(int i) {
        int[] grey = new int[784];
        for (int p = 0; p < 784; p++) {
            grey[p] = Math.round(mnist().test().x()[i * 784 + p]);
        }
        return grey;
    }

    private static SmallModel train() {
        TrainTest mnist = mnist();
        Dataset train = Scaling.toUnitRange(mnist.train());
        Dataset test = Scaling.toUnitRange(mnist.test());
        Recipe recipe = Recipe.BASELINE.withEpochs(2).withSeed(7).withLabel("tools test 784-128-10");
        Recipe.Run run = recipe.train(RunData.withoutValidation(new TrainTest(train, test)), TrainingListener.NONE).orThrow();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("input_scaling", "value = grey / 255, so 0.0 is background (black) and 1.0 full ink (white), as in MNIST");
        metadata.put("input_mean", "0");
        metadata.put("input_std", "1");
        metadata.put("test_accuracy", String.valueOf(run.testAccuracy()));
        Path file = dir("model").resolve("small.knobs");
        ModelFile.save(run.model(), metadata, file);
        return new SmallModel(mnist, run.model(), file, run.test());
    }

    /** A fresh folder {@code target/test-work/NAME}. */
    public static Path dir(String name) {
        Path d = WORK.resolve(name);
        try {
            if (Files.exists(d)) {
                try (var files = Files.walk(d)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
            return Files.createDirectories(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
