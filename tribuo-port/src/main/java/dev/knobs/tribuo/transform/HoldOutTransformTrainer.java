package dev.knobs.tribuo.transform;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.knobs.nn.data.Split;
import dev.knobs.tribuo.mlp.MlpModel;
import dev.knobs.tribuo.mlp.MlpTrainer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.dataset.DatasetView;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.TransformerMap;

/**
 * Tribuo's {@code TransformTrainer} around an {@link MlpTrainer}, with the MLP's validation part
 * held out <em>before</em> the transformations are fitted: their statistics (a standardisation's
 * per-pixel mean and standard deviation, a min-max scaling's minimum and maximum) come from the
 * training part alone.
 *
 * <p><b>Why.</b> A {@code TransformTrainer} fits its transformations on every example it gets and
 * hands the transformed examples to its inner trainer, and an {@code MlpTrainer} holds its
 * validation part out only then. The validation images would shape the statistics that scale the
 * training images, so the validation accuracy that compares and chooses configurations would be
 * measured on images the preprocessing has already seen. The validation part is meant to stand
 * in for new images, so it is treated like test images: transformed with the training part's
 * statistics, never contributing to them.
 *
 * <p><b>What one call to {@code train} does.</b>
 * <pre>
 *   1. split       the rows MlpTrainer would hold out at this call (its validationFraction, seed and
 *                  invocation count: MlpTrainer.validationSplit), so each part has the same examples as
 *                  when MlpTrainer splits them itself:   training part T,  validation part V
 *   2. fit, train  Tribuo's TransformTrainer on T alone: statistics from T, the MLP trained on T transformed
 *   3. validate    V transformed as the finished model will transform any example (densified with the
 *                  model's features when densify is set, then the transformers fitted on T), given to
 *                  MlpTrainer explicitly as its validation set
 * </pre>
 * The transformations are fitted twice on T, once by the {@code TransformTrainer} for the model
 * and once here for V (Tribuo hands its inner trainer the transformed data, not the fitted
 * transformers); both fits read the same examples in the same order and give the same numbers.
 * Transformations without statistics ({@code SimpleTransform}, grey / 255) need none of this:
 * a plain {@code TransformTrainer} is enough for them.
 *
 * <p><b>Provenance.</b> The model is the {@code TransformedModel} that Tribuo's
 * {@code TransformTrainer} returns. Its dataset is the training part, a {@code DatasetView} whose
 * tag names the split, and its {@code TransformerMap} records the training part as the data it
 * was fitted on. The inner {@link MlpModel} records the transformed validation part under
 * {@value MlpTrainer#VALIDATION_PROVENANCE}. This trainer's own provenance is in the model's
 * instance values under {@value #TRAINER_PROVENANCE}, so {@code ProvenanceUtil.extractConfiguration}
 * rebuilds it, and the rebuilt trainer trains the same model.
 */
public final class HoldOutTransformTrainer implements Trainer<Label> {

    /** The key of this trainer's provenance in the instance values of the models it trains. */
    public static final String TRAINER_PROVENANCE = "hold-out-transform-trainer";

    @Config(mandatory = true, description = "The MLP trainer; its validationFraction, seed and invocation count decide the split.")
    private MlpTrainer innerTrainer;

    @Config(mandatory = true, description = "Transformations fitted on the training part and applied to every example.")
    private TransformationMap transformations;

    @Config(description = "Densify all the features before applying transformations.")
    private boolean densify;

    @Config(description = "Include the implicit zeros in the transformation statistics.")
    private boolean includeImplicitZeroFeatures;

    /** For OLCUT, which sets the fields and then calls {@link #postConfig()}. */
    private HoldOutTransformTrainer() {}

    /**
     * @param innerTrainer                the MLP trainer, whose validation split is used
     * @param transformations             fitted on the training part
     * @param densify                     turn absent features into explicit zeros before transforming
     *                                    (needed by any transformation that moves 0, on sparse data such as MNIST)
     * @param includeImplicitZeroFeatures count absent features as zeros in the statistics
     */
    public HoldOutTransformTrainer(MlpTrainer innerTrainer, TransformationMap transformations, boolean densify,
                                   boolean includeImplicitZeroFeatures) {
        this.innerTrainer = innerTrainer;
        this.transformations = transformations;
        this.densify = densify;
        this.includeImplicitZeroFeatures = includeImplicitZeroFeatures;
        postConfig();
    }

    @Override
    public void postConfig() {
        if (innerTrainer == null) {
            throw new PropertyException("", "innerTrainer", "is missing: give the MlpTrainer whose validation split to use");
        }
        if (transformations == null) {
            throw new PropertyException("", "transformations", "is missing: give a TransformationMap, e.g. a standardisation");
        }
    }

