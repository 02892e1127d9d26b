package dev.knobs.tribuo.augment;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenancable;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import dev.knobs.nn.augment.ImageTransform;

/**
 * Random changes to training images for {@link dev.knobs.tribuo.mlp.MlpTrainer}, as an OLCUT
 * configurable: the Tribuo counterpart of Keras' {@code ImageDataGenerator}. Tribuo has none,
 * because its examples are lists of named features, not images.
 *
 * <p>The trainer puts each training example back on its pixel grid (feature {@code "412"} of
 * {@code IDXDataSource} is pixel 412, row 14, column 20), applies {@link #transform()} with a
 * fresh random draw for every image of every mini-batch, and reads the features back. Test and
 * validation examples are never augmented. The background must be 0 after the trainer's input
 * transformations (true for the grey level / 255 scaling; not for standardisation), because
 * pixels moved in from outside the image are 0.
 */
public interface Augmentation extends Configurable, Provenancable<ConfiguredObjectProvenance> {

    /** The nn-core transform applied to each training image. */
    ImageTransform transform();

    /** The configured fields, recorded in the trainer's provenance under the type "Augmentation". */
    @Override
    default ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "Augmentation");
    }
}
