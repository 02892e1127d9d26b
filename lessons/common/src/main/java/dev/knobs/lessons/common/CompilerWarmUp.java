package dev.knobs.lessons.common;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.RunData;
import dev.knobs.nn.train.Recipe;

/**
 * A short throwaway training run before runs whose times a lesson compares.
 *
 * <p>Java first interprets the matrix kernels and compiles them to machine code only after they
 * have run for a while; on a busy machine the vector kernels take seconds to compile. Without a
 * warm-up, the first timed run of a lesson pays for the compiler and looks several seconds slower
 * than the runs after it, which is wrong when the lesson compares training times.
 */
public final class CompilerWarmUp {
    /** Training images in the warm-up epoch: about 16 mini-batches of 128, enough for the compiler to step in. */
    private static final int TRAIN_IMAGES = 2000;
    /** Images evaluated after the warm-up epoch, so that the evaluation code is compiled too. */
    private static final int EVALUATED_IMAGES = 500;

    private CompilerWarmUp() {}

    /**
     * Trains {@code recipe} for one epoch on the first 2,000 training images, evaluates it on the
     * first 500 validation and test images, and throws the result away. {@code data} is not modified.
     */
    public static void run(Recipe recipe, RunData data, Lesson lesson) {
        RunData small = new RunData(warmUp(data.train(), TRAIN_IMAGES),
                data.validation() == null ? null : warmUp(data.validation(), EVALUATED_IMAGES),
                warmUp(data.test(), EVALUATED_IMAGES));
        Recipe warmUp = recipe.withLabel("warm-up (not used)").withEpochs(1);
        warmUp.train(small, lesson.progress(warmUp)).orThrow();
    }

    private static Dataset warmUp(Dataset d, int n) {
        return d.first(d.name() + "/warm-up", n);
    }
}
