package dev.knobs.tribuo.experiments;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.DescribeConfigurable;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.tribuo.mlp.MlpTrainer;
import dev.knobs.tribuo.transform.HoldOutTransformTrainer;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * Lesson 01 with Tribuo: the first network, and what Tribuo adds around it. Changes from the
 * lesson: the 784-128-10 network is an {@code MlpTrainer} (717-128-10: Tribuo's feature map
 * knows 717 pixels) behind a {@code TransformTrainer} that divides by 255, configured in
 * {@code configs/mlp.xml}; Tribuo's {@code LabelEvaluator} gives the confusion matrix and
 * per-class metrics (lesson 11's subjects); and the model's provenance is turned back into a
 * configuration file that rebuilds the trainer and retrains the identical model.
 */
public final class MlpExperiment extends SweepExperiment {

    public MlpExperiment() {
        super(new Sweeps.Plan("mlp", 0, 1, 20));
    }

    @Override
    public String title() {
        return "A first MLP with Tribuo";
    }

    @Override
    public String mirrors() {
        return "01, 11 (h, i)";
    }

    @Override
    public String summary() {
        return "the first network as a Tribuo trainer, evaluated by Tribuo, rebuilt from its provenance";
    }

    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) throws java.io.IOException {
        lesson.section("6. Every knob of MlpTrainer, as OLCUT describes its @Config fields");
        Map<String, DescribeConfigurable.FieldInfo> fields = DescribeConfigurable.generateFieldInfo(MlpTrainer.class);
        TextTable knobs = new TextTable("MlpTrainer's configurable fields", "property", "type", "mandatory", "default",
                "description");
        List<List<String>> rows = DescribeConfigurable.generateDescription(fields);
        for (List<String> row : rows.subList(1, rows.size())) {          // row 0 is OLCUT's header
            DescribeConfigurable.FieldInfo info = fields.get(row.get(0));
            knobs.row(row.get(0), typeName(info), row.get(2), defaultValue(info, row.get(4)), row.get(5));
        }
        lesson.table(knobs);

        lesson.section("7. From the model's provenance back to a configuration, and the same model again");
        RunResult first = outcome.chosen();
        List<ConfigurationData> extracted = ProvenanceUtil.extractConfiguration(first.model().getProvenance());
        ConfigurationManager rebuilt = new ConfigurationManager();
        rebuilt.addConfiguration(extracted);
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        rebuilt.save(xml, "xml", true);
        Files.write(lesson.file("provenance-config.xml"), xml.toByteArray());
        // A HoldOutTransformTrainer records itself in the model's instance values, around the TransformTrainer it ran.
        String trainerName = extracted.stream().filter(d -> d.getClassName().equals(HoldOutTransformTrainer.class.getName()))
                .map(ConfigurationData::getName).findFirst()
                .or(() -> extracted.stream().filter(d -> d.getClassName().equals("org.tribuo.transform.TransformTrainer"))
                        .map(ConfigurationData::getName).findFirst())
                .orElseThrow(() -> new IllegalStateException("the provenance names no TransformTrainer"));
        lesson.out().printf("the provenance holds %d configured objects; written to provenance-config.xml; rebuilding '%s'%n",
                extracted.size(), trainerName);
        @SuppressWarnings("unchecked")
        Trainer<Label> trainer = (Trainer<Label>) rebuilt.lookup(trainerName);
        Model<Label> again = trainer.train(outcome.data().train());
        List<Prediction<Label>> predictions = Evaluations.predict(again, outcome.data().test());
        int same = 0;
        double largest = 0;
        for (int i = 0; i < predictions.size(); i++) {
            Prediction<Label> a = first.predictions().get(i);
            Prediction<Label> b = predictions.get(i);
            same += a.getOutput().getLabel().equals(b.getOutput().getLabel()) ? 1 : 0;
            for (String label : a.getOutputScores().keySet()) {
                largest = Math.max(largest, Math.abs(Evaluations.probability(a, label) - Evaluations.probability(b, label)));
            }
        }
        lesson.out().printf(Locale.ROOT, "retrained from the provenance: %d of %d test predictions identical, largest "
                + "probability difference %.3g%n", same, predictions.size(), largest);
        lesson.metric("provenance_rebuild_identical_predictions", (double) same / predictions.size());
        lesson.metric("provenance_rebuild_max_probability_difference", largest);
    }

    /** The field's type as Java spells it ({@code int[]}, not {@code [I}), enums with their values. */
    private static String typeName(DescribeConfigurable.FieldInfo info) {
        Class<?> type = info.field.getType();
        if (type.isEnum()) {
            return type.getSimpleName() + " " + Arrays.toString(type.getEnumConstants());
        }
        return type.isArray() ? type.getComponentType().getSimpleName() + "[]" : type.getSimpleName();
    }

    /** OLCUT's default, or for arrays the values of a fresh trainer's field. */
    private static String defaultValue(DescribeConfigurable.FieldInfo info, String olcut) {
        if (!info.field.getType().isArray()) {
            return olcut;
        }
        try {
            Constructor<MlpTrainer> constructor = MlpTrainer.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            info.field.setAccessible(true);
            Object value = info.field.get(constructor.newInstance());
            return value instanceof double[] d ? Arrays.toString(d) : value instanceof int[] i ? Arrays.toString(i) : "";
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult c = outcome.chosen();
        return String.format(Locale.ROOT, "The lesson 01 network as a Tribuo trainer (%s) reaches %.2f%% test accuracy in "
                + "%.0f s, and its provenance rebuilds the trainer that retrains the same model.",
                c.mlp().architecture(), 100 * c.testAccuracy(), c.trainSeconds());
    }
}
