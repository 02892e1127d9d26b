package dev.knobs.nn.schedule;

/**
 * Inverse-time decay: {@code η(t) = η₀ / (1 + k·t)}.
 *
 * <p>The rate falls like {@code 1/t}, the schedule under which stochastic gradient descent
 * provably converges on convex problems (Robbins and Monro 1951): the steps shrink, yet their
 * sum still diverges, so the optimiser can reach any point.
 */
public record InverseTimeDecay(float initial, float k) implements LearningRateSchedule {

    public InverseTimeDecay {
        LearningRateSchedule.checkRate("initial learning rate", initial);
        if (!(k >= 0f) || !Float.isFinite(k)) {
            throw new IllegalArgumentException("inverse-time decay k must be a finite number >= 0, got " + k);
        }
    }

    @Override
    public float rate(int step) {
        return initial / (1f + k * step);
    }

    @Override
    public String name() {
        return "inverse_time(" + initial + ", k=" + k + ")";
    }
}
