package dev.knobs.search.run;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.nn.io.Json;
import dev.knobs.search.strategy.TrialSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trials that train nothing: a known function of the knobs stands in for the validation accuracy,
 * so that a strategy can be checked exactly and in milliseconds.
 *
 * <pre>
 *   accuracy = 0.95 - 0.1 · Σ (x - target)²  - 0.05 / epochs
 * </pre>
 * over the knobs with a target, where {@code x} is the knob's value (the first number of a list)
 * and {@code epochs} the trial's budget (1 when it has none): closer to the targets is better, and
 * a larger budget adds a little, the same for everyone, as training longer would.
 *
 * <p>Each trial still leaves a run folder with a {@code result.json}, as a lesson run would.
 *
 * @param targets     the best value of each knob
 * @param alwaysCrash a trial number whose program always throws (0: none), to check retries and failures
 */
public record SyntheticTrials(Map<String, Double> targets, int alwaysCrash) implements TrialWork {

    /** The known function. */
    public double accuracy(Map<String, String> knobs, int epochs) {
        double loss = 0;
        for (Map.Entry<String, Double> t : targets.entrySet()) {
            String v = knobs.get(t.getKey());
            if (v != null) {
                double x = Double.parseDouble(v.split("[,|]")[0].strip());
                loss += (x - t.getValue()) * (x - t.getValue());
            }
        }
        return 0.95 - 0.1 * loss - 0.05 / Math.max(1, epochs);
    }

    @Override
    public TrialRun run(TrialSpec spec, Path out) {
        if (spec.trial() == alwaysCrash) {
            throw new IllegalStateException("synthetic crash of trial " + spec.trial());
        }
        double a = accuracy(spec.knobs(), spec.epochs());
        LessonResult result = new LessonResult("synthetic", "A known function of the knobs", "smoke", a, 0,
                "synthetic", Map.of(), List.of(), List.of(), null, out.getFileName().toString(), spec.knobs(),
                List.copyOf(spec.knobs().keySet()), new LessonResult.Chosen(spec.label(), a, a, List.of()), null);
        Json.write(out.resolve("result.json"), result);
        return new TrialRun(0, "synthetic trial " + spec.trial() + " rung " + spec.rung() + ": accuracy " + a + "\n");
    }

    @Override
    public double validationAccuracy(Path folder) {
        LessonResult r = Json.read(folder.resolve("result.json"), LessonResult.class);
        return r.chosen().validationAccuracy();
    }

    @Override
    public double testAccuracy(Path folder) {
        LessonResult r = Json.read(folder.resolve("result.json"), LessonResult.class);
        return r.testAccuracy();
    }
}
