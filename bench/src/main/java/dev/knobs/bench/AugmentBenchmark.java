package dev.knobs.bench;

import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.augment.ElasticDistortion;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.augment.RandomAffine;
import dev.knobs.nn.kernel.Compute;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: how many 28x28 images per second the {@link Augmenter} transforms, one training
 * mini-batch of 128 images per call, at 1 and 2 kernel threads, for the two transforms the course
 * uses: {@code affine} ({@link RandomAffine#kerasMnist()}: rotation, shift, zoom and shear, with
 * bilinear sampling) and {@code elastic} ({@link ElasticDistortion#simard2003()}: a smoothed random
 * displacement field per image).
 *
 * <p><b>The score is in images per second</b>: each call is declared as 128 operations with
 * {@code @OperationsPerInvocation} and the output time unit is the second, so JMH's
 * {@code ops/s} are images/s ({@code ±} its 99.9% confidence interval).
 *
 * <p>Why: the lessons that augment (08 and several after it) transform every training mini-batch
 * before its step, on the same threads: an augmented epoch spends 60,000 divided by this rate
 * seconds on it, on top of the training itself. Set next to the training command's examples/s,
 * these figures say how much longer an augmented epoch is. The images are synthetic rings
 * ("0"-like strokes with soft edges); a transform's cost depends on the image size, not on the
 * pixels, so MNIST itself is not needed. Default: 1 fork, 5 warm-up and 5 measurement iterations
 * of 1 s, about 45 s for the 4 combinations; {@code java -jar bench/target/benchmarks.jar Augment}.
 *
 * <p>This replaces a unit test that printed the same figure: it asserted nothing, took seconds of
 * every test run and changed the kernels' global thread count for the tests after it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(AugmentBenchmark.BATCH)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = KernelChoice.VECTOR_API_FLAG)
@State(Scope.Benchmark)
public class AugmentBenchmark {
    static final int BATCH = 128;
    static final int SIDE = 28;

    /** Which transform: {@code affine} or {@code elastic}. */
    @Param({"affine", "elastic"})
    public String transform;

    /** Kernel threads (the calling thread included). */
    @Param({"1", "2"})
    public int threads;

    private Augmenter augmenter;
    private float[] images;
    private float[] augmented;
    /** The mini-batch index: every call draws new random transforms, as in training. */
    private int step;
    private Compute.Scope threadScope;

    @Setup(Level.Trial)
    public void setUp() {
        augmenter = new Augmenter(transform(transform), 1);
        images = rings(BATCH, SIDE);
        augmented = new float[images.length];
        threadScope = KernelThreads.use(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        threadScope.close();
    }

    @Benchmark
    public float[] augmentBatch() {
        augmenter.augment(images, BATCH, SIDE, SIDE, 1, step++, augmented);
        return augmented;
    }

    /** The transform named by the {@code transform} parameter. */
    static ImageTransform transform(String name) {
        return switch (name) {
            case "affine" -> RandomAffine.kerasMnist();
            case "elastic" -> ElasticDistortion.simard2003();
            default -> throw new IllegalArgumentException("transform must be affine or elastic, got '" + name + "'");
        };
    }

    /**
     * {@code batch} digit-like rings of stroke width about 3 with soft edges, values in [0, 1] on a
     * background of 0, each image's ink scaled a little differently.
     */
    static float[] rings(int batch, int side) {
        float[] ring = new float[side * side];
        double centre = (side - 1) / 2.0;
        double radius = side / 4.0;
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double d = Math.hypot(r - centre, (c - centre) * 1.3);
                ring[r * side + c] = (float) Math.max(0, Math.min(1, 2.0 - Math.abs(d - radius)));
            }
        }
        float[] x = new float[batch * ring.length];
        for (int i = 0; i < batch; i++) {
            for (int p = 0; p < ring.length; p++) {
                x[i * ring.length + p] = ring[p] * (0.5f + 0.5f * ((i + p) % 7) / 6f);
            }
        }
        return x;
    }
}
