package dev.knobs.nn.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AffineMatrixTest {

    @Test
    void rotationBy90MovesTheRightEdgeToTheTop() {
        // 4x4 image, centre 1.5: the middle of the right edge (3, 1.5) goes to the middle of the top edge (1.5, 0)
        AffineMatrix m = AffineMatrix.rotation(90, 1.5, 1.5);
        assertEquals(1.5, m.mapX(3, 1.5), 1e-12);
        assertEquals(0.0, m.mapY(3, 1.5), 1e-12);
    }

    @Test
    void thenAppliesThisFirstAndNextSecond() {
        // scale by 2 about the origin, then shift by (1, 0): (3, 4) -> (6, 8) -> (7, 8);
        // in the other order: (3, 4) -> (4, 4) -> (8, 8)
        AffineMatrix scale = AffineMatrix.scaling(2, 0, 0);
        AffineMatrix shift = AffineMatrix.translation(1, 0);
        AffineMatrix scaleThenShift = scale.then(shift);
        AffineMatrix shiftThenScale = shift.then(scale);
        assertEquals(7, scaleThenShift.mapX(3, 4), 1e-12);
        assertEquals(8, scaleThenShift.mapY(3, 4), 1e-12);
        assertEquals(8, shiftThenScale.mapX(3, 4), 1e-12);
        assertEquals(8, shiftThenScale.mapY(3, 4), 1e-12);
    }

    @Test
    void inverseUndoesAMixedMap() {
        AffineMatrix m = AffineMatrix.rotation(23, 13.5, 13.5)
                .then(AffineMatrix.scaling(1.1, 13.5, 13.5))
                .then(AffineMatrix.shear(12, 13.5, 13.5))
                .then(AffineMatrix.translation(-2.5, 1.25));
        AffineMatrix back = m.inverse();
        for (double[] p : new double[][] {{0, 0}, {27, 0}, {5.5, 19.25}, {27, 27}}) {
            double x = m.mapX(p[0], p[1]);
            double y = m.mapY(p[0], p[1]);
            assertEquals(p[0], back.mapX(x, y), 1e-9);
            assertEquals(p[1], back.mapY(x, y), 1e-9);
        }
    }

    @Test
    void shearMovesRowsInProportionToTheirDistanceFromTheCentre() {
        AffineMatrix m = AffineMatrix.shear(30, 2, 2);
        double t = Math.tan(Math.toRadians(30));
        assertEquals(1 + 2 * t, m.mapX(1, 4), 1e-12);   // two rows below the centre: moved right by 2·tan 30°
        assertEquals(4, m.mapY(1, 4), 1e-12);
        assertEquals(1, m.mapX(1, 2), 1e-12);           // the centre row stays
    }

    @Test
    void squashedMapCannotBeInverted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AffineMatrix.scaling(0, 1, 1).inverse());
        assertTrue(e.getMessage().contains("determinant"), e.getMessage());
    }

    @Test
    void nonFiniteEntriesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AffineMatrix.translation(Double.NaN, 0));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }
}
