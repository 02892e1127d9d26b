package dev.knobs.tribuo.mlp;

import dev.knobs.tribuo.optim.SharedVector;
import org.tribuo.math.Parameters;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.protos.ParametersProto;

/**
 * The trainable numbers of an MLP as Tribuo's optimisers see them: one {@link Tensor} per weight
 * matrix and per bias vector, first layer first ({@code W1, b1, W2, b2, ...}), each a flat
 * vector (see {@link SharedVector}).
 *
 * <p>Only used during training, for what a {@link org.tribuo.math.StochasticGradientOptimiser}
 * asks of its {@code Parameters}: {@link #getEmptyCopy()} in {@code initialise} (to size its
 * momentum or squared-gradient accumulators) and {@link #get()} in {@code finalise} (where
 * {@link org.tribuo.math.optimisers.ParameterAveraging} writes the averaged weights). The
 * trained weights live in {@link MlpModel}, so this class is never serialised.
 */
final class MlpParameters implements Parameters {
    private static final long serialVersionUID = 1L;

    private final SharedVector[] tensors;

    /** @param sizes number of values of each parameter, in order */
    MlpParameters(int[] sizes) {
        tensors = new SharedVector[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            tensors[i] = new SharedVector(new double[sizes[i]]);
        }
    }

    /** The array behind parameter {@code i}, for copying weights in and out. */
    double[] values(int i) {
        return tensors[i].values();
    }

    int count() {
        return tensors.length;
    }

    @Override
    public Tensor[] getEmptyCopy() {
        Tensor[] copy = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            copy[i] = new DenseVector(tensors[i].size());
        }
        return copy;
    }

    @Override
    public Tensor[] get() {
        return tensors;
    }

    @Override
    public void set(Tensor[] newWeights) {
        if (newWeights.length != tensors.length) {
            throw new IllegalArgumentException("expected " + tensors.length + " tensors, got " + newWeights.length);
        }
        for (int i = 0; i < tensors.length; i++) {
            double[] source = ((DenseVector) newWeights[i]).toArray();
            System.arraycopy(source, 0, tensors[i].values(), 0, source.length);
        }
    }

    @Override
    public void update(Tensor[] gradients) {
        for (int i = 0; i < tensors.length; i++) {
            tensors[i].intersectAndAddInPlace(gradients[i]);
        }
    }

    @Override
    public Tensor[] merge(Tensor[][] gradients, int size) {
        for (int j = 1; j < size; j++) {
            for (int i = 0; i < gradients[0].length; i++) {
                gradients[0][i].intersectAndAddInPlace(gradients[j][i]);
            }
        }
        return gradients[0];
    }

    @Override
    public ParametersProto serialize() {
        throw new UnsupportedOperationException("MLP training parameters are not serialised; the trained MlpModel is");
    }
}
