/**
 * The loss a classifier minimises: softmax cross-entropy, fused with the softmax so its gradient
 * is simply {@code p - onehot(y)}.
 */
package dev.knobs.nn.loss;
