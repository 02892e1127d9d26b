package dev.knobs.tribuo.transform;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceException;
import com.oracle.labs.mlrg.olcut.provenance.impl.SkeletalConfiguredObjectProvenance;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.tribuo.protos.core.TransformerProto;
import org.tribuo.transform.TransformStatistics;
import org.tribuo.transform.Transformation;
import org.tribuo.transform.TransformationProvenance;
import org.tribuo.transform.Transformer;

/**
 * Standardisation of each feature, {@code x' = (x - μ) / max(σ, minStdDev)}, with μ and σ
 * measured on the training set: the Tribuo counterpart of nn-core's per-pixel
 * {@code Standardizer}, for use in a {@code TransformationMap}. With a validation split, put it
 * in a {@link HoldOutTransformTrainer}, so that μ and σ come from the training part only.
 *
 * <p><b>Why not Tribuo's {@code MeanStdDevTransformation}.</b> Two problems in Tribuo 4.3.2
 * make it unusable on MNIST, whose examples are sparse (black pixels are absent features):
 * <ul>
 *   <li>Its statistics ignore the implicit zeros unless the {@code TransformTrainer} is told to
 *       include them ({@code includeImplicitZeroFeatures}), and then its update for {@code k}
 *       zeros sets the mean to 0 and adds nothing to the variance, instead of
 *       <pre>  n' = n + k,   μ' = μ·n/n',   M2' = M2 + μ²·n·k/n'   (Chan et al. 1979, pairwise update)</pre></li>
 *   <li>It divides by σ even when σ = 0 (a pixel inked in a single training image), which turns
 *       that pixel into NaN or infinity and the training loss into NaN.</li>
 * </ul>
 * This class does the pairwise update above and floors σ at {@code minStdDev}. It uses the
 * population standard deviation ({@code σ² = M2 / n}), as nn-core does. Like any
 * transformation that moves 0, it changes absent features only when the {@code TransformTrainer}
 * densifies: configure {@code densify} and {@code includeImplicitZeroFeatures} both true.
 */
public final class Standardisation implements Transformation {

    @Config(description = "Floor for the standard deviation, in the feature's units (1 grey level for raw MNIST pixels).")
    private double minStdDev = 1.0;

    public Standardisation() {}

    public Standardisation(double minStdDev) {
        this.minStdDev = minStdDev;
        postConfig();
    }

    @Override
    public void postConfig() {
        if (!(minStdDev > 0) || !Double.isFinite(minStdDev)) {
            throw new PropertyException("", "minStdDev", "must be a finite number > 0 (e.g. 1 for raw grey levels, "
                    + "1/255 for scaled ones), got " + minStdDev);
        }
    }

    @Override
    public TransformStatistics createStats() {
        return new Statistics(minStdDev);
    }

    @Override
    public TransformationProvenance getProvenance() {
        return new StandardisationProvenance(this);
    }

    @Override
    public String toString() {
        return "Standardisation(minStdDev=" + minStdDev + ")";
    }

    /** Running count, mean and sum of squared deviations (Welford 1962), with a batch update for zeros. */
    private static final class Statistics implements TransformStatistics {
        private final double minStdDev;
        private long n;
        private double mean;
        private double m2;

        Statistics(double minStdDev) {
            this.minStdDev = minStdDev;
        }

        @Override
        public void observeValue(double value) {
            n++;
            double delta = value - mean;
            mean += delta / n;
            m2 += delta * (value - mean);
        }

        @Override
        @Deprecated
        public void observeSparse() {
            observeValue(0.0);
        }

        @Override
        public void observeSparse(int zeros) {
            if (zeros <= 0) {
                return;
            }
            long total = n + zeros;
            m2 += mean * mean * ((double) n * zeros / total);
            mean = mean * n / total;
            n = total;
        }

        @Override
        public Transformer generateTransformer() {
            double std = n == 0 ? 0 : Math.sqrt(m2 / n);
            return new Standardiser(mean, Math.max(std, minStdDev));
        }
    }

    /** {@code x -> (x - mean) / std}. */
    static final class Standardiser implements Transformer {
        private static final long serialVersionUID = 1L;

        private final double mean;
        private final double std;

        Standardiser(double mean, double std) {
            this.mean = mean;
            this.std = std;
        }

        @Override
        public double transform(double input) {
            return (input - mean) / std;
        }

        /** Not supported: models using it are saved with Java serialisation or exported to ONNX. */
        @Override
        public TransformerProto serialize() {
            throw new UnsupportedOperationException("Standardisation's transformer has no protobuf form; save the model "
                    + "with Java serialisation or export it to ONNX");
        }

        @Override
        public String toString() {
            return "Standardiser(mean=" + mean + ",std=" + std + ")";
        }
    }

    /** The provenance: the class and its configured {@code minStdDev}. */
    public static final class StandardisationProvenance extends SkeletalConfiguredObjectProvenance
            implements TransformationProvenance {
        private static final long serialVersionUID = 1L;

        StandardisationProvenance(Standardisation host) {
            super(host, "Transformation");
        }

        /** For unmarshalling a provenance read back from a file. */
        public StandardisationProvenance(Map<String, Provenance> map) {
            super(extract(map));
        }

        private static ExtractedInfo extract(Map<String, Provenance> map) {
            Map<String, Provenance> configured = new HashMap<>(map);
            Provenance className = configured.remove(ObjectProvenance.CLASS_NAME);
            Provenance host = configured.remove(HOST_SHORT_NAME);
            if (className == null || host == null) {
                throw new ProvenanceException("a Standardisation provenance needs a class name and a host short name, got "
                        + map.keySet());
            }
            return new ExtractedInfo(className.toString(), host.toString(), configured, Collections.emptyMap());
        }
    }
}
