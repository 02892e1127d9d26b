package dev.knobs.tribuo.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.junit.jupiter.api.Test;
import org.tribuo.math.Parameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.protos.ParametersProto;

/** Two Adam steps computed by hand, on both of Adam's paths, next to Tribuo 4.3.2's Adam. */
class AdamTest {
    /**
     * Kingma and Ba's update with η = 0.1, β₁ = 0.9, β₂ = 0.999 for gradients 0.5 then -0.2
     * (worked out by hand, see the comments), for one parameter.
     */
    private static final double FIRST = 0.09999993675448679;   // m = 0.05, v = 0.00025, η₁ = 0.1·sqrt(0.001)/0.1
    private static final double SECOND = 0.03456056448784332;  // m = 0.025, v = 0.00028975, η₂ = 0.1·sqrt(0.001999)/0.19

    /** Parameters of one vector and one 1x1 matrix, as Tribuo's linear models have. */
    private static Parameters parameters() {
        return new Parameters() {
            @Override
            public Tensor[] getEmptyCopy() {
                return new Tensor[] {new DenseVector(1), new DenseMatrix(1, 1)};
            }

            @Override
            public Tensor[] get() {
                return getEmptyCopy();
            }

            @Override
            public void set(Tensor[] newWeights) {}

            @Override
            public void update(Tensor[] gradients) {}

            @Override
            public Tensor[] merge(Tensor[][] gradients, int size) {
                return gradients[0];
            }

            @Override
            public ParametersProto serialize() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static Tensor[] gradient(double g) {
        DenseMatrix m = new DenseMatrix(1, 1);
        m.set(0, 0, g);
        return new Tensor[] {new SharedVector(new double[] {g}), m};
    }

    @Test
    void twoStepsMatchTheHandComputationOnTheFastAndTheTensorPath() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        adam.initialise(parameters());
        Tensor[] u1 = adam.step(gradient(0.5), 1.0);
        assertEquals(FIRST, ((SharedVector) u1[0]).values()[0], 1e-12, "array path");
        assertEquals(FIRST, ((DenseMatrix) u1[1]).get(0, 0), 1e-12, "tensor path");
        Tensor[] u2 = adam.step(gradient(-0.2), 1.0);
        assertEquals(SECOND, ((SharedVector) u2[0]).values()[0], 1e-12);
        assertEquals(SECOND, ((DenseMatrix) u2[1]).get(0, 0), 1e-12);
    }

    @Test
    void tribuo432sAdamMultipliesByTheRootOfTheSquaredGradients() {
        // Documents why this project has its own Adam: 4.3.2 gives η₁·m·(sqrt(v) + ε) = 2.5e-5 instead of 0.1.
        // When an upgraded Tribuo divides (oracle/tribuo pull request 401), this test fails: use Tribuo's Adam again.
        org.tribuo.math.optimisers.Adam tribuo = new org.tribuo.math.optimisers.Adam(0.1, 0.9, 0.999, 1e-8);
        tribuo.initialise(parameters());
        Tensor[] u = tribuo.step(new Tensor[] {DenseVector.createDenseVector(new double[] {0.5}), new DenseMatrix(1, 1)}, 1.0);
        assertEquals(2.5000015811388322e-05, ((DenseVector) u[0]).get(0), 1e-15);
    }

    @Test
    void copyStartsFreshAndNonsenseSettingsAreRefused() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        adam.initialise(parameters());
        adam.step(gradient(0.5), 1.0);
        Adam fresh = adam.copy();
        fresh.initialise(parameters());
        assertEquals(FIRST, ((SharedVector) fresh.step(gradient(0.5), 1.0)[0]).values()[0], 1e-12);
        assertThrows(IllegalStateException.class, () -> new Adam().step(gradient(1), 1.0));
        PropertyException e = assertThrows(PropertyException.class, () -> new Adam(-1, 0.9, 0.999, 1e-8));
        assertTrue(e.getMessage().contains("initialLearningRate"), e.getMessage());
        assertThrows(PropertyException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8));
    }
}
