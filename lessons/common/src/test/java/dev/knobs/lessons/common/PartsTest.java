package dev.knobs.lessons.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.augment.FixedAffine;
import dev.knobs.nn.augment.RandomAffine;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.EpochBatches;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Standardizer;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.XavierNormal;
import dev.knobs.nn.init.Zeros;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.LayerParts;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.ReLU;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.optim.Sgd;
import dev.knobs.nn.schedule.ConstantRate;
import dev.knobs.nn.schedule.CosineSchedule;
import dev.knobs.nn.schedule.LearningRateSchedule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --use-exercises: nn-core's parts by default, the exercises' when asked, a clear message when there are none. */
class PartsTest {
    @TempDir
    Path dir;

    @Test
    void theLibraryHandsBackNnCoresOwnParts() {
        Parts library = Parts.library();
        Initializer he = new HeNormal();
        Optimizer momentum = new Momentum(0.9f);
        assertSame(LayerParts.LIBRARY, library.layers());
        assertSame(he, library.initializer(he));
        assertSame(momentum, library.optimizer("momentum", momentum));
        assertTrue(library.isLibrary());
    }

    @Test
    void exercisesReplaceOnlyTheirOwnParts() {
        Parts parts = Parts.library().withDropout("99.1 dropout", (rate, rng) -> new ReLU())
                .withInitializer("he_normal", "99.2 init", Zeros::new).withOptimizer("momentum", "99.3 step", settings -> new Momentum(settings[0] / 2));
        LayerParts layers = parts.layers();
        assertInstanceOf(ReLU.class, layers.dropout(0.5f, new SplittableRandom(1)));
        assertInstanceOf(Dense.class, layers.dense(3, 2, new HeNormal(), new SplittableRandom(1)));
        assertInstanceOf(ReLU.class, layers.activation("relu"));
        assertInstanceOf(Zeros.class, parts.initializer(new HeNormal()));
        assertInstanceOf(HeNormal.class, Parts.library().withDropout("x", Dropout::new).initializer(new HeNormal()));
        assertInstanceOf(Momentum.class, parts.optimizer("momentum", new Sgd(), 0.9f));
        assertEquals("momentum(0.45)", parts.optimizer("momentum", new Sgd(), 0.9f).name());
        assertEquals(List.of("99.1 dropout", "99.2 init", "99.3 step"), parts.fromExercises());
    }

