package dev.knobs.tribuo.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tribuo.transform.TransformStatistics;
import org.tribuo.transform.Transformer;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/** Statistics with implicit zeros, against the same numbers computed densely by hand. */
class StandardisationTest {

    @Test
    void implicitZerosCountAsZeros() {
        // Values 2 and 4 plus two absent zeros: mean 6/4 = 1.5, population variance (0.25 + 6.25 + 2·2.25)/4 = 2.75.
        TransformStatistics stats = new Standardisation(1e-9).createStats();
        stats.observeValue(2);
        stats.observeValue(4);
        stats.observeSparse(2);
        Transformer t = stats.generateTransformer();
        assertEquals(-1.5 / Math.sqrt(2.75), t.transform(0), 1e-12);
        assertEquals(2.5 / Math.sqrt(2.75), t.transform(4), 1e-12);
    }

    @Test
    void aConstantFeatureIsOnlyCentred() {
        TransformStatistics stats = new Standardisation(1.0).createStats();
        stats.observeValue(7);
        Transformer t = stats.generateTransformer();
        assertEquals(0, t.transform(7), 0);
        assertEquals(3, t.transform(10), 0);                 // divided by the floor, 1
    }

    @Test
    void tribuo432sMeanStdDevForgetsTheMeanOfTheValuesItSaw() {
        // The same data through Tribuo 4.3.2's transformation: its update for implicit zeros sets the mean
        // to 0 (it should be 1.5), so 0 maps to 0 instead of -0.90. Documents why Standardisation exists;
        // if an upgraded Tribuo gets this right, this test fails and Standardisation can go.
        TransformStatistics stats = new MeanStdDevTransformation().createStats();
        stats.observeValue(2);
        stats.observeValue(4);
        stats.observeSparse(2);
        assertEquals(0, stats.generateTransformer().transform(0), 1e-12);
    }
}
