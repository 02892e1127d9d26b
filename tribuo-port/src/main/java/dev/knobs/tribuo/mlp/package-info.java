/**
 * A multilayer perceptron inside Tribuo: {@link dev.knobs.tribuo.mlp.MlpTrainer} (a Tribuo
 * {@code Trainer<Label>} configured by OLCUT {@code @Config} fields), the
 * {@link dev.knobs.tribuo.mlp.MlpModel} it produces (a Tribuo {@code Model<Label>} that exports to
 * ONNX), and their command-line options. Tribuo 4.3 has no neural network of its own; the array
 * math is nn-core's, everything around it (data, feature maps, optimisers, provenance, evaluation)
 * is Tribuo's.
 */
package dev.knobs.tribuo.mlp;
