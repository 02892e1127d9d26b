package dev.knobs.tools.predict;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a picture of one digit, of any size and colours, into the 28x28 image a network trained
 * on MNIST expects, by redoing what LeCun, Cortes and Burges did to make MNIST's digits.
 *
 * <p>A network trained on MNIST has only ever seen digits prepared one way: white ink on a black
 * background, the digit scaled so that its longer side is 20 pixels, and placed in a 28x28 field
 * so that its centre of mass is in the middle. It has never seen a digit that is small, off to one
 * side, dark on light, or on grey paper; a fully connected network does not even know which of
 * its 784 inputs are neighbours. So a drawing must be brought into MNIST's form before the
 * network can read it, in these steps, one method each:
 *
 * <pre>
 *   (a) grey        colour or grey, any alpha      -&gt;  grey levels 0..255, transparent = white paper
 *   (b) polarity    ink dark on light paper?       -&gt;  invert, so ink is bright on black as in MNIST
 *   (c) background  paper grey, grain, specks      -&gt;  subtract the paper's level; find the ink (Otsu)
 *   (d) crop        the ink's bounding box         -&gt;  forget where on the page the digit was
 *   (e) box         longer side to 20 pixels       -&gt;  forget how big it was (area averaging = anti-aliasing)
 *       full ink    brightest pixel to 255         -&gt;  every MNIST digit reaches full ink
 *   (f) centre      centre of mass to pixel (14, 14) of a 28x28 field
 *
 *          +----------------------------+ 28
 *          |    +--------------+        |
 *          |    |   ######     |        |    the digit fills a 20x20 box (the longer side is 20),
 *          |    |  ##    ##    |        |    and the box is moved so that the digit's centre of
 *          |    |       ##     |        |    mass (its ink-weighted average position, o) lands on
 *          |    |     ##o      |        |    pixel (14, 14): the box itself need not be in the middle
 *          |    |   ##         |        |
 *          |    |  ##########  |        |
 *          |    +--------------+ 20     |
 *          +----------------------------+
 * </pre>
 *
 * <p><b>The centre convention, measured.</b> Pixel (row r, column c) is at coordinates (r, c),
 * counting from 0 at the top left, and the centre of mass is the grey-weighted mean of those
 * coordinates. In all 70,000 MNIST images it lies between 13.5 and 14.5 on both axes (mean 14.0,
 * standard deviation 0.3): MNIST shifted each digit by whole pixels so that its centre of mass
 * rounds to (14, 14), the centre of pixel (14, 14), which is half a pixel right of and below the
 * field's geometric centre (13.5, 13.5). We do the same: a whole-pixel shift, so no blur, and the
 * centre of mass ends within half a pixel of (14, 14). Ink shifted past the field's edge is cut
 * off, as in MNIST, where 813 of the 60,000 training digits touch the border.
 *
 * <p>The other MNIST facts used here, also measured on the files: the longer side of the inked
 * bounding box is 20 pixels in all but 16 of the 70,000 images (those are 19), and the brightest
 * pixel of every image is 254 or 255.
 */
public final class MnistStyle {
    /** Side of the field, in pixels. */
    public static final int SIDE = 28;
    /** Side of the box the digit is fitted into. */
    public static final int BOX = 20;
    /** Where the centre of mass goes: pixel (14, 14), on both axes. */
    public static final int CENTRE = 14;
    /**
     * Fewer grey levels than this between the paper and the brightest ink, after the background is
     * taken away, and there is no digit: the image is blank (or nearly so).
     */
    public static final float MIN_CONTRAST = 32;

    private MnistStyle() {}

    /** A grey image: {@code width x height} values, row-major, 0..255 (not necessarily whole numbers). */
    public record Grey(int width, int height, float[] v) {
        public Grey {
            if (width < 1 || height < 1 || v.length != width * height) {
                throw new IllegalArgumentException("a " + width + "x" + height + " image cannot hold " + v.length
                        + " values");
            }
        }

        float at(int x, int y) {
            return v[y * width + x];
        }
    }

    /** An inclusive pixel rectangle: columns {@code x0..x1}, rows {@code y0..y1}. */
    public record Box(int x0, int y0, int x1, int y1) {
        public int width() {
            return x1 - x0 + 1;
        }

        public int height() {
            return y1 - y0 + 1;
        }
    }

