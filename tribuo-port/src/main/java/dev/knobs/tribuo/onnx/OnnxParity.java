package dev.knobs.tribuo.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.tribuo.data.LabelOrder;
import dev.knobs.tribuo.data.PixelLayout;
import dev.knobs.tribuo.experiments.Evaluations;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuo.provenance.ModelProvenance;

/**
 * Runs an exported ONNX file with ONNX Runtime and compares its answers with the model it came
 * from, example by example: same predicted class, and how far apart the probabilities are.
 */
public final class OnnxParity {
    private OnnxParity() {}

    /**
     * The comparison on {@code examples} inputs.
     *
     * @param agreements         how many got the same predicted class from both
     * @param maxAbsDifference   the largest |p_model - p_onnx| over every example and class
     * @param meanAbsDifference  the mean of |p_model - p_onnx| over every example and class
     * @param seconds            time ONNX Runtime took for all examples
     * @param provenance         the Tribuo provenance read back from the ONNX metadata, if any
     */
    public record Result(int examples, int agreements, double maxAbsDifference, double meanAbsDifference, double seconds,
                         Optional<ModelProvenance> provenance) {
        /** True if every prediction agrees and no probability differs by {@code tolerance} or more. */
        public boolean agrees(double tolerance) {
            return agreements == examples && maxAbsDifference < tolerance;
        }
    }

    /**
     * A pixel export ({@link PixelModelExporter}) run through Tribuo's {@link ONNXExternalModel},
     * which maps each example's pixel features ({@code "000"} to {@code "783"}) to input columns,
     * against the Tribuo model's own predictions ({@link Evaluations#predict}).
     */
    public static Result pixelModel(Path onnx, Model<Label> model, Dataset<Label> data, int height, int width)
            throws OrtException {
        Map<Label, Integer> columns = new LinkedHashMap<>();
        List<Label> order = LabelOrder.of(model.getOutputIDInfo());
        for (int k = 0; k < order.size(); k++) {
            columns.put(order.get(k), k);
        }
        return external(onnx, PixelLayout.allPixelNames(height, width), columns, PixelModelExporter.INPUT, model, data);
    }

    /**
     * An export with Tribuo's own contract ({@code MlpModel.exportONNXModel}: features by id,
     * outputs by id) run through {@link ONNXExternalModel} with the model's feature and output
     * maps, against the model's predictions on the same (already transformed) examples.
     */
    public static Result featureModel(Path onnx, Model<Label> model, Dataset<Label> data) throws OrtException {
        Map<String, Integer> features = new LinkedHashMap<>();
        model.getFeatureIDMap().forEach(info -> features.put(info.getName(), model.getFeatureIDMap().getID(info.getName())));
        Map<Label, Integer> outputs = new LinkedHashMap<>();
        for (Label l : model.getOutputIDInfo().getDomain()) {
            outputs.put(new Label(l.getLabel()), model.getOutputIDInfo().getID(l));
        }
        return external(onnx, features, outputs, "input", model, data);
    }

    private static Result external(Path onnx, Map<String, Integer> features, Map<Label, Integer> outputs, String input,
                                   Model<Label> model, Dataset<Label> data) throws OrtException {
        List<Prediction<Label>> expected = Evaluations.predict(model, data);
        // The external model owns its session options and closes them with itself.
        try (ONNXExternalModel<Label> external = ONNXExternalModel.createOnnxModel(new LabelFactory(), features, outputs,
                new DenseTransformer(), new LabelTransformer(), new OrtSession.SessionOptions(), onnx, input)) {
            long start = System.nanoTime();
            List<Prediction<Label>> actual = external.predict(data);
            double seconds = (System.nanoTime() - start) / 1e9;
            int agreements = 0;
            double max = 0;
            double sum = 0;
            int count = 0;
            for (int i = 0; i < expected.size(); i++) {
                Prediction<Label> e = expected.get(i);
                Prediction<Label> a = actual.get(i);
                agreements += e.getOutput().getLabel().equals(a.getOutput().getLabel()) ? 1 : 0;
                for (String label : e.getOutputScores().keySet()) {
                    double d = Math.abs(Evaluations.probability(e, label) - Evaluations.probability(a, label));
                    max = Math.max(max, d);
                    sum += d;
                    count++;
                }
            }
            return new Result(expected.size(), agreements, max, sum / Math.max(1, count), seconds,
                    external.getTribuoProvenance());
        }
    }

    /**
     * A pixel export of an nn-core network, run with the ONNX Runtime Java API directly (no
     * Tribuo), against the network itself on the same images.
     *
     * @param pixels   raw grey levels {@code [n, H·W]}, not modified
     * @param scale    the network's input scaling, per pixel ({@code x = scale·pixel + shift})
     */
    public static Result sequential(Path onnx, Sequential net, float[] pixels, int n, float[] scale, float[] shift)
            throws OrtException {
        int p = net.inputWidth();
        int c = net.outputWidth();
        float[] x = new float[n * p];
        for (int i = 0; i < n * p; i++) {
            x[i] = scale[i % p] * pixels[i] + shift[i % p];
        }
        float[] expected = new float[n * c];
        int chunk = 1000;
        for (int from = 0; from < n; from += chunk) {
            int size = Math.min(chunk, n - from);
            float[] logits = net.forward(java.util.Arrays.copyOfRange(x, from * p, (from + size) * p), size, false);
            float[] probabilities = new float[size * c];
            Ops.softmaxRows(size, c, logits, probabilities);
            System.arraycopy(probabilities, 0, expected, from * c, size * c);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] actual = new float[n * c];
        long start = System.nanoTime();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx.toString(), options)) {
            for (int from = 0; from < n; from += chunk) {
                int size = Math.min(chunk, n - from);
                FloatBuffer buffer = FloatBuffer.wrap(pixels, from * p, size * p).slice();
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, buffer, new long[] {size, p});
                     OrtSession.Result result = session.run(Map.of(PixelModelExporter.INPUT, tensor))) {
                    float[][] out = (float[][]) result.get(0).getValue();
                    for (int i = 0; i < size; i++) {
                        System.arraycopy(out[i], 0, actual, (from + i) * c, c);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int agreements = 0;
        double max = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            agreements += argmax(expected, i * c, c) == argmax(actual, i * c, c) ? 1 : 0;
            for (int k = 0; k < c; k++) {
                double d = Math.abs(expected[i * c + k] - actual[i * c + k]);
                max = Math.max(max, d);
                sum += d;
            }
        }
        return new Result(n, agreements, max, sum / ((double) n * c), seconds, Optional.empty());
    }

    private static int argmax(float[] a, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (a[offset + j] > a[offset + best]) {
                best = j;
            }
        }
        return best;
    }
}
