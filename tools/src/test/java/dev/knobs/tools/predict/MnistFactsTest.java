package dev.knobs.tools.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.data.Dataset;
import dev.knobs.tools.SmallModel;
import org.junit.jupiter.api.Test;

/**
 * The facts about MNIST that {@link MnistStyle} is built on, as its Javadoc states them, checked
 * on the 10,000 test images: where the centre of mass is, how big the digit is, how bright.
 */
class MnistFactsTest {
    @Test
    void everyDigitHasItsCentreOfMassWithinHalfAPixelOfPixel14AndFullInkAndA20PixelBox() {
        Dataset test = SmallModel.mnist().test();
        int nineteen = 0;
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < test.size(); i++) {
            int[] grey = SmallModel.testImage(i);
            double[] com = MnistStyleTest.centreOfMass(grey);
            assertTrue(Math.abs(com[0] - MnistStyle.CENTRE) <= 0.5 && Math.abs(com[1] - MnistStyle.CENTRE) <= 0.5,
                    "test image " + i + ": centre of mass (" + com[0] + ", " + com[1] + ")");
            meanX += com[0] / test.size();
            meanY += com[1] / test.size();
            int max = 0;
            int x0 = 28;
            int x1 = -1;
            int y0 = 28;
            int y1 = -1;
            for (int p = 0; p < 784; p++) {
                if (grey[p] > 0) {
                    max = Math.max(max, grey[p]);
                    x0 = Math.min(x0, p % 28);
                    x1 = Math.max(x1, p % 28);
                    y0 = Math.min(y0, p / 28);
                    y1 = Math.max(y1, p / 28);
                }
            }
            assertTrue(max >= 254, "test image " + i + " reaches only " + max);
            int longer = Math.max(x1 - x0 + 1, y1 - y0 + 1);
            assertTrue(longer == 20 || longer == 19, "test image " + i + ": the ink spans " + longer + " pixels");
            nineteen += longer == 19 ? 1 : 0;
        }
        assertEquals(14, meanX, 0.05, "not 13.5: the centre is pixel 14, not the middle of the field");
        assertEquals(14, meanY, 0.05);
        assertTrue(nineteen <= 5, nineteen + " test digits span 19 pixels");
    }
}
