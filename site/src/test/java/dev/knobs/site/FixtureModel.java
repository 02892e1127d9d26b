package dev.knobs.site;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Scaling;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.optim.Sgd;
import dev.knobs.nn.train.TrainStep;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stand-in for lesson 12's model in the browser tests, which see only smoke runs: a 784-128-10
 * ReLU network with dropout 0.1 after the hidden layer (so the file holds a dropout layer, as
 * lesson 12's does), trained for three epochs of plain SGD on the first 10,000 training images
 * (about 95% test accuracy, a few seconds). The site generator itself never trains; only this test helper does.
 */
final class FixtureModel {
    private FixtureModel() {}

    /** Trains the network on {@code trainRaw} (grey levels 0..255) and saves it to {@code file}. */
    static void train(Dataset trainRaw, Path file) {
        Dataset train = Scaling.toUnitRange(trainRaw.first("fixture", 10_000));
        Sequential net = new Mlp(new int[] {784, 128, 10}, "relu", 0f, new float[] {0.1f}, new HeNormal())
                .build(new SplittableRandom(7));
        TrainStep step = new TrainStep(net, new Sgd());
        MiniBatches batches = new MiniBatches(train, 32, 7);
        for (int epoch = 0; epoch < 3; epoch++) {
            for (MiniBatches.Batch b : batches.epoch(epoch)) {
                step.run(b.x(), b.labels(), b.size(), 0.1f);
            }
        }
        ModelFile.save(net, Map.of("input", "784 grey levels of a 28x28 digit, row-major, divided by 255",
                "input.scale", "255", "trained", "site test fixture: 3 epochs of SGD on 10,000 images"), file);
    }
}
