package dev.knobs.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.io.Json;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.ReLU;
import dev.knobs.nn.layer.Sequential;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void confusionMatrixByHand() {
        int[] truth = {0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] pred = {0, 0, 1, 1, 1, 2, 0, 0, 2};
        ConfusionMatrix cm = ConfusionMatrix.of(truth, pred, 3);
        assertArrayEquals(new int[] {2, 1, 0}, cm.counts()[0]);
        assertArrayEquals(new int[] {2, 0, 2}, cm.counts()[2]);
        assertEquals(6.0 / 9, cm.accuracy(), 1e-12);
        ConfusionMatrix.ClassMetrics c0 = cm.perClass().get(0);
        assertEquals(2.0 / 4, c0.precision(), 1e-12);     // predicted 0: four times, two right
        assertEquals(2.0 / 3, c0.recall(), 1e-12);        // true 0: three, two found
        assertEquals(2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), c0.f1(), 1e-12);
        assertEquals(3, c0.support());
        assertEquals(List.of(new ConfusionMatrix.ConfusedPair(2, 0, 2), new ConfusionMatrix.ConfusedPair(0, 1, 1)),
                cm.mostConfused(5));
    }

    @Test
    void aConfusionMatrixFromCountsIsCheckedAndCopied() {
        int[][] counts = {{2, 1}, {0, 3}};
        ConfusionMatrix cm = ConfusionMatrix.ofCounts(counts);
        counts[0][0] = 99;
        assertEquals(2, cm.count(0, 0), "the counts are copied");
        assertEquals(5.0 / 6, cm.accuracy(), 1e-12);
        assertArrayEquals(ConfusionMatrix.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 0, 1, 1, 1, 1}, 2).counts()[0],
                cm.counts()[0]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.ofCounts(new int[][] {{1, 2}, {3}}))
                .getMessage().contains("square: row 1 of 2 has 1 columns"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.ofCounts(new int[][] {{1, -2}, {3, 4}}))
                .getMessage().contains("counts[0][1] = -2"));
    }

    @Test
    void aCommitteeAveragesTheMembersProbabilities() {
        int[] labels = {0, 1};
        // Example 0: two members lean to 1 a little, one is sure of 0: the average says 0, a vote would say 1.
        // Example 1: every member says 1.
        Predictions a = new Predictions(new float[] {0.4f, 0.6f, 0.2f, 0.8f}, new int[] {1, 1}, labels, 0, 0.5, 2);
        Predictions b = new Predictions(new float[] {0.4f, 0.6f, 0.4f, 0.6f}, new int[] {1, 1}, labels, 0, 0.5, 2);
        Predictions c = new Predictions(new float[] {1.0f, 0.0f, 0.3f, 0.7f}, new int[] {0, 1}, labels, 0, 1.0, 2);
        Predictions committee = Committee.average(List.of(a, b, c));
        assertArrayEquals(new float[] {0.6f, 0.4f, 0.3f, 0.7f}, committee.probabilities(), 1e-6f);
        assertArrayEquals(new int[] {0, 1}, committee.predicted());
        assertEquals(1.0, committee.accuracy());
        assertEquals(-(Math.log(0.6) + Math.log(0.7)) / 2, committee.loss(), 1e-6);
        assertArrayEquals(labels, committee.labels());
        Predictions alone = Committee.average(List.of(c));
        assertArrayEquals(c.probabilities(), alone.probabilities(), 0f, "a committee of one is that member");
        assertEquals(-Math.log(1e-45) / 2 - Math.log(0.7) / 2,
                Committee.average(List.of(new Predictions(new float[] {0f, 1f, 0.3f, 0.7f}, new int[] {1, 1}, labels, 0,
                        0.5, 2))).loss(), 1e-6, "a probability of 0 costs -ln 1e-45, not infinity");
    }

    @Test
    void aCommitteeRefusesMembersThatPredictedOtherExamples() {
        Predictions a = new Predictions(new float[] {0.4f, 0.6f}, new int[] {1}, new int[] {0}, 0, 0, 2);
        Predictions b = new Predictions(new float[] {0.4f, 0.6f}, new int[] {1}, new int[] {1}, 0, 1, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Committee.average(List.of(a, b))).getMessage()
                .contains("member 2 has 1 examples of 2 classes, member 1 1 of 2, with other labels"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Committee.average(List.of())).getMessage()
                .contains("at least one member"));
    }

    @Test
    void topErrorsRankByMarginAndByLoss() {
        // 3 examples, 2 classes. Example 0 right, 1 wrong with p=0.9, 2 wrong with p=0.6.
        float[] probs = {0.8f, 0.2f, 0.9f, 0.1f, 0.4f, 0.6f};
        Predictions p = new Predictions(probs, new int[] {0, 0, 1}, new int[] {0, 1, 0}, 0, 1.0 / 3, 2);
        List<TopErrors.ErrorCase> byMargin = TopErrors.byMargin(p, 10);
        assertEquals(2, byMargin.size());
        assertEquals(1, byMargin.get(0).index());
        assertEquals(0.8, byMargin.get(0).margin(), 1e-6);    // 0.9 - 0.1
        assertEquals(0.9, byMargin.get(0).confidence(), 1e-6);
        List<TopErrors.ErrorCase> byLoss = TopErrors.byLoss(p, 3);
        assertEquals(1, byLoss.get(0).index());
        assertEquals(-Math.log(0.1), byLoss.get(0).loss(), 1e-6);
        assertEquals(0, byLoss.get(2).index());
        assertEquals(1, p.errors() - 1);
    }

    @Test
    void activationStatsFindDeadUnits() {
        Dense d = Dense.empty(2, 3);
        // unit 0 = x0, unit 1 = -x0 - x1 (dead for positive inputs), unit 2 = x1
        System.arraycopy(new float[] {1, 0, -1, -1, 0, 1}, 0, d.weights().value(), 0, 6);
        Sequential net = Sequential.of(2, d, new ReLU());
        net.forward(new float[] {1, 2, 3, 4}, 2, false);
        ActivationStats relu = ActivationStats.of(net, 2).get(1);
        assertEquals(1.0 / 3, relu.deadFraction(), 1e-12);
        assertEquals(2.0 / 6, relu.fractionZero(), 1e-12);
        assertEquals((1 + 2 + 3 + 4) / 6.0, relu.mean(), 1e-9);
    }

    @Test
    void historyPicksTheBestValidationEpochAndSurvivesJsonWithNaN() {
        History h = new History("run");
        h.add(new EpochRecord(1, 0.5, 0.8, 0.4, 0.90, Double.NaN, Double.NaN, 0.1, 1.0));
        h.add(new EpochRecord(2, 0.3, 0.9, 0.3, 0.95, Double.NaN, Double.NaN, 0.1, 1.0));
        h.add(new EpochRecord(3, 0.2, 0.95, 0.35, 0.94, 0.3, 0.93, 0.05, 1.0));
        assertEquals(2, h.bestByValidation().epoch());
        String json = Json.toJson(h);
        assertTrue(json.contains("\"testAccuracy\": null"), json);
        History back = Json.gson().fromJson(json, History.class);
        assertTrue(Double.isNaN(back.epochs().get(0).testAccuracy()));
        assertEquals(0.93, back.last().testAccuracy(), 1e-12);
        assertEquals(3.0, back.seconds(), 1e-12);
    }
}
