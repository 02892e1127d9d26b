package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.TextTable;
import dev.knobs.tribuo.data.MnistLoader;
import dev.knobs.tribuo.onnx.OnnxParity;
import dev.knobs.tribuo.onnx.PixelModelExporter;
import dev.knobs.nn.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Lesson 12 with Tribuo: one final recipe trained on all 60,000 training images, evaluated once
 * on the test set, exported to ONNX ({@code model.onnx}, 784 raw pixels in, 10 probabilities out)
 * and checked with ONNX Runtime on every test image. Two instances: {@code mlp-best} (no
 * augmentation, target 98.5%) and {@code mlp-augmented} (elastic and affine augmentation,
 * target 99.0%). The recipes were chosen in the other experiments, on validation data; these
 * runs have no validation split and choose nothing.
 */
public final class FinalExperiment implements Experiment {
    private final String name;
    private final String title;
    private final double target;
    private final String summary;
    /** The dropout this recipe uses, as {@link FinalChoiceExperiment} labels it, or null when no experiment chose it. */
    private final String choice;

    private FinalExperiment(String name, String title, double target, String summary, String choice) {
        this.name = name;
        this.title = title;
        this.target = target;
        this.summary = summary;
        this.choice = choice;
    }

    /** The recipe without augmentation ({@code configs/mlp-best.xml}). */
    public static FinalExperiment best() {
        return new FinalExperiment("mlp-best", "The best MLP with Tribuo, no augmentation", 0.985,
                "the final recipe without augmentation on all 60,000 images (target 98.5%), exported to ONNX", null);
    }

