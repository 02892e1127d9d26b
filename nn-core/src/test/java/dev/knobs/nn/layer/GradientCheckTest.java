package dev.knobs.nn.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.init.XavierNormal;
import dev.knobs.nn.loss.SoftmaxCrossEntropy;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks: the analytic gradients from {@code backward} (float)
 * against central differences {@code (f(θ+h) - f(θ-h)) / 2h} of an independent double-precision
 * forward pass ({@link DoubleReference}).
 */
class GradientCheckTest {
    private static final double H = 1e-5;

    /** Central difference of f at index i of theta (theta restored afterwards). */
    private static double numeric(double[] theta, int i, ToDoubleFunction<double[]> f) {
        double saved = theta[i];
        theta[i] = saved + H;
        double plus = f.applyAsDouble(theta);
        theta[i] = saved - H;
        double minus = f.applyAsDouble(theta);
        theta[i] = saved;
        return (plus - minus) / (2 * H);
    }

    private static void assertClose(double expected, double actual, String what) {
        double tolerance = 1e-3 * Math.max(1e-2, Math.abs(expected)) + 1e-5;
        assertEquals(expected, actual, tolerance, what);
    }

    private static float[] random(int n, SplittableRandom rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return a;
    }

    /** Linear probe: loss = Σ y ⊙ r, so dLoss/dy = r. */
    private static double probe(double[] y, double[] r) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * r[i];
        }
        return s;
    }

    @Test
    void denseGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        int batch = 3, in = 5, out = 4;
        Dense dense = new Dense(in, out, new XavierNormal(), rng);
        float[] b0 = random(out, rng);
        System.arraycopy(b0, 0, dense.bias().value(), 0, out);
        float[] x = random(batch * in, rng);
        float[] r = random(batch * out, rng);
        dense.forward(x, batch, true);
        float[] dx = dense.backward(r, batch, true);

        double[] xd = DoubleReference.toDouble(x);
        double[] wd = DoubleReference.toDouble(dense.weights().value());
        double[] bd = DoubleReference.toDouble(dense.bias().value());
        double[] rd = DoubleReference.toDouble(r);
        for (int i = 0; i < wd.length; i++) {
            double n = numeric(wd, i, w -> probe(DoubleReference.dense(xd, w, bd, batch, in, out), rd));
            assertClose(n, dense.weights().grad()[i], "dW[" + i + "]");
        }
        for (int i = 0; i < bd.length; i++) {
            double n = numeric(bd, i, b -> probe(DoubleReference.dense(xd, wd, b, batch, in, out), rd));
            assertClose(n, dense.bias().grad()[i], "db[" + i + "]");
        }
        for (int i = 0; i < xd.length; i++) {
            double n = numeric(xd, i, xx -> probe(DoubleReference.dense(xx, wd, bd, batch, in, out), rd));
            assertClose(n, dx[i], "dx[" + i + "]");
        }
    }

    @Test
    void denseSkipsTheInputGradientWhenNotAsked() {
        Dense dense = new Dense(3, 2, new HeNormal(), new SplittableRandom(2));
        dense.forward(new float[] {1, 2, 3}, 1, true);
        assertNull(dense.backward(new float[] {1, 1}, 1, false));
        assertEquals(1f, dense.weights().grad()[0]);   // dW still computed: dW[0,0] = dz[0]·x[0] = 1·1
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky_relu", "sigmoid", "tanh"})
    void activationGradientsMatchFiniteDifferences(String type) {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 40;
        float[] x = random(n, rng);
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[i]) < 1e-3) {
                x[i] = 0.5f;        // keep away from the ReLU kink, where the derivative is undefined
            }
        }
        float[] r = random(n, rng);
        Layer layer = Activations.create(type);
        layer.forward(x, 4, true);
        float[] dx = layer.backward(r, 4, true);
        double[] xd = DoubleReference.toDouble(x);
        double[] rd = DoubleReference.toDouble(r);
        for (int i = 0; i < n; i++) {
            double num = numeric(xd, i, xx -> probe(DoubleReference.activation(type, xx), rd));
            assertClose(num, dx[i], type + " dx[" + i + "]");
        }
    }

    @Test
    void softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        int batch = 4, classes = 5;
        float[] z = random(batch * classes, rng);
        int[] labels = {0, 3, 4, 1};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        float value = loss.forward(z, labels, batch, classes);
        float[] dz = loss.backward();
        double[] zd = DoubleReference.toDouble(z);
        assertEquals(DoubleReference.crossEntropy(zd, labels, batch, classes), value, 1e-5);
        for (int i = 0; i < zd.length; i++) {
            double num = numeric(zd, i, zz -> DoubleReference.crossEntropy(zz, labels, batch, classes));
            assertClose(num, dz[i], "dz[" + i + "]");
        }
    }

    @Test
    void wholeNetworkGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(5);
        int batch = 3, in = 6, hidden = 5, classes = 4;
        Dense d1 = new Dense(in, hidden, new HeNormal(), rng);
        Dense d2 = new Dense(hidden, hidden, new HeNormal(), rng);
        Dense d3 = new Dense(hidden, classes, new XavierNormal(), rng);
        Sequential net = Sequential.of(in, d1, new Tanh(), d2, new LeakyReLU(0.01f), d3);
        float[] x = random(batch * in, rng);
        int[] y = {1, 0, 3};
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        loss.forward(net.forward(x, batch, true), y, batch, classes);
        net.backward(loss.backward(), batch);

        double[] xd = DoubleReference.toDouble(x);
        List<Parameter> ps = net.parameters();
        double[][] theta = new double[ps.size()][];
        for (int p = 0; p < ps.size(); p++) {
            theta[p] = DoubleReference.toDouble(ps.get(p).value());
        }
        ToDoubleFunction<double[]> f = ignored -> {
            double[] h = DoubleReference.dense(xd, theta[0], theta[1], batch, in, hidden);
            h = DoubleReference.activation("tanh", h);
            h = DoubleReference.dense(h, theta[2], theta[3], batch, hidden, hidden);
            h = DoubleReference.activation("leaky_relu", h);
            h = DoubleReference.dense(h, theta[4], theta[5], batch, hidden, classes);
            return DoubleReference.crossEntropy(h, y, batch, classes);
        };
        int checked = 0;
        for (int p = 0; p < ps.size(); p++) {
            for (int i = 0; i < theta[p].length; i++) {
                double num = numeric(theta[p], i, f);
                assertClose(num, ps.get(p).grad()[i], "parameter " + p + "[" + i + "]");
                checked++;
            }
        }
        assertEquals(net.parameterCount(), checked);
    }

    @Test
    void dropoutGradientIsTheSameMaskAsTheForwardPass() {
        SplittableRandom rng = new SplittableRandom(6);
        int batch = 50, width = 40;
        float[] x = random(batch * width, rng);
        float[] dy = random(batch * width, rng);
        Dropout dropout = new Dropout(0.3f, rng);
        float[] y = dropout.forward(x, batch, true).clone();
        float[] dx = dropout.backward(dy, batch, true);
        int zeros = 0;
        for (int i = 0; i < x.length; i++) {
            float m = y[i] / x[i];                         // the mask, 0 or 1/(1-p)
            assertTrue(m == 0f || Math.abs(m - 1f / 0.7f) < 1e-5, "mask value " + m);
            assertEquals(dy[i] * m, dx[i], 1e-5);          // dx = dy ⊙ m
            zeros += m == 0f ? 1 : 0;
        }
        double dropped = (double) zeros / x.length;        // 2,000 draws: p ± 4 standard errors
        assertEquals(0.3, dropped, 4 * Math.sqrt(0.3 * 0.7 / x.length));
    }
}
