package dev.knobs.tribuo.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.knobs.tribuo.data.MnistLoader;
import dev.knobs.tribuo.mlp.MlpModel;
import dev.knobs.tribuo.transform.HoldOutTransformTrainer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tribuo.DataSource;
import org.tribuo.Dataset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.transform.TransformedModel;

/**
 * Configure from a file, train, read the provenance back, rebuild the trainer and the data
 * source from it alone, train again: the same model, bit for bit.
 */
class ConfigRoundTripTest {

    @Test
    @SuppressWarnings("unchecked")
    void aModelsProvenanceRebuildsItsTrainerAndData() throws Exception {
        ExperimentConfig config = ExperimentConfig.load(getClass().getResource("/dev/knobs/tribuo/round-trip.xml"),
                "round-trip.xml");
        Trainer<Label> trainer = config.trainer("trainer");
        DataSource<Label> source = config.lookup("mnist-test-images", DataSource.class);
        Dataset<Label> data = MnistLoader.first(new MutableDataset<>(source), 300);
        Model<Label> model = trainer.train(data);
        MlpModel mlp = (MlpModel) ((TransformedModel<Label>) model).getInnerModel();
        assertEquals(2, mlp.history().size());

        // 1. The provenance records every knob and survives Tribuo's serialisation (as in ONNX metadata).
        ModelProvenance provenance = model.getProvenance();
        String text = provenance.toString();
        for (String knob : new String[] {"hiddenSizes=[32, 16]", "TANH", "XAVIER_UNIFORM", "dev.knobs.tribuo.optim.Adam",
                "CosineAnnealingSchedule", "ElasticAugmentation", "AffineAugmentation", "Standardisation",
                "minibatchSize=50", "seed=99", "validationFraction=0.1"}) {
            assertTrue(text.contains(knob), "the provenance records " + knob);
        }
        assertEquals(provenance, ONNXExportable.SERIALIZER.deserializeAndUnmarshal(
                ONNXExportable.SERIALIZER.marshalAndSerialize(provenance)));

        // 2. Configuration from the provenance alone: a new trainer and a new data source. The trainer that
        //    held out the validation part before fitting the standardisation is in the model's instance values.
        List<ConfigurationData> extracted = ProvenanceUtil.extractConfiguration(provenance);
        ConfigurationManager cm = new ConfigurationManager();
        cm.addConfiguration(extracted);
        String trainerName = name(extracted, HoldOutTransformTrainer.class.getName());
        String sourceName = name(extracted, "org.tribuo.datasource.IDXDataSource");
        Trainer<Label> rebuilt = (Trainer<Label>) cm.lookup(trainerName);
        Dataset<Label> again = MnistLoader.first(new MutableDataset<>((DataSource<Label>) cm.lookup(sourceName)), 300);
        TrainerProvenance recorded = (TrainerProvenance) provenance.getInstanceProvenance().getMap()
                .get(HoldOutTransformTrainer.TRAINER_PROVENANCE);
        assertEquals(recorded.getConfiguredParameters(), rebuilt.getProvenance().getConfiguredParameters(),
                "the rebuilt trainer is the original as it was when it trained the model (values, seed, invocation count)");

        // 3. The same model again.
        Model<Label> model2 = rebuilt.train(again);
        Dataset<Label> probe = MnistLoader.first(new MutableDataset<>(source), 400);
        List<Prediction<Label>> a = Evaluations.predict(model, probe);
        List<Prediction<Label>> b = Evaluations.predict(model2, probe);
        for (int i = 0; i < a.size(); i++) {
            double[] pa = new double[10];
            double[] pb = new double[10];
            for (int d = 0; d < 10; d++) {
                pa[d] = Evaluations.probability(a.get(i), String.valueOf(d));
                pb[d] = Evaluations.probability(b.get(i), String.valueOf(d));
            }
            assertArrayEquals(pa, pb, "example " + i);
        }
    }

    private static String name(List<ConfigurationData> data, String className) {
        return data.stream().filter(d -> d.getClassName().equals(className)).map(ConfigurationData::getName).findFirst()
                .orElseThrow(() -> new AssertionError("the extracted configuration has no " + className));
    }
}
