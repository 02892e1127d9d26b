package dev.knobs.nn.kernel;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where a training step's time goes: wall-clock nanoseconds spent inside the kernels, by part,
 * summed while switched on. The benchmark switches it on to print an epoch's breakdown (matrix
 * multiplies, elementwise kernels, optimiser); nothing else uses it, and while it is off each kernel
 * call pays only the read of one flag.
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

    private static volatile boolean on;
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
        if (token == 0) {
            return;
        }
        long elapsed = System.nanoTime() - token;
        if (--DEPTH.get()[0] == 0) {
            NANOS.addAndGet(part.ordinal(), elapsed);
        }
    }
}
