package dev.knobs.tools.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.tools.Renders;
import dev.knobs.tools.SmallModel;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The preparation steps, checked on real MNIST test digits drawn the ways people's pictures come. */
class MnistStyleTest {
    /** The first MNIST test digits. */
    private static final int DIGITS = 40;

    private record Variant(String name, Function<int[], BufferedImage> draw) {}

    private static final List<Variant> VARIANTS = List.of(
            new Variant("28x28 as in MNIST", Renders::original),
            new Variant("100 px, dark on light", g -> Renders.inverted(Renders.enlarged(g, 100))),
            new Variant("300 px, dark on light", g -> Renders.inverted(Renders.enlarged(g, 300))),
            new Variant("off-centre on a page", g -> Renders.onPage(g, 120, 500, 300, 330, 20)),
            new Variant("blue on cream", g -> Renders.blueOnCream(g, 200)),
            new Variant("black on transparent", g -> Renders.blackOnTransparent(g, 150)));

    @Test
    void everyVariantGivesA28x28ImageCentredByMassWithTheDigitIn20Pixels() {
        for (Variant v : VARIANTS) {
            for (int i = 0; i < DIGITS; i++) {
                MnistStyle.Steps s = MnistStyle.prepare(v.draw().apply(SmallModel.testImage(i)));
                String where = v.name() + ", test digit " + i;
                assertEquals(784, s.pixels().length, where);
                int max = 0;
                for (int p : s.pixels()) {
                    assertTrue(p >= 0 && p <= 255, where + ": grey level " + p);
                    max = Math.max(max, p);
                }
                assertEquals(255, max, where + ": full ink");
                double[] com = centreOfMass(s.pixels());
                assertTrue(Math.abs(com[0] - 14) <= 0.5 && Math.abs(com[1] - 14) <= 0.5,
                        where + ": centre of mass at (" + com[0] + ", " + com[1] + ")");
                assertEquals(20, Math.max(s.fitted().width(), s.fitted().height()), where + ": the box");
                int[] inked = inkedSize(s.fitted());
                int longer = Math.max(inked[0], inked[1]);
                assertTrue(longer >= 19 && longer <= 20, where + ": the ink spans " + inked[0] + "x" + inked[1]);
            }
        }
    }

    @Test
    void darkOnLightGivesTheSameImageAsLightOnDark() {
        for (int i = 0; i < DIGITS; i++) {
            int[] grey = SmallModel.testImage(i);
            for (int size : new int[] {28, 100, 300}) {
                BufferedImage light = Renders.enlarged(grey, size);
                MnistStyle.Steps bright = MnistStyle.prepare(light);
                MnistStyle.Steps dark = MnistStyle.prepare(Renders.inverted(light));
                assertFalse(bright.inverted(), "white on black needs no inverting");
                assertTrue(dark.inverted(), "black on white is inverted");
                assertTrue(maxDifference(bright.pixels(), dark.pixels()) <= 1, "test digit " + i + " at " + size + " px");
            }
        }
    }

    @Test
    void mnistsOwnDigitsComeBackAlmostUnchanged() {
        // The steps redo what MNIST did, so an MNIST digit is already in their final form. Most come back
        // exactly; the rest differ by a stretch of 254 to 255 or a one-pixel rounding of the centre of mass.
        int n = 200;
        int identical = 0;
        double meanDifference = 0;
        for (int i = 0; i < n; i++) {
            int[] grey = SmallModel.testImage(i);
            int[] again = MnistStyle.prepare(Renders.original(grey)).pixels();
            identical += maxDifference(grey, again) == 0 ? 1 : 0;
            for (int p = 0; p < 784; p++) {
                meanDifference += Math.abs(grey[p] - again[p]) / (784.0 * n);
            }
        }
        assertTrue(identical >= 0.75 * n, identical + " of " + n + " identical");
        assertTrue(meanDifference < 0.5, "mean difference " + meanDifference + " grey levels");
    }

    @Test
    void whereTheDigitIsOnThePageDoesNotMatter() {
        int[] grey = SmallModel.testImage(0);
        int[] topLeft = MnistStyle.prepare(Renders.onPage(grey, 120, 500, 300, 10, 10)).pixels();
        int[] bottomRight = MnistStyle.prepare(Renders.onPage(grey, 120, 500, 300, 370, 170)).pixels();
        assertArrayEquals(topLeft, bottomRight);
    }

    @Test
    void greyPngSamplesAreReadAsTheyAreNotThroughJavasLinearGreyConversion() {
        int[] grey = SmallModel.testImage(3);
        MnistStyle.Grey g = MnistStyle.toGrey(Renders.original(grey));
        for (int p = 0; p < 784; p++) {
            assertEquals(grey[p], g.v()[p], 0f, "pixel " + p);
        }
        BufferedImage sixteen = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        sixteen.getRaster().setSample(0, 0, 0, 65535);
        sixteen.getRaster().setSample(1, 0, 0, 128 * 257);            // 128 of 255
        MnistStyle.Grey g16 = MnistStyle.toGrey(sixteen);
        assertEquals(255f, g16.v()[0], 1e-3f);
        assertEquals(128f, g16.v()[1], 1e-3f);
    }

