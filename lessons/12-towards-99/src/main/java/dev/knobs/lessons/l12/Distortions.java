package dev.knobs.lessons.l12;

import dev.knobs.nn.augment.Compose;
import dev.knobs.nn.augment.ElasticDistortion;
import dev.knobs.nn.augment.ImageTransform;
import dev.knobs.nn.augment.RandomAffine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The random distortions of every training image (lesson 08): an elastic warp, so that strokes
 * bend (Simard et al. 2003), then a random affine map, so that the whole digit turns, moves,
 * grows or shrinks, and leans. A part whose strengths are all 0 is left out: {@code --elastic-alpha 0}
 * trains without the warp, and with every strength at 0 the network sees the digits as they are.
 *
 * @param elasticAlpha strength of the warp: the smoothed displacement field is multiplied by it (0 = no warp)
 * @param elasticSigma smoothness of the warp: the standard deviation of the Gaussian, in pixels
 * @param degrees      largest rotation either way, in degrees
 * @param shift        largest shift on each axis, in pixels
 * @param zoom         largest zoom in or out, as a share of the size (0.1: the scale is drawn from [0.9, 1.1])
 * @param shear        largest shear either way, in degrees
 */
record Distortions(double elasticAlpha, double elasticSigma, double degrees, double shift, double zoom, double shear) {

    boolean elastic() {
        return elasticAlpha > 0;
    }

    boolean affine() {
        return degrees > 0 || shift > 0 || zoom > 0 || shear > 0;
    }

    boolean any() {
        return elastic() || affine();
    }

    /** The warp first (strokes bend), then the affine map (the whole digit moves); null when nothing is distorted. */
    ImageTransform transform() {
        List<ImageTransform> steps = new ArrayList<>();
        if (elastic()) {
            steps.add(new ElasticDistortion(elasticAlpha, elasticSigma, 0f));
        }
        if (affine()) {
            steps.add(new RandomAffine(degrees, shift, zoom, shear, 0f));
        }
        return steps.isEmpty() ? null : new Compose(steps.toArray(ImageTransform[]::new));
    }

    /** For the recipe table, e.g. "elastic (α 10, σ 4), then rotate ±10°, shift ±2 px, zoom ±10%". */
    String describe() {
        if (!any()) {
            return "none: the digits as they are";
        }
        List<String> moves = new ArrayList<>();
        if (degrees > 0) {
            moves.add("rotate ±" + number(degrees) + "°");
        }
        if (shift > 0) {
            moves.add("shift ±" + number(shift) + " px");
        }
        if (zoom > 0) {
            moves.add("zoom ±" + number(100 * zoom) + "%");
        }
        if (shear > 0) {
            moves.add("shear ±" + number(shear) + "°");
        }
        String warp = elastic() ? "elastic (α " + number(elasticAlpha) + ", σ " + number(elasticSigma) + ")" : "";
        return warp + (elastic() && affine() ? ", then " : "") + String.join(", ", moves);
    }

    /** For the summary, e.g. "elastic + affine augmentation" or "no augmentation". */
    String inShort() {
        return any() ? kind() + " augmentation" : "no augmentation";
    }

    /** Which parts distort, for a table: "none", "affine", "elastic" or "elastic + affine". */
    String kind() {
        return !any() ? "none" : elastic() && affine() ? "elastic + affine" : elastic() ? "elastic" : "affine";
    }

    /** At most two decimals, no trailing zeros: 10, 2.5, 0.25. */
    private static String number(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
