package dev.knobs.tribuo.cli;

import com.oracle.labs.mlrg.olcut.config.ArgumentException;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.Option;
import com.oracle.labs.mlrg.olcut.config.Options;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.config.UsageException;
import com.oracle.labs.mlrg.olcut.config.io.ConfigLoaderException;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.knobs.data.Mnist;
import dev.knobs.nn.train.TrainingDivergedException;
import dev.knobs.tribuo.data.MnistLoader;
import dev.knobs.tribuo.experiments.Evaluations;
import dev.knobs.tribuo.mlp.MlpOptions;
import dev.knobs.tribuo.mlp.MlpTrainer;
import dev.knobs.tribuo.onnx.OnnxParity;
import dev.knobs.tribuo.onnx.PixelModelExporter;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.datasource.IDXDataSource;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.SimpleTransform;

/**
 * Train and test on MNIST from the command line, the way Tribuo's own {@code TrainTest} programs
 * work: the trainer comes either from the {@code --mlp-*} and {@code --sgo-*} flags
 * ({@link MlpOptions}) or from a configuration file ({@code -c FILE -t COMPONENT}), and OLCUT's
 * overrides change any configured property ({@code --@mlp-trainer.epochs 3}).
 *
 * <pre>
 *   java ... dev.knobs.tribuo.cli.MnistTrainTest --mlp-hidden 256 --mlp-epochs 5 --sgo-type CONSTANTSGD \
 *       --sgo-learning-rate 0.05 --sgo-momentum STANDARD --sgo-rho 0.9 --onnx-output mlp.onnx
 *   java ... dev.knobs.tribuo.cli.MnistTrainTest -c dropout.xml -t hidden-0.5 --@mlp-hidden-0.5.epochs 3
 * </pre>
 * It prints Tribuo's evaluation and confusion matrix, and can save the model (Java
 * serialisation) and export it to ONNX (checked with ONNX Runtime on the test set).
 */
public final class MnistTrainTest {
    private MnistTrainTest() {}

    /** The program's flags; the MLP's own are in {@link MlpOptions}. */
    public static final class TrainTestOptions implements Options {
        @Override
        public String getOptionsDescription() {
            return "Trains a classifier on MNIST with Tribuo, evaluates it on the test set, optionally saves and exports it.";
        }

        /** The MLP flags, used when no {@code --trainer} is named. */
        public MlpOptions mlpOptions;

        @Option(charName = 't', longName = "trainer", usage = "A trainer component of the configuration file given with -c; "
                + "without it the --mlp-* and --sgo-* flags build an MLP behind a grey / 255 scaling.")
        public Trainer<Label> trainer;

        @Option(longName = "mnist-dir", usage = "Folder with the four uncompressed MNIST IDX files. Defaults to the verified cache.")
        public Path mnistDir;

        @Option(longName = "train-size", usage = "Train on the first N training images only (0, the default, for all 60,000).")
        public int trainSize = 0;

        @Option(longName = "model-output", usage = "Write the trained model to this file (Java serialisation).")
        public Path modelOutput;

        @Option(longName = "onnx-output", usage = "Export the model to this ONNX file (784 raw pixels in, 10 probabilities out).")
        public Path onnxOutput;
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the program; returns 0 on success, 2 for bad flags or configuration, 1 if training or saving failed. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
        TrainTestOptions o = new TrainTestOptions();
        ConfigurationManager cm;
        try {
            cm = new ConfigurationManager(args, o);
        } catch (UsageException e) {
            out.println(e.getMessage());
            return 0;
        } catch (ArgumentException | PropertyException | ConfigLoaderException e) {
            err.println("error: " + e.getMessage());
            err.println("Run with --help to see the flags.");
            return 2;
        }
        try {
            Trainer<Label> trainer;
            if (o.trainer != null) {
                trainer = o.trainer;
                out.println("trainer, from the configuration:\n" + ProvenanceUtil.formattedProvenanceString(trainer.getProvenance()));
            } else {
                MlpTrainer mlp = o.mlpOptions.getTrainer();
                trainer = new TransformTrainer<>(mlp, new TransformationMap(List.of(SimpleTransform.div(255))));
                out.println("trainer: grey / 255, then " + mlp);
            }
            Path dir = o.mnistDir != null ? o.mnistDir : Mnist.fetch();
            LabelFactory labels = new LabelFactory();
            Dataset<Label> train = new MutableDataset<>(new IDXDataSource<>(dir.resolve("train-images-idx3-ubyte"),
                    dir.resolve("train-labels-idx1-ubyte"), labels));
            if (o.trainSize > 0) {
                train = MnistLoader.first(train, o.trainSize);
            }
            Dataset<Label> test = new MutableDataset<>(new IDXDataSource<>(dir.resolve("t10k-images-idx3-ubyte"),
                    dir.resolve("t10k-labels-idx1-ubyte"), labels));
            out.printf(Locale.ROOT, "data: %d training and %d test images, %d features%n", train.size(), test.size(),
                    train.getFeatureIDMap().size());
            long start = System.nanoTime();
            Model<Label> model = trainer.train(train);
            out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
            List<Prediction<Label>> predictions = Evaluations.predict(model, test);
            LabelEvaluation evaluation = Evaluations.evaluate(model, predictions, test);
            out.println(evaluation);
            out.println(evaluation.getConfusionMatrix());
            if (o.modelOutput != null) {
                try (OutputStream file = Files.newOutputStream(o.modelOutput); ObjectOutputStream s = new ObjectOutputStream(file)) {
                    s.writeObject(model);
                }
                out.println("model written to " + o.modelOutput);
            }
            if (o.onnxOutput != null) {
                PixelModelExporter.save(PixelModelExporter.fromTribuo(model, 28, 28, "dev.knobs.mnist", 1), o.onnxOutput);
                OnnxParity.Result parity = OnnxParity.pixelModel(o.onnxOutput, model, test, 28, 28);
                out.printf(Locale.ROOT, "ONNX model written to %s; ONNX Runtime agrees on %d of %d test images, largest "
                        + "probability difference %.2e%n", o.onnxOutput, parity.agreements(), parity.examples(),
                        parity.maxAbsDifference());
            }
            return 0;
        } catch (ArgumentException | PropertyException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (TrainingDivergedException | IllegalArgumentException | UncheckedIOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | ai.onnxruntime.OrtException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
