package dev.knobs.lessons.common;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid of small grey images with a caption under each: sample digits, augmented digits, the
 * worst errors, or first-layer weights. Drawn with Java2D (works headless).
 */
public final class DigitGrid {
    private static final int SCALE = 3;          // 28 px digits become 84 px cells
    private static final int CAPTION = 30;       // room for up to two caption lines
    private static final int GAP = 6;

    private DigitGrid() {}

    /** One image to draw: {@code pixels} holds {@code height*width} values, shown from dark (low) to light (high). */
    public record Tile(float[] pixels, String caption) {}

    /**
     * Draws digits white on black, like the original MNIST rendering ({@code values} in [lo, hi]
     * map to black..white).
     *
     * @param title    heading drawn above the grid (may be empty)
     * @param tiles    the images with their captions (use "\n" for a second caption line)
     * @param columns  tiles per row
     * @param lo       value drawn black
     * @param hi       value drawn white
     */
    public static BufferedImage render(String title, List<Tile> tiles, int height, int width, int columns,
                                       float lo, float hi) {
        return draw(title, tiles, height, width, columns, lo, hi, false);
    }

    /**
     * Draws signed values (weights) with a diverging scale: negative blue, zero white, positive
     * red, each tile scaled by its own largest magnitude.
     */
    public static BufferedImage renderSigned(String title, List<Tile> tiles, int height, int width, int columns) {
        return draw(title, tiles, height, width, columns, 0f, 0f, true);
    }

    private static BufferedImage draw(String title, List<Tile> tiles, int height, int width, int columns, float lo,
                                      float hi, boolean signed) {
        int cols = Math.max(1, Math.min(columns, tiles.size()));
        int rows = (tiles.size() + cols - 1) / cols;
        int cellW = width * SCALE + GAP;
        int cellH = height * SCALE + CAPTION + GAP;
        int top = title.isEmpty() ? GAP : 32;
        BufferedImage img = new BufferedImage(Math.max(cols * cellW + GAP, 200), top + rows * cellH + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        if (!title.isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, GAP, 21);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int t = 0; t < tiles.size(); t++) {
            int x0 = GAP + (t % cols) * cellW;
            int y0 = top + (t / cols) * cellH;
            float[] p = tiles.get(t).pixels();
            float scale = 0f;
            if (signed) {
                for (float v : p) {
                    scale = Math.max(scale, Math.abs(v));
                }
                scale = scale == 0f ? 1f : scale;
            }
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    float v = p[r * width + c];
                    g.setColor(signed ? diverging(v / scale) : grey((v - lo) / (hi - lo)));
                    g.fillRect(x0 + c * SCALE, y0 + r * SCALE, SCALE, SCALE);
                }
            }
            g.setColor(Color.BLACK);
            String[] lines = tiles.get(t).caption().split("\n");
            for (int l = 0; l < Math.min(2, lines.length); l++) {
                String s = lines[l];
                int sx = x0 + Math.max(0, (width * SCALE - fm.stringWidth(s)) / 2);
                g.drawString(s, sx, y0 + height * SCALE + 13 + l * 13);
            }
        }
        g.dispose();
        return img;
    }

    private static Color grey(float t) {
        int v = Math.round(255 * Math.max(0f, Math.min(1f, t)));
        return new Color(v, v, v);
    }

    private static Color diverging(float t) {
        t = Math.max(-1f, Math.min(1f, t));
        int fade = Math.round(255 * (1 - Math.abs(t)));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
