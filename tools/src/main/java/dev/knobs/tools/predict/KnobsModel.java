package dev.knobs.tools.predict;

import dev.knobs.nn.io.ModelFile;
import dev.knobs.nn.io.ModelFileException;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.tools.ToolException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * An nn-core network saved with {@link ModelFile} (a lesson's {@code model.knobs}). Its inputs
 * are made as its metadata says ({@link InputScaling}: {@code grey / 255} for every lesson), and
 * its ten outputs, which are logits (the softmax lives in the loss during training), are turned
 * into probabilities here.
 */
public final class KnobsModel implements DigitModel {
    private final Sequential network;
    private final InputScaling scaling;
    private final Map<String, String> metadata;

    KnobsModel(Sequential network, InputScaling scaling, Map<String, String> metadata) {
        this.network = network;
        this.scaling = scaling;
        this.metadata = metadata;
    }

    /** Loads and checks a model file: 784 inputs, 10 outputs, a readable input scaling. */
    public static KnobsModel load(Path file) {
        ModelFile.Loaded loaded;
        try {
            loaded = ModelFile.load(file);
        } catch (ModelFileException e) {
            throw new ToolException(e.getMessage(), "pass another model with --model", e);
        }
        Sequential net = loaded.model();
        if (net.inputWidth() != InputScaling.PIXELS || net.outputWidth() != CLASSES) {
            throw new ToolException(file + " holds a " + net.architecture() + " network; a digit classifier for 28x28 "
                    + "images takes " + InputScaling.PIXELS + " inputs and gives " + CLASSES + " outputs",
                    "pass a model trained on MNIST");
        }
        return new KnobsModel(net, InputScaling.fromMetadata(loaded.metadata(), file), loaded.metadata());
    }

    /** How the grey levels become inputs. */
    public InputScaling scaling() {
        return scaling;
    }

    @Override
    public String describe() {
        String accuracy = "";
        try {
            String a = metadata.get("test_accuracy");
            if (a != null) {
                accuracy = String.format(Locale.ROOT, ", %.2f%% on the MNIST test set", 100 * Double.parseDouble(a));
            }
        } catch (NumberFormatException e) {
            accuracy = "";
        }
        return "nn-core " + network.architecture() + accuracy + "; inputs " + scaling.describe();
    }

    @Override
    public float[] probabilities(int[] grey) {
        float[] logits = network.forward(scaling.apply(grey), 1, false);
        return softmax(logits);
    }

    /** {@code p_k = exp(z_k - max z) / Σ exp(z_j - max z)}; subtracting the maximum keeps exp from overflowing. */
    static float[] softmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double[] e = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            e[k] = Math.exp(z[k] - max);
            sum += e[k];
        }
        float[] p = new float[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = (float) (e[k] / sum);
        }
        return p;
    }

    @Override
    public void close() {
        // nothing held outside the Java heap
    }
}
