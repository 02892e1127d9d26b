package dev.knobs.tools.predict;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.knobs.tools.ToolException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * An ONNX model run by ONNX Runtime, with the contract of tribuo-port's {@code PixelModelExporter}:
 * <pre>
 *   input   "pixels"         float32 [batch, 784]   the raw grey levels 0..255, row-major, white ink on black
 *   output  "probabilities"  float32 [batch, 10]    softmax; column k is digit k
 * </pre>
 * The exporter folds the network's input scaling (grey / 255 for the lessons' models) into its
 * first layer, so the grey levels go in as they are: no scaling to get wrong on this side.
 */
public final class OnnxModel implements DigitModel {
    /** The input's name in the exporter's contract. */
    public static final String INPUT = "pixels";
    /** The output's name in the exporter's contract. */
    public static final String OUTPUT = "probabilities";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String description;

    private OnnxModel(OrtEnvironment environment, OrtSession session, String description) {
        this.environment = environment;
        this.session = session;
        this.description = description;
    }

    /** Opens an ONNX file and checks that it has the pixels-in, probabilities-out contract. */
    public static OnnxModel load(Path file) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try {
            session = env.createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new ToolException("ONNX Runtime cannot load " + file + ": " + oneLine(e.getMessage()),
                    "pass an .onnx file exported by tribuo-port (PixelModelExporter), or a .knobs file", e);
        }
        try {
            check(session, file);
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            String architecture = metadata.getOrDefault("knobs.architecture", "network");
            String producer = session.getMetadata().getProducerName();
            return new OnnxModel(env, session, "ONNX " + architecture + (producer.isBlank() ? "" : ", written by " + producer)
                    + "; inputs: the raw grey levels 0..255 (the exporter folded the scaling into the first layer)");
        } catch (OrtException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // the error being reported matters more
            }
            if (e instanceof ToolException t) {
                throw t;
            }
            throw new ToolException("could not read " + file + " as an ONNX model: " + oneLine(e.getMessage()), null, e);
        }
    }

    private static void check(OrtSession session, Path file) throws OrtException {
        Map<String, NodeInfo> inputs = session.getInputInfo();
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String contract = "an input \"" + INPUT + "\" of [batch, 784] grey levels and an output \"" + OUTPUT
                + "\" of [batch, 10]";
        String hint = "export the model with tribuo-port's PixelModelExporter, which writes that contract";
        if (!inputs.containsKey(INPUT) || inputs.size() != 1 || !outputs.containsKey(OUTPUT)) {
            throw new ToolException(file + " has inputs " + inputs.keySet() + " and outputs " + outputs.keySet()
                    + "; this tool needs " + contract, hint);
        }
        if (!(inputs.get(INPUT).getInfo() instanceof TensorInfo in) || !widthIs(in, 784)
                || !(outputs.get(OUTPUT).getInfo() instanceof TensorInfo out) || !widthIs(out, CLASSES)) {
            throw new ToolException(file + " has input " + inputs.get(INPUT).getInfo() + " and output "
                    + outputs.get(OUTPUT).getInfo() + "; this tool needs " + contract, hint);
        }
    }

    private static boolean widthIs(TensorInfo info, int width) {
        long[] shape = info.getShape();
        return shape.length == 2 && shape[1] == width;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public float[] probabilities(int[] grey) {
        float[] pixels = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            pixels[i] = grey[i];
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(pixels), new long[] {1, grey.length});
             OrtSession.Result result = session.run(Map.of(INPUT, tensor))) {
            Optional<OnnxValue> value = result.get(OUTPUT);
            float[][] p = (float[][]) value.orElseThrow().getValue();
            return Arrays.copyOf(p[0], p[0].length);
        } catch (OrtException e) {
            throw new ToolException("ONNX Runtime failed to run the model: " + oneLine(e.getMessage()), null, e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing releases native memory; nothing the user can do if it fails
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
