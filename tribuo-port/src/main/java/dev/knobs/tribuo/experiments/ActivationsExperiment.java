package dev.knobs.tribuo.experiments;

import java.util.Locale;

/**
 * Lesson 05 with Tribuo: the hidden activation. Changes from the lesson: the non-linearity is the
 * {@code activation} property of {@code MlpTrainer} in {@code configs/activations.xml}; the
 * output layer never gets one, because softmax is part of the loss.
 *
 * <p>Standard mode: the first 20,000 training images, 5 epochs of a 3-hidden-layer network.
 */
public final class ActivationsExperiment extends SweepExperiment {

    public ActivationsExperiment() {
        super(new Sweeps.Plan("activations", 20_000, 1, 15));
    }

    @Override
    public String title() {
        return "Hidden activations with Tribuo";
    }

    @Override
    public String mirrors() {
        return "05 (e)";
    }

    @Override
    public String summary() {
        return "ReLU, leaky ReLU, tanh and sigmoid in three hidden layers";
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult chosen = outcome.chosen();
        RunResult sigmoid = run(outcome, "sigmoid");
        return String.format(Locale.ROOT, "With Tribuo's MlpTrainer, %s hidden units are chosen on validation and reach "
                + "%.2f%% test accuracy; sigmoid units, whose slope is at most 1/4, reach %.2f%% in the same epochs.",
                chosen.label(), 100 * chosen.testAccuracy(), 100 * sigmoid.testAccuracy());
    }
}