    /**
     * What each step found, for tests and for the curious.
     *
     * @param grey       step (a): the picture in grey levels
     * @param inverted   step (b): true if the ink was dark and the image was inverted
     * @param background step (c): the paper's grey level taken away (after inversion)
     * @param threshold  step (c): Otsu's threshold between paper and ink, after the background is gone
     * @param box        step (d): the ink's bounding box in the picture
     * @param fitted     step (e): the digit scaled into the 20x20 box, full ink, whole grey levels
     * @param comX       step (f): the centre of mass of {@code fitted}, column
     * @param comY       step (f): the centre of mass of {@code fitted}, row
     * @param shiftX     step (f): where column 0 of {@code fitted} went in the field
     * @param shiftY     step (f): where row 0 of {@code fitted} went in the field
     * @param pixels     the result: 784 grey levels 0..255, row-major, white ink on black
     */
    public record Steps(Grey grey, boolean inverted, float background, float threshold, Box box, Grey fitted,
                        double comX, double comY, int shiftX, int shiftY, int[] pixels) {}

    /** The picture has no ink to read: blank, or too faint. */
    public static final class NoInkException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoInkException(String message) {
            super(message);
        }
    }

    /**
     * All the steps, (a) to (f).
     *
     * @throws NoInkException if the picture is blank
     */
    public static Steps prepare(BufferedImage image) {
        return prepare(toGrey(image));
    }

    /** Steps (b) to (f) on a grey picture. */
    public static Steps prepare(Grey grey) {
        boolean dark = inkIsDark(grey);
        Grey bright = dark ? invert(grey) : grey;
        float background = backgroundLevel(bright);
        Grey ink = subtract(bright, background);
        float peak = max(ink);
        if (peak < MIN_CONTRAST) {
            throw new NoInkException(String.format(Locale.ROOT, "no ink found: the image is blank or too faint "
                    + "(nothing in it stands out from the paper by more than %.0f grey levels; a digit needs %.0f)", peak,
                    MIN_CONTRAST));
        }
        float threshold = otsuThreshold(ink);
        Box box = inkBox(ink, threshold);
        Grey fitted = fullInk(fitInBox(crop(ink, box)));
        double[] com = centreOfMass(fitted);
        int shiftX = (int) Math.round(CENTRE - com[0]);
        int shiftY = (int) Math.round(CENTRE - com[1]);
        int[] pixels = place(fitted, shiftX, shiftY);
        return new Steps(grey, dark, background, threshold, box, fitted, com[0], com[1], shiftX, shiftY, pixels);
    }

    // ------------------------------------------------------------------ (a) grey levels

    /**
     * Step (a): the grey level of every pixel, 0 (black) to 255 (white).
     *
     * <p>MNIST's digits are grey: the NIST forms were scanned in black and white, and the grey
     * levels come from the anti-aliasing in step (e). A colour picture is turned to grey by its
     * luminance, {@code 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601, the weights JPEG uses): green
     * looks brighter to us than blue, and the network should see the digit as a person does.
     *
     * <p>A transparent pixel is paper: a drawing saved with a transparent background shows the
     * ink on whatever is behind it, so each pixel is laid over white,
     * {@code grey = alpha·colour + (1 - alpha)·255}.
     *
     * <p>Grey images (8- or 16-bit grey PNGs) are read from their samples directly: Java's
     * conversion of grey to RGB treats grey as linear light and would brighten the middle tones.
     */
    public static Grey toGrey(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[] v = new float[w * h];
        ColorModel cm = image.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
            Raster raster = image.getRaster();
            float greyMax = (1 << cm.getComponentSize(0)) - 1;
            float alphaMax = cm.hasAlpha() ? (1 << cm.getComponentSize(cm.getNumComponents() - 1)) - 1 : 1;
            int alphaBand = cm.getNumComponents() - 1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float grey = 255f * raster.getSample(x, y, 0) / greyMax;
                    if (cm.hasAlpha()) {
                        float a = raster.getSample(x, y, alphaBand) / alphaMax;
                        grey = cm.isAlphaPremultiplied() ? grey + (1 - a) * 255 : a * grey + (1 - a) * 255;
                    }
                    v[y * w + x] = grey;
                }
            }
            return new Grey(w, h, v);
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);                      // sRGB, alpha not premultiplied
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                float a = (argb >>> 24) / 255f;
                float luminance = 0.299f * ((argb >> 16) & 0xff) + 0.587f * ((argb >> 8) & 0xff) + 0.114f * (argb & 0xff);
                v[y * w + x] = a * luminance + (1 - a) * 255;
            }
        }
        return new Grey(w, h, v);
    }

    // ------------------------------------------------------------------ (b) polarity

    /**
     * Step (b), the question: is the ink darker than the paper?
     *
     * <p>MNIST's digits are white (255) on black (0), so the network has learnt that large inputs
     * mean ink. Most drawings are the other way round, and a dark digit on white paper would look
     * to the network like a white page with a digit-shaped hole. The ink is the minority of the
     * pixels (about a fifth of an MNIST image) and rarely touches the edge, so the border is paper,
     * and the ink pulls the average of the whole image away from it. If the border (its median,
     * which a stroke crossing the edge does not move) is brighter than the image's mean, the paper
     * is light and the ink dark.
     */
    public static boolean inkIsDark(Grey g) {
        return median(border(g)) > mean(g);
    }

    /** Step (b), the remedy: {@code 255 - grey}, so dark ink becomes bright ink on a dark background. */
    public static Grey invert(Grey g) {
        float[] v = new float[g.v().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = 255 - g.v()[i];
        }
        return new Grey(g.width(), g.height(), v);
    }

    // ------------------------------------------------------------------ (c) background

    /**
     * Step (c), the paper's level: the median of the border plus four times its median absolute
     * deviation (MAD).
     *
     * <p>MNIST's background is exactly 0. Paper is not: it is a little grey, and a photograph or a
     * JPEG adds grain. Left in, that grey is a faint wash over all 784 inputs that the network has
     * never seen. The median is the paper's typical level, and the MAD measures its grain in a way
     * that strokes touching the border do not disturb; for Gaussian grain the MAD is 0.67 standard
     * deviations, so the median plus 4 MADs is above all but a few in a thousand paper pixels. A
     * clean drawing has a MAD of 0 and keeps every faint edge pixel.
     */
    public static float backgroundLevel(Grey g) {
        float[] border = border(g);
        float median = median(border);
        float[] deviation = new float[border.length];
        for (int i = 0; i < border.length; i++) {
            deviation[i] = Math.abs(border[i] - median);
        }
        return Math.min(255, median + 4 * median(deviation));
    }

    /** Step (c), the subtraction: {@code max(0, grey - level)}, so the paper becomes 0 as in MNIST. */
    public static Grey subtract(Grey g, float level) {
        float[] v = new float[g.v().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.max(0, g.v()[i] - level);
        }
        return new Grey(g.width(), g.height(), v);
    }

    /**
     * Step (c), ink or not: Otsu's threshold (Otsu 1979), the grey level that splits the pixels
     * into two groups, paper and ink, that are each as uniform as possible (it maximises the
     * variance between the two groups' means, weighted by their sizes). It adapts to the picture:
     * a faint pencil digit gets a low threshold, a black marker a high one. It is used only to
     * find where the ink is (step (d)); the grey levels themselves are kept, because MNIST's soft
     * stroke edges are part of what the network learnt.
     */
    public static float otsuThreshold(Grey g) {
        int[] histogram = new int[256];
        for (float x : g.v()) {
            histogram[Math.min(255, Math.max(0, Math.round(x)))]++;
        }
        long total = g.v().length;
        double sumAll = 0;
        for (int k = 0; k < 256; k++) {
            sumAll += (double) k * histogram[k];
        }
        double bestBetween = -1;
        int best = 0;
        long below = 0;
        double sumBelow = 0;
        for (int t = 0; t < 255; t++) {                                  // split: levels <= t | levels > t
            below += histogram[t];
            sumBelow += (double) t * histogram[t];
            long above = total - below;
            if (below == 0 || above == 0) {
                continue;
            }
            double meanBelow = sumBelow / below;
            double meanAbove = (sumAll - sumBelow) / above;
            double between = (double) below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > bestBetween) {
                bestBetween = between;
                best = t;
            }
        }
        return best + 0.5f;
    }

    // ------------------------------------------------------------------ (d) crop

    /**
     * Step (d), where the ink is: the bounding box of the pixels above Otsu's threshold, widened
     * by up to one output pixel's worth on each side to take in the fainter, anti-aliased edge of
     * the strokes.
     *
     * <p>Only the clearly inked pixels decide the box, so a faint smudge or the paper's grain
     * cannot stretch it; the small widening keeps a stroke's soft edge, which lies just outside
     * the threshold, from being cut off (in a 28x28 MNIST digit that edge is a whole pixel wide).
     */
    public static Box inkBox(Grey g, float threshold) {
        int x0 = g.width();
        int y0 = g.height();
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                if (g.at(x, y) > threshold) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        if (x1 < 0) {
            throw new NoInkException("no ink found: no pixel stands out from the paper");
        }
        int margin = (Math.max(x1 - x0 + 1, y1 - y0 + 1) + BOX - 1) / BOX;  // one output pixel, in input pixels
        for (int k = 0; k < margin && x0 > 0 && anyInk(g, x0 - 1, x0 - 1, y0, y1); k++) {
            x0--;
        }
        for (int k = 0; k < margin && x1 < g.width() - 1 && anyInk(g, x1 + 1, x1 + 1, y0, y1); k++) {
            x1++;
        }
        for (int k = 0; k < margin && y0 > 0 && anyInk(g, x0, x1, y0 - 1, y0 - 1); k++) {
            y0--;
        }
        for (int k = 0; k < margin && y1 < g.height() - 1 && anyInk(g, x0, x1, y1 + 1, y1 + 1); k++) {
            y1++;
        }
        return new Box(x0, y0, x1, y1);
    }

    /**
     * Step (d), the cut: the part of the image inside {@code box}.
     *
     * <p>MNIST's digits were written anywhere in a box on a form; cropping to the ink forgets
     * where, so a digit in the corner of a photo and one in the middle become the same input.
     */
    public static Grey crop(Grey g, Box box) {
        float[] v = new float[box.width() * box.height()];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(g.v(), (box.y0() + y) * g.width() + box.x0(), v, y * box.width(), box.width());
        }
        return new Grey(box.width(), box.height(), v);
    }

    // ------------------------------------------------------------------ (e) 20x20 box

    /**
     * Step (e): the digit scaled so that its longer side is {@value #BOX} pixels, keeping its
     * aspect ratio.
     *
     * <p>MNIST "size-normalised" every digit this way: people write large and small, and a network
     * that sees a fixed size does not have to learn every size. The aspect ratio is kept, or a
     * "1" would be stretched into a block: it stays tall and thin (20 high, a few wide).
     *
     * <p>Shrinking averages, over each output pixel, the part of the input it covers (area
     * averaging, a box filter). That is the anti-aliasing MNIST's grey levels come from: an
     * output pixel half covered by a stroke gets half the ink. Picking the nearest input pixel
     * instead would keep or drop thin strokes by chance. Enlarging (a digit smaller than 20
     * pixels) interpolates linearly between neighbouring pixels rather than making blocks.
     */
    public static Grey fitInBox(Grey g) {
        double scale = (double) BOX / Math.max(g.width(), g.height());
        int w = Math.max(1, Math.min(BOX, (int) Math.round(g.width() * scale)));
        int h = Math.max(1, Math.min(BOX, (int) Math.round(g.height() * scale)));
        return resize(g, w, h);
    }

    /** The image resampled to {@code w x h}: rows first, then columns (the filter is separable). */
    static Grey resize(Grey g, int w, int h) {
        float[] rows = new float[w * g.height()];
        float[] line = new float[g.width()];
        for (int y = 0; y < g.height(); y++) {
            System.arraycopy(g.v(), y * g.width(), line, 0, g.width());
            System.arraycopy(resample(line, w), 0, rows, y * w, w);
        }
        float[] out = new float[w * h];
        float[] column = new float[g.height()];
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < g.height(); y++) {
                column[y] = rows[y * w + x];
            }
            float[] resized = resample(column, h);
            for (int y = 0; y < h; y++) {
                out[y * w + x] = resized[y];
            }
        }
        return new Grey(w, h, out);
    }

    /**
     * One row or column, {@code in.length} values to {@code n}. Shrinking (or keeping the size):
     * output {@code j} is the average of the input over {@code [j·s, (j+1)·s)}, {@code s = in.length / n},
     * each input pixel weighted by how much of it lies inside. Enlarging: linear interpolation
     * between the two input pixels whose centres are nearest the output pixel's centre.
     */
    static float[] resample(float[] in, int n) {
        int m = in.length;
        float[] out = new float[n];
        if (n <= m) {
            double s = (double) m / n;
            for (int j = 0; j < n; j++) {
                double from = j * s;
                double to = (j + 1) * s;
                double sum = 0;
                for (int i = (int) Math.floor(from); i < Math.min(m, (int) Math.ceil(to)); i++) {
                    double overlap = Math.min(to, i + 1) - Math.max(from, i);
                    if (overlap > 0) {
                        sum += overlap * in[i];
                    }
                }
                out[j] = (float) (sum / s);
            }
        } else {
            double s = (double) m / n;
            for (int j = 0; j < n; j++) {
                double u = Math.max(0, Math.min(m - 1, (j + 0.5) * s - 0.5));   // output centre, in input pixels
                int i = (int) Math.floor(u);
                double f = u - i;
                out[j] = (float) (i + 1 < m ? (1 - f) * in[i] + f * in[i + 1] : in[i]);
            }
        }
        return out;
    }

    /**
     * After step (e): the grey levels stretched so that the brightest pixel is 255, and rounded to
     * whole grey levels.
     *
     * <p>Every MNIST digit reaches full ink (its brightest pixel is 254 or 255), because the
     * scanned strokes were solid black and several pixels wide. A faint pencil line, or a thin pen
     * line shrunk from a large picture, would otherwise reach the network as a pale ghost of a
     * digit. Rounding gives the 0..255 bytes of an MNIST image, so the PNG this tool writes is
     * exactly what the network saw.
     */
    public static Grey fullInk(Grey g) {
        float peak = max(g);
        float[] v = new float[g.v().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = peak > 0 ? Math.min(255, Math.round(g.v()[i] * 255 / peak)) : 0;
        }
        return new Grey(g.width(), g.height(), v);
    }

    // ------------------------------------------------------------------ (f) centre of mass

    /**
     * Step (f), the measure: the centre of mass {@code (Σ v·x / Σ v, Σ v·y / Σ v)}, with pixel
     * {@code (x, y)} at coordinates {@code (x, y)}; returns {@code {x, y}}.
     *
     * <p>The centre of mass, unlike the middle of the bounding box, depends on all of the ink: a
     * "7" with a long top bar has it high and to the right. MNIST centred by it, so a network
     * trained on MNIST expects each digit's ink balanced around the middle.
     */
    public static double[] centreOfMass(Grey g) {
        double mass = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                double m = g.at(x, y);
                mass += m;
                sx += m * x;
                sy += m * y;
            }
        }
        return mass > 0 ? new double[] {sx / mass, sy / mass} : new double[] {(g.width() - 1) / 2.0, (g.height() - 1) / 2.0};
    }

    /**
     * Step (f), the move: {@code g} pasted into a black 28x28 field with its pixel (0, 0) at
     * {@code (shiftX, shiftY)}, where {@code shift = round(14 - centre of mass)}, so the centre of
     * mass lands within half a pixel of (14, 14). A whole-pixel shift, as MNIST's: no
     * interpolation, no blur. Pixels that would land outside the field are left out.
     */
    public static int[] place(Grey g, int shiftX, int shiftY) {
        int[] out = new int[SIDE * SIDE];
        for (int y = 0; y < g.height(); y++) {
            int fy = y + shiftY;
            if (fy < 0 || fy >= SIDE) {
                continue;
            }
            for (int x = 0; x < g.width(); x++) {
                int fx = x + shiftX;
                if (fx >= 0 && fx < SIDE) {
                    out[fy * SIDE + fx] = Math.round(g.at(x, y));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ small helpers

    /** The pixels of the outer ring, about 2% of the shorter side thick (at least 1 pixel). */
    static float[] border(Grey g) {
        int w = g.width();
        int h = g.height();
        int t = Math.max(1, Math.round(0.02f * Math.min(w, h)));
        int inner = Math.max(0, w - 2 * t) * Math.max(0, h - 2 * t);
        float[] out = new float[w * h - inner];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < t || y < t || x >= w - t || y >= h - t) {
                    out[n++] = g.at(x, y);
                }
            }
        }
        return out;
    }

    private static boolean anyInk(Grey g, int xa, int xb, int ya, int yb) {
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                if (g.at(x, y) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    static float median(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mean(Grey g) {
        double sum = 0;
        for (float x : g.v()) {
            sum += x;
        }
        return sum / g.v().length;
    }

    private static float max(Grey g) {
        float m = 0;
        for (float x : g.v()) {
            m = Math.max(m, x);
        }
        return m;
    }
}
