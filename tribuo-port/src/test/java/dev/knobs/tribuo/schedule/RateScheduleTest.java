package dev.knobs.tribuo.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.knobs.nn.schedule.LearningRateSchedule;
import org.junit.jupiter.api.Test;

/** The multipliers at the points where each schedule is defined by hand. */
class RateScheduleTest {

    @Test
    void constantIsOneEverywhere() {
        LearningRateSchedule m = new ConstantSchedule().multipliers(100, 5);
        assertEquals(1f, m.rate(0));
        assertEquals(1f, m.rate(499));
        assertTrue(new ConstantSchedule().isConstant());
    }

    @Test
    void stepDropsAtEpochBoundaries() {
        LearningRateSchedule m = new StepSchedule(2, 0.5).multipliers(10, 6);   // 10 steps per epoch
        assertEquals(1f, m.rate(19));          // epoch 1
        assertEquals(0.5f, m.rate(20));        // epoch 2
        assertEquals(0.25f, m.rate(45));       // epoch 4
    }

    @Test
    void exponentialChangesOncePerEpoch() {
        LearningRateSchedule m = new ExponentialSchedule(0.5).multipliers(10, 4);
        assertEquals(1f, m.rate(9));
        assertEquals(0.5f, m.rate(10));
        assertEquals(0.125f, m.rate(39));
    }

    @Test
    void cosineWarmsUpLinearlyThenAnnealsToItsFloor() {
        LearningRateSchedule m = new CosineAnnealingSchedule(1, 0.1).multipliers(10, 5);   // W = 10 steps, T = 50
        assertEquals(0.1f, m.rate(0), 1e-6);   // (0 + 1) / 10
        assertEquals(1f, m.rate(9), 1e-6);     // end of warm-up
        assertEquals(1f, m.rate(10), 1e-6);    // the cosine starts at its top
        assertEquals(0.55f, m.rate(30), 1e-6); // halfway through the 40 cosine steps: (1 + 0.1) / 2
        assertEquals(0.1f, m.rate(50), 1e-6);  // the floor
    }

    @Test
    void oneCyclePeaksAtItsShareOfTheRun() {
        LearningRateSchedule m = new OneCycleSchedule(0.3, 25, 1e4).multipliers(10, 10);   // T = 100, U = 30
        assertEquals(1f / 25, m.rate(0), 1e-7);
        assertEquals(1f, m.rate(30), 1e-6);
        assertEquals(1f / 25 / 1e4, m.rate(99), 1e-9);
        assertTrue(m.rate(15) > m.rate(5) && m.rate(60) < m.rate(40));
    }

    @Test
    void nonsenseSettingsNameTheProperty() {
        PropertyException e = assertThrows(PropertyException.class, () -> new StepSchedule(0, 0.5));
        assertTrue(e.getMessage().contains("everyEpochs"), e.getMessage());
        e = assertThrows(PropertyException.class, () -> new ExponentialSchedule(1.5));
        assertTrue(e.getMessage().contains("gamma"), e.getMessage());
        e = assertThrows(PropertyException.class, () -> new CosineAnnealingSchedule(-1, 0));
        assertTrue(e.getMessage().contains("warmupEpochs"), e.getMessage());
        e = assertThrows(PropertyException.class, () -> new OneCycleSchedule(0.3, 0.5, 1e4));
        assertTrue(e.getMessage().contains("divFactor"), e.getMessage());
    }
}
