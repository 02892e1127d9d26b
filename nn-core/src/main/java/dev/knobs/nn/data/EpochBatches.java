package dev.knobs.nn.data;

import java.util.function.IntFunction;

/**
 * The mini-batches of a training set, epoch after epoch: what the training loop walks through.
 * {@link MiniBatches} is nn-core's; another implementation with the same behaviour (a student's
 * exercise, say) can take its place, because the loop asks for nothing else.
 */
public interface EpochBatches {

    /** The training set the batches are cut from. */
    Dataset data();

    /** The batches of epoch {@code epoch} (0-based), each example exactly once. */
    Iterable<MiniBatches.Batch> epoch(int epoch);

    /** How a run makes its batches: from the training set, the batch size and the seed that orders them. */
    @FunctionalInterface
    interface Maker {
        /** Batches of {@code data} of {@code batchSize} examples, shuffled by {@code seed}, like {@link MiniBatches}. */
        EpochBatches create(Dataset data, int batchSize, long seed);
    }

    /** Batches of {@code data} whose epochs come from {@code epochs}, e.g. another class's {@code epoch} method. */
    static EpochBatches of(Dataset data, IntFunction<Iterable<MiniBatches.Batch>> epochs) {
        return new EpochBatches() {
            @Override
            public Dataset data() {
                return data;
            }

            @Override
            public Iterable<MiniBatches.Batch> epoch(int epoch) {
                return epochs.apply(epoch);
            }
        };
    }
}
