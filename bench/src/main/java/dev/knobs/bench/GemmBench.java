package dev.knobs.bench;

import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.kernel.Gemm;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Speed of {@link Gemm} on the products one training step of a 784-1024-1024-10 network makes
 * with mini-batches of 128: the forward {@code abt} of each layer and its two backward forms.
 * Prints one line per shape, form and thread count:
 *
 * <pre>
 *   gemm 128x1024x1024 abt 2: 141.3 GFLOP/s
 * </pre>
 *
 * where {@code 128x1024x1024} is m x k x n of the math ({@code C[m,n] = A[m,k]·B[k,n]} up to
 * transposes) and a multiply-add counts as 2 floating-point operations. Each figure is the median
 * of {@value #REPETITIONS} timed repetitions of about 30 ms, after a warm-up over all shapes that
 * lasts until the JIT compiler has finished compiling. Why these products: they are most of a
 * training step's arithmetic (about 950 GFLOP per epoch of the big benchmark network), so their
 * speed sets a floor under the epoch time.
 *
 * <p>Run: {@code mvn -B -q -pl bench exec:java -Dexec.args="gemm"} (through {@link Bench}, thread
 * counts 1 and 2), or on its own, after {@code mvn -B -q -pl bench -am package -DskipTests}:
 * {@code java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar
 * dev.knobs.bench.GemmBench [threads ...]} (default thread counts: 1 2). It takes about 20
 * seconds. {@link GemmKernelBenchmark} measures the same products under JMH, with error bars.
 * A real run, Java 17 on a 2-core AMD EPYC (Zen 4, AVX-512) that other jobs were
 * using at the same time (load average 8), first lines:
 *
 * <pre>
 *   gemm implementation: vector
 *   gemm 128x784x1024 abt 1: 64.9 GFLOP/s
 *   gemm 128x784x1024 abt 2: 60.1 GFLOP/s
 *   gemm 128x1024x1024 abt 1: 52.6 GFLOP/s
 *   gemm 128x1024x1024 abt 2: 48.1 GFLOP/s
 *   gemm 128x1024x10 abt 1: 13.5 GFLOP/s
 *   gemm 128x1024x10 abt 2: 12.1 GFLOP/s
 *   gemm 1024x128x784 atb 1: 47.4 GFLOP/s
 *   gemm 1024x128x784 atb 2: 85.7 GFLOP/s
 * </pre>
 *
 * Wall-clock figures like these count the time other programs held the cores. Timed by the
 * threads' own CPU time on that machine, the large products ran at 80 to 99 GFLOP/s per core
 * and 155 to 180 with both cores (a core's peak is about 115). Products with n = 10 or m = 10
 * are slower per flop: their tiles are padded (10 useful columns of 16, or rows of 16), and
 * packing the inputs costs about as much as multiplying them.
 */
public final class GemmBench {
    /** Timed repetitions per figure; the median resists a neighbour process stealing a core. */
    static final int REPETITIONS = 9;
    /** Each repetition runs the product this long (at least once), so the clock's resolution does not matter. */
    static final long REPETITION_NANOS = 30_000_000L;
    /** Warm-up: all shapes in turn, in windows of this length per shape. */
    static final long WARMUP_WINDOW_NANOS = 100_000_000L;
    /**
     * Warm-up ends after this many rounds over all shapes in a row during which the JIT compiler
     * did no work (its total compilation time stood still): every kernel variant is then compiled.
     */
    static final int QUIET_ROUNDS = 2;
    /** Warm-up gives up after this many rounds (on a very busy machine the compiler may lag). */
    static final int MAX_WARMUP_ROUNDS = 40;
    /** Warm-up rounds on a JVM that does not report its compilation time. */
    static final int UNWATCHED_WARMUP_ROUNDS = 5;
    /** Before each figure, a short run at the new thread count wakes and settles the workers. */
    static final long SETTLE_NANOS = 100_000_000L;

    /** A product to time: the form and its math sizes m x k x n. */
    private record Shape(String form, int m, int k, int n) {
        String label() {
            return m + "x" + k + "x" + n + " " + form;
        }
    }

    /** Layers 784->1024, 1024->1024, 1024->10 at batch 128: Z = X·Wᵀ, dW = dZᵀ·X, dX = dZ·W. */
    private static final Shape[] SHAPES = {
        new Shape("abt", 128, 784, 1024),
        new Shape("abt", 128, 1024, 1024),
        new Shape("abt", 128, 1024, 10),
        new Shape("atb", 1024, 128, 784),
        new Shape("atb", 1024, 128, 1024),
        new Shape("atb", 10, 128, 1024),
        new Shape("ab", 128, 1024, 784),
        new Shape("ab", 128, 1024, 1024),
        new Shape("ab", 128, 10, 1024),
    };

    private GemmBench() {}

    /** Prints the implementation in use, then the figures; arguments are thread counts (default 1 2). */
    public static void main(String[] args) {
        int[] threadCounts = args.length == 0
                ? new int[] {1, 2}
                : Arrays.stream(args).mapToInt(GemmBench::parseThreads).toArray();
        System.out.println("gemm implementation: " + Gemm.implementation());
        run(System.out, threadCounts);
    }

    /**
     * Times every shape at every thread count and prints one line each, then restores the thread
     * count that was set before.
     *
     * @param out          where the lines go
     * @param threadCounts the thread counts to time, each at least 1
     */
    public static void run(PrintStream out, int[] threadCounts) {
        run(out, threadCounts, null);
    }

    /**
     * As {@link #run(PrintStream, int[])}, with each figure also as a fraction of the peak
     * measured at the same thread count ({@code peaks} may be null: then no fraction), the
     * fastest and slowest repetitions, the rate per CPU-second, and the share of the peak loop
     * run beside each repetition ({@link #sharesOfPeakBeside}):
     * <pre>
     *   gemm 128x1024x1024 abt 2: 370.2 GFLOP/s (83% of peak; min 351.0, max 380.3; per CPU-second
     *       181.3 GFLOP = 84% of the peak loop's; 86% of the peak run beside it (84 to 88%))
     * </pre>
     */
    public static void run(PrintStream out, int[] threadCounts, PeakBench.Peak[] peaks) {
        PeakBench.warmUp();
        SplittableRandom random = new SplittableRandom(42);
        float[][][] data = new float[SHAPES.length][][];
        for (int i = 0; i < SHAPES.length; i++) {
            Shape s = SHAPES[i];
            data[i] = new float[][] {
                randomArray(random, s.m * s.k), randomArray(random, s.k * s.n), new float[s.m * s.n]};
        }
        // 1. Warm up: until the JIT compiler has nothing left to do, every figure measures compiled code.
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watchable = jit != null && jit.isCompilationTimeMonitoringSupported();
        int rounds = watchable ? MAX_WARMUP_ROUNDS : UNWATCHED_WARMUP_ROUNDS;
        try (Compute.Scope widest = KernelThreads.use(Arrays.stream(threadCounts).max().orElse(1))) {
            int quiet = 0;
            for (int round = 0; round < rounds && quiet < QUIET_ROUNDS; round++) {
                long compiling = watchable ? jit.getTotalCompilationTime() : -1;
                for (int i = 0; i < SHAPES.length; i++) {
                    runFor(SHAPES[i], data[i][0], data[i][1], data[i][2], WARMUP_WINDOW_NANOS);
                }
                quiet = watchable && jit.getTotalCompilationTime() == compiling ? quiet + 1 : 0;
            }
        }
        // 2. Measure.
        for (int i = 0; i < SHAPES.length; i++) {
            Shape s = SHAPES[i];
            for (int threads : threadCounts) {
                try (Compute.Scope scope = KernelThreads.use(threads)) {
                    runFor(s, data[i][0], data[i][1], data[i][2], SETTLE_NANOS);
                    double[] perCpu = new double[REPETITIONS];
                    double[] beside = new double[REPETITIONS];
                    double[] rates = sortedGflops(s, data[i][0], data[i][1], data[i][2], threads, perCpu, beside);
                    double gflops = rates[REPETITIONS / 2];
                    out.printf(Locale.ROOT, "gemm %s %d: %.1f GFLOP/s (%smin %.1f, max %.1f; %s; %s)%n", s.label(), threads,
                            gflops, ofPeak(gflops, threads, peaks), rates[0], rates[REPETITIONS - 1],
                            perCpuSecond(perCpu[REPETITIONS / 2], threads, peaks), besideThePeak(beside));
                }
            }
        }
    }

    /**
     * The rates of {@link #REPETITIONS} runs, sorted; {@code perCpu} receives the same per
     * CPU-second, and {@code beside} each run's share of the peak loop run just before and just
     * after it ({@link #sharesOfPeakBeside}), both sorted.
     */
    private static double[] sortedGflops(Shape s, float[] a, float[] b, float[] c, int threads, double[] perCpu,
                                         double[] beside) {
        double[] rates = new double[REPETITIONS];
        double[] peaksAround = new double[REPETITIONS + 1];
        peaksAround[0] = PeakBench.now(threads);
        for (int r = 0; r < REPETITIONS; r++) {
            long cpu = PeakBench.cpuNanos();
            long start = System.nanoTime();
            long calls = runFor(s, a, b, c, REPETITION_NANOS);
            long elapsed = System.nanoTime() - start;
            rates[r] = 2.0 * s.m * s.k * s.n * calls / elapsed;
            perCpu[r] = 2.0 * s.m * s.k * s.n * calls / (PeakBench.cpuNanos() - cpu);
            peaksAround[r + 1] = PeakBench.now(threads);
        }
        System.arraycopy(sharesOfPeakBeside(rates, peaksAround), 0, beside, 0, REPETITIONS);
        Arrays.sort(beside);
        Arrays.sort(rates);
        Arrays.sort(perCpu);
        return rates;
    }

    /**
     * Each run's rate as a share of the peak at the moment it ran: {@code rates[r]} against the
     * mean of the peak loop's runs just before and just after it, {@code peaksAround[r]} and
     * {@code peaksAround[r + 1]} (so {@code peaksAround} has one more element than {@code rates}).
     *
     * <p>Why: on a shared machine the cores' speed changes from one second to the next (the peak
     * loop alone spread from 240 to 410 GFLOP/s over 7 runs in one minute of 7 December), and a
     * product timed in a slow moment, divided by a peak measured in a fast one, says more about
     * the moment than about the kernel. Runs about 15 ms apart share their moment.
     */
    static double[] sharesOfPeakBeside(double[] rates, double[] peaksAround) {
        if (peaksAround.length != rates.length + 1) {
            throw new IllegalArgumentException("need one peak before and after each of " + rates.length
                    + " runs, got " + peaksAround.length);
        }
        double[] shares = new double[rates.length];
        for (int r = 0; r < rates.length; r++) {
            shares[r] = rates[r] / ((peaksAround[r] + peaksAround[r + 1]) / 2);
        }
        return shares;
    }

    /**
     * "85% of the peak run beside it (80 to 88%)": the median, least and greatest of the runs'
     * shares of the peak measured around each ({@link #sharesOfPeakBeside}), given sorted.
     */
    static String besideThePeak(double[] sortedShares) {
        return String.format(Locale.ROOT, "%.0f%% of the peak run beside it (%.0f to %.0f%%)",
                100 * sortedShares[sortedShares.length / 2], 100 * sortedShares[0],
                100 * sortedShares[sortedShares.length - 1]);
    }

    /**
     * "per CPU-second 190.3 GFLOP = 86% of the peak loop's": the work done per second of CPU time
     * (all threads), against the same figure of the peak loop at that thread count. The wall-clock
     * figure counts the time a busy machine kept the threads waiting; this one does not, so it
     * says how well the kernel uses a core while it has one.
     */
    static String perCpuSecond(double gflops, int threads, PeakBench.Peak[] peaks) {
        String s = String.format(Locale.ROOT, "per CPU-second %.1f GFLOP", gflops);
        PeakBench.Peak p = at(threads, peaks);
        return p != null && p.perCpuSecond() > 0
                ? s + String.format(Locale.ROOT, " = %.0f%% of the peak loop's", 100 * gflops / p.perCpuSecond()) : s;
    }

    /**
     * A warning when work ran at under a tenth of the peak loop's rate per CPU-second, or "". A
     * training epoch normally reaches 30-45% of it. A few benchmark JVMs (2 of 7 in one sitting, 1 of
     * 44 in the next, on Java 17) ran every matrix multiply about 20 times slower, at 4-5%, while the
     * peak loop in the same JVM ran at full speed. The JIT compiler's log of such a JVM shows why: it
     * could not turn the micro-kernel's stores of the C tile ({@code intoArray}) into vector
     * instructions (the vector's species was not a compile-time constant), so the accumulators live
     * on the heap. The figures of such a run say nothing about the kernel.
     */
    static String slowKernelWarning(double gflopsPerCpuSecond, int threads, PeakBench.Peak[] peaks) {
        PeakBench.Peak p = at(threads, peaks);
        if (p == null || p.perCpuSecond() <= 0 || gflopsPerCpuSecond >= 0.10 * p.perCpuSecond()) {
            return "";
        }
        return String.format(Locale.ROOT, "warning: only %.0f%% of the peak loop's work per CPU-second: the"
                + " matrix multiplies of this JVM ran far below their usual speed, so these figures are"
                + " not the kernel's; run the benchmark again", 100 * gflopsPerCpuSecond / p.perCpuSecond());
    }

    /** "83% of peak; " for a rate at {@code threads} threads, or "" when no peak was measured at that count. */
    static String ofPeak(double gflops, int threads, PeakBench.Peak[] peaks) {
        PeakBench.Peak p = at(threads, peaks);
        return p != null && p.median() > 0 ? String.format(Locale.ROOT, "%.0f%% of peak; ", 100 * gflops / p.median()) : "";
    }

    /** The peak measured at {@code threads} threads, or null when none was (or no peaks at all). */
    private static PeakBench.Peak at(int threads, PeakBench.Peak[] peaks) {
        if (peaks != null) {
            for (PeakBench.Peak p : peaks) {
                if (p.threads() == threads) {
                    return p;
                }
            }
        }
        return null;
    }

    /** Calls the product until at least {@code nanos} have passed; returns how many calls. */
    private static long runFor(Shape s, float[] a, float[] b, float[] c, long nanos) {
        long start = System.nanoTime();
        long calls = 0;
        do {
            switch (s.form) {
                case "ab" -> Gemm.ab(s.m, s.k, s.n, a, b, c);
                case "atb" -> Gemm.atb(s.m, s.k, s.n, a, b, c);
                case "abt" -> Gemm.abt(s.m, s.k, s.n, a, b, c);
                default -> throw new IllegalStateException("unknown form " + s.form);
            }
            calls++;
        } while (System.nanoTime() - start < nanos);
        return calls;
    }

    private static float[] randomArray(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }

    private static int parseThreads(String arg) {
        try {
            int n = Integer.parseInt(arg.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("GemmBench: thread counts must be whole numbers >= 1, got '" + arg + "'");
    }
}
