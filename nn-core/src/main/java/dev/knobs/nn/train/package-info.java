/**
 * Training parts: one gradient-descent step ({@link dev.knobs.nn.train.TrainStep}), the guard that
 * stops a diverging run with a useful message, and the learning-rate range test. The epoch loop
 * itself is written out where the lessons explain it.
 */
package dev.knobs.nn.train;
