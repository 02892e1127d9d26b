package dev.knobs.bench;

import dev.knobs.nn.kernel.Gemm;

/**
 * Makes sure a benchmark measures the kernel it means to: the Vector API one, unless the scalar
 * fallback was asked for with {@code -Dknobs.kernel=scalar}.
 *
 * <p>Why this exists: without {@value #VECTOR_API_FLAG} on the command line of the JVM that runs
 * the kernels, nn-core quietly falls back to its plain-Java kernel, which is several times slower.
 * A benchmark that forgot the flag would still print plausible numbers, just wrong ones.
 */
public final class KernelChoice {
    /** The JVM flag that makes the Vector API available; JMH forks get it through {@code @Fork(jvmArgsPrepend)}. */
    public static final String VECTOR_API_FLAG = "--add-modules=jdk.incubator.vector";

    private KernelChoice() {}

    /** True when the scalar kernel runs although nobody asked for it with {@code -Dknobs.kernel=scalar}. */
    public static boolean vectorApiMissing() {
        return Gemm.implementation().equals("scalar") && !"scalar".equals(System.getProperty("knobs.kernel"));
    }

    /** What to do about {@link #vectorApiMissing()}. */
    public static String advice() {
        return "the Vector API is missing in this JVM, so nn-core runs its scalar kernel: start the JVM with "
                + VECTOR_API_FLAG + " (or pass -Dknobs.kernel=scalar to measure the scalar kernel on purpose)";
    }

    /**
     * For a JMH {@code @Setup}: stops the benchmark before it measures the wrong kernel.
     *
     * @throws IllegalStateException if {@link #vectorApiMissing()}
     */
    public static void requireAsked() {
        if (vectorApiMissing()) {
            throw new IllegalStateException(advice());
        }
    }
}
