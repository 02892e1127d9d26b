package dev.knobs.tribuo.experiments;

import dev.knobs.lessons.common.Lesson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the augmented final recipe of lesson 12 was chosen: three dropout settings for the
 * 1024-1024 network with elastic and affine augmentation, each trained for 40 epochs on 55,000
 * images and compared on the 5,000 held out ({@code configs/final-choice.xml}). Augmentation
 * already regularises, so the dropout that suits the original images may be too much here; the
 * winner is the recipe of {@code mlp-augmented}, which then trains on all 60,000 images.
 *
 * <p>Standard mode takes about half an hour on two cores (three runs of 40 epochs); it is not
 * part of the standard set.
 */
public final class FinalChoiceExperiment extends SweepExperiment {

    public FinalChoiceExperiment() {
        super(new Sweeps.Plan("final-choice", 0, 1, 0));
    }

    @Override
    public String title() {
        return "Choosing the augmented final recipe with Tribuo";
    }

    @Override
    public String mirrors() {
        return "12 (extra)";
    }

    @Override
    public String summary() {
        return "dropout for the augmented 1024-1024 network, chosen on 5,000 held-out images (about 30 minutes)";
    }

    /** The JSON file ({@code choice.json}) that {@code mlp-augmented} reads to cite this choice (see {@link FinalExperiment}). */
    static final String CHOICE = "choice";

    /**
     * Records the outcome in {@code choice.json}: the chosen label, its validation and test
     * accuracy and the mode, so that the final recipe can say which choice it rests on.
     */
    @Override
    void extras(Lesson lesson, Sweeps.Outcome outcome) throws IOException {
        RunResult chosen = outcome.chosen();
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("chosen", chosen.label());
        choice.put("validationAccuracy", chosen.validationAccuracy());
        choice.put("testAccuracy", chosen.testAccuracy());
        choice.put("mode", lesson.mode().name().toLowerCase(Locale.ROOT));
        lesson.json(CHOICE, choice);
    }

    @Override
    String headline(Sweeps.Outcome outcome) {
        RunResult chosen = outcome.chosen();
        return String.format(Locale.ROOT, "With augmentation, dropout '%s' is chosen on 5,000 held-out images (%.2f%% "
                + "validation accuracy after 40 epochs on 55,000); it reaches %.2f%% on the test set.", chosen.label(),
                100 * chosen.validationAccuracy(), 100 * chosen.testAccuracy());
    }
}
