package dev.knobs.tribuo.mlp;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.knobs.nn.augment.Augmenter;
import dev.knobs.nn.data.MiniBatches;
import dev.knobs.nn.data.Split;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.optim.MaxNorm;
import dev.knobs.nn.optim.WeightDecay;
import dev.knobs.nn.schedule.LearningRateSchedule;
import dev.knobs.nn.train.TrainStep;
import dev.knobs.nn.train.TrainingDivergedException;
import dev.knobs.nn.train.TrainingLoop;
import dev.knobs.tribuo.augment.Augmentation;
import dev.knobs.tribuo.data.PixelLayout;
import dev.knobs.tribuo.optim.SharedVector;
import dev.knobs.tribuo.schedule.ConstantSchedule;
import dev.knobs.tribuo.schedule.RateSchedule;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.ParameterAveraging;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Trains a multilayer perceptron classifier inside Tribuo: a {@link Trainer} of {@link Label}s
 * whose {@link #train} returns an {@link MlpModel}. Tribuo 4.3 has no neural network trainer of
 * its own; this one follows the shape of its SGD trainers ({@code AbstractSGDTrainer}) and does
 * the array math with nn-core, the course's from-scratch library.
 *
 * <h2>The network and its training</h2>
 * <pre>
 *   x: [batch, F]  →  Dropout(inputDropout) → Dense(F→h₁) → act → Dropout(d₁) → ... → Dense(h_L→C)  →  logits [batch, C]
 *   loss     L = mean over the batch of  -log softmax(logits)[label]
 *   step t   g = -∂L/∂θ                               (Tribuo's sign: optimisers return what is added to θ)
 *            u = optimiser.step(g, 1)                  any Tribuo StochasticGradientOptimiser
 *            θ ← θ + m(t) · u                          m(t) from the schedule, 1 without one
 * </pre>
 * with weight decay ({@code g -= λ·W}) before the optimiser and a max-norm constraint on each
 * unit's incoming weights after the update, when configured. F is the number of features in the
 * training set's feature map, C the number of labels.
 *
 * <h2>How it maps to Tribuo's concepts</h2>
 * <table>
 *   <caption>Tribuo concepts and what this trainer does with them</caption>
 *   <tr><th>Tribuo</th><th>here</th></tr>
 *   <tr><td>{@link Dataset}, {@link ImmutableFeatureMap}</td><td>the examples become a dense matrix
 *       {@code [n, F]} by feature id (features the map does not know are ignored, as in every Tribuo model)</td></tr>
 *   <tr><td>{@link ImmutableOutputInfo}</td><td>label ids are the output units' order</td></tr>
 *   <tr><td>{@link StochasticGradientOptimiser} ({@code SGD}, {@code AdaGrad}, {@code AdaDelta},
 *       {@code RMSProp}, {@code Adam}, {@code ParameterAveraging})</td><td>used unchanged through its
 *       {@code initialise / step / finalise / reset} protocol; each weight matrix is one flat tensor</td></tr>
 *   <tr><td>{@code TransformTrainer}, {@code TransformationMap}</td><td>input normalisation: wrap this
 *       trainer in a {@code TransformTrainer}; it sees the transformed features. Transformations
 *       fitted to the data (standardisation, min-max) go in a {@code HoldOutTransformTrainer}, which
 *       holds the validation part out first ({@link #validationSplit}) and fits them on the rest</td></tr>
 *   <tr><td>OLCUT {@link Config} fields, {@code postConfig}</td><td>every knob below, checked with a
 *       message naming the property; usable from XML/JSON configuration files and the command line
 *       ({@link MlpOptions})</td></tr>
 *   <tr><td>{@link TrainerProvenance}, {@link ModelProvenance}</td><td>recorded on every model, with the
 *       seed and invocation count, so {@code ProvenanceUtil.extractConfiguration} rebuilds this trainer</td></tr>
 *   <tr><td>{@code LabelEvaluator}</td><td>evaluates the {@link MlpModel} like any other model</td></tr>
 *   <tr><td>(none in Tribuo)</td><td>layers, activations, dropout, initialisers, mini-batch shuffling
 *       per epoch, learning-rate schedules ({@link RateSchedule}), image augmentation
 *       ({@link Augmentation}), a validation split with per-epoch history ({@link EpochStats})</td></tr>
 * </table>
 *
 * <h2>Determinism</h2>
 * Like Tribuo's trainers, it keeps a generator seeded with {@code seed} and splits it once per
 * call to {@code train}; the split generator decides the initial weights, the validation split,
 * the shuffling, the dropout masks and the augmentation. The same seed, invocation count and
 * thread count give bit-identical models, whether the validation part is held out here or, with
 * the rows of {@link #validationSplit}, by the caller.
 */
public final class MlpTrainer implements Trainer<Label> {
    private static final Logger logger = Logger.getLogger(MlpTrainer.class.getName());

    /** The key of the validation set's provenance in a model's instance values, when it was given explicitly. */
    public static final String VALIDATION_PROVENANCE = "validation-data";

    @Config(mandatory = true, description = "Widths of the hidden layers, first to last, e.g. 1024,1024 (empty for softmax regression).")
    private int[] hiddenSizes;

    @Config(description = "Activation of the hidden layers.")
    private Activation activation = Activation.RELU;

    @Config(description = "Dropout rate on the input features, in [0, 1).")
    private double inputDropout = 0.0;

    @Config(description = "Dropout rate after each hidden layer: one rate per hidden layer, or one rate for all, each in [0, 1).")
    private double[] hiddenDropout = {0.0};

    @Config(description = "How the weights start (biases start at 0).")
    private WeightInit initialiser = WeightInit.HE_NORMAL;

    @Config(mandatory = true, description = "The gradient optimiser: any Tribuo StochasticGradientOptimiser.")
    private StochasticGradientOptimiser optimiser;

    @Config(description = "Learning-rate schedule multiplying the optimiser's rate (constant if absent).")
    private RateSchedule schedule;

    @Config(description = "Passes over the training data.")
    private int epochs = 10;

    @Config(description = "Examples per gradient step.")
    private int minibatchSize = 128;

    @Config(description = "Random changes to each training image (none if absent).")
    private Augmentation augmentation;

    @Config(description = "Image height in pixels, for augmentation.")
    private int imageHeight = 28;

    @Config(description = "Image width in pixels, for augmentation.")
    private int imageWidth = 28;

    @Config(description = "L2 weight decay λ added to the loss gradient of every weight matrix (0 for none).")
    private double weightDecay = 0.0;

    @Config(description = "Largest allowed L2 norm of each unit's incoming weights (0 for no constraint).")
    private double maxNorm = 0.0;

    @Config(description = "Share of the training examples held out to measure validation loss and accuracy after every epoch, in [0, 0.5].")
    private double validationFraction = 0.0;

    @Config(description = "Seed of the generator behind initial weights, validation split, shuffling, dropout and augmentation.")
    private long seed = Trainer.DEFAULT_SEED;

    private SplittableRandom rng;
    private int trainInvocationCounter;
    private TrainingListener listener;

    /** For OLCUT, which sets the fields and then calls {@link #postConfig()}. */
    private MlpTrainer() {}

    /**
     * A ReLU network with He-normal weights, no dropout, no schedule and no augmentation; the
     * {@code with...} methods change one knob at a time.
     *
     * @param hiddenSizes   widths of the hidden layers, e.g. {@code {1024, 1024}}
     * @param optimiser     e.g. {@code SGD.getSimpleSGD(0.05, 0.9, SGD.Momentum.STANDARD)}
     * @param epochs        passes over the training data
     * @param minibatchSize examples per step
     * @param seed          the run's seed
     */
    public MlpTrainer(int[] hiddenSizes, StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, long seed) {
        this.hiddenSizes = hiddenSizes == null ? null : hiddenSizes.clone();
        this.optimiser = optimiser;
        this.epochs = epochs;
        this.minibatchSize = minibatchSize;
        this.seed = seed;
        postConfig();
    }

    /** Checks every knob and seeds the generator; throws {@link PropertyException} naming the bad property. */
    @Override
    public synchronized void postConfig() {
        if (hiddenSizes == null) {
            throw new PropertyException("", "hiddenSizes", "is missing: give the hidden layer widths, e.g. 128 or 1024,1024");
        }
        for (int h : hiddenSizes) {
            if (h < 1 || h > 1 << 16) {
                throw new PropertyException("", "hiddenSizes", "every hidden width must be from 1 to 65536, got "
                        + Arrays.toString(hiddenSizes));
            }
        }
        if (hiddenDropout == null || (hiddenDropout.length != 1 && hiddenDropout.length != hiddenSizes.length)) {
            throw new PropertyException("", "hiddenDropout", "give one rate per hidden layer (" + hiddenSizes.length
                    + ") or one rate for all, got " + Arrays.toString(hiddenDropout));
        }
        rate("inputDropout", inputDropout);
        for (double p : hiddenDropout) {
            rate("hiddenDropout", p);
        }
        if (activation == null || initialiser == null) {
            throw new PropertyException("", activation == null ? "activation" : "initialiser", "must not be empty");
        }
        if (optimiser == null) {
            throw new PropertyException("", "optimiser", "is missing: give a Tribuo StochasticGradientOptimiser, "
                    + "e.g. org.tribuo.math.optimisers.Adam");
        }
        if (optimiser instanceof ParameterAveraging && schedule != null && !schedule.isConstant()) {
            throw new PropertyException("", "schedule", "cannot be combined with ParameterAveraging, which averages the "
                    + "updates before the schedule scales them; use a constant schedule or another optimiser");
        }
        whole("epochs", epochs, 1, 1_000_000);
        whole("minibatchSize", minibatchSize, 1, 1 << 20);
        whole("imageHeight", imageHeight, 1, 1 << 14);
        whole("imageWidth", imageWidth, 1, 1 << 14);
        if (!(weightDecay >= 0 && weightDecay < 1)) {
            throw new PropertyException("", "weightDecay", "must be in [0, 1) (1e-4 to 1e-3 is usual, 0 for none), got " + weightDecay);
        }
        if (!(maxNorm >= 0 && Double.isFinite(maxNorm))) {
            throw new PropertyException("", "maxNorm", "must be >= 0 (3 to 4 is usual with dropout, 0 for none), got " + maxNorm);
        }
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new PropertyException("", "validationFraction", "must be in [0, 0.5] (e.g. 0.0833 holds out 5,000 of "
                    + "60,000), got " + validationFraction);
        }
        rng = new SplittableRandom(seed);
        trainInvocationCounter = 0;
    }

    private static void rate(String property, double p) {
        if (!(p >= 0 && p < 1)) {
            throw new PropertyException("", property, "dropout rates must be in [0, 1) (0 = none, 0.5 = half the units), got " + p);
        }
    }

    private static void whole(String property, int value, int lo, int hi) {
        if (value < lo || value > hi) {
            throw new PropertyException("", property, "must be a whole number from " + lo + " to " + hi + ", got " + value);
        }
    }

    // ------------------------------------------------------------------ one knob at a time

    private MlpTrainer copy() {
        MlpTrainer c = new MlpTrainer();
        c.hiddenSizes = hiddenSizes.clone();
        c.activation = activation;
        c.inputDropout = inputDropout;
        c.hiddenDropout = hiddenDropout.clone();
        c.initialiser = initialiser;
        c.optimiser = optimiser;
        c.schedule = schedule;
        c.epochs = epochs;
        c.minibatchSize = minibatchSize;
        c.augmentation = augmentation;
        c.imageHeight = imageHeight;
        c.imageWidth = imageWidth;
        c.weightDecay = weightDecay;
        c.maxNorm = maxNorm;
        c.validationFraction = validationFraction;
        c.seed = seed;
        return c;
    }

    /** A copy with {@code change} applied, checked like a configured trainer. */
    private MlpTrainer with(Consumer<MlpTrainer> change) {
        MlpTrainer c = copy();
        change.accept(c);
        c.postConfig();
        return c;
    }

    public MlpTrainer withActivation(Activation newActivation) {
        return with(c -> c.activation = newActivation);
    }

    /** Input dropout and hidden dropout (one rate per hidden layer, or one for all). */
    public MlpTrainer withDropout(double input, double... hidden) {
        return with(c -> {
            c.inputDropout = input;
            c.hiddenDropout = hidden.length == 0 ? new double[] {0.0} : hidden.clone();
        });
    }

    public MlpTrainer withInitialiser(WeightInit newInitialiser) {
        return with(c -> c.initialiser = newInitialiser);
    }

    /** A schedule multiplying the optimiser's rate, or null for a constant rate. */
    public MlpTrainer withSchedule(RateSchedule newSchedule) {
        return with(c -> c.schedule = newSchedule);
    }

    /** Augmentation of the training images, or null for none. */
    public MlpTrainer withAugmentation(Augmentation newAugmentation) {
        return with(c -> c.augmentation = newAugmentation);
    }

    public MlpTrainer withImageSize(int height, int width) {
        return with(c -> {
            c.imageHeight = height;
            c.imageWidth = width;
        });
    }

    public MlpTrainer withWeightDecay(double lambda) {
        return with(c -> c.weightDecay = lambda);
    }

    public MlpTrainer withMaxNorm(double radius) {
        return with(c -> c.maxNorm = radius);
    }

    public MlpTrainer withValidationFraction(double fraction) {
        return with(c -> c.validationFraction = fraction);
    }

    public MlpTrainer withEpochs(int newEpochs) {
        return with(c -> c.epochs = newEpochs);
    }

    /**
     * Sets who is told about each finished epoch (null for nobody). Not configuration: it does
     * not change the model and is not recorded in the provenance.
     */
    public synchronized void setListener(TrainingListener newListener) {
        listener = newListener;
    }

    public int epochs() {
        return epochs;
    }

    public int minibatchSize() {
        return minibatchSize;
    }

    public long seed() {
        return seed;
    }

    public int[] hiddenSizes() {
        return hiddenSizes.clone();
    }

    public Activation activation() {
        return activation;
    }

    public WeightInit initialiser() {
        return initialiser;
    }

    /** The augmentation, or null for none. */
    public Augmentation augmentation() {
        return augmentation;
    }

    public StochasticGradientOptimiser optimiser() {
        return optimiser;
    }

    /** The schedule, never null ({@link ConstantSchedule} when none is configured). */
    public RateSchedule schedule() {
        return schedule == null ? new ConstantSchedule() : schedule;
    }

    public double validationFraction() {
        return validationFraction;
    }

    /** How many of {@code size} examples the validation split holds out: {@code round(validationFraction · size)}. */
    public int validationSize(int size) {
        return (int) Math.round(validationFraction * size);
    }

    /**
     * The split that {@link #train(Dataset, Map, int) train} makes of {@code size} examples at
     * call number {@code invocationCount} (0 for the first): the rows it trains on and the rows it
     * holds out for validation, each in increasing order; no validation rows when
     * {@code validationFraction} is 0. The seed of the split is the first number drawn from
     * that call's generator, as {@code train} draws it.
     */
    public Split.Rows validationSplit(int size, int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("the invocation count must be >= 0, got " + invocationCount);
        }
        int held = validationSize(size);
        if (held == 0) {
            return new Split.Rows(IntStream.range(0, size).toArray(), new int[0]);
        }
        SplittableRandom root = new SplittableRandom(seed);
        for (int call = 0; call < invocationCount; call++) {
            root.split();
        }
        return Split.holdOutRows(size, held, root.split().nextLong());
    }

    // ------------------------------------------------------------------ training

    @Override
    public MlpModel train(Dataset<Label> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public MlpModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public MlpModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        return fit(examples, null, runProvenance, invocationCount);
    }

    /**
     * Trains on all of {@code training} and measures loss and accuracy on {@code validation}
     * after every epoch, instead of holding out {@code validationFraction} of the examples itself.
     * For a caller that holds the validation part out before it fits input transformations, so
     * that their statistics come from the training part alone ({@code HoldOutTransformTrainer}).
     * With the two parts of {@link #validationSplit} (transformed or not) it trains the model that
     * {@code train} on the whole set would have trained at the same invocation: same initial
     * weights, same mini-batches. The validation examples go through the training set's feature
     * map, as they would through the model's; their provenance is recorded in the model's
     * instance values under {@value #VALIDATION_PROVENANCE}.
     *
     * @param validation the held-out examples, already transformed like the training examples;
     *                   empty for no validation
     */
    public MlpModel train(Dataset<Label> training, Dataset<Label> validation, Map<String, Provenance> runProvenance,
                          int invocationCount) {
        if (validation == null) {
            throw new IllegalArgumentException("the validation set is missing; give an empty dataset for no validation, "
                    + "or call train(examples) to hold out validationFraction of them");
        }
        return fit(training, validation, runProvenance, invocationCount);
    }

    /** Trains on {@code examples}; {@code validation} null means: hold out {@code validationFraction} of them. */
    private MlpModel fit(Dataset<Label> examples, Dataset<Label> validation, Map<String, Provenance> runProvenance,
                         int invocationCount) {
        // 1. check the data, and take this call's generator, optimiser and provenance
        if (examples.getOutputInfo().getUnknownCount() > 0
                || (validation != null && validation.getOutputInfo().getUnknownCount() > 0)) {
            throw new IllegalArgumentException("the dataset has examples without a label; MlpTrainer is supervised");
        }
        if (examples.size() < 2 || examples.getFeatureIDMap().size() < 1) {
            throw new IllegalArgumentException("MlpTrainer needs at least 2 examples with features, got " + examples.size()
                    + " examples and " + examples.getFeatureIDMap().size() + " features");
        }
        SplittableRandom localRng;
        StochasticGradientOptimiser localOptimiser;
        TrainerProvenance trainerProvenance;
        TrainingListener localListener;
        synchronized (this) {
            if (invocationCount != INCREMENT_INVOCATION_COUNT) {
                setInvocationCount(invocationCount);
            }
            localRng = rng.split();
            localOptimiser = optimiser.copy();
            trainerProvenance = getProvenance();
            localListener = listener;
            trainInvocationCounter++;
        }
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        ImmutableOutputInfo<Label> outputInfo = examples.getOutputIDInfo();
        int features = featureMap.size();
        int classes = outputInfo.size();

        // 2. the examples as a dense matrix, and the validation split (the seed is drawn even when the
        //    caller split the data, so that every later draw is the one an internal split would see)
        DenseData all = DenseData.of(examples, featureMap, outputInfo);
        checkFinite(all, featureMap, "training");
        dev.knobs.nn.data.Dataset allSet = asDataset("tribuo-train", all, classes);
        long splitSeed = localRng.nextLong();
        dev.knobs.nn.data.Dataset trainSet;
        dev.knobs.nn.data.Dataset validationSet;
        if (validation == null) {
            int held = validationSize(all.size());
            Split split = held == 0 ? null : Split.holdOut(allSet, held, splitSeed);
            trainSet = split == null ? allSet : split.train();
            validationSet = split == null ? null : split.validation();
        } else {
            trainSet = allSet;
            validationSet = validation.size() == 0 ? null : asDataset("tribuo-validation",
                    validationData(validation, featureMap, outputInfo), classes);
        }

        // 3. the network, its parameters as Tribuo tensors, the optimiser's state
        int[] widths = widths(features, classes);
        Sequential net = new Mlp(widths, activation.layerName(), (float) inputDropout, floats(hiddenDropout),
                initialiser.initializer()).build(localRng.split());
        List<Parameter> parameters = net.parameters();
        MlpParameters tensors = new MlpParameters(parameters.stream().mapToInt(Parameter::size).toArray());
        SharedVector[] gradients = new SharedVector[parameters.size()];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = new SharedVector(new double[parameters.get(i).size()]);
        }
        localOptimiser.initialise(tensors);

        // 4. mini-batches, schedule, augmentation, regularisers
        MiniBatches batches = new MiniBatches(trainSet, minibatchSize, localRng.nextLong());
        LearningRateSchedule multipliers = schedule().multipliers(batches.count(), epochs);
        TrainingLoop.Augment augment = augmentation == null ? null : new PixelAugment(
                PixelLayout.of(featureMap, imageHeight, imageWidth),
                new Augmenter(augmentation.transform(), localRng.nextLong()), imageHeight, imageWidth);
        TrainStep step = new TrainStep(net, new TribuoUpdate(localOptimiser, gradients),
                weightDecay > 0 ? new WeightDecay((float) weightDecay) : null,
                maxNorm > 0 ? new MaxNorm((float) maxNorm) : null);
        List<EpochStats> history = new ArrayList<>();

        // 5. the epochs: nn-core's loop (shuffle, batch, augment, forward, loss, backward, Tribuo's optimiser step)
        TrainingListener tellListener = localListener;
        TrainingLoop.Result result = new TrainingLoop(step, batches, augment, multipliers, true, epochs)
                .run("tribuo", validationSet, null, new dev.knobs.nn.train.TrainingListener() {
                    @Override
                    public boolean epochEnded(EpochRecord e, int total) {
                        EpochStats stats = new EpochStats(e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                                e.validationAccuracy(), e.learningRate(), e.seconds());
                        history.add(stats);
                        if (logger.isLoggable(Level.FINE)) {
                            logger.fine(stats.toString());
                        }
                        if (tellListener != null) {
                            tellListener.epochEnded(stats, total);
                        }
                        return true;
                    }
                });
        if (result.diverged() != null) {
            TrainingDivergedException e = result.diverged();
            throw new TrainingDivergedException(String.format("training diverged at epoch %d, step %d: the "
                    + "mini-batch loss is %s. The steps of %s are too large for these inputs: lower its learning "
                    + "rate 3 to 10 times, add a warm-up, or scale the inputs.", e.epoch(), e.step(),
                    Float.isFinite(e.loss()) ? String.format("%.4g", e.loss()) : String.valueOf(e.loss()),
                    localOptimiser), e.epoch(), e.step(), e.loss());
        }

        // 6. let the optimiser finish (parameter averaging writes the averaged weights), forget its state
        for (int i = 0; i < parameters.size(); i++) {
            float[] v = parameters.get(i).value();
            double[] d = tensors.values(i);
            for (int j = 0; j < v.length; j++) {
                d[j] = v[j];
            }
        }
        localOptimiser.finalise();
        for (int i = 0; i < parameters.size(); i++) {
            float[] v = parameters.get(i).value();
            double[] d = tensors.values(i);
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) d[j];
            }
        }
        localOptimiser.reset();

        // 7. the model, with its provenance
        Map<String, Provenance> instanceProvenance = runProvenance;
        if (validation != null) {
            instanceProvenance = new HashMap<>(runProvenance);
            instanceProvenance.put(VALIDATION_PROVENANCE, validation.getProvenance());
        }
        ModelProvenance provenance = new ModelProvenance(MlpModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance, instanceProvenance);
        List<Dense> dense = new ArrayList<>();
        for (Layer layer : net.layers()) {
            if (layer instanceof Dense d) {
                dense.add(d);
            }
        }
        float[][] w = new float[dense.size()][];
        float[][] bias = new float[dense.size()][];
        for (int l = 0; l < dense.size(); l++) {
            w[l] = dense.get(l).weights().value().clone();
            bias[l] = dense.get(l).bias().value().clone();
        }
        return new MlpModel("mlp-model", provenance, featureMap, outputInfo, widths, activation, w, bias, history);
    }

    /**
     * The validation examples as a dense matrix in the training set's feature map and label ids,
     * checked like the training examples.
     */
    private static DenseData validationData(Dataset<Label> validation, ImmutableFeatureMap featureMap,
                                            ImmutableOutputInfo<Label> outputInfo) {
        DenseData data = DenseData.of(validation, featureMap, outputInfo);
        checkFinite(data, featureMap, "validation");
        for (int i = 0; i < data.size(); i++) {
            if (data.labels()[i] < 0) {
                throw new IllegalArgumentException("validation example " + i + " has the label '"
                        + validation.getExample(i).getOutput().getLabel() + "', which no training example has; "
                        + "the model could never predict it. Use more data, or hold out fewer examples");
            }
        }
        return data;
    }

    /** Rejects NaN and infinite inputs, which would make every weight NaN, naming the first one. */
    private static void checkFinite(DenseData data, ImmutableFeatureMap featureMap, String part) {
        float[] x = data.x();
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException("feature '" + featureMap.get(i % data.features()).getName()
                        + "' of " + part + " example " + i / data.features() + " is " + x[i] + ": the input "
                        + "transformations produced a non-number (a standard deviation of 0?); fix the transformation "
                        + "before training");
            }
        }
    }

    private int[] widths(int features, int classes) {
        int[] widths = new int[hiddenSizes.length + 2];
        widths[0] = features;
        System.arraycopy(hiddenSizes, 0, widths, 1, hiddenSizes.length);
        widths[widths.length - 1] = classes;
        return widths;
    }

    private static dev.knobs.nn.data.Dataset asDataset(String name, DenseData data, int classes) {
        return new dev.knobs.nn.data.Dataset(name, data.x(), data.labels(), data.size(), 1, data.features(), classes);
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    // ------------------------------------------------------------------ Tribuo bookkeeping

    @Override
    public int getInvocationCount() {
        return trainInvocationCounter;
    }

    /** Puts the generator where it would be after {@code invocationCount} calls to {@code train}. */
    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("the invocation count must be >= 0, got " + invocationCount);
        }
        rng = new SplittableRandom(seed);
        for (trainInvocationCounter = 0; trainInvocationCounter < invocationCount; trainInvocationCounter++) {
            rng.split();
        }
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "MlpTrainer(hiddenSizes=" + Arrays.toString(hiddenSizes) + ",activation=" + activation
                + ",inputDropout=" + inputDropout + ",hiddenDropout=" + Arrays.toString(hiddenDropout)
                + ",initialiser=" + initialiser + ",optimiser=" + optimiser + ",schedule=" + schedule()
                + ",epochs=" + epochs + ",minibatchSize=" + minibatchSize + ",augmentation=" + augmentation
                + (weightDecay > 0 ? ",weightDecay=" + weightDecay : "") + (maxNorm > 0 ? ",maxNorm=" + maxNorm : "")
                + ",validationFraction=" + validationFraction + ",seed=" + seed + ")";
    }
}
