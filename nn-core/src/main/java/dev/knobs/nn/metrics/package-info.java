/**
 * Measuring a network: evaluation over a dataset, confusion matrix with per-class precision,
 * recall and F1, the worst errors and most-confused pairs, activation and parameter statistics
 * for diagnosing training, and the per-epoch history that lessons plot.
 */
package dev.knobs.nn.metrics;
