package dev.knobs.tribuo.schedule;

import com.oracle.labs.mlrg.olcut.config.PropertyException;

/** Range checks with messages that name the property, for the schedules' {@code postConfig}. */
final class ScheduleChecks {
    private ScheduleChecks() {}

    static void range(String property, double value, double lo, double hi, String meaning) {
        if (!(value >= lo && value <= hi)) {
            throw new PropertyException("", property, "must be " + meaning + ", got " + value);
        }
    }
}
