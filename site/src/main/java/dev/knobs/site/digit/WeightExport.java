package dev.knobs.site.digit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the model and the sample digits as JavaScript files that assign globals
 * ({@code window.KNOBS_MODEL}, {@code window.KNOBS_TEST_DIGITS}). A script file, unlike a JSON
 * file read with {@code fetch}, also loads when the page is opened from the file system.
 *
 * <p>Weights are base64 of little-endian float32 (or float16, see {@link ExportedModel}); a dense
 * layer's {@code w} is {@code [out, in]} row-major, as in nn-core.
 */
public final class WeightExport {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

    private WeightExport() {}

    /** The script defining {@code window.KNOBS_MODEL}. */
    public static String modelScript(ExportedModel model, Map<String, Object> source) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("architecture", model.architecture());
        json.put("parameters", model.parameters());
        json.put("dtype", model.dtype());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("scale", model.input().scale());
        input.put("standardised", model.input().standardised());
        if (model.input().standardised()) {
            input.put("mean", model.input().mean());
            input.put("std", model.input().std());
        }
        json.put("input", input);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (ExportedModel.Step s : model.layers()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("type", s.type());
            if (s.type().equals("dense")) {
                l.put("in", s.in());
                l.put("out", s.out());
                l.put("w", encode(s.weights(), model.dtype()));
                l.put("b", encode(s.bias(), model.dtype()));
            } else if (s.type().equals("leaky_relu")) {
                l.put("alpha", s.alpha());
            }
            layers.add(l);
        }
        json.put("layers", layers);
        json.put("metadata", model.metadata());
        return "/* The digit page's network, exported from a Knobs model file. */\nwindow.KNOBS_MODEL = "
                + GSON.toJson(json) + ";\n";
    }

    /**
     * The script defining {@code window.KNOBS_TEST_DIGITS}: each digit's index, label, grey levels
     * (base64 of 784 bytes) and, when a model is given, the probabilities {@link ReferenceForward} gives it.
     */
    public static String digitsScript(List<TestDigits.Digit> digits, ExportedModel model) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (TestDigits.Digit d : digits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", d.index());
            m.put("label", d.label());
            byte[] bytes = new byte[d.grey().length];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) d.grey()[i];
            }
            m.put("pixels", Base64.getEncoder().encodeToString(bytes));
            if (model != null) {
                m.put("expected", ReferenceForward.probabilities(model, model.input().apply(d.grey())));
            }
            list.add(m);
        }
        return "/* Real MNIST test digits for the sample buttons. */\nwindow.KNOBS_TEST_DIGITS = " + GSON.toJson(list) + ";\n";
    }

    /** Base64 of little-endian float32 or float16 values. */
    static String encode(float[] values, String dtype) {
        ByteBuffer buf;
        if (dtype.equals("float16")) {
            buf = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                buf.putShort(Half.fromFloat(v));
            }
        } else {
            buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : values) {
                buf.putFloat(v);
            }
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }
}
