package dev.knobs.nn.train;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.EpochBatches;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.layer.LayerParts;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import java.util.SplittableRandom;

/**
 * What {@link Recipe#train} builds a run from besides the recipe's settings: the network and its
 * mini-batches. nn-core's own ({@link #LIBRARY}), or implementations with the same behaviour, such
 * as a student's exercises.
 *
 * <p>The recipe asks for them in a fixed order, each with its own random draw (see
 * {@link Recipe#train}), so swapping one part changes no other part's numbers.
 */
public interface RunParts {

    /** The network {@code shape} describes, its weights drawn from {@code rng}, like {@link Mlp#build(SplittableRandom)}. */
    Sequential network(Mlp shape, SplittableRandom rng);

    /** The shuffled mini-batches of {@code train}, like {@link MiniBatches}. */
    EpochBatches batches(Dataset train, int batchSize, long seed);

    /** nn-core's network built from {@code layers}, and nn-core's mini-batches. */
    static RunParts of(LayerParts layers) {
        return new RunParts() {
            @Override
            public Sequential network(Mlp shape, SplittableRandom rng) {
                return shape.build(rng, layers);
            }

            @Override
            public EpochBatches batches(Dataset train, int batchSize, long seed) {
                return new MiniBatches(train, batchSize, seed);
            }
        };
    }

    /** nn-core's own parts. */
    RunParts LIBRARY = of(LayerParts.LIBRARY);
}
