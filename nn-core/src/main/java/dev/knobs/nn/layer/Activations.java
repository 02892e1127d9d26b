package dev.knobs.nn.layer;

/** Activation layers by name, for settings and model files. */
public final class Activations {
    private Activations() {}

    /** The names {@link #create} accepts. */
    public static final String NAMES = "relu, leaky_relu, sigmoid, tanh";

    /** A new activation layer: {@code relu}, {@code leaky_relu} (slope 0.01), {@code sigmoid} or {@code tanh}. */
    public static Activation create(String name) {
        return switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
            case "relu" -> new ReLU();
            case "leaky_relu", "leakyrelu" -> new LeakyReLU(0.01f);
            case "sigmoid" -> new Sigmoid();
            case "tanh" -> new Tanh();
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'; choose one of " + NAMES);
        };
    }
}
