package dev.knobs.tribuo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.data.Mnist;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line like Tribuo's own: an MLP from flags, then from a configuration file with an
 * override, then bad flags. To keep it fast, the "training" files are the 10,000 test images
 * (linked under the training names), of which the first 1,000 are used.
 */
class MnistTrainTestTest {
    @TempDir
    Path dir;

    private Path mnist;

    @BeforeEach
    void smallMnist() throws Exception {
        Path cache = Mnist.fetch();
        mnist = Files.createDirectories(dir.resolve("mnist"));
        for (String kind : new String[] {"images-idx3-ubyte", "labels-idx1-ubyte"}) {
            Files.createSymbolicLink(mnist.resolve("train-" + kind), cache.resolve("t10k-" + kind).toAbsolutePath());
            Files.createSymbolicLink(mnist.resolve("t10k-" + kind), cache.resolve("t10k-" + kind).toAbsolutePath());
        }
    }

    private int run(ByteArrayOutputStream out, ByteArrayOutputStream err, String... args) {
        return MnistTrainTest.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anMlpFromFlagsTrainsEvaluatesAndExportsToOnnx() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path onnx = dir.resolve("mlp.onnx");
        int code = run(out, err, "--mnist-dir", mnist.toString(), "--train-size", "1000", "--mlp-hidden", "32",
                "--mlp-epochs", "2", "--sgo-type", "CONSTANTSGD", "--sgo-learning-rate", "0.05", "--sgo-momentum",
                "STANDARD", "--sgo-rho", "0.9", "--onnx-output", onnx.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(text.contains("hiddenSizes=[32]") && text.contains("SGD+Momentum"), text);
        assertTrue(text.contains("Accuracy"), "Tribuo's evaluation is printed");
        assertTrue(text.contains("agrees on 10000 of 10000"), text);
        assertTrue(Files.isRegularFile(onnx));
    }

    @Test
    void aTrainerFromAConfigurationFileWithAnOverride() throws Exception {
        Path config = dir.resolve("mlp.xml");
        Files.writeString(config, """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                    <component name="sgd" type="org.tribuo.math.optimisers.SimpleSGD">
                        <property name="initialLearningRate" value="0.05"/>
                        <property name="useMomentum" value="STANDARD"/>
                        <property name="rho" value="0.9"/>
                    </component>
                    <component name="mlp" type="dev.knobs.tribuo.mlp.MlpTrainer">
                        <propertylist name="hiddenSizes"><item>16</item></propertylist>
                        <property name="optimiser" value="sgd"/>
                        <property name="epochs" value="20"/>
                    </component>
                    <component name="divide" type="org.tribuo.transform.transformations.SimpleTransform">
                        <property name="op" value="div"/>
                        <property name="operand" value="255"/>
                    </component>
                    <component name="scaling" type="org.tribuo.transform.TransformationMap">
                        <propertylist name="globalTransformations"><item>divide</item></propertylist>
                    </component>
                    <component name="scaled-mlp" type="org.tribuo.transform.TransformTrainer">
                        <property name="innerTrainer" value="mlp"/>
                        <property name="transformations" value="scaling"/>
                    </component>
                </config>
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(out, err, "-c", config.toString(), "-t", "scaled-mlp", "--@mlp.epochs", "1", "--mnist-dir",
                mnist.toString(), "--train-size", "500");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Accuracy"));
    }

    @Test
    void badFlagsAreReportedWithExitCodeTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, run(new ByteArrayOutputStream(), err, "--mlp-epochs", "many"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("mlp-epochs"), err.toString());
        err.reset();
        assertEquals(2, run(new ByteArrayOutputStream(), err, "--mnist-dir", mnist.toString(), "--mlp-hidden", "a,b"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("mlp-hidden"), err.toString());
    }
}
