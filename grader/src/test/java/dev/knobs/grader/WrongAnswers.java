package dev.knobs.grader;

import dev.knobs.grader.checks.NetworkCostChecks;
import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.Standardizer;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.Initializer;
import dev.knobs.nn.layer.Activation;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.ReLU;
import dev.knobs.nn.layer.Sequential;
import dev.knobs.nn.metrics.Committee;
import dev.knobs.nn.metrics.ConfusionMatrix;
import dev.knobs.nn.metrics.Evaluator;
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

    /** 08.2: the drawn shift, but what leaves one edge wraps around to the other instead of 0 coming in. */
    static dev.knobs.nn.augment.ImageTransform wrapAround(int maxShift) {
        return (src, srcOff, dst, dstOff, height, width, random) -> {
            int dx = random.nextInt(-maxShift, maxShift + 1);
            int dy = random.nextInt(-maxShift, maxShift + 1);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    dst[dstOff + r * width + c] = src[srcOff + Math.floorMod(r - dy, height) * width
                            + Math.floorMod(c - dx, width)];
                }
            }
        };
    }

    /** 08.2: zero fill, but dx moves rows and dy columns (x and y swapped). */
    static dev.knobs.nn.augment.ImageTransform swappedShift(int maxShift) {
        return (src, srcOff, dst, dstOff, height, width, random) -> {
            int dx = random.nextInt(-maxShift, maxShift + 1);
            int dy = random.nextInt(-maxShift, maxShift + 1);
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int sr = r - dx;
                    int sc = c - dy;
                    dst[dstOff + r * width + c] = sr < 0 || sc < 0 || sr >= height || sc >= width ? 0f
                            : src[srcOff + sr * width + sc];
                }
            }
        };
    }

    /** 09.1: one hidden layer too few: the loop stops before the last hidden width. */
    static Sequential stackOneLayerShort(int inputs, int[] hidden, int classes, SplittableRandom rng) {
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l < hidden.length - 1; l++) {
            layers.add(new Dense(in, hidden[l], new HeNormal(), rng.split()));
            layers.add(new ReLU());
            in = hidden[l];
        }
        layers.add(new Dense(in, classes, new HeNormal(), rng.split()));
        return new Sequential(inputs, layers);
    }

    /** 09.1: every hidden layer takes the input width as its fan-in. */
    static Sequential stackWithoutChainedFanIn(int inputs, int[] hidden, int classes, SplittableRandom rng) {
        List<Layer> layers = new ArrayList<>();
        for (int width : hidden) {
            layers.add(new Dense(inputs, width, new HeNormal(), rng.split()));
            layers.add(new ReLU());
        }
        layers.add(new Dense(hidden.length == 0 ? inputs : hidden[hidden.length - 1], classes, new HeNormal(), rng.split()));
        return new Sequential(inputs, layers);
    }

    /** 09.1: a ReLU only between hidden layers, none after the last one. */
    static Sequential stackWithoutLastRelu(int inputs, int[] hidden, int classes, SplittableRandom rng) {
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l < hidden.length; l++) {
            layers.add(new Dense(in, hidden[l], new HeNormal(), rng.split()));
            if (l + 1 < hidden.length) {
                layers.add(new ReLU());
            }
            in = hidden[l];
        }
        layers.add(new Dense(in, classes, new HeNormal(), rng.split()));
        return new Sequential(inputs, layers);
    }

    /** 09.1: the right layers, but every one draws its weights from rng itself instead of a split. */
    static Sequential stackWithoutSplits(int inputs, int[] hidden, int classes, SplittableRandom rng) {
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int width : hidden) {
            layers.add(new Dense(in, width, new HeNormal(), rng));
            layers.add(new ReLU());
            in = width;
        }
        layers.add(new Dense(in, classes, new HeNormal(), rng));
        return new Sequential(inputs, layers);
    }

    /** 09.2: the weights counted, the biases forgotten; the FLOPs right. */
    static NetworkCostChecks.Cost costWithoutBiases() {
        NetworkCostChecks.Cost right = NetworkCostChecks.reference();
        return new NetworkCostChecks.Cost() {
            @Override
            public long parameters(int[] widths) {
                long n = 0;
                for (int l = 0; l + 1 < widths.length; l++) {
                    n += (long) widths[l] * widths[l + 1];
                }
                return n;
            }

            @Override
            public long stepFlops(int[] widths, int batch) {
                return right.stepFlops(widths, batch);
            }
        };
    }

    /** 09.2: the parameters right, but every layer's input gradient counted, the first one's too. */
    static NetworkCostChecks.Cost costWithFirstInputGradient() {
        NetworkCostChecks.Cost right = NetworkCostChecks.reference();
        return new NetworkCostChecks.Cost() {
            @Override
            public long parameters(int[] widths) {
                return right.parameters(widths);
            }

            @Override
            public long stepFlops(int[] widths, int batch) {
                long perExample = 0;
                for (int l = 0; l + 1 < widths.length; l++) {
                    perExample += 3L * widths[l] * widths[l + 1];
                }
                return 2 * perExample * batch;
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

    /** 12.1: a majority vote: each member votes for its class, the share of votes is the "probability". */
    static Predictions majorityVote(List<Predictions> members) {
        Predictions first = members.get(0);
        int n = first.size();
        int classes = first.classes();
        float[] votes = new float[n * classes];
        for (Predictions m : members) {
            for (int i = 0; i < n; i++) {
                votes[i * classes + m.predicted()[i]] += 1f / members.size();
            }
        }
        return withPredictions(votes, first.labels(), classes);
    }

    /** 12.1: the logits averaged, i.e. the normalised geometric mean of the probabilities. */
    static Predictions logitAverage(List<Predictions> members) {
        Predictions first = members.get(0);
        int n = first.size();
        int classes = first.classes();
        float[] p = new float[n * classes];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double logs = 0;
                for (Predictions m : members) {
                    logs += Math.log(Math.max(m.probability(i, c), 1e-45)) / members.size();
                }
                p[i * classes + c] = (float) Math.exp(logs);
                sum += p[i * classes + c];
            }
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] /= (float) sum;
            }
        }
        return withPredictions(p, first.labels(), classes);
    }

    /** 12.1: the right probabilities and classes, but the loss is the mean of the members' losses. */
    static Predictions meanOfMemberLosses(List<Predictions> members) {
        Predictions right = Committee.average(members);
        double loss = members.stream().mapToDouble(Predictions::loss).average().orElse(Double.NaN);
        return new Predictions(right.probabilities(), right.predicted(), right.labels(), loss, right.accuracy(),
                right.classes());
    }

    /** 12.2: the candidate with the lowest training loss, the one that learned its training images best. */
    static int byTrainingLoss(int[] validationErrors, double[] trainingLoss, long[] parameters, int[] epochs) {
        int best = 0;
        for (int i = 1; i < trainingLoss.length; i++) {
            if (trainingLoss[i] < trainingLoss[best]) {
                best = i;
            }
        }
        return best;
    }

    /** 12.2: the right rule, but a tie in errors and work goes to the later candidate ({@code <=} for {@code <}). */
    static int laterOnTies(int[] validationErrors, double[] trainingLoss, long[] parameters, int[] epochs) {
        int best = 0;
        for (int i = 1; i < validationErrors.length; i++) {
            long work = parameters[i] * epochs[i];
            long bestWork = parameters[best] * epochs[best];
            if (validationErrors[i] < validationErrors[best]
                    || validationErrors[i] == validationErrors[best] && work <= bestWork) {
                best = i;
            }
        }
        return best;
    }

    /** Predictions with these probabilities, their most probable classes (the first on ties) and nn-core's loss. */
    private static Predictions withPredictions(float[] p, int[] labels, int classes) {
        int n = labels.length;
        int[] predicted = new int[n];
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            predicted[i] = Evaluator.argmax(p, i * classes, classes);
            loss -= Math.log(Math.max(p[i * classes + labels[i]], 1e-45));
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return new Predictions(p, predicted, labels.clone(), loss / n, correct / (double) n, classes);
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

    // Wrong answers to exercises 01.2, 02.2, 03.2 and 07.2.

    /** 01.2: e^z without each row's maximum subtracted first (overflows for large logits). */
    static dev.knobs.grader.checks.CrossEntropyChecks.Loss lossWithoutMaxSubtraction() {
        return new dev.knobs.grader.checks.CrossEntropyChecks.Loss() {
            @Override
            public float loss(float[] logits, int[] labels, int batch, int classes) {
                float[] p = naiveSoftmax(logits, batch, classes);
                double sum = 0;
                for (int i = 0; i < batch; i++) {
                    sum -= Math.log(p[i * classes + labels[i]]);
                }
                return (float) (sum / batch);
            }

            @Override
            public float[] gradient(float[] logits, int[] labels, int batch, int classes) {
                float[] g = naiveSoftmax(logits, batch, classes);
                for (int i = 0; i < batch; i++) {
                    g[i * classes + labels[i]] -= 1;
                }
                for (int k = 0; k < g.length; k++) {
                    g[k] /= batch;
                }
                return g;
            }
        };
    }

    private static float[] naiveSoftmax(float[] z, int batch, int classes) {
        float[] p = new float[z.length];
        for (int i = 0; i < batch; i++) {
            float sum = 0;
            for (int j = 0; j < classes; j++) {
                p[i * classes + j] = (float) Math.exp(z[i * classes + j]);
                sum += p[i * classes + j];
            }
            for (int j = 0; j < classes; j++) {
                p[i * classes + j] /= sum;
            }
        }
        return p;
    }

    /** 01.2: the right loss, but a gradient of the summed loss, not the mean (no 1/B). */
    static dev.knobs.grader.checks.CrossEntropyChecks.Loss gradientNotDividedByBatch() {
        return new dev.knobs.grader.checks.CrossEntropyChecks.Loss() {
            @Override
            public float loss(float[] logits, int[] labels, int batch, int classes) {
                return new dev.knobs.nn.loss.SoftmaxCrossEntropy().forward(logits, labels, batch, classes);
            }

            @Override
            public float[] gradient(float[] logits, int[] labels, int batch, int classes) {
                dev.knobs.nn.loss.SoftmaxCrossEntropy loss = new dev.knobs.nn.loss.SoftmaxCrossEntropy();
                loss.forward(logits, labels, batch, classes);
                float[] g = loss.backward().clone();
                for (int k = 0; k < g.length; k++) {
                    g[k] *= batch;
                }
                return g;
            }
        };
    }

    /** 02.2: the minimum and maximum of the images being scaled, not of the training set. */
    static Dataset minMaxOfOwnData(Dataset train, Dataset data) {
        return dev.knobs.grader.checks.MinMaxChecks.reference(data, data);
    }

    /** 02.2: (x - min) / (max - min) with no care for a pixel constant in training (0/0 is NaN). */
    static Dataset minMaxDividingByZero(Dataset train, Dataset data) {
        int f = train.features();
        float[] min = new float[f];
        float[] max = new float[f];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < train.size() * f; i++) {
            min[i % f] = Math.min(min[i % f], train.x()[i]);
            max[i % f] = Math.max(max[i % f], train.x()[i]);
        }
        float[] out = new float[data.x().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (data.x()[i] - min[i % f]) / (max[i % f] - min[i % f]);
        }
        return data.withPixels(data.name(), out);
    }

    /** 03.2: w + η·g, a step uphill. */
    static Optimizer sgdAscent() {
        return sgd((w, g, lr) -> w + lr * g);
    }

    /** 03.2: w - g, the learning rate ignored. */
    static Optimizer sgdWithoutLearningRate() {
        return sgd((w, g, lr) -> w - g);
    }

    private interface Update {
        float apply(float w, float g, float lr);
    }

    private static Optimizer sgd(Update update) {
        return new Optimizer() {
            @Override
            public void step(List<Parameter> parameters, float learningRate) {
                for (Parameter p : parameters) {
                    for (int i = 0; i < p.size(); i++) {
                        p.value()[i] = update.apply(p.value()[i], p.grad()[i], learningRate);
                    }
                }
            }

            @Override
            public Optimizer copy() {
                return sgd(update);
            }

            @Override
            public String name() {
                return "wrong sgd";
            }
        };
    }

    /** 07.2: the norm of each column (one input's outgoing weights) instead of each row. */
    static dev.knobs.grader.checks.MaxNormChecks.Constraint maxNormOfColumns(float c) {
        return parameters -> {
            for (Parameter p : parameters) {
                if (!p.isWeight()) {
                    continue;
                }
                float[] w = p.value();
                for (int k = 0; k < p.cols(); k++) {
                    double sq = 0;
                    for (int r = 0; r < p.rows(); r++) {
                        sq += (double) w[r * p.cols() + k] * w[r * p.cols() + k];
                    }
                    double norm = Math.sqrt(sq);
                    for (int r = 0; r < p.rows() && norm > c; r++) {
                        w[r * p.cols() + k] *= (float) (c / norm);
                    }
                }
            }
        };
    }

    /** 07.2: every row scaled to norm c, whether or not it was outside the ball. */
    static dev.knobs.grader.checks.MaxNormChecks.Constraint maxNormEveryRow(float c) {
        return parameters -> {
            for (Parameter p : parameters) {
                if (!p.isWeight()) {
                    continue;
                }
                float[] w = p.value();
                for (int r = 0; r < p.rows(); r++) {
                    double sq = 0;
                    for (int k = 0; k < p.cols(); k++) {
                        sq += (double) w[r * p.cols() + k] * w[r * p.cols() + k];
                    }
                    double norm = Math.sqrt(sq);
                    for (int k = 0; k < p.cols() && norm > 0; k++) {
                        w[r * p.cols() + k] *= (float) (c / norm);
                    }
                }
            }
        };
    }
}
