package dev.knobs.nn.init;

import java.util.SplittableRandom;

/**
 * A rule for the starting values of a weight matrix.
 *
 * <p>Why it matters: each layer multiplies the signal by its weights. If the weights are too
 * small the activations shrink layer after layer and the gradients vanish; too large and they
 * explode. Good initialisers pick the scale from the layer's fan-in (inputs per unit) and
 * fan-out (units) so the variance of activations (forward) or gradients (backward) stays about
 * the same from layer to layer. All-equal weights (zeros, constants) are a different failure:
 * every unit computes the same thing and gets the same update, so they never become different.
 */
public interface Initializer {

    /**
     * Fills {@code w} (modified) with starting values.
     *
     * @param w       the weights of one layer, {@code fanOut * fanIn} floats
     * @param fanIn   inputs per unit
     * @param fanOut  units in the layer
     * @param rng     the random source
     */
    void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng);

    /** A short name for tables and model files, e.g. {@code "he_normal"}. */
    String name();
}
