package dev.knobs.grader.checks;

import dev.knobs.nn.schedule.CosineSchedule;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.schedule.OneCycle;
import java.util.function.Function;

/**
 * Exercises 10.1 (cosine annealing) and 10.2 (one-cycle): values worked out by hand, the shape
 * (never rising; rising then falling), and every step against nn-core's schedule for several
 * settings, edge cases included.
 */
public final class ScheduleChecks implements ExerciseChecks<Function<Object[], LearningRateSchedule>> {
    private final boolean oneCycle;

    private ScheduleChecks(boolean oneCycle) {
        this.oneCycle = oneCycle;
    }

    /** The checks of exercise 10.1: cosine annealing (max, min, period). */
    public static ScheduleChecks cosine() {
        return new ScheduleChecks(false);
    }

    /** The checks of exercise 10.2: one-cycle (max, total, pctStart, divFactor, finalDivFactor). */
    public static ScheduleChecks oneCycle() {
        return new ScheduleChecks(true);
    }

    @Override
    public Function<Object[], LearningRateSchedule> adapt(Class<?> type) {
        Reflect.Call c = oneCycle ? Reflect.constructor(type, float.class, int.class, float.class, float.class, float.class)
                : Reflect.constructor(type, float.class, float.class, int.class);
        return args -> Reflect.as(LearningRateSchedule.class, c.call(args));
    }

    /** nn-core's schedule with the same settings. */
    private LearningRateSchedule reference(Object[] a) {
        return oneCycle ? new OneCycle((float) a[0], (int) a[1], (float) a[2], (float) a[3], (float) a[4])
                : CosineSchedule.annealing((float) a[0], (float) a[1], (int) a[2]);
    }

    private Object[][] settings() {
        return oneCycle ? new Object[][] {{1f, 100, 0.3f, 25f, 1e4f}, {0.1f, 37, 0.25f, 10f, 100f}, {0.5f, 1, 0.3f, 25f, 1e4f},
                {0.5f, 2, 0.5f, 5f, 10f}, {0.2f, 7, 0.9f, 1f, 1f}}
                : new Object[][] {{0.1f, 0f, 10}, {0.5f, 0.01f, 7}, {1f, 0.2f, 1}, {0.05f, 0.05f, 5}, {0.3f, 0.001f, 1000}};
    }

    private int span(Object[] a) {
        return oneCycle ? (int) a[1] + 3 : 2 * (int) a[2] + 3;
    }

    @Override
    public void run(Function<Object[], LearningRateSchedule> f, Checker checker) {
        checker.check("values worked out by hand", () -> {
            if (oneCycle) {
                LearningRateSchedule s = f.apply(new Object[] {1f, 100, 0.3f, 25f, 1e4f});
                String in = "one-cycle(max 1, 100 steps, pctStart 0.3, divFactor 25, finalDivFactor 1e4)";
                Expect.close(in + " at step 0 (start = max / divFactor)", 0.04, s.rate(0), 1e-5);
                Expect.close(in + " at step 10 (a third of the way up a cosine: max + (start - max)·(1 + cos(π/3))/2)",
                        0.28, s.rate(10), 1e-5);
                Expect.close(in + " at step 15 (halfway up: (start + max) / 2)", 0.52, s.rate(15), 1e-5);
                Expect.close(in + " at step 30 (the peak)", 1.0, s.rate(30), 1e-5);
                Expect.close(in + " at step 99 (the last step: start / finalDivFactor)", 4e-6, s.rate(99), 1e-8);
            } else {
                String in = "cosine(max 0.1, min 0.01, period 10)";
                LearningRateSchedule s = f.apply(new Object[] {0.1f, 0.01f, 10});
                Expect.close(in + " at step 0", 0.1, s.rate(0), 1e-6);
                Expect.close(in + " at step 2 (min + (max - min)·(1 + cos(0.2π))/2)", 0.01 + 0.09 * (1 + Math.cos(0.2 * Math.PI)) / 2,
                        s.rate(2), 1e-6);
                Expect.close(in + " at step 5 (halfway: (max + min) / 2)", 0.055, s.rate(5), 1e-6);
                Expect.close(in + " at step 10 (the end of the period)", 0.01, s.rate(10), 1e-6);
                Expect.close(in + " at step 25 (after the period the rate stays at min)", 0.01, s.rate(25), 1e-6);
            }
        });
        checker.check(oneCycle ? "rises to the peak, then never rises again" : "never rises", () -> {
            LearningRateSchedule s = f.apply(oneCycle ? new Object[] {1f, 50, 0.3f, 25f, 1e4f} : new Object[] {0.1f, 0f, 40});
            int peak = oneCycle ? 15 : 0;
            for (int t = 1; t < 60; t++) {
                boolean rising = t <= peak;
                float before = s.rate(t - 1);
                float now = s.rate(t);
                Expect.that(rising ? now > before : now <= before, s.name() + ": the rate " + (rising ? "must rise" : "must not rise")
                        + " from step " + (t - 1) + " to " + t + ", got " + Expect.num(before) + " then " + Expect.num(now));
            }
        });
        checker.check("agrees with nn-core's " + (oneCycle ? "OneCycle" : "CosineSchedule.annealing") + " at every step", () -> {
            for (Object[] a : settings()) {
                LearningRateSchedule expected = reference(a);
                LearningRateSchedule got = f.apply(a);
                for (int t = 0; t < span(a); t++) {
                    Expect.close(expected.name() + " at step " + t, expected.rate(t), got.rate(t), 1e-5);
                }
            }
        });
    }
}
