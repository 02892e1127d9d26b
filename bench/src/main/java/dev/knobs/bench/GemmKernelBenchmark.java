package dev.knobs.bench;

import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.kernel.Gemm;
import java.util.SplittableRandom;
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
 * JMH: the speed of {@link Gemm} on the products a training step of the benchmark networks
 * makes with mini-batches of 128, at 1 and 2 kernel threads.
 *
 * <pre>
 *   abt_128x784x1024    Z = X·Wᵀ, forward of the first layer (784 -&gt; 1024)
 *   abt_128x1024x1024   Z = X·Wᵀ, forward of a hidden layer (1024 -&gt; 1024)
 *   atb_1024x128x1024   dW = dZᵀ·X, weight gradient of a hidden layer
 *   ab_128x1024x1024    dX = dZ·W, input gradient of a hidden layer
 *   abt_128x1024x10     Z = X·Wᵀ, forward of the output layer (too thin to fill the vectors)
 * </pre>
 *
 * The names read {@code form_MxKxN}, the sizes of the math {@code C[m,n] = A[m,k]·B[k,n]} up to
 * transposes, as in {@link GemmBench}'s lines.
 *
 * <p><b>The score is in GFLOP/s.</b> Each method declares its floating-point operations with
 * {@code @OperationsPerInvocation(2·m·k·n)} (a multiply-add counts as 2) and the output time unit
 * is the nanosecond, so JMH's throughput score, printed as {@code ops/ns}, is flops per nanosecond,
 * which is GFLOP/s. The {@code ±} column is JMH's 99.9% confidence interval over the measurement
 * iterations.
 *
 * <p><b>Why both this and {@link GemmBench}.</b> {@code GemmBench} prints one median per product
 * quickly and inside the training command; this class runs each product in a fresh JVM
 * (a fork) with JMH's warm-up, iterations and error bars, which is what a change to the kernel
 * should be judged with. Default: 1 fork, 5 warm-up and 5 measurement iterations of 1 s, about
 * 2 minutes for the 10 combinations. Run it with
 * {@code java -jar bench/target/benchmarks.jar Gemm}; add {@code -f 3 -wi 10 -i 10} for a longer,
 * steadier run.
 *
 * <p><b>Warm-up.</b> Until the JIT compiler has compiled the Vector API kernel, the interpreter runs
 * it at well under 1 GFLOP/s, so the first warm-up iterations print tiny figures. Five seconds are
 * enough on a quiet machine; on a busy one the compiler waits for a core too, and three were not
 * always enough here (one product was still at 0.3 GFLOP/s after 3 s). If the last warm-up
 * iterations still climb, raise {@code -wi}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = KernelChoice.VECTOR_API_FLAG)
@State(Scope.Benchmark)
public class GemmKernelBenchmark {
    static final int FLOPS_ABT_128X784X1024 = 2 * 128 * 784 * 1024;
    static final int FLOPS_ABT_128X1024X1024 = 2 * 128 * 1024 * 1024;
    static final int FLOPS_ATB_1024X128X1024 = 2 * 1024 * 128 * 1024;
    static final int FLOPS_AB_128X1024X1024 = 2 * 128 * 1024 * 1024;
    static final int FLOPS_ABT_128X1024X10 = 2 * 128 * 1024 * 10;

    /** Kernel threads (the calling thread included). */
    @Param({"1", "2"})
    public int threads;

    /** One product's inputs and output; A has m·k floats and B k·n whichever way they are stored. */
    record Operands(float[] a, float[] b, float[] c) {
        static Operands of(int m, int k, int n, SplittableRandom random) {
            return new Operands(random(m * k, random), random(k * n, random), new float[m * n]);
        }

        private static float[] random(int size, SplittableRandom random) {
            float[] x = new float[size];
            for (int i = 0; i < size; i++) {
                x[i] = (float) (random.nextDouble() * 2 - 1);
            }
            return x;
        }
    }

    private Operands first;
    private Operands hidden;
    private Operands weightGradient;
    private Operands inputGradient;
    private Operands output;
    private Compute.Scope threadScope;

    @Setup(Level.Trial)
    public void setUp() {
        KernelChoice.requireAsked();
        SplittableRandom random = new SplittableRandom(42);
        first = Operands.of(128, 784, 1024, random);
        hidden = Operands.of(128, 1024, 1024, random);
        weightGradient = Operands.of(1024, 128, 1024, random);
        inputGradient = Operands.of(128, 1024, 1024, random);
        output = Operands.of(128, 1024, 10, random);
        threadScope = KernelThreads.use(threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        threadScope.close();
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS_ABT_128X784X1024)
    public float[] abt_128x784x1024() {
        Gemm.abt(128, 784, 1024, first.a, first.b, first.c);
        return first.c;
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS_ABT_128X1024X1024)
    public float[] abt_128x1024x1024() {
        Gemm.abt(128, 1024, 1024, hidden.a, hidden.b, hidden.c);
        return hidden.c;
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS_ATB_1024X128X1024)
    public float[] atb_1024x128x1024() {
        Gemm.atb(1024, 128, 1024, weightGradient.a, weightGradient.b, weightGradient.c);
        return weightGradient.c;
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS_AB_128X1024X1024)
    public float[] ab_128x1024x1024() {
        Gemm.ab(128, 1024, 1024, inputGradient.a, inputGradient.b, inputGradient.c);
        return inputGradient.c;
    }

    @Benchmark
    @OperationsPerInvocation(FLOPS_ABT_128X1024X10)
    public float[] abt_128x1024x10() {
        Gemm.abt(128, 1024, 10, output.a, output.b, output.c);
        return output.c;
    }
}
