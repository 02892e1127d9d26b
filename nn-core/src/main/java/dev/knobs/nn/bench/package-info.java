/**
 * Benchmarks that print figures rather than assert them: {@link dev.knobs.nn.bench.GemmBench}
 * times the matrix multiply on the products a training step makes. Timings depend on the machine
 * and on what else it is running, so they are reported (as medians) and never tested.
 */
package dev.knobs.nn.bench;
