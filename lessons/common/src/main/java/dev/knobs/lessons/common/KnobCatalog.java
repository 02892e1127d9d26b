package dev.knobs.lessons.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every knob of the course, by name: one list, so that {@code --hidden-dropout} means the same in
 * lesson 07 and lesson 12. A lesson's {@code Hyperparams} record names its components after these
 * knobs (the component {@code hiddenDropout} is the knob {@code hidden-dropout}); a lesson that
 * sweeps a knob declares the component as an array and the flag takes the list of values to try.
 */
public final class KnobCatalog {
    private static final Map<String, Knob> ALL = new LinkedHashMap<>();

    static {
        // the network
        add(Knob.counts("hidden", 1, 65_536, "units", "widths of the hidden layers, first to last, e.g. 512,512"));
        add(Knob.choice("activation", "function of the hidden units", "relu", "leaky_relu", "sigmoid", "tanh"));
        add(Knob.real("input-dropout", 0, true, 1, false, "", "share of input pixels dropped at each training step"));
        add(Knob.real("hidden-dropout", 0, true, 1, false, "", "share of hidden units dropped at each training step"));
        add(Knob.reals("per-layer-dropout", 0, true, 1, false, "", "dropout per layer, input first, then each hidden layer"));
        // the optimiser and its schedule
        add(Knob.real("lr", 0, false, 100, true, "", "learning rate η: how far each step moves the weights"));
        add(Knob.real("momentum", 0, true, 1, false, "", "momentum μ: how much of the last step each step keeps"));
        add(Knob.count("batch-size", 1, 1_000_000, "examples", "examples per gradient step"));
        add(Knob.count("epochs", 1, 1_000_000, "epochs", "passes over the training images"));
        add(Knob.real("peak-lr", 0, false, 100, true, "", "the highest learning rate of a schedule"));
        add(Knob.real("final-ratio", 0, false, 1, true, "", "the last learning rate of a decay, as a share of the first"));
        add(Knob.count("warmup-steps", 0, 100_000_000, "steps", "mini-batch steps over which the rate rises to its peak"));
        add(Knob.real("warmup-share", 0, true, 1, false, "", "share of the run over which the rate rises to its peak"));
        // the data
        add(Knob.count("train-size", 1, 60_000, "images", "training images used: the first N of the training part, or all"));
        add(Knob.real("min-std", 0, false, 1, true, "", "floor under each pixel's standard deviation when standardising"));
        // augmentation
        add(Knob.real("degrees", 0, true, 180, true, "degrees", "largest random rotation of a training image"));
        add(Knob.real("shift", 0, true, 14, true, "pixels", "largest random shift of a training image"));
        add(Knob.real("zoom", 0, true, 0.9, true, "", "largest random zoom in or out, as a share of the size"));
        add(Knob.real("shear", 0, true, 60, true, "degrees", "largest random shear of a training image"));
        add(Knob.real("elastic-alpha", 0, true, 1000, true, "pixels", "strength of the elastic distortion (0 = off)"));
        add(Knob.real("elastic-sigma", 0.1, true, 100, true, "pixels", "smoothness of the elastic distortion field"));
        // lesson 12: the committee
        add(Knob.count("members", 1, 1_000, "networks", "networks in the committee: the same recipe from different "
                + "seeds, trained one after another, their probabilities averaged"));
        // lesson 03: batch size and speed
        add(Knob.count("reference-batch", 1, 1_000_000, "examples", "the batch size whose learning rate the others scale from"));
        add(Knob.real("reference-lr", 0, false, 100, true, "", "the learning rate of the reference batch size"));
        add(Knob.count("batch-one-images", 1, 60_000, "images", "images trained with batch size 1 (it is slow)"));
        add(Knob.count("control-sizes", 1, 1_000_000, "examples", "batch sizes trained at one fixed rate, as a control"));
        add(Knob.count("noise-sizes", 1, 1_000_000, "examples", "batch sizes whose gradient noise is measured"));
        add(Knob.count("warm-up-images", 1, 60_000, "images", "images in the untimed warm-up run"));
        add(Knob.count("speed-images", 1, 60_000, "images", "images per timed throughput measurement"));
        add(Knob.count("speed-rounds", 1, 1_000, "rounds", "throughput measurements per batch size (the median counts)"));
        add(Knob.real("speed-tie", 0, false, 1, true, "", "a size at least this share of the fastest's speed counts as fast"));
        // lesson 04: deep networks
        add(Knob.count("deep-layers", 1, 1_000, "layers", "hidden layers of the deep network that shows vanishing signals"));
        add(Knob.count("deep-width", 1, 65_536, "units", "units per layer of that deep network"));
        add(Knob.real("deep-lr", 0, false, 100, true, "", "learning rate of that deep network"));
        add(Knob.count("deep-epochs", 1, 1_000_000, "epochs", "epochs of that deep network"));
        // lesson 05: activations
        add(Knob.real("high-lr", 0, false, 100, true, "", "a learning rate high enough to kill ReLU units"));
        // lesson 06: finding a learning rate
        add(Knob.count("range-steps", 5, 1_000_000, "steps", "mini-batch steps of the learning-rate range test"));
        add(Knob.real("range-min", 0, false, 100, true, "", "first learning rate of the range test"));
        add(Knob.real("range-max", 0, false, 1000, true, "", "last learning rate of the range test"));
        add(Knob.real("adam-lr", 0, false, 100, true, "", "learning rate of Adam"));
        // lesson 09: depth and width
        add(Knob.count("depths", 1, 1_000, "layers", "numbers of hidden layers compared"));
        add(Knob.count("depth-width", 1, 65_536, "units", "units per layer while the depth varies"));
        add(Knob.count("widths", 1, 65_536, "units", "layer widths compared"));
        add(Knob.count("width-depth", 1, 1_000, "layers", "hidden layers while the width varies"));
        // measuring and showing
        add(Knob.count("probe-size", 1, 60_000, "images", "images used to measure activations and gradients"));
        add(Knob.count("steps-shown", 1, 1_000_000, "steps", "first mini-batch steps drawn in the step-loss plot"));
        add(Knob.count("worst-shown", 1, 10_000, "images", "worst errors shown in the grid"));
        add(Knob.count("pairs-shown", 1, 90, "pairs", "most-confused pairs shown"));
        add(Knob.count("examples-per-pair", 1, 1_000, "images", "examples shown for each confused pair"));
        add(Knob.count("units-shown", 1, 65_536, "units", "first-layer units whose weights are drawn"));
    }

    private KnobCatalog() {}

    private static void add(Knob knob) {
        if (ALL.put(knob.name(), knob) != null) {
            throw new IllegalStateException("knob " + knob.name() + " defined twice");
        }
    }

    /** The knob of that name, if the course has one. */
    public static Optional<Knob> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    /** Every knob, in the order above. */
    public static List<Knob> all() {
        return List.copyOf(ALL.values());
    }

    /** The known names closest to a misspelt one (edit distance at most 3), best first. */
    public static List<String> closest(String name, List<String> known) {
        List<String> near = new ArrayList<>();
        for (String k : known) {
            if (distance(name, k) <= Math.max(2, Math.min(3, name.length() / 3))) {
                near.add(k);
            }
        }
        near.sort(Comparator.comparingInt(k -> distance(name, k)));
        return near;
    }

    /** Levenshtein distance: the fewest one-character insertions, deletions or changes from a to b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(change, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
