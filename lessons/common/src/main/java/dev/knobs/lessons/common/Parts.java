package dev.knobs.lessons.common;

import dev.knobs.nn.augment.RandomAffine;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.EpochBatches;
import dev.knobs.nn.data.Standardizer;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.LayerParts;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.train.RunParts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Where a lesson gets the parts it trains and measures with: nn-core's classes
 * ({@link #library()}), or the student's exercises for the parts a lesson has exercises for
 * ({@code --use-exercises}).
 *
 * <p>A lesson asks this object, never a constructor, for each part it can swap: its networks and
 * mini-batches (this object is the {@link RunParts} handed to {@code Recipe.train}), its layers
 * ({@link #layers()}), initialisers, optimisers, schedules, its standardiser, its random affine
 * maps, its confusion matrix and its ranking of errors. Without {@code --use-exercises} every
 * answer is the library's own object, or the library's own computation, so the run's numbers are
 * exactly those of a lesson that builds its parts itself. A lesson declares its exercises once, in
 * its {@link LessonDefinition}:
 *
 * <pre>
 *   Parts.library().withDropout("07.1 inverted dropout", InvertedDropout::new)
 * </pre>
 */
public final class Parts implements RunParts {
    /** Builds a dropout layer, like {@code new Dropout(rate, rng)}. */
    @FunctionalInterface
    public interface DropoutMaker {
        /** A dropout layer with drop probability {@code rate} drawing its masks from {@code rng}. */
        Layer create(float rate, SplittableRandom rng);
    }

    /** Builds a fully connected layer, like {@code new Dense(in, out, init, rng)}. */
    @FunctionalInterface
    public interface DenseMaker {
        /** A layer {@code in -> out} whose weights {@code init} draws from {@code rng}. */
        Layer create(int in, int out, Initializer init, SplittableRandom rng);
    }

    /** Builds a ReLU network with He weights from its widths, like {@code Mlp.relu(new HeNormal(), widths).build(rng)}. */
    @FunctionalInterface
    public interface NetworkMaker {
        /** The network {@code inputs -> hidden... -> classes}, one generator split from {@code rng} per Dense layer. */
        Sequential create(int inputs, int[] hidden, int classes, SplittableRandom rng);
    }

    /** Builds an optimiser from the lesson's settings (e.g. the momentum coefficient), like {@code new Momentum(mu)}. */
    @FunctionalInterface
    public interface OptimizerMaker {
        /** An optimiser with the settings the lesson passes to {@link Parts#optimizer}, in its order. */
        Optimizer create(float... settings);
    }

    /** Builds a learning-rate schedule from the lesson's settings, like {@code CosineSchedule.annealing(max, min, T)}. */
    @FunctionalInterface
    public interface ScheduleMaker {
        /** A schedule with the settings the lesson passes to {@link Parts#schedule}, in its order. */
        LearningRateSchedule create(float... settings);
    }

    /** Fits a per-pixel standardiser, like {@code Standardizer.perPixel(train, minStd)}. */
    @FunctionalInterface
    public interface StandardizerMaker {
        /** Each pixel's mean and floored standard deviation over {@code train}. */
        Standardizer fit(Dataset train, float minStd);
    }

    /** Counts a confusion matrix, like {@code ConfusionMatrix.of(labels, predicted, classes).counts()}. */
    @FunctionalInterface
    public interface ConfusionCounter {
        /** {@code counts[t][p]}: the examples of true class {@code t} predicted as {@code p}. */
        int[][] counts(int[] labels, int[] predicted, int classes);
    }

    /** Ranks the errors of a set of predictions, like {@code TopErrors.byMargin(p, k)}. */
    @FunctionalInterface
    public interface ErrorRanking {
        /** The {@code k} misclassified examples with the largest {@code P(predicted) - P(true)}. */
        List<TopErrors.ErrorCase> byMargin(Predictions p, int k);
    }

    private DropoutMaker dropout;
    private DenseMaker dense;
    private NetworkMaker network;
    private EpochBatches.Maker batches;
    private StandardizerMaker standardizer;
    private RandomAffine.Resampler resampler;
    private ConfusionCounter confusion;
    private ErrorRanking errors;
    private final Map<String, Supplier<? extends Layer>> activations = new LinkedHashMap<>();
    private final Map<String, Supplier<? extends Initializer>> initializers = new LinkedHashMap<>();
    private final Map<String, OptimizerMaker> optimizers = new LinkedHashMap<>();
    private final Map<String, ScheduleMaker> schedules = new LinkedHashMap<>();
    private final List<String> fromExercises = new ArrayList<>();

    private Parts() {}

    /** nn-core's parts, nothing replaced: what every lesson uses without {@code --use-exercises}. */
    public static Parts library() {
        return new Parts();
    }

    // ------------------------------------------------------------------ what the exercises replace

    /** These parts with dropout layers from {@code maker}; {@code exercise} names it, e.g. {@code "07.1 inverted dropout"}. */
    public Parts withDropout(String exercise, DropoutMaker maker) {
        dropout = maker;
        return from(exercise);
    }

    /** These parts with fully connected layers from {@code maker}. */
    public Parts withDense(String exercise, DenseMaker maker) {
        dense = maker;
        return from(exercise);
    }

    /** These parts with the hidden activation {@code name} (e.g. {@code relu}) built by {@code maker}. */
    public Parts withActivation(String name, String exercise, Supplier<? extends Layer> maker) {
        activations.put(name, maker);
        return from(exercise);
    }

    /**
     * These parts with whole networks from {@code maker}, which stacks nn-core's layers itself: it
     * builds ReLU networks with He weights and no dropout, and {@link #network} refuses any other.
     */
    public Parts withNetwork(String exercise, NetworkMaker maker) {
        network = maker;
        return from(exercise);
    }

    /** These parts with training mini-batches from {@code maker}. */
    public Parts withBatches(String exercise, EpochBatches.Maker maker) {
        batches = maker;
        return from(exercise);
    }

    /** These parts with the initialiser whose {@link Initializer#name()} is {@code name} built by {@code maker}. */
    public Parts withInitializer(String name, String exercise, Supplier<? extends Initializer> maker) {
        initializers.put(name, maker);
        return from(exercise);
    }

    /** These parts with the optimiser the lesson calls {@code kind} (e.g. {@code momentum}) built by {@code maker}. */
    public Parts withOptimizer(String kind, String exercise, OptimizerMaker maker) {
        optimizers.put(kind, maker);
        return from(exercise);
    }

    /** These parts with the schedule the lesson calls {@code kind} (e.g. {@code cosine}) built by {@code maker}. */
    public Parts withSchedule(String kind, String exercise, ScheduleMaker maker) {
        schedules.put(kind, maker);
        return from(exercise);
    }

    /** These parts with the per-pixel standardiser fitted by {@code maker}. */
    public Parts withStandardizer(String exercise, StandardizerMaker maker) {
        standardizer = maker;
        return from(exercise);
    }

    /** These parts with random affine maps applied to the images by the transforms {@code resampler} makes. */
    public Parts withResampler(String exercise, RandomAffine.Resampler resampler) {
        this.resampler = resampler;
        return from(exercise);
    }

    /** These parts with confusion matrices counted by {@code counter}. */
    public Parts withConfusion(String exercise, ConfusionCounter counter) {
        confusion = counter;
        return from(exercise);
    }

    /** These parts with errors ranked by {@code ranking}. */
    public Parts withErrorRanking(String exercise, ErrorRanking ranking) {
        errors = ranking;
        return from(exercise);
    }

    private Parts from(String exercise) {
        fromExercises.add(exercise);
        return this;
    }

    /** The exercises these parts use, e.g. {@code ["07.1 inverted dropout"]}; empty for the library. */
    public List<String> fromExercises() {
        return List.copyOf(fromExercises);
    }

    /** True when no part is replaced. */
    public boolean isLibrary() {
        return fromExercises.isEmpty();
    }

    // ------------------------------------------------------------------ what a lesson asks for

    /** The layers a network is built from: nn-core's, except those replaced. */
    public LayerParts layers() {
        if (dropout == null && dense == null && activations.isEmpty()) {
            return LayerParts.LIBRARY;
        }
        DropoutMaker d = dropout;
        DenseMaker f = dense;
        Map<String, Supplier<? extends Layer>> a = Map.copyOf(activations);
        return new LayerParts() {
            @Override
            public Layer dense(int in, int out, Initializer init, SplittableRandom rng) {
                return f != null ? f.create(in, out, init, rng) : LayerParts.LIBRARY.dense(in, out, init, rng);
            }

            @Override
            public Layer activation(String name) {
                Supplier<? extends Layer> maker = a.get(name);
                return maker != null ? maker.get() : LayerParts.LIBRARY.activation(name);
            }

            @Override
            public Layer dropout(float rate, SplittableRandom rng) {
                return d != null ? d.create(rate, rng) : LayerParts.LIBRARY.dropout(rate, rng);
            }
        };
    }

    /**
     * The network {@code shape} describes, its weights from {@code rng}: built from {@link #layers()}
     * as nn-core's {@code Mlp} builds it, or by the network exercise, which is given
     * {@code shape}'s widths and the same generator.
     */
    @Override
    public Sequential network(Mlp shape, SplittableRandom rng) {
        if (network == null) {
            return shape.build(rng, layers());
        }
        boolean dropout = shape.inputDropout() > 0;
        for (float p : shape.hiddenDropout()) {
            dropout |= p > 0;
        }
        if (!shape.activation().equals("relu") || dropout || !shape.init().name().equals(new HeNormal().name())) {
            throw new UsageException("--use-exercises: " + String.join(", ", fromExercises) + " builds ReLU networks "
                    + "with He weights and no dropout, but this run asks for " + shape + "; turn dropout off (e.g. "
                    + "--hidden-dropout 0) or run without --use-exercises");
        }
        int[] w = shape.widths();
        return network.create(w[0], Arrays.copyOfRange(w, 1, w.length - 1), w[w.length - 1], rng);
    }

    /** The shuffled mini-batches of {@code train}: nn-core's {@code MiniBatches}, or the exercise's. */
    @Override
    public EpochBatches batches(Dataset train, int batchSize, long seed) {
        return batches != null ? batches.create(train, batchSize, seed) : RunParts.LIBRARY.batches(train, batchSize, seed);
    }

    /** {@code library} itself, or the exercise registered for its name. */
    public Initializer initializer(Initializer library) {
        Supplier<? extends Initializer> maker = initializers.get(library.name());
        return maker != null ? maker.get() : library;
    }

    /**
     * {@code library} itself, or the exercise registered for {@code kind} built with {@code settings}
     * (the same settings {@code library} was built with, e.g. the momentum coefficient).
     */
    public Optimizer optimizer(String kind, Optimizer library, float... settings) {
        OptimizerMaker maker = optimizers.get(kind);
        return maker != null ? maker.create(settings) : library;
    }

    /**
     * {@code library} itself, or the exercise registered for {@code kind} built with {@code settings}
     * (the same settings {@code library} was built with, e.g. the peak rate and the period).
     */
    public LearningRateSchedule schedule(String kind, LearningRateSchedule library, float... settings) {
        ScheduleMaker maker = schedules.get(kind);
        return maker != null ? maker.create(settings) : library;
    }

    /** Each pixel's mean and floored standard deviation on {@code train}: nn-core's {@code Standardizer.perPixel}, or the exercise's. */
    public Standardizer perPixelStandardizer(Dataset train, float minStd) {
        return standardizer != null ? standardizer.fit(train, minStd) : Standardizer.perPixel(train, minStd);
    }

    /** {@code library} itself, or the same random maps applied to the images by the exercise's transform. */
    public RandomAffine randomAffine(RandomAffine library) {
        return resampler != null ? library.resampledBy(resampler) : library;
    }

    /** The confusion matrix of {@code p}, counted by nn-core or by the exercise. */
    public ConfusionMatrix confusion(Predictions p) {
        return confusion != null ? ConfusionMatrix.ofCounts(confusion.counts(p.labels().clone(), p.predicted().clone(),
                p.classes())) : ConfusionMatrix.of(p);
    }

    /** The {@code k} errors of {@code p} with the largest margin, ranked by nn-core or by the exercise. */
    public List<TopErrors.ErrorCase> topErrors(Predictions p, int k) {
        return errors != null ? List.copyOf(errors.byMargin(p, k)) : TopErrors.byMargin(p, k);
    }
}
