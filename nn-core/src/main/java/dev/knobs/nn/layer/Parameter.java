package dev.knobs.nn.layer;

/**
 * A trainable array and its gradient, as an optimiser sees it.
 *
 * <p>{@code value} and {@code grad} have the same length; {@code backward} overwrites
 * {@code grad} and an optimiser step updates {@code value} in place. A weight matrix is
 * {@code [rows, cols] = [out, in]}; a bias is {@code [1, out]}.
 *
 * @param name  a readable name, e.g. {@code "dense1.W"}
 * @param rows  rows of the matrix (1 for a bias)
 * @param cols  columns of the matrix
 * @param value the parameter, modified by optimisers
 * @param grad  dLoss/dvalue for the last mini-batch, modified by {@code backward}
 * @param isWeight true for weight matrices, false for biases: weight decay and max-norm apply
 *              to weights only (shrinking a bias does not limit a unit's capacity)
 */
public record Parameter(String name, int rows, int cols, float[] value, float[] grad, boolean isWeight) {

    public Parameter {
        if (value.length != rows * cols || grad.length != value.length) {
            throw new IllegalArgumentException("parameter " + name + ": " + rows + "x" + cols
                    + " needs arrays of " + rows * cols + " floats");
        }
    }

    /** A fresh zero-valued parameter of the given shape. */
    public static Parameter zeros(String name, int rows, int cols, boolean isWeight) {
        return new Parameter(name, rows, cols, new float[rows * cols], new float[rows * cols], isWeight);
    }

    /** Number of scalars in this parameter. */
    public int size() {
        return value.length;
    }
}
