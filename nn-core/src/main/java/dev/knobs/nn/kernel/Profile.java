package dev.knobs.nn.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a training step's time goes: wall-clock nanoseconds spent inside the kernels, by part,
 * summed while switched on. The benchmark switches it on to print an epoch's breakdown (matrix
 * multiplies, elementwise kernels, optimiser); nothing else uses it, and while it is off each kernel
 * call pays only the read of one flag.
 *
 * <p>The matrix multiplies are also summed by {@link Product} (form and shape), so the benchmark
 * can show each product of a step beside its speed alone.
 *
 * <p>Only the outermost timed call counts: an optimiser built from elementwise kernels counts as
 * optimiser time, once. Meant for one thread calling the kernels at a time (the training loop's);
 * the work the kernels hand to other threads is inside the caller's call and counted with it.
 */
public final class Profile {
    /** The parts of a step the kernels can tell apart. */
    public enum Part {
        /** {@link Gemm}: the matrix multiplies (with whatever is fused into them). */
        GEMM,
        /** {@link Ops}: activations, dropout, bias, softmax. */
        ELEMENTWISE,
        /** Optimiser updates of the weights. */
        OPTIMIZER
    }

    /**
     * One product of a training step: its form ({@code "abt"}, {@code "atb"}, {@code "ab"}, or
     * {@code "atb+momentum"} when the momentum update rides on it) and shape, with the calls and
     * nanoseconds summed for it.
     */
    public record Product(String form, int m, int k, int n, long calls, long nanos) {
        /** Floating-point operations of one call, 2 per multiply-add. */
        public double flops() {
            return 2.0 * m * k * n;
        }

        /** For example {@code abt 128x784x1024}. */
        public String label() {
            return form + " " + m + "x" + k + "x" + n;
        }
    }

    private static volatile boolean on;
    /** Calls and nanoseconds by form and shape, in the order first seen; guarded by itself. */
    private static final Map<Shape, long[]> PRODUCTS = new LinkedHashMap<>();

    private record Shape(String form, int m, int k, int n) {}
    private static final AtomicLongArray NANOS = new AtomicLongArray(Part.values().length);
    /** Timed calls open on the calling thread; only the outermost one adds its time. */
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Profile() {}

    /** Switches the timers on or off; the sums are kept. */
    public static void enable(boolean value) {
        on = value;
    }

    /** Sets every sum back to zero. */
    public static void reset() {
        for (int i = 0; i < NANOS.length(); i++) {
            NANOS.set(i, 0);
        }
        synchronized (PRODUCTS) {
            PRODUCTS.clear();
        }
    }

    /** Nanoseconds summed for {@code part} since the last {@link #reset}. */
    public static long nanos(Part part) {
        return NANOS.get(part.ordinal());
    }

    /** Call when a timed kernel starts; returns the token {@link #stop} needs (0 when the timers are off). */
    public static long start() {
        if (!on) {
            return 0;
        }
        DEPTH.get()[0]++;
        return System.nanoTime();
    }

    /** Call when the kernel ends, with {@link #start}'s token. */
    public static void stop(Part part, long token) {
        stop(part, token, null, 0, 0, 0);
    }

    /** {@link #stop} for a matrix multiply, also summed under its form and shape (see {@link #products}). */
    static void stopProduct(String form, int m, int k, int n, long token) {
        stop(Part.GEMM, token, form, m, k, n);
    }

    private static void stop(Part part, long token, String form, int m, int k, int n) {
        if (token == 0) {
            return;
        }
        long elapsed = System.nanoTime() - token;
        if (--DEPTH.get()[0] == 0) {
            NANOS.addAndGet(part.ordinal(), elapsed);
            if (form != null) {
                synchronized (PRODUCTS) {
                    long[] sums = PRODUCTS.computeIfAbsent(new Shape(form, m, k, n), key -> new long[2]);
                    sums[0]++;
                    sums[1] += elapsed;
                }
            }
        }
    }

    /** The matrix multiplies timed since the last {@link #reset}, in the order they were first called. */
    public static List<Product> products() {
        List<Product> list = new ArrayList<>();
        synchronized (PRODUCTS) {
            PRODUCTS.forEach((s, sums) -> list.add(new Product(s.form(), s.m(), s.k(), s.n(), sums[0], sums[1])));
        }
        return list;
    }
}
