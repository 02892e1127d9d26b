package dev.knobs.nn.augment;

/**
 * A 2x3 affine map of the image plane, moving the point {@code (x, y)} (column, row; {@code y}
 * points down) to
 * <pre>
 *   x' = a·x + b·y + c
 *   y' = d·x + e·y + f          i.e.  [x']   [a b c] [x]
 *                                     [y'] = [d e f] [y]
 *                                                    [1]
 * </pre>
 * The left 2x2 block {@code [a b; d e]} rotates, scales and shears; {@code (c, f)} shifts.
 *
 * <p>Rotations, zooms and shears should turn about the image centre, not about the top-left
 * pixel, or the digit would swing out of the frame. A map {@code L} about the centre
 * {@code (cx, cy)} is "move the centre to the origin, apply L, move back":
 * {@code p' = L·(p - centre) + centre}. For an image of {@code n} pixels the centre is at
 * {@code (n - 1) / 2} (13.5 for MNIST's 28), the middle between the two central pixel positions,
 * so a 90-degree rotation maps pixel positions exactly onto pixel positions.
 *
 * <p>This record describes the forward map (where an input point ends up). Resampling an image
 * needs the {@link #inverse()}: see {@link FixedAffine}.
 */
public record AffineMatrix(double a, double b, double c, double d, double e, double f) {

    /** The map that leaves every point where it is. */
    public static final AffineMatrix IDENTITY = new AffineMatrix(1, 0, 0, 0, 1, 0);

    public AffineMatrix {
        if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(c)
                && Double.isFinite(d) && Double.isFinite(e) && Double.isFinite(f))) {
            throw new IllegalArgumentException("affine matrix [" + a + " " + b + " " + c + "; " + d + " " + e + " "
                    + f + "] has a value that is not a finite number: use finite angles, scales and shifts");
        }
    }

    /** The centre coordinate of an image side of {@code pixels} pixels: {@code (pixels - 1) / 2}. */
    public static double centre(int pixels) {
        return (pixels - 1) / 2.0;
    }

    /** Shift by {@code dx} columns (right if positive) and {@code dy} rows (down if positive). */
    public static AffineMatrix translation(double dx, double dy) {
        return new AffineMatrix(1, 0, dx, 0, 1, dy);
    }

    /**
     * Rotation by {@code degrees} about {@code (cx, cy)}, counter-clockwise as the image is shown
     * (row 0 at the top). With {@code θ} in radians and {@code y} pointing down:
     * <pre>
     *   x' - cx =  cos θ·(x - cx) + sin θ·(y - cy)
     *   y' - cy = -sin θ·(x - cx) + cos θ·(y - cy)
     * </pre>
     * At 90 degrees the right-hand edge moves to the top, like numpy's {@code rot90}.
     */
    public static AffineMatrix rotation(double degrees, double cx, double cy) {
        double t = Math.toRadians(degrees);
        double cos = Math.cos(t);
        double sin = Math.sin(t);
        return aboutCentre(cos, sin, -sin, cos, cx, cy);
    }

    /** Zoom by {@code scale} about {@code (cx, cy)}: {@code p' - centre = scale·(p - centre)}; {@code scale > 1} enlarges. */
    public static AffineMatrix scaling(double scale, double cx, double cy) {
        return aboutCentre(scale, 0, 0, scale, cx, cy);
    }

    /**
     * Horizontal shear by {@code degrees} about {@code (cx, cy)}: each row slides sideways in
     * proportion to its distance from the centre row,
     * <pre>
     *   x' - cx = (x - cx) + tan(φ)·(y - cy),    y' = y
     * </pre>
     * so for a positive angle the rows below the centre move right and vertical strokes lean
     * like a backslash, by {@code φ} from the vertical.
     */
    public static AffineMatrix shear(double degrees, double cx, double cy) {
        return aboutCentre(1, Math.tan(Math.toRadians(degrees)), 0, 1, cx, cy);
    }

    /** {@code p' = L·(p - centre) + centre} for {@code L = [la lb; ld le]}. */
    private static AffineMatrix aboutCentre(double la, double lb, double ld, double le, double cx, double cy) {
        return new AffineMatrix(la, lb, cx - la * cx - lb * cy, ld, le, cy - ld * cx - le * cy);
    }

    /**
     * This map followed by {@code next}: the point goes through {@code this} first. In matrix
     * form (3x3 with a last row {@code [0 0 1]}) that is {@code next · this}.
     */
    public AffineMatrix then(AffineMatrix next) {
        return new AffineMatrix(
                next.a * a + next.b * d, next.a * b + next.b * e, next.a * c + next.b * f + next.c,
                next.d * a + next.e * d, next.d * b + next.e * e, next.d * c + next.e * f + next.f);
    }

    /**
     * The map that undoes this one. For {@code p' = L·p + t} it is {@code p = L⁻¹·(p' - t)}, with
     * <pre>
     *   L⁻¹ = 1/det · [ e  -b ]      det = a·e - b·d
     *                 [-d   a ]
     * </pre>
     *
     * @throws IllegalArgumentException if the map squashes the plane onto a line ({@code det ≈ 0})
     */
    public AffineMatrix inverse() {
        double det = a * e - b * d;
        if (!(Math.abs(det) > 1e-12)) {
            throw new IllegalArgumentException("affine matrix [" + a + " " + b + "; " + d + " " + e
                    + "] has determinant " + det + " and cannot be undone: use a non-zero scale and a shear below 90 degrees");
        }
        double ia = e / det;
        double ib = -b / det;
        double id = -d / det;
        double ie = a / det;
        return new AffineMatrix(ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f));
    }

    /** Column {@code x'} of the mapped point. */
    public double mapX(double x, double y) {
        return a * x + b * y + c;
    }

    /** Row {@code y'} of the mapped point. */
    public double mapY(double x, double y) {
        return d * x + e * y + f;
    }
}
