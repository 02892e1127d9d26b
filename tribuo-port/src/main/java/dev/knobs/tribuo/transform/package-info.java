/**
 * Input transformations, and fitting them on the right data. Tribuo 4.3.2 gets standardisation
 * wrong on sparse data such as MNIST, so {@link dev.knobs.tribuo.transform.Standardisation}
 * counts the implicit zeros correctly and never divides by zero; and its {@code TransformTrainer}
 * fits on every example it is given, validation images included, so
 * {@link dev.knobs.tribuo.transform.HoldOutTransformTrainer} holds the MLP's validation part out
 * first and fits on the training part alone.
 */
package dev.knobs.tribuo.transform;
