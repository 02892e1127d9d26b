package dev.knobs.tribuo.mlp;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.HeUniform;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.init.LeCunNormal;
import dev.knobs.nn.init.Normal;
import dev.knobs.nn.init.XavierNormal;
import dev.knobs.nn.init.XavierUniform;
import dev.knobs.nn.init.Zeros;

/**
 * How the weights of every layer of an {@link MlpTrainer} start, as a configuration value. Biases
 * always start at 0. {@code fanIn} is the number of inputs of a unit, {@code fanOut} the number
 * of units in its layer.
 *
 * <pre>
 *   HE_NORMAL       W ~ N(0, 2 / fanIn)                   He et al. 2015, for ReLU
 *   HE_UNIFORM      W ~ U(±sqrt(6 / fanIn))               same variance
 *   XAVIER_NORMAL   W ~ N(0, 2 / (fanIn + fanOut))        Glorot and Bengio 2010, for tanh
 *   XAVIER_UNIFORM  W ~ U(±sqrt(6 / (fanIn + fanOut)))    same variance
 *   LECUN_NORMAL    W ~ N(0, 1 / fanIn)                   LeCun et al. 1998
 *   SMALL_NORMAL    W ~ N(0, 0.01²)                       a fixed scale: the signal shrinks with depth
 *   ZEROS           W = 0                                 every unit stays identical: the network cannot learn
 * </pre>
 *
 * <p>The last two are here to be compared, not used. Tribuo's own trainers start from zeros
 * (linear models, where it is fine) or from a fixed-variance normal (factorisation machines).
 */
public enum WeightInit {
    HE_NORMAL,
    HE_UNIFORM,
    XAVIER_NORMAL,
    XAVIER_UNIFORM,
    LECUN_NORMAL,
    SMALL_NORMAL,
    ZEROS;

    /** The nn-core initialiser that draws these weights. */
    public Initializer initializer() {
        return switch (this) {
            case HE_NORMAL -> new HeNormal();
            case HE_UNIFORM -> new HeUniform();
            case XAVIER_NORMAL -> new XavierNormal();
            case XAVIER_UNIFORM -> new XavierUniform();
            case LECUN_NORMAL -> new LeCunNormal();
            case SMALL_NORMAL -> new Normal(0.01f);
            case ZEROS -> new Zeros();
        };
    }
}
