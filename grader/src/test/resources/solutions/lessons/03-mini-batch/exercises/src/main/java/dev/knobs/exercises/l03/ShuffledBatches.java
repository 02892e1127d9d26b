package dev.knobs.exercises.l03;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.MiniBatches.Batch;

/** The reference solution of exercise 03.1: nn-core's MiniBatches. */
public final class ShuffledBatches {
    private final MiniBatches batches;

    public ShuffledBatches(Dataset data, int batchSize, long seed) {
        batches = new MiniBatches(data, batchSize, seed);
    }

    public int count() {
        return batches.count();
    }

    public Iterable<Batch> epoch(int epoch) {
        return batches.epoch(epoch);
    }
}
