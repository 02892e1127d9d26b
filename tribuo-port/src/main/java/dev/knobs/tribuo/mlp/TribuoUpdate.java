package dev.knobs.tribuo.mlp;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.tribuo.optim.SharedVector;
import java.util.List;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;

/**
 * A Tribuo {@link StochasticGradientOptimiser} behind nn-core's {@link Optimizer} interface, so
 * that nn-core's training loop can drive it. Tribuo's optimisers climb: they take the gradient of
 * the objective to maximise and return an update to add.
 *
 * <pre>
 *   g = -∂L/∂θ                 (the loss is minimised, so the ascent direction is its negative gradient)
 *   u = optimiser.step(g, 1)   Tribuo's rule: its own rate, momentum, averaging ...
 *   θ ← θ + m·u                m: the schedule's multiplier, passed in as the "learning rate"
 * </pre>
 */
final class TribuoUpdate implements Optimizer {
    private final StochasticGradientOptimiser optimiser;
    private final SharedVector[] gradients;

    /**
     * @param optimiser initialised on the network's parameters, in the same order
     * @param gradients one buffer per parameter, of its size; overwritten every step
     */
    TribuoUpdate(StochasticGradientOptimiser optimiser, SharedVector[] gradients) {
        this.optimiser = optimiser;
        this.gradients = gradients;
    }

    @Override
    public void step(List<Parameter> parameters, float multiplier) {
        for (int i = 0; i < gradients.length; i++) {                            // g = -∂L/∂θ
            float[] grad = parameters.get(i).grad();
            double[] g = gradients[i].values();
            for (int j = 0; j < g.length; j++) {
                g[j] = -grad[j];
            }
        }
        Tensor[] updates = optimiser.step(gradients, 1.0);                      // u = optimiser(g)
        for (int i = 0; i < updates.length; i++) {                              // θ ← θ + m·u
            addScaled(multiplier, updates[i], parameters.get(i).value());
        }
    }

    /** {@code value += m · update}, element by element; {@code value} is modified. */
    private static void addScaled(float m, Tensor update, float[] value) {
        double[] u = update instanceof SharedVector s ? s.values() : ((DenseVector) update).toArray();
        for (int j = 0; j < value.length; j++) {
            value[j] += (float) (m * u[j]);
        }
    }

    /** Not used: a Tribuo optimiser is copied by {@link MlpTrainer} before it is wrapped, once per run. */
    @Override
    public Optimizer copy() {
        throw new UnsupportedOperationException("copy the Tribuo optimiser before wrapping it");
    }

    @Override
    public String name() {
        return optimiser.toString();
    }
}
