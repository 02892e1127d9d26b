/**
 * Input transformations for Tribuo's {@code TransformationMap} that Tribuo 4.3.2 gets wrong on
 * sparse data such as MNIST: a per-feature {@link dev.knobs.tribuo.transform.Standardisation}
 * whose statistics count the implicit zeros correctly and never divide by zero.
 */
package dev.knobs.tribuo.transform;
