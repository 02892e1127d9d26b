/**
 * The benchmark command: matrix-multiply speed on the MLP's shapes and training throughput of the
 * two benchmark networks. Benchmarks print figures; they are never tests.
 */
package dev.knobs.nn.bench;
