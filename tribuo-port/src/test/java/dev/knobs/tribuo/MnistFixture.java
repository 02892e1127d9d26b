package dev.knobs.tribuo;

import dev.knobs.data.Mnist;
import dev.knobs.nn.data.TrainTest;
import dev.knobs.tribuo.data.PixelLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import org.tribuo.Dataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.datasource.IDXDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * MNIST for the tests, read once per test JVM: the 10,000 test images through Tribuo's
 * {@code IDXDataSource} (the real path), and small training sets built from nn-core's reader
 * with exactly {@code IDXDataSource}'s conventions (zero pixels dropped, features named "000" to
 * "783"), which takes a second instead of reading all 60,000 images into Tribuo.
 */
public final class MnistFixture {
    private static TrainTest arrays;
    private static Dataset<Label> idxTest;

    private MnistFixture() {}

    /** nn-core's MNIST, raw grey levels 0..255. */
    public static synchronized TrainTest arrays() {
        if (arrays == null) {
            arrays = Mnist.load();
        }
        return arrays;
    }

    /** The 10,000 test images through Tribuo's IDXDataSource. */
    public static synchronized Dataset<Label> idxTest() {
        if (idxTest == null) {
            Path dir = Mnist.fetch();
            try {
                idxTest = new MutableDataset<>(new IDXDataSource<>(dir.resolve("t10k-images-idx3-ubyte"),
                        dir.resolve("t10k-labels-idx1-ubyte"), new LabelFactory()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return idxTest;
    }

    /** Training images {@code [from, from + n)} as a Tribuo dataset with IDXDataSource's feature names. */
    public static Dataset<Label> train(int from, int n) {
        dev.knobs.nn.data.Dataset train = arrays().train();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("mnist-train[" + from + ", "
                + (from + n) + ")", OffsetDateTime.parse("2026-01-01T00:00:00Z"), new LabelFactory()), new LabelFactory());
        int pixels = train.features();
        for (int i = from; i < from + n; i++) {
            ArrayExample<Label> example = new ArrayExample<>(new Label(String.valueOf(train.labels()[i])));
            for (int p = 0; p < pixels; p++) {
                float v = train.x()[i * pixels + p];
                if (v != 0f) {
                    example.add(PixelLayout.featureName(p, pixels), v);
                }
            }
            data.add(example);
        }
        return data;
    }
}
