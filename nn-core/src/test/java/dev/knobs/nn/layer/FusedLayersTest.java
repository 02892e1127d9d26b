package dev.knobs.nn.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.kernel.Compute;
import dev.knobs.nn.optim.Momentum;
import dev.knobs.nn.train.TrainStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Sequential} runs the library's {@code Dense → ReLU → Dropout} fused; any other layer class
 * runs its own code. Training the same network both ways must give the same bits: weights,
 * gradients, and every layer's last output.
 */
class FusedLayersTest {

    /** A layer that only forwards to another, so that Sequential sees a class it does not fuse. */
    private record Plain(Layer inner) implements Layer {
        public float[] forward(float[] x, int batch, boolean training) {
            return inner.forward(x, batch, training);
        }

        public float[] backward(float[] dy, int batch, boolean inputGradient) {
            return inner.backward(dy, batch, inputGradient);
        }

        public int outputWidth(int inputWidth) {
            return inner.outputWidth(inputWidth);
        }

        public List<Parameter> parameters() {
            return inner.parameters();
        }

        public String type() {
            return inner.type();
        }

        public Map<String, Object> settings() {
            return inner.settings();
        }

        public Layer copy() {
            return new Plain(inner.copy());
        }
    }

    @Test
    void fusedAndPlainLayersTrainToTheSameBits() {
        for (float hiddenDropout : new float[] {0f, 0.3f}) {
            Mlp shape = new Mlp(new int[] {20, 33, 17, 5}, "relu", 0.1f, new float[] {hiddenDropout}, new HeNormal());
            Sequential fused = shape.build(new SplittableRandom(5));
            List<Layer> wrapped = new ArrayList<>();
            for (Layer l : shape.build(new SplittableRandom(5)).layers()) {
                wrapped.add(new Plain(l));
            }
            Sequential plain = new Sequential(20, wrapped);
            int batch = 13;
            SplittableRandom data = new SplittableRandom(8);
            float[] x = new float[batch * 20];
            int[] labels = new int[batch];
            for (Compute.Kernel kernel : Compute.vectorAvailable() ? Compute.Kernel.values() : new Compute.Kernel[] {Compute.Kernel.SCALAR}) {
                TrainStep a = new TrainStep(fused, new Momentum(0.9f));
                TrainStep b = new TrainStep(plain, new Momentum(0.9f));
                Compute.of(2, kernel).run(() -> {
                    for (int step = 0; step < 5; step++) {
                        for (int i = 0; i < x.length; i++) {
                            x[i] = (float) data.nextGaussian();
                        }
                        for (int i = 0; i < batch; i++) {
                            labels[i] = data.nextInt(5);
                        }
                        a.run(x, labels, batch, 0.05f);
                        b.run(x, labels, batch, 0.05f);
                        for (int l = 0; l < fused.layers().size(); l++) {
                            assertArrayEquals(plain.lastOutput(l), fused.lastOutput(l), "layer " + l + ", step " + step);
                        }
                    }
                });
                for (int p = 0; p < fused.parameters().size(); p++) {
                    assertArrayEquals(plain.parameters().get(p).value(), fused.parameters().get(p).value(), "parameter " + p);
                    assertArrayEquals(plain.parameters().get(p).grad(), fused.parameters().get(p).grad(), "gradient " + p);
                }
                float[] evalFused = fused.forward(x, batch, false).clone();
                assertArrayEquals(plain.forward(x, batch, false), evalFused, "evaluation");
            }
        }
    }

    /**
     * With dropout, the fused pass stores neither the ReLU's output nor the mask (the backward pass
     * needs only the dropout's output); a caller that asks for them still gets what the layers'
     * own code would have: the ReLU's output through {@code lastOutput}, and the mask through the
     * dropout layer's own backward pass, which draws it again.
     */
    @Test
    void whatTheFusedPassDoesNotStoreIsMadeWhenAskedFor() {
        Mlp shape = new Mlp(new int[] {20, 48, 5}, "relu", 0f, new float[] {0.4f}, new HeNormal());
        Sequential fused = shape.build(new SplittableRandom(6));
        List<Layer> wrapped = new ArrayList<>();
        for (Layer l : shape.build(new SplittableRandom(6)).layers()) {
            wrapped.add(new Plain(l));
        }
        Sequential plain = new Sequential(20, wrapped);
        SplittableRandom data = new SplittableRandom(9);
        int batch = 7;
        float[] x = new float[batch * 20];
        float[] dy = new float[batch * 48];
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) data.nextGaussian();
            }
            for (int i = 0; i < dy.length; i++) {
                dy[i] = (float) data.nextGaussian();
            }
            fused.forward(x, batch, true);
            plain.forward(x, batch, true);
            assertArrayEquals(plain.lastOutput(1), fused.lastOutput(1), "the ReLU's output, step " + step);
            assertArrayEquals(plain.lastOutput(2), fused.lastOutput(2), "the dropout's output, step " + step);
            assertArrayEquals(plain.layers().get(2).backward(dy, batch, true), fused.layers().get(2).backward(dy, batch, true),
                    "the dropout's backward pass (its mask), step " + step);
            assertArrayEquals(plain.layers().get(1).backward(dy, batch, true), fused.layers().get(1).backward(dy, batch, true),
                    "the ReLU's backward pass, step " + step);
        }
    }
}
