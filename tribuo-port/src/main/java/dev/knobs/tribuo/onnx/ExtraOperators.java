package dev.knobs.tribuo.onnx;

import ai.onnx.proto.OnnxMl;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * The activation operators an MLP needs that Tribuo 4.3's {@link ONNXOperators} lacks (its
 * exported models are linear, factorisation machines, SVMs and trees). Same default domain and
 * opset version (13) as Tribuo's, so one opset import covers both.
 *
 * <pre>
 *   Relu       y = max(0, x)
 *   LeakyRelu  y = x if x &gt;= 0 else alpha·x        (attribute alpha, a float)
 *   Tanh       y = tanh(x)
 * </pre>
 * Sigmoid, Softmax and Gemm come from {@link ONNXOperators}.
 */
public enum ExtraOperators implements ONNXOperator {
    RELU("Relu", Collections.emptyMap()),
    LEAKY_RELU("LeakyRelu", Map.of("alpha", new ONNXAttribute("alpha", OnnxMl.AttributeProto.AttributeType.FLOAT, false))),
    TANH("Tanh", Collections.emptyMap());

    private final String opName;
    private final Map<String, ONNXAttribute> attributes;

    ExtraOperators(String opName, Map<String, ONNXAttribute> attributes) {
        this.opName = opName;
        this.attributes = attributes;
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return 1;
    }

    @Override
    public int getNumOptionalInputs() {
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Collections.emptySet();
    }

    @Override
    public int getOpVersion() {
        return ONNXOperators.getOpsetVersion();
    }

    /** The default ONNX domain (null, as for {@link ONNXOperators}' standard operators). */
    @Override
    public String getOpDomain() {
        return null;
    }

    @Override
    public OnnxMl.OperatorSetIdProto opsetProto() {
        return ONNXOperators.getOpsetProto();
    }
}
