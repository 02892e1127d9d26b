package dev.knobs.search.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Surface} drawn in 3D as a picture: the two knobs on the floor, validation accuracy as the
 * height, the measured trials as dots. XChart draws no 3D charts, and a heat map hides how steep the
 * surface is; a shaded mesh seen from above at an angle shows at a glance where the ridge lies and
 * how much it matters to be on it. Plain Java 2D: the mesh's cells are projected and painted from
 * the farthest to the nearest (the painter's algorithm), which is exact for a height field seen
 * from above.
 */
public final class SurfacePicture {
    /** Picture size in pixels: as large as the lessons' other figures. */
    public static final int WIDTH = 900;
    /** Picture height in pixels. */
    public static final int HEIGHT = 700;

    private static final double AZIMUTH = Math.toRadians(-35);
    private static final double ELEVATION = Math.toRadians(28);
    private static final double HEIGHT_SHARE = 0.7;
    /** Colours from low to high accuracy (viridis, sampled), easy to read for colour-blind readers. */
    private static final Color[] RAMP = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
        new Color(94, 201, 98), new Color(253, 231, 37)};

    private SurfacePicture() {}

    /** The surface as a 900 x 700 picture; the same surface always gives the same pixels. */
    public static BufferedImage draw(Surface s) {
        double[][] z = s.zGrid();
        int ny = z.length;
        int nx = z[0].length;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        for (Surface.Point p : s.trials()) {
            lo = Math.min(lo, p.z());
            hi = Math.max(hi, p.z());
        }
        if (hi - lo < 1e-9) {
            hi = lo + 1;
        }
        Projection proj = Projection.fit(WIDTH, HEIGHT);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            g.setColor(Color.BLACK);
            g.setFont(font.deriveFont(Font.BOLD, 16f));
            centred(g, s.title(), WIDTH / 2.0, 28);
            g.setFont(font);

            // The floor and the back walls' edges, drawn first, so the surface covers what it hides.
            g.setColor(new Color(200, 200, 200));
            g.setStroke(new BasicStroke(1f));
            line(g, proj, 0, 0, 0, 1, 0, 0);
            line(g, proj, 1, 0, 0, 1, 1, 0);
            line(g, proj, 1, 1, 0, 0, 1, 0);
            line(g, proj, 0, 1, 0, 0, 0, 0);
            double[] back = proj.farthestCorner();
            line(g, proj, back[0], back[1], 0, back[0], back[1], HEIGHT_SHARE);
            for (int k = 0; k <= 4; k++) {
                double h = HEIGHT_SHARE * k / 4;
                line(g, proj, back[0], back[1], h, 1 - back[0], back[1], h);
                line(g, proj, back[0], back[1], h, back[0], 1 - back[1], h);
            }

            // The mesh: one quadrilateral per cell, coloured by its mean height, far ones first.
            List<double[]> cells = new ArrayList<>();
            for (int j = 0; j + 1 < ny; j++) {
                for (int i = 0; i + 1 < nx; i++) {
                    double u = (i + 0.5) / (nx - 1);
                    double v = (j + 0.5) / (ny - 1);
                    double mean = (z[j][i] + z[j][i + 1] + z[j + 1][i] + z[j + 1][i + 1]) / 4;
                    cells.add(new double[] {i, j, proj.depth(u, v, HEIGHT_SHARE * (mean - lo) / (hi - lo)), mean});
                }
            }
            cells.sort(Comparator.comparingDouble((double[] c) -> c[2]).reversed());
            for (double[] c : cells) {
                int i = (int) c[0];
                int j = (int) c[1];
                Polygon quad = new Polygon();
                for (int[] corner : new int[][] {{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}}) {
                    double u = nx == 1 ? 0 : corner[0] / (double) (nx - 1);
                    double v = ny == 1 ? 0 : corner[1] / (double) (ny - 1);
                    double h = HEIGHT_SHARE * (z[corner[1]][corner[0]] - lo) / (hi - lo);
                    quad.addPoint((int) Math.round(proj.x(u, v, h)), (int) Math.round(proj.y(u, v, h)));
                }
                Color fill = colour((c[3] - lo) / (hi - lo));
                g.setColor(fill);
                g.fillPolygon(quad);
                g.setColor(fill.darker());
                g.drawPolygon(quad);
            }

            // The trials, where they were measured.
            for (Surface.Point p : s.trials()) {
                double u = s.x().unit(p.x());
                double v = s.y().unit(p.y());
                if (Double.isNaN(u) || Double.isNaN(v)) {
                    continue;
                }
                double h = HEIGHT_SHARE * (p.z() - lo) / (hi - lo);
                double px = proj.x(u, v, h);
                double py = proj.y(u, v, h);
                g.setColor(Color.BLACK);
                g.fill(new Ellipse2D.Double(px - 4, py - 4, 8, 8));
                g.setColor(Color.WHITE);
                g.fill(new Ellipse2D.Double(px - 2, py - 2, 4, 4));
            }

            // Axes: ticks on the two front edges of the floor and on the back vertical edge.
            g.setColor(Color.DARK_GRAY);
            double[] xEdge = proj.nearEdgeV();
            double[] yEdge = proj.nearEdgeU();
            List<String> xs = s.x().values();
            List<String> ys = s.y().values();
            double outX = xEdge[0] == 0 ? -1 : 1;
            double outY = yEdge[0] == 0 ? -1 : 1;
            for (int k : ticks(xs.size())) {
                double u = xs.size() == 1 ? 0 : k / (double) (xs.size() - 1);
                label(g, proj, u, xEdge[0] + 0.07 * outX, xs.get(k));
            }
            for (int k : ticks(ys.size())) {
                double v = ys.size() == 1 ? 0 : k / (double) (ys.size() - 1);
                label(g, proj, yEdge[0] + 0.07 * outY, v, ys.get(k));
            }
            g.setFont(font.deriveFont(Font.BOLD));
            label(g, proj, 0.5, xEdge[0] + 0.17 * outX, s.x().knob() + (s.x().scale().equals("log") ? " (log scale)" : ""));
            label(g, proj, yEdge[0] + 0.17 * outY, 0.5, s.y().knob() + (s.y().scale().equals("log") ? " (log scale)" : ""));
            g.setFont(font);
            // The height axis stands at the floor's leftmost corner, its labels to the left, clear of the mesh.
            double[] left = proj.leftmostCorner();
            line(g, proj, left[0], left[1], 0, left[0], left[1], HEIGHT_SHARE);
            for (int k = 0; k <= 4; k++) {
                double h = HEIGHT_SHARE * k / 4;
                double px = proj.x(left[0], left[1], h);
                double py = proj.y(left[0], left[1], h);
                g.drawLine((int) Math.round(px - 5), (int) Math.round(py), (int) Math.round(px), (int) Math.round(py));
                String text = String.format(Locale.ROOT, "%.1f%%", lo + (hi - lo) * k / 4);
                FontMetrics fm = g.getFontMetrics();
                g.drawString(text, (float) (px - fm.stringWidth(text) - 9), (float) (py + fm.getAscent() / 2.0 - 1));
            }
            g.setFont(font.deriveFont(Font.ITALIC));
            centred(g, s.z() + "; dots: the trials", WIDTH / 2.0, HEIGHT - 14);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static int[] ticks(int n) {
        return n <= 5 ? java.util.stream.IntStream.range(0, n).toArray() : new int[] {0, (n - 1) / 2, n - 1};
    }

    private static Color colour(double t) {
        double p = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int k = Math.min(RAMP.length - 2, (int) p);
        double f = p - k;
        Color a = RAMP[k];
        Color b = RAMP[k + 1];
        return new Color((int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static void line(Graphics2D g, Projection p, double u1, double v1, double h1, double u2, double v2,
                             double h2) {
        g.drawLine((int) Math.round(p.x(u1, v1, h1)), (int) Math.round(p.y(u1, v1, h1)),
                (int) Math.round(p.x(u2, v2, h2)), (int) Math.round(p.y(u2, v2, h2)));
    }

    /** Text centred on the floor point (u, v), which callers place just outside the floor. */
    private static void label(Graphics2D g, Projection p, double u, double v, String text) {
        double px = p.x(u, v, 0);
        double py = p.y(u, v, 0);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (px - fm.stringWidth(text) / 2.0), (float) (py + fm.getAscent() / 2.0));
    }

    private static void centred(Graphics2D g, String text, double x, double y) {
        g.drawString(text, (float) (x - g.getFontMetrics().stringWidth(text) / 2.0), (float) y);
    }

    /**
     * An orthographic view of the unit box (u, v on the floor, h up) turned by the azimuth and seen
     * from the elevation, scaled and moved to fit the picture with room for the labels.
     */
    private record Projection(double scale, double dx, double dy) {
        static Projection fit(int width, int height) {
            Projection unit = new Projection(1, 0, 0);
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 8; c++) {
                double u = c & 1;
                double v = (c >> 1) & 1;
                double h = ((c >> 2) & 1) * HEIGHT_SHARE;
                minX = Math.min(minX, unit.x(u, v, h));
                maxX = Math.max(maxX, unit.x(u, v, h));
                minY = Math.min(minY, unit.y(u, v, h));
                maxY = Math.max(maxY, unit.y(u, v, h));
            }
            double scale = Math.min((width - 260) / (maxX - minX), (height - 170) / (maxY - minY));
            double dx = width / 2.0 - scale * (minX + maxX) / 2;
            double dy = 50 + (height - 120) / 2.0 - scale * (minY + maxY) / 2;
            return new Projection(scale, dx, dy);
        }

        private static double across(double u, double v) {
            return (u - 0.5) * Math.cos(AZIMUTH) - (v - 0.5) * Math.sin(AZIMUTH);
        }

        private static double along(double u, double v) {
            return (u - 0.5) * Math.sin(AZIMUTH) + (v - 0.5) * Math.cos(AZIMUTH);
        }

        double x(double u, double v, double h) {
            return dx + scale * across(u, v);
        }

        /** Screen y grows downwards: higher and farther points are drawn higher up. */
        double y(double u, double v, double h) {
            return dy - scale * (h * Math.cos(ELEVATION) + along(u, v) * Math.sin(ELEVATION));
        }

        /** Distance from the viewer: larger is farther. */
        double depth(double u, double v, double h) {
            return along(u, v) * Math.cos(ELEVATION) - h * Math.sin(ELEVATION);
        }

        /** The floor corner farthest from the viewer, where the height axis stands. */
        double[] farthestCorner() {
            double[] best = null;
            double far = Double.NEGATIVE_INFINITY;
            for (double[] c : new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
                if (depth(c[0], c[1], 0) > far) {
                    far = depth(c[0], c[1], 0);
                    best = c;
                }
            }
            return best;
        }

        /** The floor corner drawn furthest to the left, where the height axis stands. */
        double[] leftmostCorner() {
            double[] best = null;
            double left = Double.POSITIVE_INFINITY;
            for (double[] c : new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}}) {
                if (x(c[0], c[1], 0) < left) {
                    left = x(c[0], c[1], 0);
                    best = c;
                }
            }
            return best;
        }

        /** The v (0 or 1) of the floor edge along u nearer the viewer: the x axis's ticks go there. */
        double[] nearEdgeV() {
            return new double[] {depth(0.5, 0, 0) < depth(0.5, 1, 0) ? 0 : 1};
        }

        /** The u (0 or 1) of the floor edge along v nearer the viewer: the y axis's ticks go there. */
        double[] nearEdgeU() {
            return new double[] {depth(0, 0.5, 0) < depth(1, 0.5, 0) ? 0 : 1};
        }
    }
}
