package dev.knobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
