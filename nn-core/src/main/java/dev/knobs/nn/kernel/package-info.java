/**
 * The number crunching every layer relies on: {@link dev.knobs.nn.kernel.Gemm} (matrix multiply
 * in the three forms backpropagation needs), {@link dev.knobs.nn.kernel.Ops} (elementwise loops)
 * and {@link dev.knobs.nn.kernel.Parallel} (the shared worker threads). This is the only
 * hand-optimised code in the project, kept here so that layers stay plain loops and formulas;
 * results are bit-identical for any thread count.
 */
package dev.knobs.nn.kernel;
