/**
 * Benchmarks of nn-core. Benchmarks print figures; they are never tests, and nothing here runs
 * during a build.
 *
 * <ul>
 *   <li>The benchmark command, {@link dev.knobs.bench.Bench}: matrix-multiply speed on the MLP's
 *       shapes ({@link dev.knobs.bench.GemmBench}) and training throughput of the two benchmark
 *       networks on MNIST ({@link dev.knobs.bench.TrainBench}), the figures of the README's Speed
 *       section. {@code mvn -B -q -pl bench exec:java -Dexec.args="gemm"} (or {@code "train"}).</li>
 *   <li>JMH micro-benchmarks of the kernels, each product or kernel in a forked JVM with warm-up
 *       and error bars: {@link dev.knobs.bench.GemmKernelBenchmark} (GFLOP/s),
 *       {@link dev.knobs.bench.ElementwiseKernelBenchmark} (µs per call) and
 *       {@link dev.knobs.bench.AugmentBenchmark} (images/s).
 *       {@code mvn -B -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar Gemm}.</li>
 * </ul>
 *
 * <p>Two helpers keep what the benchmarks share in one place each: {@link dev.knobs.bench.KernelThreads}
 * sets the kernels' thread count, {@link dev.knobs.bench.KernelChoice} checks that the Vector API
 * kernel is the one measured. See {@code bench/README.md} for how to compare figures.
 */
package dev.knobs.bench;
