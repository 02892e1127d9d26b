/**
 * Optimisers, from simple to complex: {@link dev.knobs.nn.optim.Sgd}, then
 * {@link dev.knobs.nn.optim.Momentum} and {@link dev.knobs.nn.optim.Nesterov}, then the adaptive
 * {@link dev.knobs.nn.optim.RmsProp} and {@link dev.knobs.nn.optim.Adam}; plus two regularisers
 * applied around the step, {@link dev.knobs.nn.optim.WeightDecay} and
 * {@link dev.knobs.nn.optim.MaxNorm}. Each class gives its update rule in its Javadoc.
 */
package dev.knobs.nn.optim;
