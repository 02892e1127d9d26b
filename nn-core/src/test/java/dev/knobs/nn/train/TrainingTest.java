package dev.knobs.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.EpochBatches;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.kernel.Parallel;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Evaluator;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Sgd;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingTest {

    /** Two Gaussian blobs per class in 8 dimensions: learnable, but not in one step. */
    static Dataset blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 8; j++) {
                x[i * 8 + j] = (float) (rng.nextGaussian() * 0.5 + (j % 3 == y[i] ? 1.5 : 0));
            }
        }
        return new Dataset("blobs", x, y, n, 2, 4, 3);
    }

    private static Sequential train(long seed, int threads) {
        return Compute.of(threads).call(() -> {
            Dataset data = blobs(300, 1);
            Sequential net = new Mlp(new int[] {8, 32, 16, 3}, "relu", 0f, new float[] {0.2f}, new HeNormal())
                    .build(new SplittableRandom(seed));
            TrainStep step = new TrainStep(net, new Momentum(0.9f));
            MiniBatches batches = new MiniBatches(data, 32, seed);
            for (int epoch = 0; epoch < 5; epoch++) {
                for (MiniBatches.Batch b : batches.epoch(epoch)) {
                    step.run(b.x(), b.labels(), b.size(), 0.05f);
                }
            }
            return net;
        });
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsForAnyThreadCount() {
        List<Parameter> a = train(42, 1).parameters();
        List<Parameter> b = train(42, 1).parameters();
        List<Parameter> c = train(42, 2).parameters();
        List<Parameter> d = train(43, 2).parameters();
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value(), b.get(i).value());
            assertArrayEquals(a.get(i).value(), c.get(i).value());
        }
        assertTrue(a.get(0).value()[0] != d.get(0).value()[0]);
    }

    @Test
    void trainingLearnsTheBlobs() {
        Sequential net = train(7, 2);
        double accuracy = Evaluator.evaluate(net, blobs(300, 2)).accuracy();
        assertTrue(accuracy > 0.9, "accuracy on fresh blobs " + accuracy);
    }

    @Test
    void guardStopsNaNAndExplodingLossesWithAUsefulMessage() {
        DivergenceGuard guard = new DivergenceGuard();
        guard.check(2.3f, 1, 1, 0.1f);
        guard.check(30f, 1, 2, 0.1f);                      // high but below max(50, 23)
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> guard.check(Float.NaN, 2, 57, 1.5f));
        assertTrue(e.getMessage().contains("epoch 2, step 57") && e.getMessage().contains("NaN")
                && e.getMessage().contains("learning rate"), e.getMessage());
        assertEquals(57, e.step());
        assertThrows(TrainingDivergedException.class, () -> guard.check(80f, 3, 60, 1.5f));
    }

    @Test
    void batchesGatheredAheadHoldTheirRowsAndAreTheSameForAnyThreadCount() {
        Dataset data = blobs(203, 6);
        MiniBatches batches = new MiniBatches(data, 16, 7);
        List<float[]> seen = new ArrayList<>();
        for (int threads : new int[] {1, 2, 3}) {
            List<float[]> xs = new ArrayList<>();
            Compute.of(threads).run(() -> {
                for (int epoch = 0; epoch < 2; epoch++) {
                    int rows = 0;
                    for (MiniBatches.Batch b : batches.epoch(epoch)) {
                        Parallel.forEach(8, t -> { });                 // the caller's own parallel work meanwhile
                        for (int i = 0; i < b.size(); i++) {
                            int row = b.rows()[i];
                            assertEquals(data.labels()[row], b.labels()[i], "label of batch " + b.index() + " row " + i);
                            for (int j = 0; j < data.features(); j++) {
                                assertEquals(data.x()[row * data.features() + j], b.x()[i * data.features() + j]);
                            }
                        }
                        rows += b.size();
                        xs.add(b.x().clone());
                    }
                    assertEquals(203, rows, "an epoch covers every example");
                }
            });
            if (seen.isEmpty()) {
                seen.addAll(xs);
            } else {
                for (int i = 0; i < xs.size(); i++) {
                    assertArrayEquals(seen.get(i), xs.get(i), "batch " + i + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void aHugeLearningRateDivergesAndTheStepLeavesWeightsFinite() {
        Dataset data = blobs(64, 3);
        Sequential net = Mlp.relu(new HeNormal(), 8, 64, 3).build(new SplittableRandom(3));
        TrainStep step = new TrainStep(net, new Sgd());
        DivergenceGuard guard = new DivergenceGuard();
        MiniBatches batches = new MiniBatches(data, 16, 3);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> {
            int s = 0;
            for (int epoch = 0; epoch < 50; epoch++) {
                for (MiniBatches.Batch b : batches.epoch(epoch)) {
                    guard.check(step.run(b.x(), b.labels(), b.size(), 1e4f), epoch + 1, ++s, 1e4f);
                }
            }
        });
        assertTrue(e.getMessage().contains("lower"), e.getMessage());
    }

    @Test
    void rangeTestSweepsExponentiallyAndSuggestsARateInsideTheSweep() {
        Dataset data = blobs(600, 4);
        Sequential net = Mlp.relu(new HeNormal(), 8, 32, 3).build(new SplittableRandom(4));
        float[] before = net.parameters().get(0).value().clone();
        LrRangeTest.Result r = LrRangeTest.run(net, new Sgd(), new MiniBatches(data, 16, 4), 1e-4f, 1e4f, 100);
        assertArrayEquals(before, net.parameters().get(0).value());            // the model is untouched
        assertEquals(1e-4f, r.rates().get(0), 1e-9f);
        assertEquals(1e-4 * Math.pow(1e8, 1.0 / 99), r.rates().get(1), 1e-8);   // geometric steps
        assertTrue(r.rates().size() < 100, "a rate of 1e4 must blow the loss up and stop the sweep early");
        float last = r.rates().get(r.rates().size() - 1);
        assertTrue(r.steepest() > 1e-4f && r.steepest() < last, "suggestion " + r.steepest());
        assertTrue(r.minimumOverTen() < last / 10, "min/10 " + r.minimumOverTen());
    }

    @Test
    void aRecipeTrainedWithOtherPartsThatBehaveAlikeGivesTheSameWeightsBitForBit() {
        RunData data = new RunData(blobs(300, 1), null, blobs(90, 2));
        Recipe recipe = Recipe.BASELINE.withNetwork(new Mlp(new int[] {8, 16, 3}, "relu", 0f, new float[] {0.2f},
                new HeNormal())).withEpochs(2).withBatchSize(32).withSeed(5);
        int[] epochsAsked = new int[1];
        long[] seedGiven = new long[1];
        RunParts wrapped = new RunParts() {
            @Override
            public Sequential network(Mlp shape, SplittableRandom rng) {
                return shape.build(rng);
            }

            @Override
            public EpochBatches batches(Dataset train, int batchSize, long seed) {
                seedGiven[0] = seed;
                MiniBatches inner = new MiniBatches(train, batchSize, seed);
                return EpochBatches.of(train, epoch -> {
                    epochsAsked[0]++;
                    return inner.epoch(epoch);
                });
            }
        };
        List<Parameter> library = recipe.train(data, TrainingListener.NONE).model().parameters();
        List<Parameter> other = recipe.train(data, TrainingListener.NONE, wrapped).model().parameters();
        for (int i = 0; i < library.size(); i++) {
            assertArrayEquals(library.get(i).value(), other.get(i).value(), "parameter " + i);
        }
        assertEquals(2, epochsAsked[0], "the recipe walks through the parts' batches, once per epoch");
        SplittableRandom rng = new SplittableRandom(5);
        rng.split();                                         // the network's generator comes first
        assertEquals(rng.nextLong(), seedGiven[0], "the batches get the recipe's second draw, as MiniBatches did");
    }
}
