package dev.knobs.tribuo.optim;

import org.tribuo.math.la.DenseVector;

/**
 * A Tribuo {@link DenseVector} over an array we own, so gradients go into Tribuo's
 * optimisers and updates come out without a copy per element.
 *
 * <p>Tribuo's optimisers work element by element, so a weight matrix {@code W: [out, in]} can be
 * handed to them as one flat vector of {@code out·in} numbers in row-major order: the update of
 * {@code W[j][i]} depends only on the gradient history of {@code W[j][i]}.
 */
public final class SharedVector extends DenseVector {
    private static final long serialVersionUID = 1L;

    private final double[] values;

    /** Wraps {@code values} (not copied: writes to either side are seen by the other). */
    public SharedVector(double[] values) {
        super(values);
        this.values = values;
    }

    /** The wrapped array itself. */
    public double[] values() {
        return values;
    }
}
