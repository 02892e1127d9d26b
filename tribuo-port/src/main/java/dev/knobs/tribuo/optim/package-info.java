/**
 * Gradient optimisers for Tribuo's {@code StochasticGradientOptimiser} protocol that Tribuo 4.3.2
 * lacks or gets wrong: a correct, fast {@link dev.knobs.tribuo.optim.Adam}, and the flat
 * array-backed tensor ({@link dev.knobs.tribuo.optim.SharedVector}) through which the MLP trainer
 * hands its gradients to any Tribuo optimiser without per-element copies.
 */
package dev.knobs.tribuo.optim;
