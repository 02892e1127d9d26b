package dev.knobs.nn.train;

import dev.knobs.nn.kernel.Profile;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import dev.knobs.nn.optim.MaxNorm;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.optim.WeightDecay;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of mini-batch gradient descent, the heart of training:
 *
 * <pre>
 *   1. forward    logits = model(x)                      [batch, classes]
 *   2. loss       L = cross-entropy(softmax(logits), y)
 *   3. backward   dL/dθ for every parameter θ (chain rule, last layer first)
 *   4. update     θ ← optimizer(θ, dL/dθ, η)             (+ weight decay before, max-norm after)
 * </pre>
 *
 * <p>The epoch loop around it (shuffle, batch, schedule, record) is written out in the lessons.
 *
 * <p>With plain {@link Momentum} (no weight decay, no max-norm), steps 3 and 4 partly merge: the
 * weights of each {@code Dense → ReLU} layer are updated by the matrix multiply that computes their
 * gradient ({@link Sequential#backward(float[], int, Momentum, float)}), and {@code step} updates
 * the rest. Same numbers, bit for bit, one pass over those weights fewer.
 */
public final class TrainStep {
    private final Sequential model;
    private final Optimizer optimizer;
    private final WeightDecay weightDecay;
    private final MaxNorm maxNorm;
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private final List<Parameter> parameters;

    /**
     * @param weightDecay L2 decay applied to the gradients before the update, or null for none
     * @param maxNorm     constraint applied after the update, or null for none
     */
    public TrainStep(Sequential model, Optimizer optimizer, WeightDecay weightDecay, MaxNorm maxNorm) {
        this.model = model;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        this.maxNorm = maxNorm;
        this.parameters = model.parameters();
    }

    /** A step without weight decay or max-norm. */
    public TrainStep(Sequential model, Optimizer optimizer) {
        this(model, optimizer, null, null);
    }

    /**
     * Trains on one mini-batch.
     *
     * @param x      inputs {@code [batch, features]}, not modified
     * @param labels true classes, at least {@code batch} of them
     * @return the mini-batch's mean loss before the update
     */
    public float run(float[] x, int[] labels, int batch, float learningRate) {
        float[] logits = model.forward(x, batch, true);                            // 1. forward
        float value = loss.forward(logits, labels, batch, model.outputWidth());    // 2. loss
        if (!Float.isFinite(value)) {
            return value;                      // do not spread NaN into the weights; the caller's guard reports it
        }
        List<Parameter> stepped = List.of();
        if (optimizer.getClass() == Momentum.class && weightDecay == null && maxNorm == null) {
            Optimizer.checkLearningRate(learningRate);                             // 3. backward, and 4. for the
            stepped = model.backward(loss.backward(), batch, (Momentum) optimizer, learningRate);  // weights it can
        } else {
            model.backward(loss.backward(), batch);                                // 3. backward
        }
        long t = Profile.start();                                                  // (timed for the benchmark)
        if (weightDecay != null) {
            weightDecay.apply(parameters);                                         // 4. update
        }
        optimizer.step(stepped.isEmpty() ? parameters : without(parameters, stepped), learningRate);
        if (maxNorm != null) {
            maxNorm.apply(parameters);
        }
        Profile.stop(Profile.Part.OPTIMIZER, t);
        return value;
    }

    /** {@code all} less {@code some} (by identity), in order. */
    private static List<Parameter> without(List<Parameter> all, List<Parameter> some) {
        List<Parameter> rest = new ArrayList<>();
        for (Parameter p : all) {
            if (some.stream().noneMatch(q -> q == p)) {
                rest.add(p);
            }
        }
        return rest;
    }

    /** Softmax probabilities of the last batch, {@code [batch, classes]}, e.g. for training accuracy. */
    public float[] probabilities() {
        return loss.probabilities();
    }

    /** Number of rows of the last batch whose most probable class is the label. */
    public int correct(int[] labels, int batch) {
        int classes = model.outputWidth();
        float[] p = loss.probabilities();
        int n = 0;
        for (int i = 0; i < batch; i++) {
            if (dev.knobs.nn.metrics.Evaluator.argmax(p, i * classes, classes) == labels[i]) {
                n++;
            }
        }
        return n;
    }

    /** The network being trained. */
    public Sequential model() {
        return model;
    }

    /** The optimiser, with its state. */
    public Optimizer optimizer() {
        return optimizer;
    }
}
