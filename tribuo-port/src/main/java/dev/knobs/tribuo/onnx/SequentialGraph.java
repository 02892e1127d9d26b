package dev.knobs.tribuo.onnx;

import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.LeakyReLU;
import dev.knobs.nn.layer.ReLU;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.layer.Sigmoid;
import dev.knobs.nn.layer.Tanh;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes an nn-core network into an ONNX graph with Tribuo's graph builder
 * ({@link ONNXContext}), ending in a softmax: the one place where layers become ONNX operators,
 * shared by {@link dev.knobs.tribuo.mlp.MlpModel} and the exports of nn-core models.
 *
 * <pre>
 *   Dense(in→out)   Gemm(h, W, b, transB=1):  h·Wᵀ + b      W: [out, in] as stored by nn-core
 *   ReLU            Relu            LeakyReLU(α)   LeakyRelu(alpha=α)
 *   Sigmoid         Sigmoid         Tanh           Tanh
 *   Dropout         nothing: inverted dropout is the identity at inference
 *   (end)           Softmax over the last axis: logits → probabilities
 * </pre>
 */
public final class SequentialGraph {
    private SequentialGraph() {}

    /**
     * Appends {@code net}'s layers and a softmax to the graph of {@code input}.
     *
     * @param input  a {@code [batch, net.inputWidth()]} float tensor in the graph
     * @param net    the network, not modified
     * @param prefix start of the weight tensors' names, e.g. {@code "mlp"}
     * @return the {@code [batch, net.outputWidth()]} probabilities
     * @throws IllegalArgumentException for a layer type ONNX export does not know
     */
    public static ONNXNode write(ONNXRef<?> input, Sequential net, String prefix) {
        ONNXContext onnx = input.onnxContext();
        ONNXRef<?> h = input;
        int dense = 0;
        for (Layer layer : net.layers()) {
            if (layer instanceof Dense d) {
                dense++;
                float[] w = d.weights().value();
                float[] b = d.bias().value();
                ONNXInitializer weights = onnx.floatTensor(prefix + "_W" + dense, List.of(d.out(), d.in()),
                        buffer -> buffer.put(w));
                ONNXInitializer bias = onnx.floatTensor(prefix + "_b" + dense, List.of(d.out()), buffer -> buffer.put(b));
                h = h.apply(ONNXOperators.GEMM, Arrays.asList(weights, bias), List.of(prefix + "_dense" + dense),
                        Map.of("transB", 1)).get(0);
            } else if (layer instanceof ReLU) {
                h = h.apply(ExtraOperators.RELU);
            } else if (layer instanceof LeakyReLU leaky) {
                h = h.apply(ExtraOperators.LEAKY_RELU, Map.of("alpha", leaky.alpha()));
            } else if (layer instanceof Sigmoid) {
                h = h.apply(ONNXOperators.SIGMOID);
            } else if (layer instanceof Tanh) {
                h = h.apply(ExtraOperators.TANH);
            } else if (!(layer instanceof Dropout)) {
                throw new IllegalArgumentException("cannot export layer " + layer + " to ONNX: only Dense, ReLU, "
                        + "LeakyReLU, Sigmoid, Tanh and Dropout layers are supported");
            }
        }
        if (dense == 0) {
            throw new IllegalArgumentException("the network has no Dense layer: nothing to export");
        }
        return h.apply(ONNXOperators.SOFTMAX);
    }
}
