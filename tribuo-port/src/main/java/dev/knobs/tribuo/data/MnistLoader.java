package dev.knobs.tribuo.data;

import dev.knobs.lessons.common.Mode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.dataset.DatasetView;

/**
 * Turns MNIST data sources into Tribuo datasets, once per source per program run, and cuts them
 * to the size a run needs.
 *
 * <p>Reading MNIST with {@code IDXDataSource} takes seconds (it hashes the files for the
 * provenance and builds 70,000 sparse examples), so a program that runs several experiments keeps
 * one loader and passes it around. Cuts are {@link DatasetView}s of the first {@code n} examples,
 * which keep the full feature map (717 pixels for the MNIST training set). A trainer that
 * transforms its data first ({@code TransformTrainer}) rebuilds the map from the transformed
 * examples, so its model knows only the pixels inked in the cut (696 in the first 20,000 images;
 * 694 or 695 in the 18,000 of them a {@code HoldOutTransformTrainer} trains on, depending on
 * which tenth it holds out).
 */
public final class MnistLoader {
    /** Training and test examples in smoke mode, as in the lessons. */
    public static final int SMOKE_TRAIN = 2000;
    public static final int SMOKE_TEST = 1000;

    private final Map<String, Dataset<Label>> loaded = new HashMap<>();

    /** The whole source as a dataset, read on first use. */
    public synchronized Dataset<Label> full(DataSource<Label> source) {
        String key = source.getProvenance().toString();
        return loaded.computeIfAbsent(key, k -> new MutableDataset<>(source));
    }

    /**
     * The training and test sets of a run.
     *
     * @param trainSize training examples outside smoke mode (the first ones), or 0 for all
     */
    public TrainTest load(DataSource<Label> train, DataSource<Label> test, Mode mode, int trainSize) {
        Dataset<Label> fullTrain = full(train);
        Dataset<Label> fullTest = full(test);
        return switch (mode) {
            case SMOKE -> new TrainTest(first(fullTrain, SMOKE_TRAIN), first(fullTest, SMOKE_TEST));
            case STANDARD -> new TrainTest(trainSize > 0 ? first(fullTrain, trainSize) : fullTrain, fullTest);
            case FULL -> new TrainTest(fullTrain, fullTest);
        };
    }

    /** The first {@code n} examples (all of them if there are fewer). */
    public static Dataset<Label> first(Dataset<Label> data, int n) {
        return data.size() <= n ? data : new DatasetView<>(data, IntStream.range(0, n).toArray(), "first-" + n);
    }

    /** A run's training and test sets. */
    public record TrainTest(Dataset<Label> train, Dataset<Label> test) {
        /** E.g. {@code "mnist 20000/10000 examples, 717 features"}. */
        public String describe() {
            return train.size() + " training and " + test.size() + " test examples, "
                    + train.getFeatureIDMap().size() + " features";
        }
    }
}
