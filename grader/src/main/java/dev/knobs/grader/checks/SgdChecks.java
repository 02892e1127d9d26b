package dev.knobs.grader.checks;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.optim.Sgd;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exercise 03.2, the plain SGD step: a step by hand, weights and biases both moved, the learning
 * rate of each step, the gradients left untouched, nn-core's {@link Sgd} over random steps, and a
 * short run down a quadratic bowl.
 */
public final class SgdChecks implements ExerciseChecks<Supplier<Optimizer>> {

    @Override
    public Supplier<Optimizer> adapt(Class<?> type) {
        Reflect.Call c = Reflect.constructor(type);
        return () -> Reflect.as(Optimizer.class, c.call());
    }

    @Override
    public void run(Supplier<Optimizer> f, Checker checker) {
        checker.check("a step by hand", () -> {
            Parameter p = parameter("w", new float[] {1, -2}, true);
            p.grad()[0] = 0.5f;
            p.grad()[1] = -3;
            f.get().step(List.of(p), 0.1f);
            Expect.close("w after one step from w = [1, -2] with gradient [0.5, -3] and η = 0.1 (w - η·g: a step "
                    + "downhill, against the gradient)", new float[] {0.95f, -1.7f}, p.value(), 1e-6);
        });
        checker.check("weights and biases both move", () -> {
            Parameter w = parameter("dense.W", new float[] {1, 2, 3, 4}, true);
            Parameter b = parameter("dense.b", new float[] {1, -1}, false);
            System.arraycopy(new float[] {1, 1, -1, -1}, 0, w.grad(), 0, 4);
            System.arraycopy(new float[] {2, -2}, 0, b.grad(), 0, 2);
            f.get().step(List.of(w, b), 0.5f);
            Expect.close("the weights [1, 2, 3, 4] after a step with gradient [1, 1, -1, -1], η = 0.5",
                    new float[] {0.5f, 1.5f, 3.5f, 4.5f}, w.value(), 1e-6);
            Expect.close("the bias [1, -1] after a step with gradient [2, -2], η = 0.5 (biases are parameters too)",
                    new float[] {0, 0}, b.value(), 1e-6);
        });
        checker.check("each step uses the learning rate it is given", () -> {
            Parameter p = parameter("w", new float[] {1}, true);
            Optimizer opt = f.get();
            double w = 1;
            for (float lr : new float[] {0.1f, 0.01f, 0.5f}) {
                p.grad()[0] = 2;
                opt.step(List.of(p), lr);
                w -= lr * 2.0;
                Expect.close("w after a step with gradient 2 and η = " + lr + " (a schedule may change η from step to "
                        + "step: the step is η·g, not g)", w, p.value()[0], 1e-5);
            }
        });
        checker.check("the gradients are only read", () -> {
            Parameter p = parameter("w", DenseChecks.random(6, 4), true);
            float[] g = DenseChecks.random(6, 5);
            System.arraycopy(g, 0, p.grad(), 0, g.length);
            f.get().step(List.of(p), 0.1f);
            Expect.close("the gradient after a step (the next backward overwrites it; the step must not change it)",
                    g, p.grad(), 0);
        });
        checker.check("agrees with nn-core's Sgd over 25 random steps", () -> {
            Parameter[] mine = {parameter("W", DenseChecks.random(7, 1), true), parameter("b", DenseChecks.random(3, 2), false)};
            Parameter[] ref = {parameter("W", DenseChecks.random(7, 1), true), parameter("b", DenseChecks.random(3, 2), false)};
            ReferenceSteps.agree(f.get(), mine, new Sgd(), ref, 1e-5, "values");
        });
        checker.check("a short run gets close to the bottom of a quadratic bowl", () -> {
            double start = QuadraticBowl.after(new Sgd(), 0, 0.1f);
            double best = QuadraticBowl.after(new Sgd(), 200, 0.1f);
            double target = Math.max(4 * best, 1e-3 * start);
            double got = QuadraticBowl.after(f.get(), 200, 0.1f);
            Expect.that(got <= target, "200 steps (η = 0.1) on f(w) = ½ Σ aᵢ wᵢ², aᵢ from 0.1 to 10, from f = "
                    + Expect.num(start) + ": nn-core's Sgd reaches " + Expect.num(best)
                    + ", expected at most " + Expect.num(target) + ", got " + Expect.num(got));
        });
    }

    private static Parameter parameter(String name, float[] value, boolean isWeight) {
        return new Parameter(name, 1, value.length, value.clone(), new float[value.length], isWeight);
    }
}
