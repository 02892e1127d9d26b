package dev.knobs.nn.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each schedule's value at steps worked out by hand. */
class ScheduleTest {
    private static final float EPS = 1e-6f;

    @Test
    void constant() {
        assertEquals(0.1f, new ConstantRate(0.1f).rate(0));
        assertEquals(0.1f, new ConstantRate(0.1f).rate(10_000));
    }

    @Test
    void stepDecay() {
        StepDecay s = new StepDecay(0.1f, 0.5f, 10);
        assertEquals(0.1f, s.rate(0), EPS);
        assertEquals(0.1f, s.rate(9), EPS);
        assertEquals(0.05f, s.rate(10), EPS);
        assertEquals(0.025f, s.rate(25), EPS);
    }

    @Test
    void exponentialAndInverseTime() {
        assertEquals(0.081f, new ExponentialDecay(0.1f, 0.9f).rate(2), EPS);
        assertEquals(0.05f, new InverseTimeDecay(0.1f, 0.5f).rate(2), EPS);   // 0.1 / (1 + 0.5·2)
    }

    @Test
    void cosineAnnealing() {
        CosineSchedule c = CosineSchedule.annealing(1f, 0f, 10);
        assertEquals(1f, c.rate(0), EPS);
        assertEquals(0.5f, c.rate(5), EPS);              // (1 + cos(π/2)) / 2
        assertEquals(0f, c.rate(10), EPS);
        assertEquals(0f, c.rate(20), EPS);
        assertEquals(0.55f, CosineSchedule.annealing(1f, 0.1f, 10).rate(5), EPS);
    }

    @Test
    void cosineWarmRestartsWithGrowingCycles() {
        CosineSchedule c = CosineSchedule.withRestarts(1f, 0f, 10, 2);   // cycles of 10, 20, 40 ...
        assertEquals(1f, c.rate(10), EPS);               // first restart
        assertEquals(0.5f, c.rate(20), EPS);             // halfway through the 20-step cycle
        assertEquals(1f, c.rate(30), EPS);               // second restart
        assertEquals(0.5f, c.rate(50), EPS);
    }

    @Test
    void warmUpRampsLinearlyThenHandsOver() {
        WarmUp w = new WarmUp(4, new StepDecay(0.1f, 0.5f, 2));
        assertEquals(0.025f, w.rate(0), EPS);
        assertEquals(0.05f, w.rate(1), EPS);
        assertEquals(0.1f, w.rate(3), EPS);
        assertEquals(0.1f, w.rate(4), EPS);              // after(0)
        assertEquals(0.05f, w.rate(6), EPS);             // after(2)
    }

    @Test
    void oneCycleRisesThenFalls() {
        OneCycle o = OneCycle.of(1f, 100);               // 30 steps up from 0.04, 69 down to 4e-6
        assertEquals(0.04f, o.rate(0), EPS);
        assertEquals(0.52f, o.rate(15), EPS);            // 1 + (0.04 - 1)·(1 + cos(π/2))/2
        assertEquals(1f, o.rate(30), EPS);
        assertEquals(4e-6f, o.rate(99), 1e-9f);
        assertTrue(o.rate(60) < o.rate(40));
    }

    @Test
    void reduceOnPlateauWaitsForPatienceThenReduces() {
        ReduceOnPlateau r = new ReduceOnPlateau(0.1f, 0.5f, 1, 0.03f, 0f);
        assertFalse(r.epochEnded(1.0));                     // best
        assertFalse(r.epochEnded(1.0));                     // wait 1 (tolerated)
        assertTrue(r.epochEnded(1.0));                      // wait 2 > patience: 0.1 → 0.05
        assertEquals(0.05f, r.rate(123), EPS);
        assertFalse(r.epochEnded(0.5));                     // improvement resets
        r.epochEnded(0.6);
        r.epochEnded(0.6);                                  // 0.05 → 0.03 (floored at minRate)
        assertEquals(0.03f, r.rate(0), EPS);
    }

    @Test
    void nonsenseSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ConstantRate(-0.1f));
        assertThrows(IllegalArgumentException.class, () -> new ConstantRate(0f));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0.1f, 2f, 10));
        assertThrows(IllegalArgumentException.class, () -> new StepDecay(0.1f, 0.5f, 0));
        assertThrows(IllegalArgumentException.class, () -> CosineSchedule.annealing(0.1f, 0.2f, 10));
        assertThrows(IllegalArgumentException.class, () -> new WarmUp(0, new ConstantRate(0.1f)));
        assertThrows(IllegalArgumentException.class, () -> new OneCycle(1f, 100, 1.5f, 25f, 1e4f));
        assertThrows(IllegalArgumentException.class, () -> new ReduceOnPlateau(0.1f, 1f, 1, 0f, 0f));
    }
}
