/**
 * Image augmentation for the training set: small random shifts, rotations, zooms, shears and
 * elastic distortions, drawn afresh for every mini-batch so the network never sees the exact same
 * digit twice. Each {@link dev.knobs.nn.augment.ImageTransform} changes one image; the
 * {@link dev.knobs.nn.augment.Augmenter} applies one to a whole batch on all threads, with random
 * draws that depend only on (seed, epoch, step, position), never on the thread count. Only the
 * training loop calls it: test images are never augmented.
 */
package dev.knobs.nn.augment;