    @Test
    void colourBecomesLuminanceAndTransparentBecomesWhitePaper() {
        BufferedImage im = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
        im.setRGB(0, 0, 0xFF00FF00);          // opaque green
        im.setRGB(1, 0, 0xFF0000FF);          // opaque blue
        im.setRGB(2, 0, 0x00000000);          // fully transparent black: paper
        im.setRGB(3, 0, 0x80000000);          // half-transparent black: half ink
        MnistStyle.Grey g = MnistStyle.toGrey(im);
        assertEquals(0.587f * 255, g.v()[0], 0.01f);
        assertEquals(0.114f * 255, g.v()[1], 0.01f);
        assertEquals(255f, g.v()[2], 0.01f);
        assertEquals(255f * (1 - 128 / 255f), g.v()[3], 0.01f);
    }

    @Test
    void aBlankOrFaintImageHasNoInk() {
        BufferedImage white = page(200, 150, Color.WHITE);
        assertThrows(MnistStyle.NoInkException.class, () -> MnistStyle.prepare(white));
        BufferedImage grey = page(50, 50, new Color(128, 128, 128));
        assertThrows(MnistStyle.NoInkException.class, () -> MnistStyle.prepare(grey));
        BufferedImage grain = page(200, 200, Color.WHITE);               // paper grain, no digit
        Random r = new Random(3);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                int v = 230 + (int) Math.round(6 * r.nextGaussian());
                grain.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
        MnistStyle.NoInkException e = assertThrows(MnistStyle.NoInkException.class, () -> MnistStyle.prepare(grain));
        assertTrue(e.getMessage().startsWith("no ink found"), e.getMessage());
    }

    @Test
    void paperGreyAndGrainAreTakenAway() {
        int[] grey = SmallModel.testImage(7);
        BufferedImage big = Renders.inverted(Renders.enlarged(grey, 200));
        BufferedImage photo = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(5);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                double ink = 1 - big.getRaster().getSample(x, y, 0) / 255.0;
                int v = (int) Math.round(Math.max(0, Math.min(255, 215 - 150 * ink + 5 * r.nextGaussian())));
                photo.setRGB(x, y, new Color(v, v, v).getRGB());
            }
        }
        MnistStyle.Steps clean = MnistStyle.prepare(big);
        MnistStyle.Steps noisy = MnistStyle.prepare(photo);
        assertTrue(noisy.background() > 40 && noisy.background() < 70, "paper at 255 - 215 = 40 plus grain: "
                + noisy.background());
        int strayInk = 0;
        for (int p = 0; p < 784; p++) {
            strayInk += clean.pixels()[p] == 0 && noisy.pixels()[p] > 32 ? 1 : 0;
        }
        assertTrue(strayInk <= 5, strayInk + " pixels of background came through as ink");
    }

    @Test
    void shrinkingAveragesAreasAndKeepsTheInk() {
        float[] row = {0, 0, 255, 255, 255, 255, 0, 0};
        assertArrayEquals(new float[] {0, 255, 255, 0}, MnistStyle.resample(row, 4), 1e-4f);
        assertArrayEquals(new float[] {127.5f, 127.5f}, MnistStyle.resample(row, 2), 1e-4f);
        float[] three = MnistStyle.resample(row, 3);                    // each output pixel covers 8/3 input pixels
        assertEquals(1020f / 8 * 3, three[0] + three[1] + three[2], 1e-3f);
        assertArrayEquals(row, MnistStyle.resample(row, 8), 0f);         // same size: unchanged
        float[] enlarged = MnistStyle.resample(new float[] {0, 255}, 4);
        assertArrayEquals(new float[] {0, 63.75f, 191.25f, 255}, enlarged, 1e-3f);
    }

    @Test
    void theCentreOfMassLandsOnPixel14EvenForALopsidedDigit() {
        // a "7"-like shape: a heavy top bar and a thin stem
        BufferedImage seven = page(300, 300, Color.WHITE);
        Graphics2D g = seven.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(40, 40, 200, 40);
        g.fillRect(200, 40, 12, 220);
        g.dispose();
        MnistStyle.Steps s = MnistStyle.prepare(seven);
        double[] com = centreOfMass(s.pixels());
        assertEquals(14, com[0], 0.5);
        assertEquals(14, com[1], 0.5);
        assertTrue(s.shiftY() + s.fitted().height() / 2.0 > 14, "the box sits low, so the heavy bar is near the middle");
    }

    @Test
    void otsuSplitsTwoLevelsBetweenThem() {
        float[] v = new float[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i < 80 ? 10 : 200;
        }
        float t = MnistStyle.otsuThreshold(new MnistStyle.Grey(10, 10, v));
        assertTrue(t > 10 && t < 200, "threshold " + t);
    }

    // ------------------------------------------------------------------ helpers

    static double[] centreOfMass(int[] pixels) {
        double mass = 0;
        double x = 0;
        double y = 0;
        for (int p = 0; p < 784; p++) {
            mass += pixels[p];
            x += pixels[p] * (p % 28);
            y += pixels[p] * (p / 28);
        }
        return new double[] {x / mass, y / mass};
    }

    /** Width and height of the non-zero pixels. */
    private static int[] inkedSize(MnistStyle.Grey g) {
        int x0 = g.width();
        int x1 = -1;
        int y0 = g.height();
        int y1 = -1;
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                if (g.v()[y * g.width() + x] > 0) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new int[] {x1 - x0 + 1, y1 - y0 + 1};
    }

    private static int maxDifference(int[] a, int[] b) {
        int d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static BufferedImage page(int w, int h, Color colour) {
        BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return im;
    }
}
