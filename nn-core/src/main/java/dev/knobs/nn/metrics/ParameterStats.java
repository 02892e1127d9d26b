package dev.knobs.nn.metrics;

import dev.knobs.nn.kernel.Ops;
import dev.knobs.nn.layer.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Sizes of parameters, their gradients and their updates.
 *
 * <p>The update:weight ratio {@code ‖Δw‖ / ‖w‖} of one step is a quick check of the learning
 * rate (Karpathy, CS231n notes): around 1e-3 is healthy; 1e-5 means the layer barely learns;
 * 1e-1 means each step rewrites a tenth of the weights, usually too much.
 *
 * @param name         e.g. {@code layer 1 W}
 * @param weightNorm   ‖w‖ (Euclidean norm of all entries)
 * @param gradientNorm ‖g‖
 * @param updateRatio  ‖Δw‖ / ‖w‖ of the last step, or NaN if not measured
 */
public record ParameterStats(String name, double weightNorm, double gradientNorm, double updateRatio) {

    /** A copy of every parameter value, taken just before a step, for {@link #after}. */
    public static List<float[]> snapshot(List<Parameter> parameters) {
        List<float[]> copies = new ArrayList<>();
        for (Parameter p : parameters) {
            copies.add(p.value().clone());
        }
        return copies;
    }

    /**
     * Norms of weights and gradients, and the update ratio against {@code before} (a
     * {@link #snapshot} from before the step; null to skip the ratio).
     */
    public static List<ParameterStats> after(List<Parameter> parameters, List<float[]> before) {
        List<ParameterStats> out = new ArrayList<>();
        int layer = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            if (p.isWeight()) {
                layer++;
            }
            double w = Math.sqrt(Ops.sumOfSquares(p.size(), p.value()));
            double g = Math.sqrt(Ops.sumOfSquares(p.size(), p.grad()));
            double ratio = Double.NaN;
            if (before != null) {
                double d = 0;
                float[] old = before.get(i);
                for (int j = 0; j < p.size(); j++) {
                    double diff = p.value()[j] - old[j];
                    d += diff * diff;
                }
                ratio = w == 0 ? Double.NaN : Math.sqrt(d) / w;
            }
            out.add(new ParameterStats("layer " + Math.max(layer, 1) + " " + p.name(), w, g, ratio));
        }
        return out;
    }
}
