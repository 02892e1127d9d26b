package dev.knobs.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GemmBenchTest {

    @Test
    void eachRunIsDividedByTheMeanOfThePeakRunsJustBeforeAndAfterIt() {
        double[] rates = {100, 300, 150};
        double[] peaksAround = {200, 200, 400, 200};      // run 2 met a fast moment, run 3 its end
        assertArrayEquals(new double[] {0.5, 1.0, 0.5}, GemmBench.sharesOfPeakBeside(rates, peaksAround), 1e-12);
    }

    @Test
    void thePeaksAroundTheRunsMustBeOneMoreThanTheRuns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmBench.sharesOfPeakBeside(new double[] {1, 2}, new double[] {1, 2}));
        assertEquals("need one peak before and after each of 2 runs, got 2", e.getMessage());
    }

    @Test
    void theSharesBesideThePeakPrintAsMedianLeastAndGreatest() {
        assertEquals("80% of the peak run beside it (50 to 100%)",
                GemmBench.besideThePeak(new double[] {0.5, 0.8, 1.0}));
    }
}
