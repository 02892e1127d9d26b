package dev.knobs.tribuo.experiments;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration files with a missing property, a nonsense value, a misspelt name, a dangling
 * reference or a duplicated component: each gives one message naming the file, the component
 * and what is wrong.
 */
class BadConfigTest {
    @TempDir
    Path dir;

    private static final String OPTIMISER = """
            <component name="sgd" type="org.tribuo.math.optimisers.SimpleSGD">
                <property name="initialLearningRate" value="0.1"/>
                <property name="useMomentum" value="NONE"/>
            </component>
            """;

    /** Writes {@code components} as a configuration file and looks up {@code component} in it. */
    private IllegalArgumentException fails(String components, String component) throws Exception {
        Path file = dir.resolve("bad.xml");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<config>\n" + components + "</config>\n");
        return assertThrows(IllegalArgumentException.class, () -> {
            ExperimentConfig config = ExperimentConfig.load(file.toUri().toURL(), "bad.xml");
            config.lookup(component, Object.class);
        });
    }

    private static void says(IllegalArgumentException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message should mention '" + part + "': " + e.getMessage());
        }
    }

    @Test
    void aMissingMandatoryPropertyIsNamed() throws Exception {
        IllegalArgumentException e = fails("""
                <component name="mlp" type="dev.knobs.tribuo.mlp.MlpTrainer">
                    <propertylist name="hiddenSizes"><item>16</item></propertylist>
                </component>
                """, "mlp");
        says(e, "bad.xml", "'mlp'", "optimiser");
    }

    @Test
    void aNonsenseValueIsNamedWithItsAllowedRange() throws Exception {
        IllegalArgumentException e = fails(OPTIMISER + """
                <component name="mlp" type="dev.knobs.tribuo.mlp.MlpTrainer">
                    <propertylist name="hiddenSizes"><item>16</item></propertylist>
                    <propertylist name="hiddenDropout"><item>1.5</item></propertylist>
                    <property name="optimiser" value="sgd"/>
                </component>
                """, "mlp");
        says(e, "bad.xml", "'mlp'", "hiddenDropout", "[0, 1)", "1.5");
    }

    @Test
    void aValueOfTheWrongTypeIsNamed() throws Exception {
        IllegalArgumentException e = fails(OPTIMISER + """
                <component name="mlp" type="dev.knobs.tribuo.mlp.MlpTrainer">
                    <propertylist name="hiddenSizes"><item>sixteen</item></propertylist>
                    <property name="optimiser" value="sgd"/>
                </component>
                """, "mlp");
        says(e, "'mlp'", "hiddenSizes", "sixteen");
    }

    @Test
    void aMisspeltPropertyIsNamed() throws Exception {
        IllegalArgumentException e = fails(OPTIMISER + """
                <component name="mlp" type="dev.knobs.tribuo.mlp.MlpTrainer">
                    <propertylist name="hiddenSizes"><item>16</item></propertylist>
                    <property name="optimiser" value="sgd"/>
                    <property name="epoch" value="3"/>
                </component>
                """, "mlp");
        says(e, "'mlp'", "epoch");
    }

    @Test
    void aReferenceToNoComponentIsNamed() throws Exception {
        IllegalArgumentException e = fails("""
                <component name="mlp" type="dev.knobs.tribuo.mlp.MlpTrainer">
                    <propertylist name="hiddenSizes"><item>16</item></propertylist>
                    <property name="optimiser" value="adamm"/>
                </component>
                """, "mlp");
        says(e, "'mlp'", "adamm");
    }

    @Test
    void aScheduleOutOfRangeIsNamed() throws Exception {
        IllegalArgumentException e = fails("""
                <component name="one-cycle" type="dev.knobs.tribuo.schedule.OneCycleSchedule">
                    <property name="pctStart" value="1.5"/>
                </component>
                """, "one-cycle");
        says(e, "'one-cycle'", "pctStart", "(0, 1)");
    }

    @Test
    void aComponentDefinedTwiceIsRefused() throws Exception {
        IllegalArgumentException e = fails(OPTIMISER + OPTIMISER, "sgd");
        says(e, "bad.xml", "'sgd'", "twice");
    }

    @Test
    void aMissingComponentIsNamedWithTheOnesThatExist() throws Exception {
        IllegalArgumentException e = fails(OPTIMISER, "sweep");
        says(e, "'sweep'", "sgd");
    }

    @Test
    void aSweepWithTooFewLabelsIsNamed() throws Exception {
        IllegalArgumentException e = fails("""
                <component name="sweep" type="dev.knobs.tribuo.experiments.Sweep">
                    <property name="knob" value="rate"/>
                    <propertylist name="runs"><item>a</item><item>b</item></propertylist>
                    <propertylist name="labels"><item>only one</item></propertylist>
                </component>
                """, "sweep");
        says(e, "'sweep'", "labels");
    }

    @Test
    void aFileThatIsNotXmlIsReported() throws Exception {
        Path file = dir.resolve("broken.xml");
        Files.writeString(file, "<config><component name=\"x\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExperimentConfig.load(file.toUri().toURL(), "broken.xml"));
        says(e, "broken.xml", "cannot be read");
    }
}