    @Test
    void theLibraryComputesWhatNnCoreComputes() {
        Parts library = Parts.library();
        Dataset data = new Dataset("d", new float[] {0, 1, 2, 3, 4, 5, 6, 8}, new int[] {0, 1, 1, 0}, 4, 1, 2, 2);
        Mlp shape = Mlp.relu(new HeNormal(), 2, 3, 2);
        assertArrayEquals(shape.build(new SplittableRandom(4)).parameters().get(0).value(),
                library.network(shape, new SplittableRandom(4)).parameters().get(0).value());
        assertInstanceOf(MiniBatches.class, library.batches(data, 2, 1));
        assertArrayEquals(Standardizer.perPixel(data, 0.1f).std(), library.perPixelStandardizer(data, 0.1f).std());
        RandomAffine affine = RandomAffine.shiftOnly(2);
        assertSame(affine, library.randomAffine(affine));
        LearningRateSchedule cosine = CosineSchedule.annealing(0.1f, 0f, 10);
        assertSame(cosine, library.schedule("cosine", cosine, 0.1f, 0f, 10));
        Predictions p = new Predictions(new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.7f, 0.3f}, new int[] {0, 1, 0},
                new int[] {0, 0, 1}, 0, 1.0 / 3, 2);
        assertArrayEquals(ConfusionMatrix.of(p).counts(), library.confusion(p).counts());
        assertEquals(TopErrors.byMargin(p, 5), library.topErrors(p, 5));
    }

    @Test
    void exercisesReplaceTheirPartsOfNetworksDataSchedulesAndMeasures() {
        List<String> asked = new ArrayList<>();
        Parts parts = Parts.library()
                .withDense("01.1", (in, out, init, rng) -> new ReLU())
                .withNetwork("09.1", (inputs, hidden, classes, rng) -> {
                    asked.add(inputs + " " + Arrays.toString(hidden) + " " + classes);
                    return Sequential.of(inputs, new ReLU());
                })
                .withBatches("03.1", (d, b, seed) -> EpochBatches.of(d, epoch -> List.of()))
                .withStandardizer("02.1", (d, minStd) -> new Standardizer(new float[] {1, 1}, new float[] {2, 2}, "mine"))
                .withResampler("08.1", FixedAffine::new)
                .withSchedule("cosine", "10.1", s -> new ConstantRate(s[0] / 2))
                .withConfusion("11.1", (labels, predicted, classes) -> {
                    labels[0] = 1;                               // a copy: the predictions are not changed
                    return new int[][] {{5, 0}, {0, 5}};
                })
                .withErrorRanking("11.2", (p, k) -> List.of());
        assertInstanceOf(ReLU.class, parts.layers().dense(2, 3, new HeNormal(), new SplittableRandom(1)));
        parts.network(Mlp.relu(new HeNormal(), 784, 256, 128, 10), new SplittableRandom(1));
        assertEquals(List.of("784 [256, 128] 10"), asked);
        Dataset data = new Dataset("d", new float[] {0, 1, 2, 3}, new int[] {0, 1}, 2, 1, 2, 2);
        assertFalse(parts.batches(data, 1, 3).epoch(0).iterator().hasNext(), "the exercise's batches");
        assertEquals("mine", parts.perPixelStandardizer(data, 0.1f).label());
        RandomAffine affine = RandomAffine.shiftOnly(2);
        assertNotSame(affine, parts.randomAffine(affine));
        assertEquals(0.05f, parts.schedule("cosine", CosineSchedule.annealing(0.1f, 0f, 10), 0.1f, 0f, 10).rate(3));
        Predictions p = new Predictions(new float[] {0.9f, 0.1f}, new int[] {0}, new int[] {0}, 0, 1, 2);
        assertEquals(10, parts.confusion(p).total());
        assertEquals(0, p.labels()[0]);
        assertTrue(parts.topErrors(p, 3).isEmpty());
        assertEquals(List.of("01.1", "09.1", "03.1", "02.1", "08.1", "10.1", "11.1", "11.2"), parts.fromExercises());
    }

    @Test
    void theNetworkExerciseRefusesNetworksItDoesNotBuild() {
        Parts parts = Parts.library().withNetwork("09.1 a network of configurable depth",
                (inputs, hidden, classes, rng) -> Sequential.of(inputs, new ReLU()));
        Mlp withDropout = new Mlp(new int[] {784, 64, 10}, "relu", 0f, new float[] {0.5f}, new HeNormal());
        UsageException e = assertThrows(UsageException.class, () -> parts.network(withDropout, new SplittableRandom(1)));
        assertTrue(e.getMessage().startsWith("--use-exercises: 09.1 a network of configurable depth builds ReLU networks "
                + "with He weights and no dropout, but this run asks for 784-64-10 relu"), e.getMessage());
        assertThrows(UsageException.class, () -> parts.network(Mlp.relu(new XavierNormal(), 784, 10), new SplittableRandom(1)));
        assertThrows(UsageException.class, () -> parts.network(new Mlp(new int[] {784, 10}, "tanh", 0f, new float[] {0f},
                new HeNormal()), new SplittableRandom(1)));
    }

    @Test
    void useExercisesRunsTheLessonWithTheExercisesPartsAndSaysSo() {
        LessonDefinition<Lesson.NoKnobs, Lesson.Accuracy> plain = new LessonDefinition<>("00-test", "Test",
                Lesson.NoKnobs.class, mode -> new Lesson.NoKnobs(), Lesson.Accuracy.class,
                (lesson, hp) -> new Lesson.Accuracy(lesson.parts().isLibrary() ? 0.5 : 0.9));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"--mode", "smoke", "--use-exercises", "--runs-dir", dir.toString()};
        assertEquals(2, Lesson.execute(args, plain, print(out), print(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no exercises to plug in"), err.toString());

        LessonDefinition<Lesson.NoKnobs, Lesson.Accuracy> withExercises = plain.withExercises(
                () -> Parts.library().withDropout("99.1 dropout", Dropout::new));
        assertEquals(0, Lesson.execute(args, withExercises, print(out), print(err)));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("parts from your exercises (--use-exercises): 99.1 dropout"), text);
        assertTrue(text.contains("test_accuracy=0.9000"), text);
        assertTrue(text.contains("-smoke-exercises"), "never the reference run's folder: " + text);

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        assertEquals(0, Lesson.execute(new String[] {"--mode", "smoke", "--runs-dir", dir.toString()}, withExercises,
                print(quiet), print(err)));
        assertTrue(quiet.toString(StandardCharsets.UTF_8).contains("test_accuracy=0.5000"), "library parts without the flag");
    }

    @Test
    void anUnfinishedExerciseIsOneClearMessage() {
        LessonDefinition<Lesson.NoKnobs, Lesson.Accuracy> lesson = new LessonDefinition<>("00-test", "Test",
                Lesson.NoKnobs.class, mode -> new Lesson.NoKnobs(), Lesson.Accuracy.class, (l, hp) -> {
                    throw new UnsupportedOperationException("exercise 99.1: dropout forward: not written yet");
                });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, Lesson.execute(new String[] {"--mode", "smoke", "--out", dir.resolve("o").toString()}, lesson,
                print(new ByteArrayOutputStream()), print(err)));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("error: an exercise is not done yet: exercise 99.1"), text);
        assertTrue(!text.contains("\tat "), text);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
