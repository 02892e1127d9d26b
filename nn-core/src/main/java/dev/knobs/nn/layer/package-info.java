/**
 * Layers and the {@link dev.knobs.nn.layer.Sequential} network that chains them. Each layer
 * states its forward and backward formulas; the arithmetic itself is delegated to
 * {@link dev.knobs.nn.kernel}. {@link dev.knobs.nn.layer.Mlp} builds the usual
 * Dense-activation-dropout stack from a list of widths.
 */
package dev.knobs.nn.layer;
