package dev.knobs.lessons.common;

import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.LayerParts;
import dev.knobs.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Where a lesson gets the parts it trains with: nn-core's classes ({@link #library()}), or the
 * student's exercises for the parts a lesson has exercises for ({@code --use-exercises}).
 *
 * <p>A lesson asks this object, never a constructor, for each part it can swap: its layers
 * ({@link #layers()}, handed to {@code Recipe.train}), its initialisers ({@link #initializer})
 * and its optimisers ({@link #optimizer}). Without {@code --use-exercises} every answer is the
 * library's own object, so the run's numbers are exactly those of a lesson that builds its parts
 * itself. A lesson declares its exercises once, in its {@link LessonDefinition}:
 *
 * <pre>
 *   Parts.library().withDropout("07.1 inverted dropout", InvertedDropout::new)
 * </pre>
 */
public final class Parts {
    /** Builds a dropout layer, like {@code new Dropout(rate, rng)}. */
    @FunctionalInterface
    public interface DropoutMaker {
        /** A dropout layer with drop probability {@code rate} drawing its masks from {@code rng}. */
        Layer create(float rate, SplittableRandom rng);
    }

    /** Builds an optimiser from the lesson's settings (e.g. the momentum coefficient), like {@code new Momentum(mu)}. */
    @FunctionalInterface
    public interface OptimizerMaker {
        /** An optimiser with the settings the lesson passes to {@link Parts#optimizer}, in its order. */
        Optimizer create(float... settings);
    }

    private DropoutMaker dropout;
    private final Map<String, Supplier<? extends Layer>> activations = new LinkedHashMap<>();
    private final Map<String, Supplier<? extends Initializer>> initializers = new LinkedHashMap<>();
    private final Map<String, OptimizerMaker> optimizers = new LinkedHashMap<>();
    private final List<String> fromExercises = new ArrayList<>();

    private Parts() {}

    /** nn-core's parts, nothing replaced: what every lesson uses without {@code --use-exercises}. */
    public static Parts library() {
        return new Parts();
    }

    /** These parts with dropout layers from {@code maker}; {@code exercise} names it, e.g. {@code "07.1 inverted dropout"}. */
    public Parts withDropout(String exercise, DropoutMaker maker) {
        dropout = maker;
        fromExercises.add(exercise);
        return this;
    }

    /** These parts with the hidden activation {@code name} (e.g. {@code relu}) built by {@code maker}. */
    public Parts withActivation(String name, String exercise, Supplier<? extends Layer> maker) {
        activations.put(name, maker);
        fromExercises.add(exercise);
        return this;
    }

    /** These parts with the initialiser whose {@link Initializer#name()} is {@code name} built by {@code maker}. */
    public Parts withInitializer(String name, String exercise, Supplier<? extends Initializer> maker) {
        initializers.put(name, maker);
        fromExercises.add(exercise);
        return this;
    }

    /** These parts with the optimiser the lesson calls {@code kind} (e.g. {@code momentum}) built by {@code maker}. */
    public Parts withOptimizer(String kind, String exercise, OptimizerMaker maker) {
        optimizers.put(kind, maker);
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

    /** The layers a network is built from: nn-core's, except those replaced. */
    public LayerParts layers() {
        if (dropout == null && activations.isEmpty()) {
            return LayerParts.LIBRARY;
        }
        DropoutMaker d = dropout;
        Map<String, Supplier<? extends Layer>> a = Map.copyOf(activations);
        return new LayerParts() {
            @Override
            public Layer dense(int in, int out, Initializer init, SplittableRandom rng) {
                return LayerParts.LIBRARY.dense(in, out, init, rng);
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
}
