package dev.knobs.lessons.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.Zeros;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.LayerParts;
import dev.knobs.nn.layer.ReLU;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.optim.Sgd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
        assertEquals(java.util.List.of("99.1 dropout", "99.2 init", "99.3 step"), parts.fromExercises());
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
