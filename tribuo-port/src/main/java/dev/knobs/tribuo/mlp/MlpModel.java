package dev.knobs.tribuo.mlp;

import ai.onnx.proto.OnnxMl;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.layer.Activations;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.tribuo.onnx.SequentialGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * A trained multilayer perceptron as a Tribuo {@link Model}: made by {@link MlpTrainer},
 * evaluated by {@code LabelEvaluator}, wrapped by {@code TransformedModel}, exported to ONNX.
 *
 * <pre>
 *   x: [batch, F]   (features by id in the feature map; unknown features ignored, absent ones 0)
 *   h₀ = x,   h_l = act(h_{l-1}·W_lᵀ + b_l)   for the hidden layers,   W_l: [width_l, width_{l-1}]
 *   p = softmax(h_{L-1}·W_Lᵀ + b_L)           p: [batch, C], columns in the output domain's id order
 * </pre>
 *
 * <p>Dropout is a training-time device and is not part of the model: with inverted dropout the
 * trained weights are used as they are. Every prediction carries the probability of every label
 * ({@link #generatesProbabilities()} is true). Predicting many examples at once
 * ({@link #predict(Iterable)}) runs mini-batches of 1,000 through the matrix kernels.
 *
 * <p>The model keeps its training history ({@link #history()}, one {@link EpochStats} per
 * epoch) next to Tribuo's provenance. It is {@link java.io.Serializable} like every Tribuo model;
 * Tribuo's protobuf format is not supported, and ONNX is the way to ship it
 * ({@link #exportONNXModel}, or the friendlier pixel input of
 * {@link dev.knobs.tribuo.onnx.PixelModelExporter}).
 */
public final class MlpModel extends Model<Label> implements ONNXExportable {
    private static final long serialVersionUID = 1L;
    private static final int PREDICT_BATCH = 1000;

    private final int[] widths;
    private final Activation activation;
    private final float[][] weights;
    private final float[][] biases;
    private final List<EpochStats> history;
    private transient ThreadLocal<Sequential> networks;

    /**
     * @param widths     features, hidden widths, labels
     * @param weights    per layer, {@code [widths[l+1], widths[l]]} row-major (kept, not copied)
     * @param biases     per layer, {@code [widths[l+1]]} (kept, not copied)
     * @param history    one record per training epoch
     */
    MlpModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
             ImmutableOutputInfo<Label> outputIDInfo, int[] widths, Activation activation, float[][] weights,
             float[][] biases, List<EpochStats> history) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        this.widths = widths.clone();
        this.activation = activation;
        this.weights = weights;
        this.biases = biases;
        this.history = List.copyOf(history);
    }

    /** The layer widths: features, hidden layers, labels (e.g. {@code 717-1024-1024-10}). */
    public int[] widths() {
        return widths.clone();
    }

    public Activation activation() {
        return activation;
    }

    /** One record per training epoch, first epoch first. */
    public List<EpochStats> history() {
        return history;
    }

    /** The architecture as text, e.g. {@code "717-1024-1024-10 relu"}. */
    public String architecture() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            s.append(i == 0 ? "" : "-").append(widths[i]);
        }
        return s + " " + activation.layerName();
    }

    /** Number of weights and biases. */
    public long parameterCount() {
        long n = 0;
        for (int l = 0; l < weights.length; l++) {
            n += weights[l].length + biases[l].length;
        }
        return n;
    }

    /**
     * The network as an nn-core {@link Sequential} (a fresh copy: Dense and activation layers, no
     * dropout), e.g. for activation statistics or ONNX export.
     */
    public Sequential network() {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            Dense d = Dense.empty(widths[l], widths[l + 1]);
            System.arraycopy(weights[l], 0, d.weights().value(), 0, weights[l].length);
            System.arraycopy(biases[l], 0, d.bias().value(), 0, biases[l].length);
            layers.add(d);
            if (l + 1 < weights.length) {
                layers.add(Activations.create(activation.layerName()));
            }
        }
        return new Sequential(widths[0], layers);
    }

    /**
     * Class probabilities of dense feature rows.
     *
     * @param x {@code [n, F]} features by id, not modified
     * @return {@code [n, C]} probabilities, columns in output-id order (a new array)
     */
    public float[] probabilities(float[] x, int n) {
        int f = widths[0];
        int c = widths[widths.length - 1];
        if (x.length != n * f) {
            throw new IllegalArgumentException("expected " + n + " rows of " + f + " features, got " + x.length + " values");
        }
        Sequential net = inferenceNetwork();
        float[] p = new float[n * c];
        for (int from = 0; from < n; from += PREDICT_BATCH) {
            int size = Math.min(PREDICT_BATCH, n - from);
            float[] chunk = from == 0 && size == n ? x : java.util.Arrays.copyOfRange(x, from * f, (from + size) * f);
            float[] logits = net.forward(chunk, size, false);
            float[] out = new float[size * c];
            Ops.softmaxRows(size, c, logits, out);
            System.arraycopy(out, 0, p, from * c, size * c);
        }
        return p;
    }

    /** This thread's own copy of the network: nn-core layers keep buffers, so threads must not share one. */
    private Sequential inferenceNetwork() {
        ThreadLocal<Sequential> local = networks;
        if (local == null) {
            synchronized (this) {
                if (networks == null) {
                    networks = ThreadLocal.withInitial(this::network);
                }
                local = networks;
            }
        }
        return local.get();
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        float[] x = new float[widths[0]];
        int used = DenseData.fillRow(example, featureIDMap, x, 0);
        if (used == 0) {
            throw new IllegalArgumentException("no features of this example are in the model's feature map: " + example);
        }
        return prediction(probabilities(x, 1), 0, used, example);
    }

    @Override
    protected List<Prediction<Label>> innerPredict(Iterable<Example<Label>> examples) {
        DenseData data = DenseData.of(examples, featureIDMap, outputIDInfo);
        float[] p = probabilities(data.x(), data.size());
        List<Prediction<Label>> predictions = new ArrayList<>(data.size());
        int r = 0;
        for (Example<Label> example : examples) {
            if (data.used()[r] == 0) {
                throw new IllegalArgumentException("no features of example " + r + " are in the model's feature map: " + example);
            }
            predictions.add(prediction(p, r, data.used()[r], example));
            r++;
        }
        return predictions;
    }

    private Prediction<Label> prediction(float[] p, int row, int used, Example<Label> example) {
        int c = widths[widths.length - 1];
        Map<String, Label> scores = new LinkedHashMap<>();
        Label best = null;
        for (int id = 0; id < c; id++) {
            Label label = new Label(outputIDInfo.getOutput(id).getLabel(), p[row * c + id]);
            scores.put(label.getLabel(), label);
            if (best == null || label.getScore() > best.getScore()) {
                best = label;
            }
        }
        return new Prediction<>(best, scores, used, example, true);
    }

    /** An MLP has no per-feature weights to rank, so this returns an empty map, as Tribuo's contract allows. */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    /** No explanation is computed (Tribuo's LIME explainer can wrap this model instead). */
    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        return Optional.empty();
    }

    @Override
    protected MlpModel copy(String newName, ModelProvenance newProvenance) {
        float[][] w = new float[weights.length][];
        float[][] b = new float[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            w[l] = weights[l].clone();
            b[l] = biases[l].clone();
        }
        return new MlpModel(newName, newProvenance, featureIDMap, outputIDInfo, widths, activation, w, b, history);
    }

    // ------------------------------------------------------------------ ONNX, Tribuo's contract

    /**
     * Exports with Tribuo's ONNX contract: one input {@code "input"} of shape {@code [batch, F]}
     * holding the features by id in this model's feature map, one output {@code "output"} of shape
     * {@code [batch, C]} holding the probabilities in output-id order, and the model's provenance
     * in the metadata field {@link ONNXExportable#PROVENANCE_METADATA_FIELD}. ONNX Runtime runs it
     * through Tribuo's {@code ONNXExternalModel} with the model's own feature and output maps.
     */
    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName("Knobs-MlpModel");
        ONNXPlaceholder input = onnx.floatInput("input", widths[0]);
        ONNXPlaceholder output = onnx.floatOutput("output", widths[widths.length - 1]);
        writeONNXGraph(input).assignTo(output);
        return ONNXExportable.buildModel(onnx, domain, modelVersion, this);
    }

    /** Writes the layers and the final softmax into the input's context; returns the probabilities node. */
    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        return SequentialGraph.write(input, network(), "mlp");
    }

    @Override
    public String toString() {
        return "MlpModel(" + architecture() + ", " + parameterCount() + " parameters, trained " + history.size()
                + " epochs)";
    }
}
