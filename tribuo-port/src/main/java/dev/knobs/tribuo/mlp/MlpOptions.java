package dev.knobs.tribuo.mlp;

import com.oracle.labs.mlrg.olcut.config.ArgumentException;
import com.oracle.labs.mlrg.olcut.config.Option;
import dev.knobs.tribuo.augment.AffineAugmentation;
import dev.knobs.tribuo.augment.Augmentation;
import dev.knobs.tribuo.augment.ComposedAugmentation;
import dev.knobs.tribuo.augment.ElasticAugmentation;
import dev.knobs.tribuo.optim.Adam;
import dev.knobs.tribuo.schedule.ConstantSchedule;
import dev.knobs.tribuo.schedule.CosineAnnealingSchedule;
import dev.knobs.tribuo.schedule.OneCycleSchedule;
import dev.knobs.tribuo.schedule.RateSchedule;
import java.util.Arrays;
import java.util.List;
import org.tribuo.classification.ClassificationOptions;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.GradientOptimiserOptions;

/**
 * Command-line flags for {@link MlpTrainer}, in the style of Tribuo's own trainer options
 * ({@code LinearSGDOptions}, {@code XGBoostOptions}): OLCUT parses them, the optimiser comes from
 * Tribuo's {@link GradientOptimiserOptions} ({@code --sgo-type}, {@code --sgo-learning-rate},
 * {@code --sgo-momentum}, ...), and {@link #getTrainer()} builds the trainer.
 *
 * <pre>
 *   --mlp-hidden 1024,1024 --mlp-activation RELU --mlp-input-dropout 0.2 --mlp-hidden-dropout 0.5
 *   --mlp-epochs 30 --mlp-minibatch-size 128 --mlp-schedule ONE_CYCLE --mlp-augmentation ELASTIC_AFFINE
 *   --sgo-type CONSTANTSGD --sgo-learning-rate 0.1 --sgo-momentum NESTEROV --sgo-rho 0.9
 * </pre>
 * {@code --mlp-adam} replaces the {@code --sgo-type} optimiser by this project's corrected Adam
 * at {@code --sgo-learning-rate} (Tribuo 4.3.2's {@code ADAM} does not train an MLP; see
 * {@link Adam}).
 */
public final class MlpOptions implements ClassificationOptions<MlpTrainer> {

    /** Learning-rate schedules selectable from the command line (their settings are the usual ones). */
    public enum ScheduleType {
        /** The optimiser's rate throughout. */
        CONSTANT,
        /** One epoch of warm-up, then a cosine down to 0. */
        COSINE,
        /** One-cycle: 25% rising from peak/25, then falling to peak/25,000. */
        ONE_CYCLE
    }

    /** Augmentations selectable from the command line. */
    public enum AugmentationType {
        NONE,
        /** ±10°, ±2 pixels, ±10% zoom. */
        AFFINE,
        /** Elastic distortion, alpha 10, sigma 4. */
        ELASTIC,
        /** Elastic, then affine. */
        ELASTIC_AFFINE
    }

    @Override
    public String getOptionsDescription() {
        return "Options for the multilayer perceptron trainer (dev.knobs.tribuo.mlp.MlpTrainer).";
    }

    /** The optimiser, as for every Tribuo SGD trainer. */
    public GradientOptimiserOptions sgoOptions;

    @Option(longName = "mlp-hidden", usage = "Hidden layer widths, comma separated, e.g. 1024,1024. Defaults to 128.")
    public String hidden = "128";

    @Option(longName = "mlp-activation", usage = "Hidden activation: RELU, LEAKY_RELU, SIGMOID or TANH. Defaults to RELU.")
    public Activation activation = Activation.RELU;

    @Option(longName = "mlp-initialiser", usage = "Weight initialiser. Defaults to HE_NORMAL.")
    public WeightInit initialiser = WeightInit.HE_NORMAL;

    @Option(longName = "mlp-input-dropout", usage = "Dropout rate on the inputs, in [0, 1). Defaults to 0.")
    public double inputDropout = 0;

    @Option(longName = "mlp-hidden-dropout", usage = "Dropout rate(s) after the hidden layers, one per layer or one for all, "
            + "comma separated. Defaults to 0.")
    public String hiddenDropout = "0";

    @Option(longName = "mlp-epochs", usage = "Passes over the training data. Defaults to 10.")
    public int epochs = 10;

    @Option(longName = "mlp-minibatch-size", usage = "Examples per step. Defaults to 128.")
    public int minibatchSize = 128;

    @Option(longName = "mlp-schedule", usage = "Learning-rate schedule: CONSTANT, COSINE or ONE_CYCLE. Defaults to CONSTANT.")
    public ScheduleType schedule = ScheduleType.CONSTANT;

    @Option(longName = "mlp-augmentation", usage = "Training image augmentation: NONE, AFFINE, ELASTIC or ELASTIC_AFFINE. "
            + "Defaults to NONE.")
    public AugmentationType augmentation = AugmentationType.NONE;

    @Option(longName = "mlp-weight-decay", usage = "L2 weight decay. Defaults to 0.")
    public double weightDecay = 0;

    @Option(longName = "mlp-validation-fraction", usage = "Share of the training data held out for per-epoch validation. "
            + "Defaults to 0.")
    public double validationFraction = 0;

    @Option(longName = "mlp-adam", usage = "Use the corrected Adam at --sgo-learning-rate instead of --sgo-type.")
    public boolean adam = false;

    @Option(longName = "mlp-seed", usage = "Seed for weights, shuffling, dropout and augmentation. Defaults to 42.")
    public long seed = 42;

    @Override
    public MlpTrainer getTrainer() {
        StochasticGradientOptimiser optimiser = adam ? new Adam(sgoOptions.learningRate, 0.9, 0.999, 1e-8)
                : sgoOptions.getOptimiser();
        MlpTrainer trainer = new MlpTrainer(parseInts("mlp-hidden", hidden), optimiser, epochs, minibatchSize, seed)
                .withActivation(activation).withInitialiser(initialiser)
                .withDropout(inputDropout, parseDoubles("mlp-hidden-dropout", hiddenDropout))
                .withWeightDecay(weightDecay).withValidationFraction(validationFraction);
        return trainer.withSchedule(schedule()).withAugmentation(augmentation());
    }

    private RateSchedule schedule() {
        return switch (schedule) {
            case CONSTANT -> new ConstantSchedule();
            case COSINE -> new CosineAnnealingSchedule(1, 0);
            case ONE_CYCLE -> new OneCycleSchedule(0.25, 25, 1000);
        };
    }

    private Augmentation augmentation() {
        return switch (augmentation) {
            case NONE -> null;
            case AFFINE -> new AffineAugmentation(10, 2, 0.1, 0);
            case ELASTIC -> new ElasticAugmentation(10, 4);
            case ELASTIC_AFFINE -> new ComposedAugmentation(List.of(new ElasticAugmentation(10, 4),
                    new AffineAugmentation(10, 2, 0.1, 0)));
        };
    }

    private static int[] parseInts(String flag, String text) {
        try {
            return text.isBlank() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new ArgumentException(flag, "expected whole numbers separated by commas, e.g. 1024,1024; got '" + text + "'");
        }
    }

    private static double[] parseDoubles(String flag, String text) {
        try {
            return Arrays.stream(text.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new ArgumentException(flag, "expected numbers separated by commas, e.g. 0.5 or 0.5,0.3; got '" + text + "'");
        }
    }
}
