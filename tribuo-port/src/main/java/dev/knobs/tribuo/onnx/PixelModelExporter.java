package dev.knobs.tribuo.onnx;

import ai.onnx.proto.OnnxMl;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.tribuo.data.LabelOrder;
import dev.knobs.tribuo.data.PixelLayout;
import dev.knobs.tribuo.mlp.MlpModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.transform.Transformer;
import org.tribuo.transform.TransformerMap;
import org.tribuo.transform.TransformedModel;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * Exports an image classifier to ONNX with an input any program can feed, from a Tribuo model or
 * an nn-core network alike.
 *
 * <pre>
 *   input   "pixels"         float32 [batch, H·W]   the raw grey levels 0..255 of the image, row-major:
 *                                                    index = row·W + column (row 0 at the top), as in the IDX file
 *   output  "probabilities"  float32 [batch, C]     softmax; column k is class k (digit k for MNIST)
 * </pre>
 *
 * <p><b>Why pixels and not Tribuo's features.</b> Tribuo's own ONNX contract
 * ({@link MlpModel#exportONNXModel}) takes the model's features in feature-map order: for MNIST
 * read by {@code IDXDataSource} that is 717 of the 784 pixels (the ones inked in some training
 * image), sorted by name, after the model's input transformations. A caller would have to know
 * which 67 pixels to drop and how Tribuo scaled the rest. Here everything between the raw image
 * and the first layer is folded into the first layer's weights, so the graph is exactly as wide
 * as the image and there is nothing to get wrong:
 *
 * <pre>
 *   the network's input:   x_f = a_f · pixel(f) + c_f       for each of its features f
 *                          (a_f, c_f: the affine input transformation of feature f, e.g. a = 1/255, c = 0)
 *   first layer:           z_j = Σ_f W[j][f]·x_f + b_j
 *                              = Σ_p W'[j][p]·pixel_p + b'_j
 *   with                   W'[j][pixel(f)] = W[j][f]·a_f,    W'[j][p] = 0 for pixels that are no feature,
 *                          b'_j = b_j + Σ_f W[j][f]·c_f
 * </pre>
 *
 * The output layer's rows are reordered so that column k is the class named k. Tribuo's
 * provenance goes into the metadata field {@link ONNXExportable#PROVENANCE_METADATA_FIELD}, where
 * Tribuo's {@code ONNXExternalModel.getTribuoProvenance()} reads it back, together with readable
 * {@code knobs.*} fields describing input, output, scaling and architecture.
 *
 * <p>Folding is exact for transformations that are affine per feature ({@code SimpleTransform}
 * add/sub/mul/div, {@code LinearScalingTransformation}, {@code MeanStdDevTransformation}), which
 * is checked numerically. The statistics folded in are the model's own, those it was fitted with
 * (the training part's, for a {@code HoldOutTransformTrainer}). A transformation that moves 0
 * (standardisation) is applied by Tribuo to absent features only when the {@code TransformTrainer}
 * densifies; a sparse model with such a transformation cannot be expressed per pixel and is
 * refused with a message saying so.
 */
public final class PixelModelExporter {
    /** Name of the graph's input. */
    public static final String INPUT = "pixels";
    /** Name of the graph's output. */
    public static final String OUTPUT = "probabilities";

    private PixelModelExporter() {}

    /**
     * Exports a Tribuo {@link MlpModel}, or a {@code TransformedModel} around one.
     *
     * @param height image height; the model's feature names must be pixel indices of a {@code height x width} image
     * @param domain a reverse-DNS name for the model, e.g. {@code "dev.knobs.mnist"}
     */
    public static OnnxMl.ModelProto fromTribuo(Model<Label> model, int height, int width, String domain, long version) {
        MlpModel mlp;
        TransformerMap transformers = null;
        boolean densify = false;
        if (model instanceof MlpModel m) {
            mlp = m;
        } else if (model instanceof TransformedModel<Label> t && t.getInnerModel() instanceof MlpModel m) {
            mlp = m;
            transformers = t.getTransformerMap();
            densify = t.getDensify();
        } else {
            throw new IllegalArgumentException("can export an MlpModel or a TransformedModel around one, got "
                    + model.getClass().getName());
        }
        PixelLayout layout = PixelLayout.of(mlp.getFeatureIDMap(), height, width);
        int features = layout.features();
        double[] a = new double[features];
        double[] c = new double[features];
        String scaling = "none";
        for (int id = 0; id < features; id++) {
            String name = mlp.getFeatureIDMap().get(id).getName();
            List<Transformer> list = transformers == null ? null : transformers.get(name);
            double[] affine = affine(name, list);
            a[id] = affine[0];
            c[id] = affine[1];
            if (c[id] != 0 && !densify) {
                throw new IllegalArgumentException("the input transformation of feature '" + name + "' maps 0 to " + c[id]
                        + ", but the model was trained without densify, so Tribuo leaves absent (zero) pixels "
                        + "untransformed and no per-pixel formula matches it. Train with TransformTrainer(..., densify = "
                        + "true), or use a transformation that keeps 0 at 0 such as SimpleTransform div 255.");
            }
            if (list != null && !list.isEmpty()) {
                scaling = list.toString();
            }
        }
        float[] scale = new float[layout.pixels()];
        float[] shift = new float[layout.pixels()];
        boolean[] used = new boolean[layout.pixels()];
        Sequential net = mlp.network();
        Dense first = firstDense(net);
        Dense folded = Dense.empty(layout.pixels(), first.out());
        float[] w = first.weights().value();
        float[] w2 = folded.weights().value();
        float[] b2 = folded.bias().value();
        for (int j = 0; j < first.out(); j++) {
            double bias = first.bias().value()[j];
            for (int id = 0; id < features; id++) {
                double wjf = w[j * features + id];
                w2[j * layout.pixels() + layout.pixel(id)] = (float) (wjf * a[id]);
                bias += wjf * c[id];
            }
            b2[j] = (float) bias;
        }
        for (int id = 0; id < features; id++) {
            scale[layout.pixel(id)] = (float) a[id];
            shift[layout.pixel(id)] = (float) c[id];
            used[layout.pixel(id)] = true;
        }
        List<Label> order = LabelOrder.of(mlp.getOutputIDInfo());
        int[] columnToId = new int[order.size()];
        for (int k = 0; k < order.size(); k++) {
            columnToId[k] = mlp.getOutputIDInfo().getID(order.get(k));
        }
        int unused = 0;
        for (boolean u : used) {
            unused += u ? 0 : 1;
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(ONNXExportable.PROVENANCE_METADATA_FIELD, ONNXExportable.SERIALIZER.marshalAndSerialize(model.getProvenance()));
        metadata.put("knobs.source", "Tribuo " + model.getClass().getSimpleName() + " around " + mlp);
        metadata.put("knobs.input.features", features + " of the " + layout.pixels() + " pixels are model features (named "
                + PixelLayout.featureName(0, layout.pixels()) + ".. by IDXDataSource); the other " + unused
                + " pixels were 0 in every training image and have weight 0");
        metadata.put("knobs.input.scaling", "folded into the first layer: " + scaling + (densify ? " (densified)" : ""));
        return build(replace(net, folded, columnToId), height, width, order.stream().map(Label::getLabel).toList(),
                metadata, domain, version, mlp.architecture());
    }

    /**
     * Exports an nn-core network that takes {@code height·width} pixels, with the per-pixel input
     * scaling it was trained with ({@code x_p = scale[p]·pixel_p + shift[p]}; e.g. every scale
     * 1/255 and every shift 0 for the lessons' [0, 1] inputs).
     *
     * @param classes  the class names, in the network's output order
     * @param metadata extra metadata fields to record (e.g. those of a lesson's model file)
     */
    public static OnnxMl.ModelProto fromSequential(Sequential net, int height, int width, float[] scale, float[] shift,
                                                   List<String> classes, Map<String, String> metadata, String domain,
                                                   long version) {
        int pixels = height * width;
        Dense first = firstDense(net);
        if (first.in() != pixels || scale.length != pixels || shift.length != pixels) {
            throw new IllegalArgumentException("the network takes " + first.in() + " inputs and " + scale.length
                    + " scales were given, but a " + height + "x" + width + " image has " + pixels + " pixels");
        }
        if (classes.size() != net.outputWidth()) {
            throw new IllegalArgumentException(classes.size() + " class names for " + net.outputWidth() + " outputs");
        }
        Dense folded = Dense.empty(pixels, first.out());
        float[] w = first.weights().value();
        for (int j = 0; j < first.out(); j++) {
            double bias = first.bias().value()[j];
            for (int p = 0; p < pixels; p++) {
                folded.weights().value()[j * pixels + p] = w[j * pixels + p] * scale[p];
                bias += (double) w[j * pixels + p] * shift[p];
            }
            folded.bias().value()[j] = (float) bias;
        }
        int[] identity = new int[classes.size()];
        for (int k = 0; k < identity.length; k++) {
            identity[k] = k;
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("knobs.source", "nn-core " + net.architecture() + " network");
        all.put("knobs.input.scaling", "folded into the first layer: " + describeScaling(scale, shift));
        metadata.forEach((k, v) -> all.put(k.startsWith("knobs.") || k.equals(ONNXExportable.PROVENANCE_METADATA_FIELD)
                ? k : "knobs.model." + k, v));
        return build(replace(net, folded, identity), height, width, classes, all, domain, version, net.architecture());
    }

    /** Writes the model to {@code file} atomically. */
    public static void save(OnnxMl.ModelProto model, Path file) {
        AtomicFiles.write(file, model.toByteArray());
    }

    // ------------------------------------------------------------------ the pieces

    private static OnnxMl.ModelProto build(Sequential net, int height, int width, List<String> classes,
                                           Map<String, String> metadata, String domain, long version, String architecture) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName("knobs-mnist-mlp");
        ONNXPlaceholder input = onnx.floatInput(INPUT, height * width);
        ONNXPlaceholder output = onnx.floatOutput(OUTPUT, classes.size());
        SequentialGraph.write(input, net, "mlp").assignTo(output);
        Map<String, String> all = new LinkedHashMap<>();
        all.put("knobs.input", INPUT + ": float32 [batch, " + height * width + "], the raw grey levels 0..255 of a " + height
                + "x" + width + " image in row-major order (index = " + width + "*row + column, row 0 at the top), as stored "
                + "in the IDX file; no scaling needed");
        all.put("knobs.output", OUTPUT + ": float32 [batch, " + classes.size() + "], softmax probabilities; column k is "
                + "the k-th class of knobs.classes (" + String.join(",", classes) + ")");
        all.put("knobs.classes", String.join(",", classes));
        all.put("knobs.architecture", architecture);
        all.putAll(metadata);
        OnnxMl.ModelProto.Builder builder = OnnxMl.ModelProto.newBuilder()
                .setGraph(onnx.buildGraph())
                .setDomain(domain)
                .setProducerName("Knobs tribuo-port (Tribuo " + Tribuo.VERSION + " ONNX builder)")
                .setProducerVersion(Tribuo.VERSION)
                .setModelVersion(version)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setIrVersion(6)
                .setDocString("MNIST digit classifier, " + architecture + ": " + all.get("knobs.input") + "; " + all.get("knobs.output"));
        all.forEach((k, v) -> builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return builder.build();
    }

    /** The (a, c) of {@code x -> a·x + c} that the transformer list computes, checked at two more points. */
    static double[] affine(String feature, List<Transformer> list) {
        if (list == null || list.isEmpty()) {
            return new double[] {1, 0};
        }
        double c = TransformerMap.applyTransformerList(0, list);
        double a = TransformerMap.applyTransformerList(1, list) - c;
        for (double x : new double[] {17, 255}) {
            double expected = a * x + c;
            double actual = TransformerMap.applyTransformerList(x, list);
            if (!(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(actual)))) {
                throw new IllegalArgumentException("the input transformation of feature '" + feature + "' (" + list
                        + ") is not affine (f(" + x + ") = " + actual + ", a line through f(0) and f(1) gives " + expected
                        + "), so it cannot be folded into the first layer");
            }
        }
        return new double[] {a, c};
    }

    private static Dense firstDense(Sequential net) {
        for (Layer layer : net.layers()) {
            if (layer instanceof Dense d) {
                return d;
            }
            if (!(layer instanceof Dropout)) {
                throw new IllegalArgumentException("the network must start with a Dense layer (after any dropout), found "
                        + layer);
            }
        }
        throw new IllegalArgumentException("the network has no Dense layer");
    }

    /**
     * The network with its first Dense replaced by {@code folded}, leading dropout removed, and
     * the last Dense's rows put in {@code columnToOutput} order.
     */
    private static Sequential replace(Sequential net, Dense folded, int[] columnToOutput) {
        List<Layer> layers = new ArrayList<>();
        int lastDense = -1;
        for (int i = 0; i < net.layers().size(); i++) {
            if (net.layers().get(i) instanceof Dense) {
                lastDense = i;
            }
        }
        boolean seenFirst = false;
        for (int i = 0; i < net.layers().size(); i++) {
            Layer layer = net.layers().get(i);
            if (!seenFirst) {
                if (layer instanceof Dense) {
                    layer = folded;
                    seenFirst = true;
                } else {
                    continue;
                }
            }
            if (i == lastDense) {
                Dense d = (Dense) layer;
                Dense permuted = Dense.empty(d.in(), d.out());
                for (int k = 0; k < d.out(); k++) {
                    int from = columnToOutput[k];
                    System.arraycopy(d.weights().value(), from * d.in(), permuted.weights().value(), k * d.in(), d.in());
                    permuted.bias().value()[k] = d.bias().value()[from];
                }
                layer = permuted;
            }
            layers.add(layer);
        }
        return new Sequential(folded.in(), layers);
    }

    private static String describeScaling(float[] scale, float[] shift) {
        boolean uniform = true;
        for (int p = 1; p < scale.length; p++) {
            uniform &= scale[p] == scale[0] && shift[p] == shift[0];
        }
        return uniform ? String.format(Locale.ROOT, "x = %s * pixel + %s for every pixel", scale[0], shift[0])
                : "a different x = a * pixel + c for each pixel";
    }
}
