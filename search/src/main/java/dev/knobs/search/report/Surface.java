package dev.knobs.search.report;

import dev.knobs.search.space.Choice;
import dev.knobs.search.space.Dimension;
import dev.knobs.search.space.LogUniform;
import dev.knobs.search.strategy.TrialResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Validation accuracy over two knobs, filled in between the trials by inverse-distance weighting
 * (Shepard 1968): the value at a point is the average of the trials' accuracies weighted by
 * 1 / distance², distances measured with both axes scaled to [0, 1] (in the logarithm for a
 * {@code log} knob). It passes through every trial and guesses nothing beyond the trials' range;
 * with few trials it shows where trials did well, not a law.
 *
 * <p>Written as {@code surface.json} for the site's interactive 3D plot:
 * <pre>
 * {
 *   "title": "...", "z": "validation accuracy (%) after 1 epochs", "method": "...",
 *   "x": {"knob": "peak-lr", "scale": "log", "values": [0.02, ...]},     // knob values along x
 *   "y": {"knob": "hidden-dropout", "scale": "linear", "values": [...]},  // "choice": values are the choices
 *   "zGrid": [[...], ...],        // zGrid[j][i]: accuracy (%) at x.values[i], y.values[j]
 *   "trials": [{"trial": 3, "x": "0.05", "y": "0.2", "z": 97.1}, ...]   // the measured points
 * }
 * </pre>
 *
 * @param title  a title for the plot
 * @param z      what the height is
 * @param method how the surface was filled in
 * @param x      the first knob's axis
 * @param y      the second knob's axis
 * @param zGrid  accuracy in percent, {@code zGrid[j][i]} at {@code x.values[i]}, {@code y.values[j]}
 * @param trials the trials it was made from
 */
public record Surface(String title, String z, String method, Axis x, Axis y, double[][] zGrid, List<Point> trials) {

    /**
     * One axis.
     *
     * @param knob   the knob
     * @param scale  {@code linear}, {@code log} or {@code choice}
     * @param values the knob's values along the axis, as text in the knob's syntax
     */
    public record Axis(String knob, String scale, List<String> values) {
        /**
         * Where {@code value} lies along the axis, from 0 (first value) to 1 (last), in the logarithm
         * on a log axis, so that trials can be drawn where they were measured; NaN for a value the
         * axis does not have.
         */
        public double unit(String value) {
            if (values.size() < 2) {
                return values.contains(value) ? 0 : Double.NaN;
            }
            if (scale.equals("choice")) {
                int i = values.indexOf(value);
                return i < 0 ? Double.NaN : i / (double) (values.size() - 1);
            }
            try {
                boolean log = scale.equals("log");
                double lo = Double.parseDouble(values.get(0));
                double hi = Double.parseDouble(values.get(values.size() - 1));
                double v = Double.parseDouble(value);
                double t = log ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
                return Double.isFinite(t) ? Math.max(0, Math.min(1, t)) : Double.NaN;
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    /** A trial: its two knob values (text) and its accuracy in percent. */
    public record Point(int trial, String x, String y, double z) {}

    /** The surface of {@code trials} over dimensions {@code dx} and {@code dy}, on {@code size} points per numeric axis. */
    public static Surface of(Dimension dx, Dimension dy, List<TrialResult> trials, int size, String zLabel) {
        Grid gx = grid(dx, trials, size);
        Grid gy = grid(dy, trials, size);
        double[][] z = new double[gy.positions.length][gx.positions.length];
        for (int j = 0; j < gy.positions.length; j++) {
            for (int i = 0; i < gx.positions.length; i++) {
                z[j][i] = 100 * interpolate(gx.unit(gx.positions[i]), gy.unit(gy.positions[j]), dx, dy, gx, gy, trials);
            }
        }
        List<Point> points = new ArrayList<>();
        for (TrialResult r : trials) {
            points.add(new Point(r.trial(), r.knobs().get(dx.knob()), r.knobs().get(dy.knob()),
                    100 * r.validationAccuracy()));
        }
        return new Surface("Validation accuracy over " + dx.knob() + " and " + dy.knob(), zLabel,
                "inverse-distance weighting (Shepard 1968), power 2, axes scaled to [0, 1] (log axes in the logarithm)",
                new Axis(dx.knob(), scale(dx), gx.labels), new Axis(dy.knob(), scale(dy), gy.labels), z, points);
    }

    private static double interpolate(double ux, double uy, Dimension dx, Dimension dy, Grid gx, Grid gy,
                                      List<TrialResult> trials) {
        double weights = 0;
        double sum = 0;
        for (TrialResult r : trials) {
            double ddx = ux - gx.unit(dx.position(r.knobs().get(dx.knob())));
            double ddy = uy - gy.unit(dy.position(r.knobs().get(dy.knob())));
            double d2 = ddx * ddx + ddy * ddy;
            if (d2 < 1e-12) {
                return r.validationAccuracy();
            }
            weights += 1 / d2;
            sum += r.validationAccuracy() / d2;
        }
        return sum / weights;
    }

    private static String scale(Dimension d) {
        return d.distribution() instanceof Choice ? "choice" : d.distribution() instanceof LogUniform ? "log" : "linear";
    }

    /** Positions along an axis (log10 for a log knob), their labels, and the range that maps to [0, 1]. */
    private record Grid(double[] positions, List<String> labels, double lo, double hi) {
        double unit(double p) {
            return hi == lo ? 0 : (p - lo) / (hi - lo);
        }
    }

    private static Grid grid(Dimension d, List<TrialResult> trials, int size) {
        if (d.distribution() instanceof Choice c) {
            double[] p = new double[c.values().size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = i;
            }
            return new Grid(p, c.values(), 0, Math.max(1, p.length - 1));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String v : d.distribution().extremes(d.whole())) {
            lo = Math.min(lo, d.position(v));
            hi = Math.max(hi, d.position(v));
        }
        double[] p = new double[size];
        List<String> labels = new ArrayList<>();
        boolean log = d.distribution() instanceof LogUniform;
        for (int i = 0; i < size; i++) {
            p[i] = lo + i * (hi - lo) / (size - 1);
            double value = log ? Math.pow(10, p[i]) : p[i];
            labels.add(d.whole() ? Long.toString(Math.round(value)) : String.format(java.util.Locale.ROOT, "%.3g", value));
        }
        return new Grid(p, labels, lo, hi);
    }
}
