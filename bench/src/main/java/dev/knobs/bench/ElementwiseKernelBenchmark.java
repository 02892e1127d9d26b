package dev.knobs.bench;

import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the elementwise kernels ({@link Ops}) that the layers call around each matrix multiply, on
 * one hidden layer of the big benchmark network: a mini-batch of 128 rows of 1024 units
 * (131,072 floats, 512 KB per array), at 1 and 2 kernel threads.
 *
 * <pre>
 *   reluForward       y = max(0, x)                          ReLU.forward
 *   reluBackward      dx = dy · [y &gt; 0]                     ReLU.backward (Vector API twin)
 *   dropoutForward    y = x ⊙ mask, a fresh seeded mask     Dropout.forward, rate 0.2 (Vector API twin)
 *   dropoutBackward   dx = dy ⊙ mask                         Dropout.backward
 *   addRowVector      z[i,j] += b[j]                         Dense.forward, the bias
 *   columnSums        db[j] = Σ_i dz[i,j]                    Dense.backward, the bias gradient
 *   softmaxCrossEntropy  loss and gradient of 128 x 10 logits (SoftmaxCrossEntropy forward + backward)
 * </pre>
 *
 * <p><b>The score is the time of one call, in µs</b> (JMH's average-time mode, {@code ±} its 99.9%
 * confidence interval). These kernels stream memory and do little arithmetic, so the time of a
 * call is what adds up in an epoch (469 steps, each calling them once per layer and direction);
 * to turn it into bandwidth, count 512 KB per array read or written. Each kernel splits its work
 * over the threads only when the arrays are large enough (thousands of elements per thread), as
 * they are here. The softmax cross-entropy works on 1,280 logits, too few to split, so it always
 * runs on one thread and is measured once, without the thread parameter.
 *
 * <p><b>Each kernel is compiled as a call of its own</b> ({@code @CompilerControl(DONT_INLINE)} on
 * every method), as it is in training, where a layer calls it once per step. Otherwise the JIT
 * compiler inlines the whole kernel into JMH's measuring loop; for dropout that compilation unit
 * grew past C2's node limit ({@code NodeCountInliningCutoff} in {@code -XX:+PrintInlining}), the
 * Vector API helper {@code VectorOps.keepBits} stayed out of line, its vectors became objects, and
 * a call took 1 to 5 ms instead of about 25 µs: a figure of the benchmark, not of training.
 *
 * <p>Why measure them: one epoch of the big network spends about 1.8 s outside the matrix
 * multiply (README, Speed); these benchmarks show which part of that is the elementwise kernels.
 * Default: 1 fork, 5 warm-up and 5 measurement iterations of 1 s, about 2.5 minutes for the 13
 * combinations; {@code java -jar bench/target/benchmarks.jar Elementwise}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = KernelChoice.VECTOR_API_FLAG)
public class ElementwiseKernelBenchmark {
    /** Rows: the mini-batch. */
    static final int BATCH = 128;
    /** Columns: the units of a hidden layer of 784-1024-1024-1024-10. */
    static final int UNITS = 1024;
    static final int SIZE = BATCH * UNITS;
    /** The benchmark recipe's dropout rate. */
    static final float DROPOUT = 0.2f;
    static final int CLASSES = 10;

    /** One hidden layer's arrays, with about half of the units active, as after a ReLU. */
    @State(Scope.Benchmark)
    public static class Layer {
        /** Kernel threads (the calling thread included). */
        @Param({"1", "2"})
        public int threads;

        float[] x;
        float[] y;
        float[] z;
        float[] dy;
        float[] dx;
        float[] mask;
        float[] bias;
        float[] biasGradient;
        /** Which mini-batch this is: dropout draws a new mask for every call, as in training. */
        long step;
        private Compute.Scope threadScope;

        @Setup(Level.Trial)
        public void setUp() {
            KernelChoice.requireAsked();
            SplittableRandom random = new SplittableRandom(42);
            x = uniform(SIZE, random);
            dy = uniform(SIZE, random);
            bias = uniform(UNITS, random);
            y = new float[SIZE];
            for (int i = 0; i < SIZE; i++) {
                y[i] = Math.max(0f, x[i]);
            }
            z = x.clone();
            dx = new float[SIZE];
            mask = new float[SIZE];
            biasGradient = new float[UNITS];
            threadScope = KernelThreads.use(threads);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            threadScope.close();
        }
    }

    /** The output layer's logits and labels, and the loss that reads them. */
    @State(Scope.Benchmark)
    public static class Logits {
        float[] logits;
        int[] labels;
        SoftmaxCrossEntropy loss;

        @Setup(Level.Trial)
        public void setUp() {
            SplittableRandom random = new SplittableRandom(7);
            logits = uniform(BATCH * CLASSES, random);
            for (int i = 0; i < logits.length; i++) {
                logits[i] *= 4;
            }
            labels = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                labels[i] = random.nextInt(CLASSES);
            }
            loss = new SoftmaxCrossEntropy();
        }
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] reluForward(Layer s) {
        Ops.relu(SIZE, s.x, s.y);
        return s.y;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] reluBackward(Layer s) {
        Ops.reluBackward(SIZE, s.y, s.dy, s.dx);
        return s.dx;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] dropoutForward(Layer s) {
        Ops.dropout(BATCH, UNITS, DROPOUT, 1234L, s.step++, s.x, s.mask, s.y);
        return s.y;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] dropoutBackward(Layer s) {
        Ops.multiply(SIZE, s.dy, s.mask, s.dx);
        return s.dx;
    }

    /** Adds the bias to {@code z} in place, call after call; an element moves by at most 1 per call. */
    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] addRowVector(Layer s) {
        Ops.addRowVector(BATCH, UNITS, s.bias, s.z);
        return s.z;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] columnSums(Layer s) {
        Ops.columnSums(BATCH, UNITS, s.dy, s.biasGradient);
        return s.biasGradient;
    }

    @Benchmark
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public float[] softmaxCrossEntropy(Logits s) {
        s.loss.forward(s.logits, s.labels, BATCH, CLASSES);
        return s.loss.backward();
    }

    private static float[] uniform(int size, SplittableRandom random) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
