package dev.knobs.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.augment.RandomAffine;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.io.CheckpointException;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.optim.Adam;
import dev.knobs.nn.optim.Nesterov;
import dev.knobs.nn.schedule.OneCycle;
import dev.knobs.nn.schedule.ReduceOnPlateau;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after epoch 2 and continued from its checkpoint must end exactly where the run
 * that was never stopped ends: same weights, same history, bit for bit.
 */
class CheckpointTest {
    private static final int EPOCHS = 4;

    /** 8x8 images of 3 classes: a bright row, column or diagonal, in noise. Augmentation can shift them. */
    static Dataset images(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            int at = 2 + rng.nextInt(4);
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    boolean ink = y[i] == 0 ? r == at : y[i] == 1 ? c == at : r == c;
                    x[i * 64 + r * 8 + c] = (float) (0.2 * rng.nextDouble() + (ink ? 0.8 : 0));
                }
            }
        }
        return new Dataset("lines", x, y, n, 8, 8, 3);
    }

    static RunData data(boolean validation) {
        return new RunData(images(200, 1), validation ? images(60, 2) : null, images(90, 3));
    }

    /** 64-16-3 with dropout, Nesterov momentum, a per-step one-cycle and random shifts and turns. */
    static Recipe recipe(RunData data) {
        Recipe r = Recipe.BASELINE.withLabel("lines").withNetwork(new Mlp(new int[] {64, 16, 3}, "relu", 0.1f,
                        new float[] {0.2f}, new HeNormal()))
                .withOptimizer(new Nesterov(0.9f)).withBatchSize(32).withEpochs(EPOCHS)
                .withAugmentation(new RandomAffine(10, 1, 0.1, 0, 0f)).withSeed(7);
        return r.withStepSchedule(new OneCycle(0.1f, r.totalSteps(data.train().size()), 0.3f, 25f, 1e3f));
    }

    /** Stops the run after {@code epochs} epochs, as an interruption would. */
    static TrainingListener stopAfter(int epochs) {
        return new TrainingListener() {
            @Override
            public boolean epochEnded(EpochRecord record, int total) {
                return record.epoch() < epochs;
            }
        };
    }

    /** The same weights, the same history (all but the seconds), bit for bit. */
    static void assertSameRun(Recipe.Run expected, Recipe.Run actual) {
        List<Parameter> a = expected.model().parameters();
        List<Parameter> b = actual.model().parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertTrue(Arrays.equals(a.get(i).value(), b.get(i).value()), "parameter " + a.get(i).name());
        }
        History h = expected.history();
        History g = actual.history();
        assertEquals(h.epochs().size(), g.epochs().size());
        for (int e = 0; e < h.epochs().size(); e++) {
            EpochRecord x = h.epochs().get(e);
            EpochRecord y = g.epochs().get(e);
            assertEquals(withoutSeconds(x), withoutSeconds(y), "epoch " + (e + 1));
        }
        assertEquals(h.stepLearningRates(), g.stepLearningRates());
        assertEquals(h.stepLosses(), g.stepLosses());
        assertArrayEquals(expected.test().probabilities(), actual.test().probabilities());
    }

    /** An epoch's record with its wall-clock time left out: the one number a continued run may change. */
    static EpochRecord withoutSeconds(EpochRecord r) {
        return new EpochRecord(r.epoch(), r.trainLoss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(),
                r.testLoss(), r.testAccuracy(), r.learningRate(), 0);
    }

    @Test
    void aRunContinuedFromItsCheckpointEndsBitForBitWhereTheUninterruptedRunEnds(@TempDir Path dir) {
        RunData data = data(false);
        Recipe recipe = recipe(data);
        Recipe.Run straight = recipe.train(data, TrainingListener.NONE);

        Path file = dir.resolve("run.ckpt");
        Recipe.Run firstHalf = recipe.train(data, stopAfter(2), file);
        assertEquals(2, firstHalf.history().epochs().size());
        assertEquals(2, new Checkpoint(file, recipe.fingerprint(data)).epochsDone());
        Recipe.Run resumed = recipe.train(data, TrainingListener.NONE, file);

        assertEquals(EPOCHS, resumed.history().epochs().size());
        assertSameRun(straight, resumed);
        assertNotEquals(straight.history().stepLosses().get(0), straight.history().stepLosses().get(27),
                "the run must learn for the comparison to mean something");
        // A finished run's checkpoint gives the finished run again, without training.
        assertSameRun(straight, recipe.train(data, stopAfter(0), file));
    }

    @Test
    void aReduceOnPlateauScheduleAndAdamContinueWhereTheyWere(@TempDir Path dir) {
        RunData data = data(true);
        Recipe recipe = recipe(data).withOptimizer(new Adam()).withEpochs(6)
                .withSchedule(new ReduceOnPlateau(0.02f, 0.5f, 0, 1e-5f, 0.9f));   // reduces unless the loss falls tenfold
        Recipe.Run straight = recipe.train(data, TrainingListener.NONE);
        double first = straight.history().epochs().get(0).learningRate();
        double last = straight.history().last().learningRate();
        assertTrue(last < first, "the plateau schedule must reduce the rate for the test to mean something: " + first
                + " then " + last);

        Path file = dir.resolve("plateau.ckpt");
        recipe.train(data, stopAfter(3), file);
        assertSameRun(straight, recipe.train(data, TrainingListener.NONE, file));
    }

    @Test
    void aCheckpointOfAnotherRecipeIsRefusedInOneMessage(@TempDir Path dir) {
        RunData data = data(false);
        Path file = dir.resolve("run.ckpt");
        recipe(data).train(data, stopAfter(1), file);
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> recipe(data).withSeed(8).train(data, TrainingListener.NONE, file));
        assertTrue(e.getMessage().startsWith("checkpoint " + file + " belongs to another run"), e.getMessage());
        assertTrue(e.getMessage().contains("seed 7") && e.getMessage().contains("seed 8"), e.getMessage());
        assertTrue(e.getMessage().contains("delete it to start this run over"), e.getMessage());
    }

    @Test
    void aTruncatedOrDamagedCheckpointIsRefusedInOneMessage(@TempDir Path dir) throws IOException {
        RunData data = data(false);
        Recipe recipe = recipe(data);
        Path file = dir.resolve("run.ckpt");
        recipe.train(data, stopAfter(1), file);
        byte[] bytes = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        CheckpointException truncated = assertThrows(CheckpointException.class,
                () -> recipe.train(data, TrainingListener.NONE, file));
        assertEquals("checkpoint " + file + " is corrupt: its SHA-256 checksum does not match its content (truncated or "
                + "modified after it was written); delete it to start the run over", truncated.getMessage());

        byte[] flipped = bytes.clone();
        flipped[bytes.length - 100] ^= 1;
        Files.write(file, flipped);
        assertThrows(CheckpointException.class, () -> recipe.train(data, TrainingListener.NONE, file));

        Files.write(file, Arrays.copyOf(bytes, 20));
        CheckpointException tooShort = assertThrows(CheckpointException.class,
                () -> recipe.train(data, TrainingListener.NONE, file));
        assertTrue(tooShort.getMessage().contains("is truncated"), tooShort.getMessage());

        Files.writeString(file, "{\"not\": \"a checkpoint\"}");
        CheckpointException other = assertThrows(CheckpointException.class,
                () -> recipe.train(data, TrainingListener.NONE, file));
        assertEquals(file + " is not a Knobs checkpoint: it does not start with \"KNOBSCKP\"; delete it to start the "
                + "run over", other.getMessage());
    }

    @Test
    void withoutACheckpointTheRunIsTheSameAsBefore(@TempDir Path dir) {
        RunData data = data(false);
        Recipe recipe = recipe(data);
        Path file = dir.resolve("run.ckpt");
        assertSameRun(recipe.train(data, TrainingListener.NONE), recipe.train(data, TrainingListener.NONE, file));
        assertTrue(Files.exists(file), "the checkpoint stays after the run, for the caller to delete");
        assertFalse(recipe.fingerprint(data).equals(recipe.withEpochs(5).fingerprint(data)));
    }
}
