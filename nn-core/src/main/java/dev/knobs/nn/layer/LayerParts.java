package dev.knobs.nn.layer;

import dev.knobs.nn.init.Initializer;
import java.util.SplittableRandom;

/**
 * Where an {@link Mlp} gets its layers from: nn-core's own classes ({@link #LIBRARY}), or other
 * implementations of {@link Layer} with the same behaviour, such as a student's exercises.
 *
 * <p>{@link Mlp#build(SplittableRandom, LayerParts)} asks for every layer it needs in the same
 * order and with the same random generators, so swapping one kind of layer changes nothing else.
 */
public interface LayerParts {

    /** A fully connected layer with weights drawn by {@code init} from {@code rng}, like {@link Dense}. */
    Layer dense(int in, int out, Initializer init, SplittableRandom rng);

    /** A hidden activation by name ({@link Activations#NAMES}), like {@link Activations#create}. */
    Layer activation(String name);

    /** An inverted dropout layer with drop probability {@code rate}, like {@link Dropout}. */
    Layer dropout(float rate, SplittableRandom rng);

    /** nn-core's own layers. */
    LayerParts LIBRARY = new LayerParts() {
        @Override
        public Layer dense(int in, int out, Initializer init, SplittableRandom rng) {
            return new Dense(in, out, init, rng);
        }

        @Override
        public Layer activation(String name) {
            return Activations.create(name);
        }

        @Override
        public Layer dropout(float rate, SplittableRandom rng) {
            return new Dropout(rate, rng);
        }
    };
}
