package dev.knobs.bench;

import dev.knobs.nn.kernel.Compute;

/**
 * The one place the benchmarks choose how many threads nn-core's kernels use: a JMH benchmark
 * opens a {@link Compute} scope of that many threads in its set-up and closes it in its tear-down,
 * so every measured call runs with exactly that count (JMH runs both on the benchmark's thread).
 */
public final class KernelThreads {
    private KernelThreads() {}

    /** Makes the calling thread's kernels use {@code threads} threads until the scope is closed. */
    public static Compute.Scope use(int threads) {
        return Compute.of(threads).open();
    }
}
