package dev.knobs.tools.predict;

import dev.knobs.tools.ToolException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * A trained digit classifier, whatever file it came from, behind one contract: 28x28 grey levels
 * 0..255 in, white ink on black as in MNIST, row-major; ten probabilities out, one per digit.
 * Each kind of file turns grey levels into its network's inputs its own way:
 * <ul>
 *   <li>{@link KnobsModel}, an nn-core {@code .knobs} file: {@code x = grey / 255} or whatever
 *       its metadata says ({@link InputScaling}), then a softmax over the network's ten outputs;</li>
 *   <li>{@link OnnxModel}, an {@code .onnx} file exported by tribuo-port's
 *       {@code PixelModelExporter}: the raw grey levels, since the exporter folded the scaling
 *       into the first layer, and the graph ends in a softmax.</li>
 * </ul>
 */
public interface DigitModel extends AutoCloseable {
    /** Classes: digits 0 to 9. */
    int CLASSES = 10;

    /** One line about the model: what network, how its inputs are scaled, how good it is if known. */
    String describe();

    /** The ten probabilities for one image of 784 grey levels 0..255. */
    float[] probabilities(int[] grey);

    @Override
    void close();

    /**
     * Opens a model file: a Knobs model (its first bytes are {@code KNOBSMLP}) or an ONNX file
     * (its name ends in {@code .onnx}).
     *
     * @throws ToolException if the file is missing, of another kind, or not a digit classifier
     */
    static DigitModel open(Path file) {
        if (Files.isDirectory(file)) {
            throw new ToolException("the model " + file + " is a directory", "pass a model file: a .knobs or an .onnx file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ToolException("there is no model file " + file, "check the path; a model is a .knobs file saved by "
                    + "a lesson or an .onnx file exported by tribuo-port");
        }
        byte[] magic = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(magic, 0, magic.length);
        } catch (IOException e) {
            throw new ToolException("could not read the model " + file + ": " + e.getMessage(), null, e);
        }
        if (read == magic.length && Arrays.equals(magic, "KNOBSMLP".getBytes(StandardCharsets.US_ASCII))) {
            return KnobsModel.load(file);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return OnnxModel.load(file);
        }
        throw new ToolException(file + " is neither a Knobs model (it does not start with KNOBSMLP) nor an ONNX "
                + "file (its name does not end in .onnx)", "pass a .knobs file saved by a lesson or an .onnx file "
                + "exported by tribuo-port");
    }

    /** Index of the largest value. */
    static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
