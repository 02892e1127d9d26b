package dev.knobs.site.digit;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How a model wants its 784 inputs, read from the model file's metadata:
 * <pre>
 *   x = (grey / scale - mean) / std      grey: 0..255, row-major 28x28
 * </pre>
 * Metadata keys (first found wins): {@code input.scale} (default 255); {@code input.mean} /
 * {@code input_mean} / {@code mean}; {@code input.std} / {@code input_std} / {@code std}. A mean
 * or std is one number or a list of 784 (JSON array or comma-separated); absent means 0 and 1.
 *
 * @param scale divisor of the 0..255 grey levels
 * @param mean  per-pixel mean subtracted after scaling (784 values)
 * @param std   per-pixel standard deviation divided by (784 values)
 */
public record InputSpec(double scale, double[] mean, double[] std) {
    /** Pixels per MNIST image. */
    public static final int PIXELS = 784;

    static final List<String> SCALE_KEYS = List.of("input.scale", "input_scale", "scale");
    static final List<String> MEAN_KEYS = List.of("input.mean", "input_mean", "mean", "standardizer.mean");
    static final List<String> STD_KEYS = List.of("input.std", "input_std", "std", "standardizer.std");

    /** Reads the spec from model metadata; a value that cannot be read is an {@link IllegalArgumentException}. */
    public static InputSpec fromMetadata(Map<String, String> metadata) {
        String scale = first(metadata, SCALE_KEYS);
        double s = scale == null ? 255 : parseScale(scale);
        double[] mean = values(first(metadata, MEAN_KEYS), 0, "mean");
        double[] std = values(first(metadata, STD_KEYS), 1, "std");
        for (double v : std) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("the model's input std must be positive, got " + v);
            }
        }
        return new InputSpec(s, mean, std);
    }

    /** True when the model expects standardised inputs (some mean is not 0 or some std not 1). */
    public boolean standardised() {
        return Arrays.stream(mean).anyMatch(v -> v != 0) || Arrays.stream(std).anyMatch(v -> v != 1);
    }

    /** The model input for grey levels 0..255. */
    public double[] apply(int[] grey) {
        double[] x = new double[PIXELS];
        for (int i = 0; i < PIXELS; i++) {
            x[i] = (grey[i] / scale - mean[i]) / std[i];
        }
        return x;
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

    private static double parseScale(String text) {
        String t = text.replace(" ", "");
        try {
            if (t.startsWith("1/")) {
                return Double.parseDouble(t.substring(2));       // "1/255" means divide by 255
            }
            double v = Double.parseDouble(t);
            return v < 1 ? 1 / v : v;                            // 0.00392 also means divide by 255
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the model's input scale '" + text + "' is not a number");
        }
    }

    private static double[] values(String text, double absent, String what) {
        double[] out = new double[PIXELS];
        if (text == null) {
            Arrays.fill(out, absent);
            return out;
        }
        double[] parsed;
        try {
            parsed = parseList(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the model's input " + what + " '" + abbreviate(text)
                    + "' is not a number or a list of numbers");
        }
        if (parsed.length == 1) {
            Arrays.fill(out, parsed[0]);
            return out;
        }
        if (parsed.length != PIXELS) {
            throw new IllegalArgumentException("the model's input " + what + " has " + parsed.length
                    + " values; expected 1 or " + PIXELS);
        }
        return parsed;
    }

    /** A JSON array or comma-separated numbers; throws a runtime exception for anything else. */
    private static double[] parseList(String text) {
        if (text.startsWith("[")) {
            JsonArray a = JsonParser.parseString(text).getAsJsonArray();
            double[] parsed = new double[a.size()];
            for (int i = 0; i < a.size(); i++) {
                parsed[i] = a.get(i).getAsDouble();
            }
            return parsed;
        }
        return Arrays.stream(text.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
