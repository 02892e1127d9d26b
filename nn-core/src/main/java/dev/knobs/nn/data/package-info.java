/**
 * The data a network learns from: {@link dev.knobs.nn.data.Dataset} (images as one float array
 * plus labels), and getting MNIST into it. {@link dev.knobs.nn.data.Mnist} fetches the four IDX
 * files once, checks their SHA-256 and caches them; {@link dev.knobs.nn.data.Idx} reads them, and
 * every broken file gets a {@link dev.knobs.nn.data.DataException} saying what is wrong and what to do.
 * Scaling (pixel normalisation fitted on training data only), Batches (shuffled mini-batches) and
 * Split (a validation set cut from training data) live here too.
 */
package dev.knobs.nn.data;
