package dev.knobs.bench;

import dev.knobs.nn.kernel.Parallel;

/**
 * The one place the benchmarks choose how many threads nn-core's kernels use.
 *
 * <p>Every benchmark here measures at a given thread count (1 and 2 by default) and must leave
 * the count as it found it. Today the count is a global setting of {@link Parallel}; keeping every
 * use behind these two methods means a change in how nn-core takes its thread count touches this
 * class only.
 */
public final class KernelThreads {
    private KernelThreads() {}

    /** How many threads the kernels use now (the calling thread included). */
    public static int get() {
        return Parallel.threads();
    }

    /**
     * Makes the kernels use {@code threads} threads from their next call on.
     *
     * @return the count before, to hand back to this method when done
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static int set(int threads) {
        int before = Parallel.threads();
        Parallel.setThreads(threads);
        return before;
    }
}
