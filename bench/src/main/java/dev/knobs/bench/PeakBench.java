package dev.knobs.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's fp32 peak as Java sees it: the most fused multiply-adds per second the Vector API
 * can issue, on 1 thread and on several at once. Every kernel figure of the bench is printed as a
 * fraction of this, measured in the same sitting:
 *
 * <pre>
 *   peak threads=1: 221.4 GFLOP/s (min 210.2, max 224.9 over 7 runs)
 * </pre>
 *
 * <p>The loop ({@link #chains}) keeps {@value #CHAINS} independent accumulator vectors and does
 * one FMA on each per iteration and nothing else: an FMA takes about 4 cycles before its result can
 * be used again, and a core starts 2 per cycle, so at least 8 chains must be in flight to keep both
 * units busy; 16 leave room. With 16 floats per vector a core then does 2 x 16 x 2 = 64 flops per
 * cycle. No memory is touched, so this is the arithmetic ceiling, the "roof" of a roofline; a matrix
 * multiply must also load its operands, so 80 to 90% of it is very good.
 *
 * <p>The same measurement in C with intrinsics ({@code peak_fma.c} of the peers, outside this
 * project) agrees with this one to a few percent on the machines measured (see the README).
 */
public final class PeakBench {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Independent accumulators of {@link #chains}. */
    static final int CHAINS = 16;
    /** Iterations of one call of {@link #chains} while measuring: about 10 ms on a 4 GHz AVX-512 core. */
    static final int ITERATIONS = 2_000_000;
    /** Timed runs per thread count; the median is the figure. */
    static final int REPETITIONS = 7;

    private PeakBench() {}

    /**
     * One measurement: the median, least and greatest GFLOP/s over {@link #REPETITIONS} runs, and
     * the median GFLOP per second of CPU time the process used ({@link #cpuNanos}): about one core's
     * peak whatever the thread count, and much less disturbed than the wall clock when other
     * programs share the cores.
     */
    public record Peak(int threads, double median, double min, double max, double perCpuSecond) {
        String line() {
            return String.format(Locale.ROOT,
                    "peak threads=%d: %.1f GFLOP/s (min %.1f, max %.1f over %d runs; %.1f GFLOP per CPU-second)",
                    threads, median, min, max, REPETITIONS, perCpuSecond);
        }

        /**
         * A warning when the runs spread so far that the median is not the machine's roof: the
         * greatest run more than {@link #SPREAD_LIMIT} times the median (seen when other programs
         * shared the cores: 318.6 against 414.7 GFLOP/s; quiet runs stay within 1.07). Every share
         * of the peak printed after it is then too flattering. Empty otherwise.
         */
        String spreadWarning() {
            if (median <= 0 || max <= SPREAD_LIMIT * median) {
                return "";
            }
            return String.format(Locale.ROOT, "warning: the peak at %d threads spread from %.1f to %.1f GFLOP/s over %d"
                    + " runs, so the machine was busy: the shares of the peak below flatter the kernels (read them"
                    + " against %.1f, or run the benchmark again)", threads, min, max, REPETITIONS, max);
        }
    }

    /** How far above the median the greatest run of the peak may be before {@link Peak#spreadWarning} speaks. */
    static final double SPREAD_LIMIT = 1.10;

    /**
     * CPU time used so far by this JVM, all its threads, in nanoseconds (-1 if the JVM does not
     * say). Rates per CPU-second count only the time the program ran on a core, not the time it
     * waited for one.
     */
    static long cpuNanos() {
        // The sum over live threads, each to the nanosecond: the process's own total
        // (OperatingSystemMXBean.getProcessCpuTime) moves in ticks of 10 ms on some systems,
        // too coarse for a 30 ms measurement. Threads that ended are not counted, so the peak's
        // own threads report their time themselves (see onThreads).
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!threads.isThreadCpuTimeSupported()) {
            return -1;
        }
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            sum += Math.max(0, t);
        }
        return sum;
    }

    /** Lets the JIT compiler compile {@link #chains} before anything is timed with it. */
    static void warmUp() {
        for (int i = 0; i < 200; i++) {
            chains(10_000);
        }
    }

    /**
     * One short run of the peak loop on {@code threads} threads, {@link #BESIDE_CALLS} calls of
     * {@link #chains} each (about 15 ms): the peak at this moment, for a figure measured right
     * next to it ({@code GemmBench}'s "beside the peak").
     */
    static double now(int threads) {
        return onThreads(threads, BESIDE_CALLS, new long[threads]);
    }

    /** Calls of {@link #chains} per thread in {@link #now}. */
    static final int BESIDE_CALLS = 3;

    /** Measures and prints the peak at each thread count; returns them in the same order. */
    public static Peak[] run(PrintStream out, int[] threadCounts) {
        warmUp();
        Peak[] peaks = new Peak[threadCounts.length];
        for (int t = 0; t < threadCounts.length; t++) {
            peaks[t] = measure(threadCounts[t]);
            out.println(peaks[t].line());
            if (!peaks[t].spreadWarning().isEmpty()) {
                out.println(peaks[t].spreadWarning());
            }
        }
        for (int threads : threadCounts) {
            out.printf(Locale.ROOT, "memory threads=%d: %.1f GB/s (STREAM triad, 3 x 64 MB)%n", threads, bandwidth(threads));
        }
        return peaks;
    }

    /** Floats in each array of {@link #bandwidth}: 3 x 64 MB, far more than any cache. */
    static final int STREAM_FLOATS = 16 * 1024 * 1024;

    /**
     * Main-memory bandwidth, the other roof of a roofline: GB/s of the STREAM "triad"
     * {@code a[i] = b[i] + s·c[i]} over three 64 MB arrays (12 bytes moved per element), split over
     * {@code threads} threads with {@code Parallel}-style contiguous chunks; median of
     * {@link #REPETITIONS} passes. Kernels that stream weights (the optimiser) cannot beat it.
     */
    public static double bandwidth(int threads) {
        float[] a = new float[STREAM_FLOATS];
        float[] b = new float[STREAM_FLOATS];
        float[] c = new float[STREAM_FLOATS];
        java.util.Arrays.fill(b, 1f);
        java.util.Arrays.fill(c, 2f);
        double[] rates = new double[REPETITIONS];
        for (int r = -1; r < REPETITIONS; r++) {
            Thread[] workers = new Thread[threads];
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) STREAM_FLOATS * t / threads);
                int to = (int) ((long) STREAM_FLOATS * (t + 1) / threads);
                workers[t] = new Thread(() -> {
                    for (int i = from; i < to; i++) {
                        a[i] = b[i] + 3f * c[i];
                    }
                });
                workers[t].start();
            }
            for (Thread w : workers) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (r >= 0) {
                rates[r] = 12.0 * STREAM_FLOATS / (System.nanoTime() - start);
            }
        }
        Arrays.sort(rates);
        return rates[REPETITIONS / 2];
    }

    /** The peak on {@code threads} threads, each running {@link #chains} at the same time. */
    public static Peak measure(int threads) {
        double[] rates = new double[REPETITIONS];
        double[] perCpu = new double[REPETITIONS];
        for (int r = 0; r < REPETITIONS; r++) {
            long[] cpu = new long[threads];
            rates[r] = onThreads(threads, 5, cpu);
            perCpu[r] = flops(threads, 5) / Arrays.stream(cpu).sum();
        }
        Arrays.sort(rates);
        Arrays.sort(perCpu);
        return new Peak(threads, rates[REPETITIONS / 2], rates[0], rates[REPETITIONS - 1], perCpu[REPETITIONS / 2]);
    }

    /**
     * GFLOP/s of {@code threads} threads each calling {@link #chains} {@code calls} times, from the
     * first thread's start to the last thread's end, as the threads themselves read the clock: the
     * main thread may wake from the barrier late, and timing from it once made two threads look
     * faster than two cores can be. {@code cpu[t]} receives thread t's CPU nanoseconds.
     */
    private static double onThreads(int threads, int calls, long[] cpu) {
        CyclicBarrier start = new CyclicBarrier(threads);
        float[] sink = new float[threads];
        long[] began = new long[threads];
        long[] ended = new long[threads];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                await(start);
                java.lang.management.ThreadMXBean clock = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = clock.getCurrentThreadCpuTime();
                began[id] = System.nanoTime();
                float s = 0;
                for (int c = 0; c < calls; c++) {
                    s += chains(ITERATIONS);
                }
                ended[id] = System.nanoTime();
                cpu[id] = clock.getCurrentThreadCpuTime() - cpu0;
                sink[id] = s;
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        long elapsed = Arrays.stream(ended).max().orElseThrow() - Arrays.stream(began).min().orElseThrow();
        if (Float.isNaN(sink[0])) {
            throw new IllegalStateException("unreachable: keeps the loop's result alive");
        }
        return flops(threads, calls) / elapsed;
    }

    /** Floating-point operations of {@code threads x calls} calls of {@link #chains}: 2 per lane per FMA. */
    static double flops(int threads, int calls) {
        return 2.0 * CHAINS * S.length() * (double) ITERATIONS * calls * threads;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code iterations} rounds of one FMA on each of {@value #CHAINS} independent accumulators
     * ({@code c = c·a + b}, with {@code a} just below 1 so nothing overflows); returns a lane of
     * their sum so the work cannot be optimised away. Separate locals, not an array, so the
     * accumulators stay in registers.
     */
    public static float chains(int iterations) {
        FloatVector a = FloatVector.broadcast(S, 0.999999f);
        FloatVector b = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(S, 0f);
        FloatVector c1 = FloatVector.broadcast(S, 1f);
        FloatVector c2 = FloatVector.broadcast(S, 2f);
        FloatVector c3 = FloatVector.broadcast(S, 3f);
        FloatVector c4 = FloatVector.broadcast(S, 4f);
        FloatVector c5 = FloatVector.broadcast(S, 5f);
        FloatVector c6 = FloatVector.broadcast(S, 6f);
        FloatVector c7 = FloatVector.broadcast(S, 7f);
        FloatVector c8 = FloatVector.broadcast(S, 8f);
        FloatVector c9 = FloatVector.broadcast(S, 9f);
        FloatVector c10 = FloatVector.broadcast(S, 10f);
        FloatVector c11 = FloatVector.broadcast(S, 11f);
        FloatVector c12 = FloatVector.broadcast(S, 12f);
        FloatVector c13 = FloatVector.broadcast(S, 13f);
        FloatVector c14 = FloatVector.broadcast(S, 14f);
        FloatVector c15 = FloatVector.broadcast(S, 15f);
        for (int i = 0; i < iterations; i++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
            c12 = c12.fma(a, b); c13 = c13.fma(a, b); c14 = c14.fma(a, b); c15 = c15.fma(a, b);
        }
        FloatVector s = c0.add(c1).add(c2.add(c3)).add(c4.add(c5).add(c6.add(c7)))
                .add(c8.add(c9).add(c10.add(c11)).add(c12.add(c13).add(c14.add(c15))));
        return s.lane(0);
    }
}