    @Override
    public TransformedModel<Label> train(Dataset<Label> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public TransformedModel<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public TransformedModel<Label> train(Dataset<Label> examples, Map<String, Provenance> runProvenance,
                                         int invocationCount) {
        synchronized (innerTrainer) {
            if (invocationCount != INCREMENT_INVOCATION_COUNT) {
                innerTrainer.setInvocationCount(invocationCount);
            }
            int call = innerTrainer.getInvocationCount();
            Map<String, Provenance> instanceProvenance = new HashMap<>(runProvenance);
            instanceProvenance.put(TRAINER_PROVENANCE, getProvenance());
            Split.Rows rows = innerTrainer.validationSplit(examples.size(), call);
            DatasetView<Label> training = part(examples, rows.train(), "training part", call);
            DatasetView<Label> validation = part(examples, rows.validation(), "validation part", call);
            TransformTrainer<Label> fitOnTraining = new TransformTrainer<>(new WithValidation(training, validation),
                    transformations, densify, includeImplicitZeroFeatures);
            return fitOnTraining.train(training, instanceProvenance, INCREMENT_INVOCATION_COUNT);
        }
    }

    /**
     * One part of the split as a view of {@code examples}, with the whole set's feature map and
     * label ids. The tag says how to draw its rows again; the rows themselves (tens of thousands
     * of numbers) are left out of the provenance, which every model and ONNX file carries.
     */
    private DatasetView<Label> part(Dataset<Label> examples, int[] rows, String name, int call) {
        DatasetView<Label> view = new DatasetView<>(examples, rows, String.format(Locale.ROOT,
                "%s of MlpTrainer's validation split (validationFraction %s, seed %d, call %d): %d of %d examples",
                name, innerTrainer.validationFraction(), innerTrainer.seed(), call, rows.length, examples.size()));
        view.setStoreIndices(false);
        return view;
    }

    /**
     * {@code part} transformed as a {@code TransformedModel} transforms one example: densified
     * with the model's features (the transformed training part's), then passed through
     * {@code fitted}. Its provenance records the transformation, and so the data it was fitted on.
     */
    static MutableDataset<Label> transformLikeTheModel(Dataset<Label> part, TransformerMap fitted,
                                                       ImmutableFeatureMap modelFeatures, boolean densify) {
        MutableDataset<Label> copy = MutableDataset.createDeepCopy(part);
        if (densify) {
            for (Example<Label> example : copy) {
                example.densify(modelFeatures);
            }
        }
        copy.transform(fitted);
        return copy;
    }

    /**
     * The trainer inside the {@code TransformTrainer} for one call: it receives the transformed
     * training part and trains the MLP with the validation part transformed the same way. Its
     * provenance is the MLP trainer's.
     */
    private final class WithValidation implements Trainer<Label> {
        private final Dataset<Label> training;
        private final Dataset<Label> validation;

        WithValidation(Dataset<Label> training, Dataset<Label> validation) {
            this.training = training;
            this.validation = validation;
        }

        @Override
        public MlpModel train(Dataset<Label> transformedTraining, Map<String, Provenance> runProvenance) {
            return train(transformedTraining, runProvenance, INCREMENT_INVOCATION_COUNT);
        }

        @Override
        public MlpModel train(Dataset<Label> transformedTraining, Map<String, Provenance> runProvenance,
                              int invocationCount) {
            TransformerMap fitted = training.createTransformers(transformations, includeImplicitZeroFeatures);
            MutableDataset<Label> transformedValidation = transformLikeTheModel(validation, fitted,
                    transformedTraining.getFeatureIDMap(), densify);
            return innerTrainer.train(transformedTraining, transformedValidation, runProvenance, invocationCount);
        }

        @Override
        public int getInvocationCount() {
            return innerTrainer.getInvocationCount();
        }

        @Override
        public void setInvocationCount(int invocationCount) {
            innerTrainer.setInvocationCount(invocationCount);
        }

        @Override
        public TrainerProvenance getProvenance() {
            return innerTrainer.getProvenance();
        }
    }

    @Override
    public int getInvocationCount() {
        return innerTrainer.getInvocationCount();
    }

    @Override
    public void setInvocationCount(int invocationCount) {
        innerTrainer.setInvocationCount(invocationCount);
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "HoldOutTransformTrainer(transformations=" + transformations + ",densify=" + densify
                + ",includeImplicitZeroFeatures=" + includeImplicitZeroFeatures + ",innerTrainer=" + innerTrainer + ")";
    }
}
