/**
 * Learning-rate schedules: each a {@code step -> rate} function (constant, step, exponential,
 * inverse-time, cosine with optional restarts, warm-up in front of any of them, one-cycle), plus
 * the stateful {@link dev.knobs.nn.schedule.ReduceOnPlateau}. The caller decides whether a step
 * is an epoch or a mini-batch. The learning-rate range test that helps choose the peak rate
 * lives in {@link dev.knobs.nn.train.LrRangeTest}.
 */
package dev.knobs.nn.schedule;
