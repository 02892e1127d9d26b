package dev.knobs.tools.predict;

import dev.knobs.tools.ToolException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an nn-core model file wants its 784 inputs made from grey levels:
 * <pre>
 *   x = (grey / scale - mean) / std        grey: 0..255, white ink on black, row-major 28x28
 * </pre>
 *
 * <p>A network computes with whatever numbers it is given; it was trained on one scaling, and
 * gives nonsense for another (lesson 02). Every lesson trains on {@code grey / 255}, inputs in
 * [0, 1] ({@code Scaling.toUnitRange}), and that is what a model file's metadata should say. It
 * is read from these keys, the first one present winning:
 * <ul>
 *   <li>the divisor: {@code input.scale}, {@code input_scale} or {@code scale} (a number such as
 *       {@code 255}, {@code 1/255} or {@code 0.00392}, the same as the site's draw-a-digit page
 *       reads); else lesson 12's sentence {@code input_scaling}, {@code "value = grey / 255, ..."},
 *       whose {@code / N} is taken;</li>
 *   <li>{@code input.mean}, {@code input_mean} or {@code mean}, and {@code input.std},
 *       {@code input_std} or {@code std}: one number or a list of 784; 0 and 1 when absent.</li>
 * </ul>
 * A file that says nothing about its inputs is assumed to take {@code grey / 255}, and
 * {@link #describe()} says it was assumed. A file whose {@code input_scaling} says something
 * else (say {@code "log"}) is refused rather than fed the wrong numbers.
 *
 * @param scale   divisor of the grey levels
 * @param mean    per-pixel mean subtracted after dividing (784 values)
 * @param std     per-pixel standard deviation divided by (784 values)
 * @param assumed true when the metadata said nothing and {@code grey / 255} was assumed
 */
public record InputScaling(double scale, double[] mean, double[] std, boolean assumed) {
    /** Inputs per image. */
    public static final int PIXELS = MnistStyle.SIDE * MnistStyle.SIDE;
    /** What every lesson trains on. */
    public static final double LESSON_SCALE = 255;

    static final List<String> SCALE_KEYS = List.of("input.scale", "input_scale", "scale");
    static final String SENTENCE_KEY = "input_scaling";
    static final List<String> MEAN_KEYS = List.of("input.mean", "input_mean", "mean");
    static final List<String> STD_KEYS = List.of("input.std", "input_std", "std");
    private static final Pattern DIVIDED_BY = Pattern.compile("/\\s*(\\d+(?:\\.\\d+)?)");

    /** The scaling a model file's metadata describes; {@code file} names it in error messages. */
    public static InputScaling fromMetadata(Map<String, String> metadata, Path file) {
        String scaleText = first(metadata, SCALE_KEYS);
        String sentence = first(metadata, List.of(SENTENCE_KEY));
        double scale;
        boolean assumed = false;
        if (scaleText != null) {
            scale = parseScale(scaleText, file);
        } else if (sentence != null) {
            Matcher m = DIVIDED_BY.matcher(sentence);
            if (!m.find()) {
                throw new ToolException(file + " says its inputs are scaled as '" + sentence + "', which is not "
                        + "'grey / N'; this tool cannot prepare such inputs", "export the model with the scaling "
                        + "written as a number (metadata input.scale = 255) or as ONNX with tribuo-port's PixelModelExporter");
            }
            scale = Double.parseDouble(m.group(1));
        } else {
            scale = LESSON_SCALE;
            assumed = true;
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new ToolException(file + " gives an input scale of " + scale + "; it must be a positive number", null);
        }
        double[] mean = values(first(metadata, MEAN_KEYS), 0, "mean", file);
        double[] std = values(first(metadata, STD_KEYS), 1, "std", file);
        for (double s : std) {
            if (!(s > 0)) {
                throw new ToolException(file + " gives an input std of " + s + "; it must be positive", null);
            }
        }
        return new InputScaling(scale, mean, std, assumed);
    }

    /** The network's input for 784 grey levels 0..255. */
    public float[] apply(int[] grey) {
        float[] x = new float[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            x[i] = (float) ((grey[i] / scale - mean[i]) / std[i]);
        }
        return x;
    }

    /** E.g. {@code x = grey / 255 (from the model file's metadata)}. */
    public String describe() {
        String s = "grey / " + number(scale);
        boolean centred = Arrays.stream(mean).anyMatch(v -> v != 0);
        boolean scaled = Arrays.stream(std).anyMatch(v -> v != 1);
        if (centred || scaled) {
            boolean uniform = Arrays.stream(mean).allMatch(v -> v == mean[0]) && Arrays.stream(std).allMatch(v -> v == std[0]);
            s = uniform ? "(" + s + " - " + number(mean[0]) + ") / " + number(std[0])
                    : "(" + s + " - mean) / std, per pixel";
        }
        return "x = " + s + (assumed ? " (assumed: the model file's metadata does not say; every lesson trains on "
                + "grey / 255)" : " (from the model file's metadata)");
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    private static String first(Map<String, String> metadata, List<String> keys) {
        for (String k : keys) {
            String v = metadata.get(k);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static double parseScale(String text, Path file) {
        String t = text.replace(" ", "");
        try {
            if (t.startsWith("1/")) {
                return Double.parseDouble(t.substring(2));          // "1/255": divide by 255
            }
            double v = Double.parseDouble(t);
            return v > 0 && v < 1 ? 1 / v : v;                       // 0.00392 also means divide by 255
        } catch (NumberFormatException e) {
            throw new ToolException(file + " gives an input scale of '" + text + "', which is not a number", null);
        }
    }

    private static double[] values(String text, double absent, String what, Path file) {
        double[] out = new double[PIXELS];
        if (text == null) {
            Arrays.fill(out, absent);
            return out;
        }
        double[] parsed;
        try {
            String list = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            parsed = Arrays.stream(list.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new ToolException(file + " gives an input " + what + " of '" + (text.length() > 40
                    ? text.substring(0, 40) + "..." : text) + "', which is not a number or a list of numbers", null);
        }
        if (parsed.length == 1) {
            Arrays.fill(out, parsed[0]);
            return out;
        }
        if (parsed.length != PIXELS) {
            throw new ToolException(file + " gives " + parsed.length + " values for the input " + what + "; expected 1 or "
                    + PIXELS, null);
        }
        return parsed;
    }
}
