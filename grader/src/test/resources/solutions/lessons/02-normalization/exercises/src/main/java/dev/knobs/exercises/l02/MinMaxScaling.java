package dev.knobs.exercises.l02;

import dev.knobs.nn.data.Dataset;
import java.util.Arrays;

/** The reference solution of exercise 02.2: per-pixel minimum and maximum of the training set. */
public final class MinMaxScaling {
    private MinMaxScaling() {}

    public static Dataset scale(Dataset train, Dataset data) {
        int f = train.features();
        float[] min = new float[f];
        float[] max = new float[f];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < f; j++) {
                float v = train.x()[i * f + j];
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        float[] out = new float[data.size() * f];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < f; j++) {
                float range = max[j] - min[j];
                out[i * f + j] = range > 0 ? (data.x()[i * f + j] - min[j]) / range : 0f;
            }
        }
        return data.withPixels(data.name() + "/min-max", out);
    }
}
