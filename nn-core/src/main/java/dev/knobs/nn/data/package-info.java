/**
 * The data a network learns from, once it is in memory: {@link dev.knobs.nn.data.Dataset} (images
 * as one float array plus labels) and {@link dev.knobs.nn.data.TrainTest} (the published training
 * and test halves). Scaling and Standardizer (pixel normalisation fitted on training data only),
 * MiniBatches (shuffled mini-batches) and Split (a validation set cut from training data) live
 * here too. Finding, fetching, verifying and reading the files (MNIST and any IDX dataset) is the
 * data module's job, in {@code dev.knobs.data}.
 */
package dev.knobs.nn.data;
