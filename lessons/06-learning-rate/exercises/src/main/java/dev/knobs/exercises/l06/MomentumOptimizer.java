package dev.knobs.exercises.l06;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Optimizer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exercise 06.1: one step of SGD with (heavy-ball) momentum, in the form PyTorch uses.
 *
 * <pre>
 *   for every parameter p and every weight i:
 *     v[i] ← μ·v[i] + g[i]           v starts at 0, one velocity per weight, kept between steps
 *     w[i] ← w[i] - η·v[i]
 * </pre>
 *
 * <p>Why: the velocity is a running sum of past gradients. Directions that agree from batch to
 * batch build up speed (up to {@code 1/(1-μ)} = 10 times for μ = 0.9); directions that flip sign
 * cancel out, which damps the zig-zag across narrow valleys of the loss. Note: no {@code (1-μ)}
 * factor in front of {@code g}; that variant is a different optimiser with a 10 times smaller step.
 *
 * <p>Grading: two steps by hand, a separate velocity per parameter, a fresh state after
 * {@link #copy()}, a comparison with nn-core's {@link dev.knobs.nn.optim.Momentum} (the
 * reference solution) over many random steps, and a short run that must get close to the
 * minimum of a quadratic bowl.
 */
public final class MomentumOptimizer implements Optimizer {
    private final float mu;
    private final Map<Parameter, float[]> velocity = new IdentityHashMap<>();

    /** @param mu momentum coefficient in [0, 1); 0.9 is the usual choice */
    public MomentumOptimizer(float mu) {
        if (!(mu >= 0f && mu < 1f)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + mu + " (0.9 is usual)");
        }
        this.mu = mu;
    }

    /** The velocity of {@code p}, created filled with zeros the first time it is asked for. */
    private float[] velocityOf(Parameter p) {
        return velocity.computeIfAbsent(p, q -> new float[q.size()]);
    }

    /** Updates every {@code value()} in place from its {@code grad()}: see the class comment. */
    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        Optimizer.checkLearningRate(learningRate);
        throw new UnsupportedOperationException("exercise 06.1: momentum step: v = mu·v + g, w = w - lr·v for every "
                + "weight (lessons/06-learning-rate/exercises/.../MomentumOptimizer.java; velocityOf(p) gives v)");
    }

    @Override
    public MomentumOptimizer copy() {
        return new MomentumOptimizer(mu);
    }

    @Override
    public String name() {
        return "momentum(" + mu + ", exercise 06.1)";
    }
}
