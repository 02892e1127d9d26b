/**
 * The number crunching every layer relies on, and the only hand-optimised code in the project.
 * Read it in this order: {@link dev.knobs.nn.kernel.Reference} (the textbook matrix multiply the
 * fast one must equal), {@link dev.knobs.nn.kernel.Ops} (elementwise loops in plain Java),
 * {@link dev.knobs.nn.kernel.Gemm} (the blocked, packed, threaded multiply), then the Vector API
 * twins. {@link dev.knobs.nn.kernel.Compute} says how many threads and which kernel; results are
 * bit-identical for any thread count and either kernel.
 */
package dev.knobs.nn.kernel;
