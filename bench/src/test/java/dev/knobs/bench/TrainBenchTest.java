package dev.knobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.io.Sha256;
import dev.knobs.nn.kernel.Profile;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
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
    void theJitsWarmUpEpochsAreListedInFullOrByTheirEnds() {
        assertEquals("1 epoch of a throwaway network in 9.1 s: 9.12 s", TrainBench.warmUp(List.of(9.12)));
        assertEquals("3 epochs of a throwaway network in 8.6 s: 3.10, 2.80, 2.70 s",
                TrainBench.warmUp(List.of(3.1, 2.8, 2.7)));
        assertEquals("6 epochs of a throwaway network in 2.4 s: 0.50, 0.43, ..., 0.35, 0.34 s",
                TrainBench.warmUp(List.of(0.5, 0.43, 0.41, 0.37, 0.35, 0.34)));
    }

    @Test
    void eachEpochIsSetBesideThePeakLoopRunJustBeforeAndAfterIt() {
        double[] rates = TrainBench.rates(600e9, new double[] {2.0, 3.0});       // 300 and 200 GFLOP/s: 300 / 400, 200 / 350
        assertEquals(300.0, rates[0], 1e-9);
        double[] shares = GemmBench.sharesOfPeakBeside(rates, new double[] {400, 400, 300});
        assertEquals("beside the peak: the median epoch at 66% of the peak loop run just before and after it"
                + " (each epoch: 75%, 57%; the peak runs 300.0 to 400.0 GFLOP/s)", TrainBench.besideThePeak(shares,
                new double[] {400, 400, 300}));
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

    @Test
    void aProductLineGivesTheMeanCallItsRateAndShareOfPeakAndTheUpdatesTrafficWhenMomentumRidesOnIt() {
        PeakBench.Peak[] peaks = {new PeakBench.Peak(2, 400, 380, 420, 200)};
        List<Profile.Product> products = List.of(
                new Profile.Product("abt", 128, 1000, 1000, 4, 4_096_000),            // 256 MFLOP in 1.024 ms
                new Profile.Product("atb+momentum", 1000, 128, 500, 2, 2_000_000));   // 128 MFLOP in 1 ms
        assertEquals(List.of("abt 128x1000x1000: 1.024 ms a call (x 4), 250.0 GFLOP/s = 63% of peak",
                        "atb+momentum 1000x128x500: 1.000 ms a call (x 2), 128.0 GFLOP/s = 32% of peak; update 8.0 MB"),
                TrainBench.products(products, 2, peaks));
        assertEquals("abt 128x1000x1000: 1.024 ms a call (x 4), 250.0 GFLOP/s",
                TrainBench.products(products, 1, peaks).get(0));                    // no peak at 1 thread
    }

    @Test
    void shapesCalledLessThanATenthAsOftenAsTheMostCalledAreSummedInOneLine() {
        List<Profile.Product> products = List.of(
                new Profile.Product("abt", 128, 10, 10, 30, 60_000),
                new Profile.Product("abt", 96, 10, 10, 2, 3_000),                     // 2 x 10 < 30
                new Profile.Product("ab", 96, 10, 10, 2, 1_500),
                new Profile.Product("ab", 128, 10, 10, 3, 9_000));                    // 3 x 10 = 30: kept
        List<String> lines = TrainBench.products(products, 2, null);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("abt 128x10x10: 0.002 ms a call (x 30)"));
        assertTrue(lines.get(1).startsWith("ab 128x10x10: 0.003 ms a call (x 3)"));
        assertEquals("and 4 calls of rarer shapes (each epoch's last, shorter batch): 0.005 ms in all", lines.get(2));
    }

    @Test
    void aPeakWhoseRunsSpreadFarAboveTheMedianWarnsThatTheSharesFlatter() {
        PeakBench.Peak busy = new PeakBench.Peak(2, 318.6, 285.4, 414.7, 215.0);     // 414.7 / 318.6 = 1.30
        assertTrue(busy.spreadWarning().startsWith("warning: the peak at 2 threads spread from 285.4 to 414.7 GFLOP/s"));
        assertTrue(busy.spreadWarning().contains("against 414.7"));
        assertEquals("", new PeakBench.Peak(2, 403.7, 316.9, 429.9, 209.8).spreadWarning());  // 1.065: quiet
        assertEquals("", new PeakBench.Peak(1, 200.0, 150.0, 220.0, 200.0).spreadWarning());  // exactly 1.10
        assertEquals("", new PeakBench.Peak(1, 0, 0, 0, 0).spreadWarning());
    }

    @Test
    void aFingerprintHashesEveryParameterFirstLayerFirstEachFloatBigEndian() throws IOException {
        Sequential net = Mlp.relu(new HeNormal(), 5, 3, 2).build(new SplittableRandom(7));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {              // writeFloat: 4 bytes, high byte first
            for (Parameter p : net.parameters()) {
                for (float v : p.value()) {
                    out.writeFloat(v);
                }
            }
        }
        assertEquals(4 * (5 * 3 + 3 + 3 * 2 + 2), bytes.size());
        byte[] all = bytes.toByteArray();
        assertEquals(HexFormat.of().formatHex(Sha256.of(all, all.length)), Fingerprint.sha256(net));
    }
}
