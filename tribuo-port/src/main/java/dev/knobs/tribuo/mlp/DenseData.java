package dev.knobs.tribuo.mlp;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;

/**
 * Tribuo examples turned into one dense matrix for the array math.
 *
 * <pre>
 *   x:      [size, features]   x[r, id] = value of the feature with that id in example r, 0 if absent
 *   labels: [size]             the label's id in the output domain, -1 if the domain does not know it
 *   used:   [size]             how many of example r's features the feature map knows
 * </pre>
 *
 * <p>Tribuo examples are sparse lists of named features; the feature map gives each name an id
 * from 0 to {@code features - 1}. Features the map does not know (never seen in training) are
 * ignored, as every Tribuo model does. For MNIST read by {@code IDXDataSource}, absent means a
 * black pixel, so the dense row is the image with the never-inked pixels left out.
 */
public record DenseData(float[] x, int[] labels, int[] used, int size, int features) {

    /** Reads {@code examples} in iteration order. */
    public static DenseData of(Iterable<Example<Label>> examples, ImmutableFeatureMap featureMap,
                               ImmutableOutputInfo<Label> outputInfo) {
        int n = 0;
        for (Example<Label> ignored : examples) {
            n++;
        }
        int f = featureMap.size();
        float[] x = new float[Math.multiplyExact(n, f)];
        int[] labels = new int[n];
        int[] used = new int[n];
        int r = 0;
        for (Example<Label> example : examples) {
            used[r] = fillRow(example, featureMap, x, r * f);
            labels[r] = outputInfo.getID(example.getOutput());
            r++;
        }
        return new DenseData(x, labels, used, n, f);
    }

    /**
     * Writes one example's known features into {@code x[offset .. offset + features)} (modified;
     * the caller zeroes it) and returns how many it wrote.
     */
    static int fillRow(Example<Label> example, ImmutableFeatureMap featureMap, float[] x, int offset) {
        int count = 0;
        for (Feature feature : example) {
            int id = featureMap.getID(feature.getName());
            if (id >= 0) {
                x[offset + id] = (float) feature.getValue();
                count++;
            }
        }
        return count;
    }

    /** Rows {@code rows} as a new matrix, with their labels. */
    public DenseData select(int[] rows) {
        float[] nx = new float[rows.length * features];
        int[] ny = new int[rows.length];
        int[] nu = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * features, nx, i * features, features);
            ny[i] = labels[rows[i]];
            nu[i] = used[rows[i]];
        }
        return new DenseData(nx, ny, nu, rows.length, features);
    }
}
