package dev.knobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainBenchTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(2.0, TrainBench.median(new double[] {1.0, 2.0, 9.0}));
        assertEquals(5.0, TrainBench.median(new double[] {5.0}));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(7.0, TrainBench.median(new double[] {6.0, 8.0}));           // not the maximum, 8
        assertEquals(2.5, TrainBench.median(new double[] {1.0, 2.0, 3.0, 10.0}));
    }

    @Test
    void anEpochCountsForwardWeightGradientAndInputGradientExceptTheFirstLayersInputGradient() {
        // 784-1024-10: forward and weight gradient of both layers, input gradient of the second only.
        double perExample = 2.0 * (2 * 784 * 1024 + 3 * 1024 * 10);
        assertEquals(perExample * 60_000, TrainBench.epochFlops(new int[] {784, 1024, 10}, 60_000));
    }

    @Test
    void thePeakLoopCountsTwoFlopsPerLanePerFusedMultiplyAdd() {
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        assertEquals(2.0 * PeakBench.CHAINS * lanes * PeakBench.ITERATIONS * 3 * 2, PeakBench.flops(2, 3));
    }

    @Test
    void aRunFarBelowThePeakLoopPerCpuSecondIsFlaggedAndANormalOneIsNot() {
        PeakBench.Peak[] peaks = {new PeakBench.Peak(1, 200, 190, 210, 210), new PeakBench.Peak(2, 400, 380, 420, 200)};
        assertEquals("", GemmBench.slowKernelWarning(60, 2, peaks));             // 30%: a normal epoch
        assertTrue(GemmBench.slowKernelWarning(8, 2, peaks).startsWith("warning: only 4% of the peak loop's"));
        assertEquals("", GemmBench.slowKernelWarning(9, 3, peaks));              // no peak at 3 threads to judge by
        assertEquals("", GemmBench.slowKernelWarning(9, 2, null));
    }
}
