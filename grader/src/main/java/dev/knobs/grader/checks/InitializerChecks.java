package dev.knobs.grader.checks;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.XavierUniform;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Exercises 04.1 (He normal) and 04.2 (Xavier uniform): the statistics of a large sample drawn
 * with fan-in and fan-out far apart (so the wrong fan shows), the shape of the distribution,
 * determinism given the generator, and the same statistics as nn-core's initialiser.
 */
public final class InitializerChecks implements ExerciseChecks<Supplier<Initializer>> {
    private static final int FAN_IN = 100;
    private static final int FAN_OUT = 1000;

    private final boolean he;

    private InitializerChecks(boolean he) {
        this.he = he;
    }

    /** The checks of exercise 04.1, He normal: N(0, 2 / fanIn). */
    public static InitializerChecks heNormal() {
        return new InitializerChecks(true);
    }

    /** The checks of exercise 04.2, Xavier uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    public static InitializerChecks xavierUniform() {
        return new InitializerChecks(false);
    }

    @Override
    public Supplier<Initializer> adapt(Class<?> type) {
        Reflect.Call c = Reflect.constructor(type);
        return () -> Reflect.as(Initializer.class, c.call());
    }

    /** The variance the formula asks for. */
    private double variance(int fanIn, int fanOut) {
        return he ? 2.0 / fanIn : 2.0 / (fanIn + fanOut);
    }

    @Override
    public void run(Supplier<Initializer> f, Checker checker) {
        String sample = "a " + FAN_OUT + " x " + FAN_IN + " weight matrix (fanIn " + FAN_IN + ", fanOut " + FAN_OUT + ")";
        checker.check("fills every weight with a finite value, not all equal", () -> {
            float[] w = draw(f, FAN_IN, FAN_OUT, 1);
            for (int i = 0; i < w.length; i++) {
                Expect.that(Float.isFinite(w[i]), "weight " + i + " of " + sample + " is " + w[i]
                        + ": every one of the fanOut·fanIn weights must be filled");
            }
            Expect.that(Arrays.stream(toDouble(w)).distinct().count() > w.length / 2, "the weights of " + sample
                    + " are mostly equal: draw each one from rng");
        });
        checker.check("mean 0", () -> {
            double[] m = Moments.of(draw(f, FAN_IN, FAN_OUT, 2));
            double sd = Math.sqrt(variance(FAN_IN, FAN_OUT));
            Expect.that(Math.abs(m[0]) < 0.02 * sd, "mean of " + sample + ": expected 0 (within " + Expect.num(0.02 * sd)
                    + "), got " + Expect.num(m[0]));
        });
        checker.check(he ? "variance 2 / fanIn" : "variance 2 / (fanIn + fanOut)", () -> {
            for (int[] fans : new int[][] {{FAN_IN, FAN_OUT}, {784, 64}}) {
                double expected = variance(fans[0], fans[1]);
                double got = Moments.of(draw(f, fans[0], fans[1], 3))[1];
                if (Math.abs(got / expected - 1) > 0.05) {
                    double swapped = he ? 2.0 / fans[1] : Double.NaN;
                    throw new CheckFailure("variance for fanIn " + fans[0] + ", fanOut " + fans[1] + ": expected "
                            + Expect.num(expected) + ", got " + Expect.num(got)
                            + (Math.abs(got / swapped - 1) < 0.05 ? " (that is 2 / fanOut: use the fan-in)" : ""));
                }
            }
        });
        if (he) {
            checker.check("normally distributed: 68% of the weights within one standard deviation", () -> {
                float[] w = draw(f, FAN_IN, FAN_OUT, 4);
                double sd = Math.sqrt(Moments.of(w)[1]);           // the sample's own σ: this check is about the shape
                double share = Arrays.stream(toDouble(w)).filter(v -> Math.abs(v) <= sd).count() / (double) w.length;
                Expect.that(Math.abs(share - 0.6827) < 0.01, "share of " + sample + " within ±σ = ±" + Expect.num(sd)
                        + ": a normal distribution has 0.683, got " + Expect.num(share)
                        + (Math.abs(share - 0.577) < 0.01 ? " (a uniform distribution gives 0.577: use rng.nextGaussian())" : ""));
            });
        } else {
            checker.check("uniform on [-a, a], a = sqrt(6 / (fanIn + fanOut))", () -> {
                float[] w = draw(f, FAN_IN, FAN_OUT, 4);
                double a = Math.sqrt(6.0 / (FAN_IN + FAN_OUT));
                double max = Arrays.stream(toDouble(w)).map(Math::abs).max().orElse(0);
                Expect.that(max <= a * (1 + 1e-6), "largest |w| of " + sample + ": at most a = " + Expect.num(a)
                        + ", got " + Expect.num(max));
                double inner = Arrays.stream(toDouble(w)).filter(v -> Math.abs(v) <= a / 2).count() / (double) w.length;
                Expect.that(Math.abs(inner - 0.5) < 0.01, "share of " + sample + " within ±a/2: a uniform distribution "
                        + "has 0.5, got " + Expect.num(inner));
            });
        }
        checker.check("the weights come from rng alone: the same seed gives the same weights", () -> {
            float[] a = draw(f, 20, 30, 5);
            float[] b = draw(f, 20, 30, 5);
            float[] c = draw(f, 20, 30, 6);
            Expect.close("two fills with generators of the same seed", a, b, 0);
            Expect.that(!Arrays.equals(a, c), "two fills with generators of different seeds gave the same weights");
        });
        checker.check("the same statistics as nn-core's " + (he ? "HeNormal" : "XavierUniform"), () -> {
            Initializer reference = he ? new HeNormal() : new XavierUniform();
            float[] expected = new float[FAN_IN * FAN_OUT];
            reference.fill(expected, FAN_IN, FAN_OUT, new SplittableRandom(7));
            double[] e = Moments.of(expected);
            double[] g = Moments.of(draw(f, FAN_IN, FAN_OUT, 8));
            Expect.that(Math.abs(g[1] / e[1] - 1) < 0.05, "variance of " + sample + ": nn-core's reference draws "
                    + Expect.num(e[1]) + ", yours " + Expect.num(g[1]));
        });
    }

    private static float[] draw(Supplier<Initializer> f, int fanIn, int fanOut, long seed) {
        float[] w = new float[fanIn * fanOut];
        Arrays.fill(w, Float.NaN);
        f.get().fill(w, fanIn, fanOut, new SplittableRandom(seed));
        return w;
    }

    private static double[] toDouble(float[] w) {
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            d[i] = w[i];
        }
        return d;
    }

}
