/**
 * Benchmarks of nn-core. Benchmarks print figures; they are never tests, and nothing here runs
 * during a build.
 *
 * <p>The benchmark command, {@link dev.knobs.bench.Bench}: matrix-multiply speed on the MLP's
 * shapes ({@link dev.knobs.bench.GemmBench}) and training throughput of the two benchmark networks
 * on MNIST ({@link dev.knobs.bench.TrainBench}), the figures of the README's Speed section.
 * {@code mvn -B -q -pl bench exec:java -Dexec.args="gemm"} (or {@code "train"}).
 *
 * <p>Two helpers keep what the benchmarks share in one place each: {@link dev.knobs.bench.KernelThreads}
 * sets the kernels' thread count, {@link dev.knobs.bench.KernelChoice} checks that the Vector API
 * kernel is the one measured.
 */
package dev.knobs.bench;
