/**
 * Learning-rate schedules for the Tribuo MLP trainer, as OLCUT configurables: each is a
 * multiplier on the configured optimiser's rate, per mini-batch, built on nn-core's schedules.
 * They exist because Tribuo's optimisers have a fixed rate (SGD aside, which decays only as 1/t
 * or 1/√t), while the course compares step, exponential, cosine and one-cycle schedules.
 */
package dev.knobs.tribuo.schedule;
