package dev.knobs.grader;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.Standardizer;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.layer.Activation;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors;
import dev.knobs.nn.optim.Optimizer;
import dev.knobs.nn.schedule.LearningRateSchedule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Plausible wrong answers to the exercises: each must lose points. */
final class WrongAnswers {
    private WrongAnswers() {}

    /** 01.1: db averaged over the batch, although the incoming gradient is already a mean. */
    static Layer denseWithAveragedBias(int in, int out, Initializer init, SplittableRandom rng) {
        Dense dense = new Dense(in, out, init, rng);
        return new Delegating(dense) {
            @Override
            public float[] backward(float[] dz, int batch, boolean inputGradient) {
                float[] dx = dense.backward(dz, batch, inputGradient);
                float[] db = dense.bias().grad();
                for (int j = 0; j < db.length; j++) {
                    db[j] /= batch;
                }
                return dx;
            }
        };
    }

    /** 02.1: the sample standard deviation (n - 1) and no floor. */
    static Standardizer standardizerWithoutFloor(Dataset train, float minStd) {
        int f = train.features();
        int n = train.size();
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int j = 0; j < f; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += train.x()[i * f + j];
            }
            double mu = s / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double d = train.x()[i * f + j] - mu;
                ss += d * d;
            }
            mean[j] = (float) mu;
            std[j] = (float) Math.sqrt(ss / (n - 1));
        }
        return new Standardizer(mean, std, "per-pixel");
    }

    /** 03.1: shuffled once, so every epoch repeats the same order. */
    static dev.knobs.grader.checks.BatchChecks.Epochs shuffledOnce(Dataset data, int batchSize, long seed) {
        dev.knobs.nn.data.MiniBatches batches = new dev.knobs.nn.data.MiniBatches(data, batchSize, seed);
        return epoch -> batches.epoch(0);
    }

    /** 04.1: He with the fan-out. */
    static Initializer heWithFanOut() {
        return new Initializer() {
            @Override
            public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
                new HeNormal().fill(w, fanOut, fanIn, rng);
            }

            @Override
            public String name() {
                return "he_fan_out";
            }
        };
    }

    /** 04.2: Xavier with the uniform bound taken as the standard deviation, sqrt(2 / (fanIn + fanOut)). */
    static Initializer xavierWithWrongBound() {
        return new Initializer() {
            @Override
            public void fill(float[] w, int fanIn, int fanOut, SplittableRandom rng) {
                double a = Math.sqrt(2.0 / (fanIn + fanOut));
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) ((2 * rng.nextDouble() - 1) * a);
                }
            }

            @Override
            public String name() {
                return "xavier_wrong";
            }
        };
    }

    /** 05.1 and 05.2: the gate follows the sign of the incoming gradient instead of the input. */
    static final class GateOnGradient extends Activation {
        private final float alpha;

        GateOnGradient(float alpha) {
            this.alpha = alpha;
        }

        @Override
        protected void apply(int n, float[] x, float[] y) {
            for (int i = 0; i < n; i++) {
                y[i] = x[i] > 0 ? x[i] : alpha * x[i];
            }
        }

        @Override
        protected void derivative(int n, float[] x, float[] y, float[] dy, float[] dx) {
            for (int i = 0; i < n; i++) {
                dx[i] = dy[i] > 0 ? dy[i] : alpha * dy[i];
            }
        }

        @Override
        public String type() {
            return "wrong";
        }

        @Override
        public Layer copy() {
            return new GateOnGradient(alpha);
        }
    }

    /** 06.1: momentum as an exponential average, v = μv + (1-μ)g. */
    static Optimizer momentumAsAverage() {
        return new PerWeight() {
            @Override
            void update(float[] w, float[] g, float[] v, float[] unused, float lr, int t) {
                for (int i = 0; i < w.length; i++) {
                    v[i] = 0.9f * v[i] + 0.1f * g[i];
                    w[i] -= lr * v[i];
                }
            }
        };
    }

    /** 06.2: Adam without the bias correction. */
    static Optimizer adamWithoutBiasCorrection() {
        return new PerWeight() {
            @Override
            void update(float[] w, float[] g, float[] m, float[] v, float lr, int t) {
                for (int i = 0; i < w.length; i++) {
                    m[i] = 0.9f * m[i] + 0.1f * g[i];
                    v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
                    w[i] -= lr * m[i] / ((float) Math.sqrt(v[i]) + 1e-8f);
                }
            }
        };
    }

    /** An optimiser with two zero-initialised buffers per parameter and a step counter. */
    abstract static class PerWeight implements Optimizer {
        private final Map<Parameter, float[][]> state = new IdentityHashMap<>();
        private int t;

        abstract void update(float[] w, float[] g, float[] s1, float[] s2, float lr, int t);

        @Override
        public void step(List<Parameter> parameters, float learningRate) {
            t++;
            for (Parameter p : parameters) {
                float[][] s = state.computeIfAbsent(p, q -> new float[][] {new float[q.size()], new float[q.size()]});
                update(p.value(), p.grad(), s[0], s[1], learningRate, t);
            }
        }

        @Override
        public Optimizer copy() {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public String name() {
            return "wrong";
        }
    }

    /** 07.1: dropout that forgets to divide the kept units by 1 - p. */
    static Layer dropoutWithoutScaling(float rate, SplittableRandom rng) {
        Dropout d = new Dropout(rate, rng);
        return new Delegating(d) {
            @Override
            public float[] forward(float[] x, int batch, boolean training) {
                float[] y = d.forward(x, batch, training).clone();
                for (int i = 0; i < y.length; i++) {
                    y[i] *= 1 - rate;
                }
                return y;
            }
        };
    }

    /** 07.1: dropout whose backward ignores the mask. */
    static Layer dropoutWithoutMaskInBackward(float rate, SplittableRandom rng) {
        return new Delegating(new Dropout(rate, rng)) {
            @Override
            public float[] backward(float[] dy, int batch, boolean inputGradient) {
                return inputGradient ? dy : null;
            }
        };
    }

    /** 08.1: the nearest input pixel instead of bilinear interpolation. */
    static dev.knobs.nn.augment.ImageTransform nearestPixel(dev.knobs.nn.augment.AffineMatrix forward, float fill) {
        dev.knobs.nn.augment.AffineMatrix inverse = forward.inverse();
        return (src, srcOff, dst, dstOff, height, width, random) -> {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int x = (int) Math.round(inverse.mapX(c, r));
                    int y = (int) Math.round(inverse.mapY(c, r));
                    dst[dstOff + r * width + c] = x < 0 || y < 0 || x >= width || y >= height ? fill
                            : src[srcOff + y * width + x];
                }
            }
        };
    }

    /** 10.1: a straight line instead of a cosine. */
    static LearningRateSchedule linearDecay(Object[] a) {
        float max = (float) a[0];
        float min = (float) a[1];
        int period = (int) a[2];
        return schedule(t -> t >= period ? min : max + (min - max) * t / (float) period);
    }

    /** 10.2: straight-line ramps (the "triangular" variant) instead of cosines. */
    static LearningRateSchedule linearOneCycle(Object[] a) {
        float max = (float) a[0];
        int total = (int) a[1];
        float start = max / (float) a[3];
        float end = start / (float) a[4];
        int up = Math.max(1, (int) ((float) a[2] * total));
        int down = Math.max(1, total - 1 - up);
        return schedule(t -> t < up ? start + (max - start) * t / (float) up
                : max + (end - max) * Math.min(1f, (t - up) / (float) down));
    }

    private static LearningRateSchedule schedule(java.util.function.IntToDoubleFunction f) {
        return new LearningRateSchedule() {
            @Override
            public float rate(int step) {
                return (float) f.applyAsDouble(step);
            }

            @Override
            public String name() {
                return "wrong";
            }
        };
    }

    /** 11.1: the matrix indexed [predicted][true]. */
    static int[][] transposedConfusion(int[] labels, int[] predicted, int classes) {
        return ConfusionMatrix.of(predicted, labels, classes).counts();
    }

    /** 11.2: errors ranked by the confidence of the wrong class alone. */
    static List<TopErrors.ErrorCase> byConfidence(Predictions p, int k) {
        List<TopErrors.ErrorCase> all = new ArrayList<>(TopErrors.byMargin(p, Integer.MAX_VALUE));
        all.sort(Comparator.comparingDouble(TopErrors.ErrorCase::confidence).reversed()
                .thenComparingInt(TopErrors.ErrorCase::index));
        return all.subList(0, Math.min(k, all.size()));
    }

    /** A layer that does what another does, for wrong answers to override one method of. */
    private static class Delegating implements Layer {
        private final Layer inner;

        Delegating(Layer inner) {
            this.inner = inner;
        }

        @Override
        public float[] forward(float[] x, int batch, boolean training) {
            return inner.forward(x, batch, training);
        }

        @Override
        public float[] backward(float[] dy, int batch, boolean inputGradient) {
            return inner.backward(dy, batch, inputGradient);
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inner.outputWidth(inputWidth);
        }

        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public String type() {
            return inner.type();
        }

        @Override
        public Map<String, Object> settings() {
            return inner.settings();
        }

        @Override
        public Layer copy() {
            return inner.copy();
        }
    }
}
