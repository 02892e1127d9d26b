package dev.knobs.grader.checks;

import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.optim.Adam;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Optimizer;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exercises 06.1 (momentum) and 06.2 (Adam): two steps by hand, many random steps against
 * nn-core's optimiser (two parameters of different sizes, a learning rate that changes), a fresh
 * state after {@code copy()}, and a short run down a badly conditioned quadratic bowl.
 */
public final class OptimizerChecks implements ExerciseChecks<Supplier<Optimizer>> {
    private final boolean adam;

    private OptimizerChecks(boolean adam) {
        this.adam = adam;
    }

    /** The checks of exercise 06.1, momentum 0.9. */
    public static OptimizerChecks momentum() {
        return new OptimizerChecks(false);
    }

    /** The checks of exercise 06.2, Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8. */
    public static OptimizerChecks adam() {
        return new OptimizerChecks(true);
    }

    @Override
    public Supplier<Optimizer> adapt(Class<?> type) {
        if (adam) {
            Reflect.Call c = Reflect.constructor(type, float.class, float.class, float.class);
            return () -> Reflect.as(Optimizer.class, c.call(0.9f, 0.999f, 1e-8f));
        }
        Reflect.Call c = Reflect.constructor(type, float.class);
        return () -> Reflect.as(Optimizer.class, c.call(0.9f));
    }

    private Optimizer reference() {
        return adam ? new Adam(0.9f, 0.999f, 1e-8f) : new Momentum(0.9f);
    }

    @Override
    public void run(Supplier<Optimizer> f, Checker checker) {
        String name = adam ? "Adam" : "momentum";
        checker.check("two steps by hand", () -> {
            Parameter p = parameter("w", new float[] {1, -2});
            Optimizer opt = f.get();
            double[] w = {1, -2};
            double[] s1 = new double[2];
            double[] s2 = new double[2];
            float[][] grads = {{0.5f, 1}, {0.5f, -3}};
            for (int t = 1; t <= 2; t++) {
                System.arraycopy(grads[t - 1], 0, p.grad(), 0, 2);
                opt.step(List.of(p), 0.1f);
                for (int i = 0; i < 2; i++) {
                    double g = grads[t - 1][i];
                    if (adam) {
                        s1[i] = 0.9 * s1[i] + 0.1 * g;
                        s2[i] = 0.999 * s2[i] + 0.001 * g * g;
                        w[i] -= 0.1 * (s1[i] / (1 - Math.pow(0.9, t))) / (Math.sqrt(s2[i] / (1 - Math.pow(0.999, t))) + 1e-8);
                    } else {
                        s1[i] = 0.9 * s1[i] + g;
                        w[i] -= 0.1 * s1[i];
                    }
                }
                Expect.close(name + " weights after step " + t + " from w = [1, -2] with gradients [0.5, 1] then "
                        + "[0.5, -3], η = 0.1" + (t == 1 && adam ? " (with bias correction the first step moves each "
                        + "weight by η)" : ""), new float[] {(float) w[0], (float) w[1]}, p.value(), 1e-4);
            }
        });
        checker.check("agrees with nn-core's " + (adam ? "Adam" : "Momentum") + " over 25 random steps", () -> {
            Parameter[] mine = {parameter("W", DenseChecks.random(7, 1)), parameter("b", DenseChecks.random(3, 2))};
            Parameter[] ref = {parameter("W", DenseChecks.random(7, 1)), parameter("b", DenseChecks.random(3, 2))};
            ReferenceSteps.agree(f.get(), mine, reference(), ref, 1e-4, "weights, its own state");
        });
        checker.check("copy() starts with empty state", () -> {
            Optimizer used = f.get();
            Parameter p = parameter("w", new float[] {1, 1});
            for (int t = 0; t < 5; t++) {
                p.grad()[0] = 1;
                p.grad()[1] = -1;
                used.step(List.of(p), 0.1f);
            }
            Optimizer fresh = used.copy();
            Parameter q = parameter("w", new float[] {1, 1});
            Parameter r = parameter("w", new float[] {1, 1});
            q.grad()[0] = r.grad()[0] = 0.5f;
            fresh.step(List.of(q), 0.1f);
            reference().step(List.of(r), 0.1f);
            Expect.close("the first step of a copy of an optimiser that has taken 5 steps (a copy keeps the settings, "
                    + "not the state)", r.value(), q.value(), 1e-5);
        });
        checker.check("a short run gets close to the bottom of a quadratic bowl", () -> {
            double start = QuadraticBowl.after(reference(), 0, rate());
            double best = QuadraticBowl.after(reference(), 200, rate());
            double target = Math.max(4 * best, 1e-3 * start);
            double got = QuadraticBowl.after(f.get(), 200, rate());
            Expect.that(got <= target, "200 steps (η = " + rate() + ") on f(w) = ½ Σ aᵢ wᵢ², aᵢ from 0.1 to 10, "
                    + "from f = " + Expect.num(start) + ": nn-core's " + name + " reaches " + Expect.num(best)
                    + ", expected at most " + Expect.num(target) + ", got " + Expect.num(got));
        });
    }

    private float rate() {
        return adam ? 0.05f : 0.02f;
    }

    private static Parameter parameter(String name, float[] value) {
        return new Parameter(name, 1, value.length, value.clone(), new float[value.length], true);
    }
}