    /** The recipe with augmentation ({@code configs/mlp-augmented.xml}). */
    public static FinalExperiment augmented() {
        return new FinalExperiment("mlp-augmented", "The best MLP with Tribuo, augmented", 0.99,
                "the final recipe with elastic + affine augmentation (target 99.0%), exported to ONNX",
                "input 0.1, hidden 0.3");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String mirrors() {
        return "12 (extra)";
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public double run(Lesson lesson, MnistLoader loader) throws Exception {
        Sweeps.Plan plan = new Sweeps.Plan(name, 0, 1, 0);
        lesson.section("1. The configuration: " + name + ".xml");
        ExperimentConfig config = Sweeps.configure(lesson, plan);
        Sweep sweep = config.sweep();
        Sweeps.list(lesson, config, sweep);
        if (choice != null) {
            citeChoice(lesson);
        }

        lesson.section("2. The data: all training images" + (lesson.mode() == Mode.SMOKE ? " (smoke: the first 2,000)" : ""));
        MnistLoader.TrainTest data = Sweeps.data(lesson, loader, config, 0);

        lesson.section("3. Training");
        RunResult run = Runs.train(lesson, config, sweep.runs().get(0), sweep.label(0), data);
        if (run.diverged() != null) {
            throw new IllegalStateException(run.diverged());
        }
        Report.curves(lesson, "curves", sweep.label(0), Map.of(sweep.label(0), run.history()));

        lesson.section("4. Tribuo's evaluation on the 10,000 test images");
        Sweeps.describeChosen(lesson, run);

        lesson.section("5. ONNX export, checked with ONNX Runtime on every test image");
        Path file = lesson.file("model.onnx");
        PixelModelExporter.save(PixelModelExporter.fromTribuo(run.model(), 28, 28, "dev.knobs.mnist", 1), file);
        OnnxParity.Result parity = OnnxParity.pixelModel(file, run.model(), data.test(), 28, 28);
        boolean provenance = parity.provenance().map(p -> p.equals(run.model().getProvenance())).orElse(false);
        lesson.out().printf(Locale.ROOT, "model.onnx: %,d bytes; ONNX Runtime agrees on %d of %d test images, largest "
                        + "probability difference %.2e, mean %.2e; Tribuo provenance read back from the metadata: %s%n",
                java.nio.file.Files.size(file), parity.agreements(), parity.examples(), parity.maxAbsDifference(),
                parity.meanAbsDifference(), provenance ? "identical" : "different");
        lesson.metric("onnx_agreement", (double) parity.agreements() / parity.examples());
        lesson.metric("onnx_max_probability_difference", parity.maxAbsDifference());
        lesson.metric("onnx_mean_probability_difference", parity.meanAbsDifference());
        lesson.metric("onnx_provenance_identical", provenance ? 1 : 0);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("examples", parity.examples());
        json.put("agreements", parity.agreements());
        json.put("maxAbsDifference", parity.maxAbsDifference());
        json.put("meanAbsDifference", parity.meanAbsDifference());
        json.put("onnxRuntimeSeconds", parity.seconds());
        json.put("provenanceIdentical", provenance);
        lesson.json("onnx-parity", json);

        lesson.section("6. Summary");
        TextTable summaryTable = new TextTable(title, "recipe", "epochs", "parameters", "test accuracy", "test errors",
                "target", "training time", "ONNX agreement");
        int errors = (int) Math.round((1 - run.testAccuracy()) * data.test().size());
        summaryTable.row(run.mlp().architecture() + ", " + sweep.label(0), run.history().size(),
                String.format(Locale.ROOT, "%,d", run.mlp().parameterCount()), pct(run.testAccuracy()), errors,
                pct(target) + (run.testAccuracy() >= target ? " (reached)" : " (not reached)"),
                String.format(Locale.ROOT, "%.0f s", run.trainSeconds()),
                parity.agreements() + "/" + parity.examples());
        lesson.table(summaryTable);
        lesson.metric("target", target);
        lesson.metric("target_reached", run.testAccuracy() >= target ? 1 : 0);
        lesson.headline(String.format(Locale.ROOT, "%s: %s trained by Tribuo reaches %.2f%% test accuracy (%d errors; target "
                        + "%.1f%% %s) in %.0f s; its ONNX export agrees with it on %d of %d test images (largest "
                        + "probability difference %.1e).", title, run.mlp().architecture(), 100 * run.testAccuracy(), errors,
                100 * target, run.testAccuracy() >= target ? "reached" : "not reached", run.trainSeconds(),
                parity.agreements(), parity.examples(), parity.maxAbsDifference()));
        return run.testAccuracy();
    }

    /**
     * Says which choice this recipe rests on: the outcome {@code final-choice} recorded in its output
     * folder next to this one, and whether it is the dropout used here. The choice is not remade
     * here (three 40-epoch runs, about half an hour); without its output, the command that remakes it.
     */
    private void citeChoice(Lesson lesson) {
        Path file = lesson.outputDir().toAbsolutePath().getParent().resolve("final-choice")
                .resolve(FinalChoiceExperiment.CHOICE + ".json");
        if (!Files.isRegularFile(file)) {
            lesson.out().printf("the dropout '%s' was chosen on 5,000 held-out images by final-choice, whose output is "
                    + "not here (%s); remake the choice with: mvn -pl tribuo-port exec:java -Dexec.args=final-choice "
                    + "(about 30 minutes in standard mode)%n", choice, file.getParent());
            lesson.metric("choice_on_record", 0);
            return;
        }
        Map<?, ?> recorded = Json.read(file, Map.class);
        Object chosen = recorded.get("chosen");
        if ("smoke".equals(recorded.get("mode"))) {
            lesson.out().printf("final-choice's output here is a smoke run (it chose '%s' after seconds on 2,000 images), "
                    + "not a choice to rest on; this recipe uses '%s', chosen by its standard run; remake that with: "
                    + "mvn -pl tribuo-port exec:java -Dexec.args=final-choice%n", chosen, choice);
            lesson.metric("choice_on_record", 0);
            return;
        }
        boolean agrees = choice.equals(chosen);
        lesson.out().printf(Locale.ROOT, "final-choice (%s mode) chose '%s' on its held-out images (validation accuracy "
                        + "%s); this recipe uses '%s': %s%n", recorded.get("mode"), chosen,
                recorded.get("validationAccuracy") instanceof Number v ? pct(v.doubleValue()) : "?", choice,
                agrees ? "the same" : "DIFFERENT: update mlp-augmented.xml to the new choice, or rerun final-choice");
        lesson.metric("choice_on_record", 1);
        lesson.metric("choice_agrees", agrees ? 1 : 0);
    }

    private static String pct(double fraction) {
        return Report.pct(fraction);
    }
}
